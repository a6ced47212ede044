package users

import "testing"

func TestParseMechanismAndChecks(t *testing.T) {
	if m, err := ParseMechanism("scram-sha-256"); err != nil || m != SHA256 {
		t.Errorf("ParseMechanism = %q, %v", m, err)
	}
	for _, bad := range []string{"", "PLAIN", "SCRAM-SHA-1"} {
		if _, err := ParseMechanism(bad); err == nil {
			t.Errorf("mechanism %q accepted", bad)
		}
	}
	for n, ok := range map[int]bool{4095: false, 4096: true, 16384: true, 16385: false} {
		if (CheckIterations(n) == nil) != ok {
			t.Errorf("CheckIterations(%d) ok = %v", n, !ok)
		}
	}
	for name, ok := range map[string]bool{"alice": true, "a b": true, "": false, " alice": false, "al\x01ice": false} {
		if (CheckName(name) == nil) != ok {
			t.Errorf("CheckName(%q) ok = %v", name, !ok)
		}
	}
}
