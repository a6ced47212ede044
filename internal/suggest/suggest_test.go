package suggest

import "testing"

func TestNearest(t *testing.T) {
	topics := []string{"router", "orders", "payments"}
	for in, want := range map[string]string{
		"routr":    "router",
		"router":   "router",
		"ordres":   "orders",
		"paymnets": "payments",
		"zzz":      "",
		"":         "",
	} {
		if got := Nearest(in, topics); got != want {
			t.Errorf("Nearest(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Nearest("x", nil); got != "" {
		t.Errorf("Nearest with no candidates = %q", got)
	}
	if got := Nearest("retention.mss", []string{"retention.ms", "retention.bytes"}); got != "retention.ms" {
		t.Errorf("Nearest config key = %q", got)
	}
}
