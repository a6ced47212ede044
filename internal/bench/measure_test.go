package main

import (
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// The test binary is also the wrapper (measure re-executes
// os.Executable) and the child that allocates.
func TestMain(m *testing.M) {
	if len(os.Args) > 2 && os.Args[1] == wrapMode {
		os.Exit(wrapMain(os.Args[2:]))
	}
	if len(os.Args) > 2 && os.Args[1] == "alloc-mib" {
		n, _ := strconv.Atoi(os.Args[2])
		// The kernel faults the pages in (MAP_POPULATE): no Go code
		// touches them, so the race detector's shadow adds nothing.
		_, err := syscall.Mmap(-1, 0, n<<20, syscall.PROT_READ|syscall.PROT_WRITE,
			syscall.MAP_ANON|syscall.MAP_PRIVATE|syscall.MAP_POPULATE)
		if err != nil {
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// touch allocates n MiB and writes every page, so all of it is resident.
func touch(n int) []byte {
	b := make([]byte, n<<20)
	for i := 0; i < len(b); i += 4096 {
		b[i] = 1
	}
	return b
}

// wrapperRSS bounds what a measured command inherits from the wrapper:
// its own peak before it starts the command (a race-enabled test binary
// is the largest wrapper measured here).
const wrapperRSS = 48 << 20

// bigParent makes this process's resident set far above anything measured
// below, so a figure that included it would stand out.
func bigParent(t *testing.T) []byte {
	const parent = 256
	b := touch(parent)
	direct := exec.Command("/bin/true")
	if err := direct.Run(); err != nil {
		t.Fatal(err)
	}
	t.Logf("/bin/true started directly from a %d MiB parent: maxrss %d MiB (the parent's, folded in at exec)",
		parent, direct.ProcessState.SysUsage().(*syscall.Rusage).Maxrss>>10)
	return b
}

func TestMeasureIsTheCommandsOwnPeak(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("maxrss in bytes and CLONE_VM children are Linux's")
	}
	b := bigParent(t)
	s, err := measure("", "/bin/true")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("/bin/true through the wrapper: %s", mib(s.maxRSS))
	if s.maxRSS <= 0 || s.maxRSS > wrapperRSS {
		t.Errorf("/bin/true from a big parent: peak RSS %s, want above 0 and at most the wrapper's %s", mib(s.maxRSS), mib(wrapperRSS))
	}
	const n = 100
	s, err = measure("", os.Args[0], "alloc-mib", strconv.Itoa(n))
	if err != nil {
		t.Fatal(err)
	}
	if lo, hi := int64(n<<20), int64(n<<20+wrapperRSS); s.maxRSS < lo || s.maxRSS > hi {
		t.Errorf("a child that maps %d MiB: peak RSS %s, want %s to %s", n, mib(s.maxRSS), mib(lo), mib(hi))
	}
	t.Logf("a child that maps %d MiB through the wrapper: %s", n, mib(s.maxRSS))
	if s.wall <= 0 || s.cpu <= 0 {
		t.Errorf("a child that maps %d MiB: wall %v, CPU %v, want both above 0", n, s.wall, s.cpu)
	}
	runtime.KeepAlive(b)
}

func TestMeasureReportsTheCommandsFailure(t *testing.T) {
	_, err := measure("", "sh", "-c", "echo no such topic >&2; exit 3")
	if err == nil || !strings.Contains(err.Error(), "exit status 3") || !strings.Contains(err.Error(), "no such topic") {
		t.Fatalf("err = %v, want the command's exit status and stderr", err)
	}
}

func TestMeasurePassesStdin(t *testing.T) {
	in := t.TempDir() + "/in"
	if err := os.WriteFile(in, []byte("line\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// grep exits 1 when its stdin lacks the line.
	if _, err := measure(in, "grep", "-q", "^line$"); err != nil {
		t.Fatal(err)
	}
	if _, err := measure(in, "grep", "-q", "^other$"); err == nil {
		t.Fatal("grep found a line that stdin lacks: stdin did not reach the command")
	}
}
