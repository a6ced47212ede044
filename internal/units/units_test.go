package units

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

func TestFormatBytes(t *testing.T) {
	for n, want := range map[int64]string{
		0:             "0 bytes",
		1:             "1 byte",
		512:           "512 bytes",
		1023:          "1023 bytes",
		1024:          "1 KB",
		1535:          "1 KB",
		1536:          "2 KB",
		12 * 1024:     "12 KB",
		1024*1024 - 1: "1,024 KB",
		1024 * 1024:   "1.00 MB",
		1536 * 1024:   "1.50 MB",
		2 << 30:       "2.00 GB",
		31 << 40 / 10: "3.10 TB",
	} {
		if got := FormatBytes(n); got != want {
			t.Errorf("FormatBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestFormatDuration(t *testing.T) {
	day := 24 * time.Hour
	for d, want := range map[time.Duration]string{
		36 * time.Hour:         "36 hours",
		7 * day:                "7 days",
		day:                    "24 hours",
		47 * time.Hour:         "47 hours",
		48 * time.Hour:         "2 days",
		time.Hour:              "1 hour",
		90 * time.Minute:       "1.5 hours",
		30 * time.Minute:       "30 minutes",
		time.Second:            "1 second",
		500 * time.Millisecond: "500 milliseconds",
		14 * day:               "2 weeks",
		15 * day:               "15 days",
		10 * day:               "10 days",
	} {
		if got := FormatDuration(d); got != want {
			t.Errorf("FormatDuration(%v) = %q, want %q", d, got, want)
		}
	}
	if FormatMillis(-1) != "unlimited" || FormatMillis(604800000) != "7 days" {
		t.Errorf("FormatMillis: %q %q", FormatMillis(-1), FormatMillis(604800000))
	}
}

func TestParseDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"36h":        36 * time.Hour,
		"10d":        240 * time.Hour,
		"2 weeks":    14 * 24 * time.Hour,
		"1w":         7 * 24 * time.Hour,
		"1.5h":       90 * time.Minute,
		"86400000":   24 * time.Hour,
		"500ms":      500 * time.Millisecond,
		"30 Minutes": 30 * time.Minute,
		" 1 day ":    24 * time.Hour,
		"45s":        45 * time.Second,
		"1 hr":       time.Hour,
	} {
		got, err := ParseDuration(in)
		if err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "abc", "0", "-5h", "0h", "0.0001", "5 fortnights", "h", "1.2.3h", ".", "1e3", "99999999999999w", "NaN", "Inf"} {
		if d, err := ParseDuration(bad); err == nil {
			t.Errorf("ParseDuration(%q) = %v, want an error", bad, d)
		}
	}
}

func TestFormatInt(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0", 7: "7", 999: "999", 1000: "1,000", 1234567: "1,234,567", -1234: "-1,234", -100: "-100",
		math.MaxInt64: "9,223,372,036,854,775,807",
	} {
		if got := FormatInt(n); got != want {
			t.Errorf("FormatInt(%d) = %q, want %q", n, got, want)
		}
	}
	for r, want := range map[float64]string{0: "0", 0.25: "0.3", 9.94: "9.9", 10.4: "10", 1234.5: "1,235"} {
		if got := FormatRate(r); got != want {
			t.Errorf("FormatRate(%v) = %q, want %q", r, got, want)
		}
	}
}

// FuzzParseDuration checks that ParseDuration never panics, that what it
// accepts is positive and whole milliseconds, that a whole number of a
// unit parses to exactly that, and that formatting an accepted value
// parses back to within the formatter's rounding.
func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"36h", "10d", "2 weeks", "1.5h", "86400000", "0", "-5h", "abc", "", "1e9w", "99999999999999999999", ".5s", "1.", "3 hrs"} {
		f.Add(s, uint32(36), "h")
	}
	units := make([]string, 0, len(unitNames))
	for u := range unitNames {
		units = append(units, u)
	}
	sort.Strings(units) // map order would make failures irreproducible
	f.Fuzz(func(t *testing.T, s string, n uint32, unit string) {
		var d time.Duration
		var err error
		kafkatest.AllocBound(t, kafkatest.InputBound(len(s)), "ParseDuration", func() { d, err = ParseDuration(s) })
		if err == nil {
			if d <= 0 || d%time.Millisecond != 0 {
				t.Fatalf("ParseDuration(%q) = %v: not positive whole milliseconds", s, d)
			}
			back, err := ParseDuration(FormatDuration(d))
			if err != nil {
				t.Fatalf("ParseDuration(FormatDuration(%v) = %q): %v", d, FormatDuration(d), err)
			}
			if diff := (back - d).Abs(); diff > d/100+time.Millisecond {
				t.Fatalf("round trip of %v via %q gave %v", d, FormatDuration(d), back)
			}
		}
		// A whole number of a unit, in any spelling and spacing.
		u := units[int(n)%len(units)]
		if unit != "" {
			u = strings.ToUpper(u)
		}
		num := int64(n%100000) + 1
		in := strconv.FormatInt(num, 10) + strings.Repeat(" ", int(n%2)) + u
		got, err := ParseDuration(in)
		if want := time.Duration(num) * unitNames[strings.ToLower(u)]; err != nil || got != want {
			t.Fatalf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	})
}
