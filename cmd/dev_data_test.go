package cmd

import (
	"os"
	"runtime"
	"strings"
	"testing"
)

// An unwritable --data directory is one line that names the path once and
// says "permission denied" once, not kfake's joined error per state file.
func TestDevDataUnwritableIsOneLine(t *testing.T) {
	t.Parallel()
	// sysfs refuses new files with EACCES even to root, so this needs no
	// chmod that root would ignore.
	dir := "/sys/kernel"
	if runtime.GOOS != "linux" {
		t.Skip("needs Linux sysfs")
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no /sys/kernel")
	}
	r := run(t, runOpts{}, "dev", "--data", dir, "--port", "0")
	wantCode(t, r, 1)
	wantOneLineError(t, r, "cannot write to "+dir)
	for word, want := range map[string]int{dir: 1, "permission denied": 1} {
		if got := strings.Count(r.Stderr, word); got != want {
			t.Errorf("%q appears %d times, want %d: %s", word, got, want, r.Stderr)
		}
	}
	if len(r.Stderr) > 200 {
		t.Errorf("error is %d characters long: %s", len(r.Stderr), r.Stderr)
	}
}
