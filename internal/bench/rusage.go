package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Peak RSS through a wrapper process. Go starts children with
// clone(CLONE_VM|CLONE_VFORK): until exec the child runs in its parent's
// address space, and the kernel folds that address space's high-water mark
// into the child's maxrss at exec. So every command the bench waited for
// reported at least the bench's own peak (85 MiB once the scale suite had
// seeded 5,000 topics, kcat's 18 MiB included). A fresh process, the bench
// binary re-executed in wrapMode before it has done anything, starts the
// command instead and reports its rusage: the command then inherits only
// the wrapper's own small high-water mark (wrapperRSS in measure_test.go
// bounds it), which counts only where a command's own peak is below it.
const wrapMode = "measure-child"

// wrapFD is the wrapper's report pipe: the command's stdout and stderr
// are passed through untouched.
const wrapFD = 3

// wrapMain is wrapMode: bench measure-child ARGV... runs ARGV with the
// wrapper's stdin, stdout and stderr and writes "wall_ns cpu_ns maxrss_kb"
// to fd 3. It exits with the command's status.
func wrapMain(argv []string) int {
	report := os.NewFile(wrapFD, "report")
	if len(argv) == 0 || report == nil {
		fmt.Fprintf(os.Stderr, "bench %s: usage: bench %s ARGV... with a report pipe on fd %d\n", wrapMode, wrapMode, wrapFD)
		return 2
	}
	syscall.CloseOnExec(wrapFD) // the command must not hold the pipe open
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return max(exit.ExitCode(), 1)
	case err != nil:
		fmt.Fprintf(os.Stderr, "bench %s: %v\n", wrapMode, err)
		return 1
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu := ru.Utime.Nano() + ru.Stime.Nano()
	if _, err := fmt.Fprintf(report, "%d %d %d\n", wall.Nanoseconds(), cpu, ru.Maxrss); err != nil {
		fmt.Fprintf(os.Stderr, "bench %s: writing the report: %v\n", wrapMode, err)
		return 1
	}
	return 0
}

// wrapped starts cmd (already set up with its argv, stdin, stdout and
// stderr) under the wrapper and returns the command's own figures.
func wrapped(cmd *exec.Cmd) (sample, error) {
	self, err := os.Executable()
	if err != nil {
		return sample{}, err
	}
	cmd.Args = append([]string{self, wrapMode}, cmd.Args...)
	cmd.Path = self
	r, w, err := os.Pipe()
	if err != nil {
		return sample{}, err
	}
	defer r.Close()
	cmd.ExtraFiles = []*os.File{w} // fd 3 in the wrapper
	err = cmd.Start()
	w.Close() // else the read below never sees EOF
	if err != nil {
		return sample{}, err
	}
	out, readErr := io.ReadAll(r)
	if err := cmd.Wait(); err != nil {
		return sample{}, err
	}
	if readErr != nil {
		return sample{}, readErr
	}
	return parseReport(string(out))
}

func parseReport(s string) (sample, error) {
	f := strings.Fields(s)
	if len(f) != 3 {
		return sample{}, fmt.Errorf("the %s wrapper reported %q", wrapMode, s)
	}
	var n [3]int64
	for i := range n {
		v, err := strconv.ParseInt(f[i], 10, 64)
		if err != nil {
			return sample{}, fmt.Errorf("the %s wrapper reported %q: %w", wrapMode, s, err)
		}
		n[i] = v
	}
	return sample{wall: time.Duration(n[0]), cpu: time.Duration(n[1]), maxRSS: n[2] * 1024}, nil
}
