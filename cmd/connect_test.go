package cmd

import (
	"strings"
	"testing"
)

// wantCleanError checks the error contract for a failed run: the exit
// code, exactly one line on stderr that starts with "Error:" and mentions
// contains, and no colour, stack trace or library log line.
func wantCleanError(t *testing.T, r result, code int, contains string) {
	t.Helper()
	wantCode(t, r, code)
	wantOneLineError(t, r, contains)
	if !strings.HasPrefix(r.Stderr, "Error: ") {
		t.Errorf("stderr does not start with \"Error: \": %q", r.Stderr)
	}
	for _, bad := range []string{"\x1b[", "goroutine ", "panic", ".go:", "[DEBUG]", "[INFO]", "[WARN]", "[ERROR]"} {
		if strings.Contains(r.Stderr, bad) {
			t.Errorf("stderr contains %q: %q", bad, r.Stderr)
		}
	}
}
