package units

import (
	"fmt"
	"strings"
	"time"
)

// ParseTime reads the TIME of an @TIME position: RFC 3339
// ("2026-11-22T10:00:00Z"), a date ("2026-11-22", midnight UTC), a date and
// time without zone ("2026-11-22T10:00", "2026-11-22 10:00", UTC), or a
// negative duration relative to now ("-15m", "-2h", "-1 day").
func ParseTime(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "-") {
		d, err := ParseDuration(s[1:])
		if err != nil {
			return time.Time{}, fmt.Errorf("invalid relative time %q: use a value like -15m or -2h", s)
		}
		// A bare number here means minutes would be a surprise; Heroku's
		// grammar makes it milliseconds, and we keep one grammar.
		return now.Add(-d), nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("invalid time %q: use RFC 3339 (2026-11-22T10:00:00Z), a date (2026-11-22) or a relative time (-15m)", s)
}
