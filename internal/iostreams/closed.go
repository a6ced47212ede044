package iostreams

import (
	"errors"
	"io"
	"io/fs"
	"syscall"
)

// ClosedPipe reports whether err is a write to a stream whose reader went
// away (`kafka list | head -1`). main ignores SIGPIPE so that such a write
// fails instead of killing the process with 141, and cmd.Execute ends the
// command with exit 0, as tail does, so `set -o pipefail` scripts work. A
// broken network connection also reports EPIPE, but as a *net.OpError,
// never as the *fs.PathError of a file write, so it is not mistaken for one.
func ClosedPipe(err error) bool {
	if errors.Is(err, io.ErrClosedPipe) {
		return true
	}
	var pe *fs.PathError
	return errors.As(err, &pe) && errors.Is(pe.Err, syscall.EPIPE)
}
