package kafkatest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// EnvRequireNode=1 turns the skip of a Node interop test into a failure, so
// CI cannot pass without Node and npm.
const EnvRequireNode = "KAFKATEST_REQUIRE_NODE"

// EnvNPMCache names the directory npm packages are installed under
// (default: the user cache dir's kafka-cli-test/npm).
const EnvNPMCache = "KAFKATEST_NPM_CACHE"

// Node runs scripts from dir (a testdata folder holding package.json and
// package-lock.json) with the exact packages of its lock. They are
// installed once per lock, with `npm ci`, into a cache directory outside
// the repository, so no node_modules is committed.
type Node struct {
	modules string // node_modules to resolve require() from
}

// NodeFor installs dir's locked packages, or skips the test with one line
// when node or npm is missing, unless KAFKATEST_REQUIRE_NODE=1.
func NodeFor(t testing.TB, dir string) *Node {
	t.Helper()
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			msg := fmt.Sprintf("Node interop tests need node and npm on PATH (%s not found); set %s=1 to fail instead of skipping", tool, EnvRequireNode)
			if os.Getenv(EnvRequireNode) == "1" {
				t.Fatal(msg)
			}
			t.Skip(msg)
		}
	}
	lock, err := os.ReadFile(filepath.Join(dir, "package-lock.json"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(lock)
	base := os.Getenv(EnvNPMCache)
	if base == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			cache = os.TempDir()
		}
		base = filepath.Join(cache, "kafka-cli-test", "npm")
	}
	target := filepath.Join(base, hex.EncodeToString(sum[:8]))
	if _, err := os.Stat(filepath.Join(target, "node_modules", ".package-lock.json")); err != nil {
		install(t, dir, base, target)
	}
	return &Node{modules: filepath.Join(target, "node_modules")}
}

// install runs npm ci in a fresh directory and renames it into place, so a
// half-done install is never taken for a finished one.
func install(t testing.TB, dir, base, target string) {
	t.Helper()
	if err := os.MkdirAll(base, 0o755); err != nil {
		t.Fatal(err)
	}
	tmp, err := os.MkdirTemp(base, "install-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	for _, f := range []string{"package.json", "package-lock.json"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(tmp, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error")
	cmd.Dir = tmp
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm ci for %s: %v\n%s", dir, err, out)
	}
	if err := os.Rename(tmp, target); err != nil {
		// Another test process may have finished the same install first.
		if _, statErr := os.Stat(filepath.Join(target, "node_modules", ".package-lock.json")); statErr != nil {
			t.Fatal(err)
		}
	}
}

// Run runs `node script` with stdin and returns its stdout; a failure
// fails the test with node's stderr.
func (n *Node) Run(t testing.TB, script string, stdin []byte) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", script)
	cmd.Env = append(os.Environ(), "NODE_PATH="+n.modules)
	cmd.Stdin = bytes.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("node %s: %v\n%s", filepath.Base(script), err, strings.TrimSpace(errOut.String()))
	}
	return out.Bytes()
}
