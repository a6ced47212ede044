package kafka

import (
	"slices"
	"strings"
	"testing"
)

func TestValidateTopicName(t *testing.T) {
	plain := &Config{}
	for _, ok := range []string{"router", "a", "A.b_c-9", "...", ".a", strings.Repeat("x", 249)} {
		if err := plain.ValidateTopicName(ok); err != nil {
			t.Errorf("ValidateTopicName(%q): %v", ok, err)
		}
	}
	for _, tc := range []struct{ name, want string }{
		{"", "must not be empty"},
		{".", "not allowed"},
		{"..", "not allowed"},
		{strings.Repeat("x", 250), "at most 249"},
		{"a/b", `contains '/'`},
		{"a b", `contains ' '`},
		{"naïve", `contains 'ï'`},
		{"a\x00b", "contains"},
	} {
		err := plain.ValidateTopicName(tc.name)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ValidateTopicName(%.20q) = %v, want %q", tc.name, err, tc.want)
		}
	}
	// The prefix counts toward Kafka's limit.
	pre := &Config{Prefix: "colville-77398."}
	if err := pre.ValidateTopicName(strings.Repeat("x", 249-len(pre.Prefix))); err != nil {
		t.Errorf("name that fits with its prefix: %v", err)
	}
	if err := pre.ValidateTopicName(strings.Repeat("x", 250-len(pre.Prefix))); err == nil || !strings.Contains(err.Error(), "with its prefix") {
		t.Errorf("name too long with its prefix: %v", err)
	}
}

func TestValidateGroupName(t *testing.T) {
	for _, ok := range []string{"g", "my group/with:anything", "ü"} {
		if err := ValidateGroupName(ok); err != nil {
			t.Errorf("ValidateGroupName(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"", "a\nb", "a\x7f"} {
		if err := ValidateGroupName(bad); err == nil {
			t.Errorf("ValidateGroupName(%q) accepted", bad)
		}
	}
}

func TestPrefix(t *testing.T) {
	c := &Config{Prefix: "colville-77398."}
	for in, want := range map[string]string{
		"router":                "colville-77398.router",
		"colville-77398.router": "colville-77398.router", // already carries it
		"colville-77398.":       "colville-77398.",
		"colville-77398-router": "colville-77398.colville-77398-router",
		"":                      "colville-77398.",
	} {
		if got := c.WithPrefix(in); got != want {
			t.Errorf("WithPrefix(%q) = %q, want %q", in, got, want)
		}
	}
	if got := c.WithoutPrefix("colville-77398.router"); got != "router" {
		t.Errorf("WithoutPrefix = %q", got)
	}
	if got := c.WithoutPrefix("other.router"); got != "other.router" {
		t.Errorf("WithoutPrefix of a foreign name = %q", got)
	}
	if !c.HasPrefix("colville-77398.router") || c.HasPrefix("other.router") {
		t.Error("HasPrefix")
	}
	if got := c.WithoutPrefix(c.WithPrefix("router")); got != "router" {
		t.Errorf("round trip = %q", got)
	}
	none := &Config{}
	if none.WithPrefix("router") != "router" || none.WithoutPrefix("router") != "router" || !none.HasPrefix("anything") {
		t.Error("empty prefix must change nothing")
	}
}

func TestParsePartitions(t *testing.T) {
	t.Parallel()
	got, err := ParsePartitions("5-7,0, 2,6")
	if err != nil || !slices.Equal(got, []int32{0, 2, 5, 6, 7}) {
		t.Errorf("ParsePartitions = %v, %v", got, err)
	}
	for _, bad := range []string{"", "a", "1,", "-1", "3-1", "1-", "99999999999"} {
		if _, err := ParsePartitions(bad); err == nil {
			t.Errorf("ParsePartitions(%q) accepted", bad)
		}
	}
}
