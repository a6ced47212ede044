//go:build !linux

package iostreams

// echoOff does nothing here: term.ReadPassword turns echo off itself.
func echoOff(int) func() { return func() {} }
