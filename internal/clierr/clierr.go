// Package clierr defines the typed errors commands return and the exit code
// contract they map to. Commands never exit; cmd.Execute maps the error
// returned by a command to its code here, in one place.
//
// It imports nothing of this module, so that every package may use it;
// cmd.Execute is where its errors become exit codes.
package clierr

import (
	"errors"
	"fmt"
)

// Exit codes are a contract with scripts; see README.md.
const (
	CodeOK          = 0
	CodeFailure     = 1 // any other failure, including partial failure
	CodeUsage       = 2 // usage or invalid input, rejected before any request
	CodeNotFound    = 3 // topic or group not found
	CodeAuth        = 4 // TLS, authentication or authorization failure
	CodeUnreachable = 5 // cluster unreachable or timed out
	CodeCheck       = 6 // a --check found a problem
)

// Error is an error with an exit code and, optionally, a hint on what to do.
type Error struct {
	Code int
	Msg  string
	Hint string
	Err  error // the cause, kept for errors.Is/As; never printed raw
}

func (e *Error) Error() string {
	if e.Hint != "" {
		return e.Msg + "; " + e.Hint
	}
	return e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

func newf(code int, format string, args ...any) *Error {
	return &Error{Code: code, Msg: fmt.Sprintf(format, args...)}
}

// Usagef reports invalid input, detected before any request was sent.
func Usagef(format string, args ...any) *Error { return newf(CodeUsage, format, args...) }

// NotFoundf reports a missing topic or group.
func NotFoundf(format string, args ...any) *Error { return newf(CodeNotFound, format, args...) }

// Authf reports a TLS, authentication or authorization failure.
func Authf(format string, args ...any) *Error { return newf(CodeAuth, format, args...) }

// Unreachablef reports a cluster that did not answer in time.
func Unreachablef(format string, args ...any) *Error { return newf(CodeUnreachable, format, args...) }

// Checkf is a --check that found a problem (exit 6).
func Checkf(format string, args ...any) *Error { return newf(CodeCheck, format, args...) }

// Failuref reports any other failure.
func Failuref(format string, args ...any) *Error { return newf(CodeFailure, format, args...) }

// WithHint returns e with a suggestion of what to do next.
func (e *Error) WithHint(format string, args ...any) *Error {
	e.Hint = fmt.Sprintf(format, args...)
	return e
}

// Wrap records cause as the underlying error without printing it.
func (e *Error) Wrap(cause error) *Error {
	e.Err = cause
	return e
}

// ErrSilent is returned by a command that has already reported its failure
// (for example row by row) and only needs exit code 1.
var ErrSilent = &Error{Code: CodeFailure}

// Silent returns an error with the given code that prints nothing more.
func Silent(code int) *Error { return &Error{Code: code} }

// CodeOf returns the exit code for err: its own code if typed, else 1.
func CodeOf(err error) int {
	if err == nil {
		return CodeOK
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeFailure
}
