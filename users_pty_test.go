package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl/scram"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// ttyRun is the built binary running with its stdin, stdout and stderr on
// one pseudo-terminal, as a person at a terminal runs it; out is all it
// printed, which includes whatever the terminal echoed.
type ttyRun struct {
	t    *testing.T
	cmd  *exec.Cmd
	tty  *os.File
	mu   sync.Mutex
	out  bytes.Buffer
	done chan struct{}
}

func startTTY(t *testing.T, args ...string) *ttyRun {
	t.Helper()
	cmd := exec.Command(kafkaBin(t), args...)
	home := t.TempDir()
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+home, "XDG_STATE_HOME="+home, "TERM=xterm-256color", "KAFKA_URL=")
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 120})
	if err != nil {
		t.Fatal(err)
	}
	r := &ttyRun{t: t, cmd: cmd, tty: f, done: make(chan struct{})}
	go func() {
		defer close(r.done)
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			r.mu.Lock()
			r.out.Write(buf[:n])
			r.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		f.Close()
		<-r.done
	})
	return r
}

func (r *ttyRun) text() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.out.String()
}

// waitFor waits until the terminal shows want, then answers with line and
// Enter.
func (r *ttyRun) answer(want, line string) {
	r.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(r.text(), want) {
		if time.Now().After(deadline) {
			r.t.Fatalf("the terminal never showed %q:\n%s", want, r.text())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, err := r.tty.WriteString(line + "\r"); err != nil {
		r.t.Fatal(err)
	}
}

// exit waits for the command to end and returns its exit code and all it
// printed.
func (r *ttyRun) exit() (int, string) {
	r.t.Helper()
	waited := make(chan error, 1)
	go func() { waited <- r.cmd.Wait() }()
	select {
	case <-waited:
	case <-time.After(60 * time.Second):
		r.t.Fatalf("the command did not exit:\n%s", r.text())
	}
	<-r.done // the terminal's last output is read
	return r.cmd.ProcessState.ExitCode(), r.text()
}

// canLogIn reports whether user can log in to c with SCRAM-SHA-512 and
// pass.
func canLogIn(t *testing.T, c *kfake.Cluster, user, pass string) bool {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...),
		kgo.SASL(scram.Auth{User: user, Pass: pass}.AsSha512Mechanism()))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return cl.Ping(ctx) == nil
}

// On a terminal, users create and credentials --reset prompt for the
// password twice on the terminal, read it without echo and never print
// it; the password typed is the one set (the user logs in with it, and
// after the reset only with the new one); two that differ change nothing.
func TestUsersPasswordPromptOnTerminal(t *testing.T) {
	t.Parallel()
	const pw, newPw = "typed-Secret-4711", "typed-N3w-Secret-0815"
	c := kafkatest.NewCluster(t, kfake.NumBrokers(1), kfake.EnableSASL(), kfake.Superuser("SCRAM-SHA-512", "admin", "admin-pw"))
	admin := "kafka+sasl://admin:admin-pw@" + c.ListenAddrs()[0] + "?mechanism=SCRAM-SHA-512"
	noSecrets := func(out string) {
		t.Helper()
		for _, s := range []string{pw, newPw} {
			if strings.Contains(out, s) {
				t.Errorf("the terminal shows the password %q:\n%s", s, out)
			}
		}
	}

	r := startTTY(t, "-b", admin, "users", "create", "alice")
	r.answer("Password for alice: ", pw)
	r.answer("Type it again: ", pw)
	code, out := r.exit()
	noSecrets(out)
	if code != 0 {
		t.Fatalf("users create: exit %d:\n%s", code, out)
	}
	if !canLogIn(t, c, "alice", pw) {
		t.Fatalf("alice cannot log in with the password typed:\n%s", out)
	}

	r = startTTY(t, "-b", admin, "users", "credentials", "alice", "--reset")
	r.answer("Password for alice: ", newPw)
	r.answer("Type it again: ", newPw+"-typo")
	code, out = r.exit()
	noSecrets(out)
	if code != 2 || !strings.Contains(out, "the passwords typed differ; nothing was changed") {
		t.Errorf("reset with differing passwords: exit %d, want 2:\n%s", code, out)
	}
	if !canLogIn(t, c, "alice", pw) {
		t.Fatal("a reset refused changed the password")
	}

	r = startTTY(t, "-b", admin, "users", "credentials", "alice", "--reset")
	r.answer("Password for alice: ", newPw)
	r.answer("Type it again: ", newPw)
	code, out = r.exit()
	noSecrets(out)
	if code != 0 {
		t.Fatalf("credentials --reset: exit %d:\n%s", code, out)
	}
	if canLogIn(t, c, "alice", pw) || !canLogIn(t, c, "alice", newPw) {
		t.Errorf("after the reset, want the old password refused and the new one accepted")
	}
}
