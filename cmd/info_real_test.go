package cmd

import (
	"regexp"
	"strings"
	"testing"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// runReal runs a command against the shared real cluster's PLAINTEXT
// listeners (a super user).
func runReal(t *testing.T, c *kafkatest.RealCluster, args ...string) result {
	t.Helper()
	return run(t, runOpts{}, append([]string{"-b", strings.Join(c.Brokers(), ",")}, args...)...)
}

// On Kafka 3.9 and 4.x info names the release, never "unknown".
func TestRealInfoVersion(t *testing.T) {
	c := kafkatest.Real(t)
	r := runReal(t, c, "info")
	wantCode(t, r, 0)
	m := regexp.MustCompile(`(?m)^Version:\s+(.*)$`).FindStringSubmatch(r.Stdout)
	if m == nil {
		t.Fatalf("no Version line in:\n%s", r.Stdout)
	}
	got := strings.TrimSpace(m[1])
	major := strings.SplitN(c.Version(), ".", 2)[0]
	if got == "unknown" || !strings.HasPrefix(got, major+".") {
		t.Fatalf("Version: %q on Kafka %s", got, c.Version())
	}
}
