package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// screen is the built binary running in a pseudo-terminal: a private tmux
// server (its own -L socket, killed when the test ends) with one window of
// a fixed size, whose text the test reads as a person would see it.
type screen struct {
	t    *testing.T
	sock string
}

// kafkaBin is this test binary under the name kafka, which
// testscript.Main (TestMain) runs as the CLI's main.
func kafkaBin(t *testing.T) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "kafka")
	if err := os.Symlink(exe, bin); err != nil {
		t.Fatal(err)
	}
	return bin
}

// startScreen runs the shell command cmd in a width×height tmux window,
// with env added; when cmd exits the window shows "EXIT=<code>" and stays.
func startScreen(t *testing.T, width, height int, env []string, cmd string) *screen {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux not installed")
	}
	s := &screen{t: t, sock: fmt.Sprintf("kafka-test-%d-%d", os.Getpid(), rand.Uint32())}
	home := t.TempDir()
	full := append([]string{"env", "HOME=" + home, "XDG_CONFIG_HOME=" + home, "XDG_STATE_HOME=" + home, "TERM=xterm-256color"}, env...)
	script := strings.Join(full, " ") + " " + cmd + "; echo EXIT=$?; sleep 3600"
	s.tmux("-f", "/dev/null", "new-session", "-d", "-x", fmt.Sprint(width), "-y", fmt.Sprint(height), script)
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", s.sock, "kill-server").Run() })
	return s
}

func (s *screen) tmux(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", s.sock}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// text is what the window shows now.
func (s *screen) text() string { return s.tmux("capture-pane", "-p") }

// keys types keys, as tmux send-keys names them ("q", "Enter", "Escape").
func (s *screen) keys(keys ...string) { s.tmux(append([]string{"send-keys"}, keys...)...) }

// resize changes the window's size, as a terminal being resized does.
func (s *screen) resize(width, height int) {
	s.tmux("resize-window", "-x", fmt.Sprint(width), "-y", fmt.Sprint(height))
}

// waitFor waits until ok holds for the screen's text, and returns it.
func (s *screen) waitFor(what string, within time.Duration, ok func(string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(within)
	for {
		txt := s.text()
		if ok(txt) {
			return txt
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("screen never showed %s within %s; it shows:\n%s", what, within, txt)
		}
		time.Sleep(50 * time.Millisecond) // polling the screen, not waiting for an effect
	}
}

// waitText waits until the screen shows every one of subs.
func (s *screen) waitText(within time.Duration, subs ...string) string {
	s.t.Helper()
	return s.waitFor(fmt.Sprintf("%q", subs), within, func(txt string) bool {
		for _, sub := range subs {
			if !strings.Contains(txt, sub) {
				return false
			}
		}
		return true
	})
}

// before reports whether a shows above (or left of) b on the screen.
func before(txt, a, b string) bool {
	i, j := strings.Index(txt, a), strings.Index(txt, b)
	return i >= 0 && j >= 0 && i < j
}
