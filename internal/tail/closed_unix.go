//go:build unix

package tail

import (
	"os"

	"golang.org/x/sys/unix"
)

// PipeClosed returns a check that reports whether the reading end of f has
// been closed, for f a pipe; nil otherwise. Writing would tell too, but an
// idle tail writes nothing, and `kafka tail t | head -3` must still end.
func PipeClosed(f *os.File) func() bool {
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		return nil
	}
	fd := int(f.Fd())
	return func() bool {
		// A pipe whose readers are all gone polls as POLLERR.
		fds := []unix.PollFd{{Fd: int32(fd), Events: 0}}
		n, err := unix.Poll(fds, 0)
		return err == nil && n > 0 && fds[0].Revents&(unix.POLLERR|unix.POLLHUP) != 0
	}
}
