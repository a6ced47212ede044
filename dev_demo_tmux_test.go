package main

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestDevDemoOpensTop runs `kafka dev --demo` on a terminal, as the
// README's quick start does: it opens kafka top on its own cluster, says
// how to reach it, shows the slow group lagging with advice, and the x key
// stalls a member of the audit group until its partitions are "stalled".
func TestDevDemoOpensTop(t *testing.T) {
	t.Parallel()
	port, err := freePorts(1)
	if err != nil {
		t.Fatal(err)
	}
	s := startScreen(t, 160, 45, nil, fmt.Sprintf("%s dev --memory --brokers 1 --port %d --registry-port 0 --demo", kafkaBin(t), port))
	url := fmt.Sprintf("export KAFKA_URL=kafka://127.0.0.1:%d", port)
	s.waitText(30*time.Second, "kafka top", url, "metrics", "audit", "lagging", "add up to 7 members")

	s.keys("x")
	s.waitText(5*time.Second, "audit-2 stalled")
	// Statuses are judged over the last samples, 2 s apart: the stall
	// shows once a whole window has seen the commits stand still.
	s.keys("/", "a", "u", "d", "Enter")
	txt := s.waitText(60*time.Second, "stalled", "is not moving")
	if !strings.Contains(txt, "audit") {
		t.Errorf("the stalled group should be audit:\n%s", txt)
	}
	s.keys("Enter")
	txt = s.waitText(10*time.Second, "Group audit", "kafka-dev-demo-audit-2")
	for _, l := range strings.Split(txt, "\n") {
		if strings.Contains(l, "kafka-dev-demo-audit-1") && strings.Contains(l, "stalled") {
			t.Errorf("only audit-2's partitions should stall:\n%s", txt)
			break
		}
	}
	s.keys("q")
	s.waitText(15*time.Second, "Stopped.", "EXIT=0")
}

// TestDevDemoNoUIPrintsBanner: on a terminal, --no-ui keeps today's
// banner, and Ctrl-C stops the cluster with exit 0.
func TestDevDemoNoUIPrintsBanner(t *testing.T) {
	t.Parallel()
	port, err := freePorts(1)
	if err != nil {
		t.Fatal(err)
	}
	s := startScreen(t, 120, 30, nil, fmt.Sprintf("%s dev --memory --brokers 1 --port %d --registry-port 0 --demo --no-ui", kafkaBin(t), port))
	txt := s.waitText(30*time.Second, "=== Kafka dev cluster", "In another terminal:", "kafka consumer-groups metrics", "Press Ctrl-C to stop.")
	if strings.Contains(txt, "kafka top ·") {
		t.Fatalf("--no-ui opened the view:\n%s", txt)
	}
	s.keys("C-c")
	s.waitText(15*time.Second, "Stopped.", "EXIT=0")
}
