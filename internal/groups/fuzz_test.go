package groups

import (
	"fmt"
	"testing"
	"time"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

func FuzzParsePosition(f *testing.F) {
	for _, s := range []string{"earliest", "latest", "1000", "@2026-11-22T10:00:00Z", "@-15m", "shift:-100", "shift:+50", "shift:", "shift:x", "-1", "@", ""} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		kafkatest.AllocBound(t, kafkatest.InputBound(len(s)), fmt.Sprintf("ParsePosition(%q)", s), func() {
			_, _ = ParsePosition(s, now)
		})
	})
}
