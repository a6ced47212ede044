package cmd

import (
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// A config value of the wrong type is refused before any request (a dead
// broker address would otherwise give exit 5), naming key, value and what
// is allowed; nothing is created or changed.
func TestConfigValuesCheckedBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	dead := kafkatest.DeadAddr(t)
	for _, args := range [][]string{
		{"create", "t", "--config", "retention.ms=abc"},
		{"config", "t", "retention.ms=abc"},
		{"config", "t", "cleanup.policy=compacted"},
		{"config", "t", "compression.type=brotli"},
		{"config", "t", "message.timestamp.type=createtime"},
		{"config", "t", "preallocate=yes"},
		{"create", "t", "--config", "min.insync.replicas=0"},
	} {
		r := run(t, runOpts{}, append([]string{"-b", dead, "--timeout", "2s"}, args...)...)
		wantCleanError(t, r, 2, "invalid value")
		wantOneLineError(t, r, args[len(args)-1][:len("retention")])
	}

	c := kafkatest.NewCluster(t, kfake.NumBrokers(1), kfake.SeedTopics(1, "t"))
	wantCode(t, runOn(t, c, "create", "u", "--config", "retention.ms=abc"), 2)
	if got := listNames(t, runOn(t, c, "list", "--json")); len(got) != 1 || got[0] != "t" {
		t.Errorf("topics after a refused create: %v", got)
	}
	wantCode(t, runOn(t, c, "config", "t", "retention.ms=abc"), 2)
	if r := runOn(t, c, "config", "t"); r.Code != 0 || strings.Contains(r.Stdout, "abc") {
		t.Errorf("config t after a refused change:\n%s", r.Stdout)
	}
}
