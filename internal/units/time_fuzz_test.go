package units

import (
	"fmt"
	"testing"
	"time"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2026-11-22", "2026-11-22T10:00:00Z", "2026-11-22T10:00:00.5+02:00", "-15m", "-2 weeks", "-", "", "yesterday", "-99999999999d"} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		kafkatest.AllocBound(t, kafkatest.InputBound(len(s)), fmt.Sprintf("ParseTime(%q)", s), func() {
			if ts, err := ParseTime(s, now); err == nil && ts.IsZero() {
				t.Fatalf("ParseTime(%q) accepted a zero time", s)
			}
		})
	})
}
