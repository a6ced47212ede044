package iostreams

import "golang.org/x/sys/unix"

// echoOff turns the terminal's echo off before the prompt is shown, so a
// password typed as soon as the prompt appears (or typed ahead) is never
// echoed: term.ReadPassword turns echo off only once it starts reading,
// after the prompt. The returned function restores the echo.
func echoOff(fd int) func() {
	t, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		return func() {}
	}
	old := *t
	t.Lflag &^= unix.ECHO
	if unix.IoctlSetTermios(fd, unix.TCSETS, t) != nil {
		return func() {}
	}
	return func() { _ = unix.IoctlSetTermios(fd, unix.TCSETS, &old) }
}
