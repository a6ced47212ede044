package kafka

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

func TestParseURL(t *testing.T) {
	sasl := func(mech, user, pass string) *SASL { return &SASL{Mechanism: mech, Username: user, Password: pass} }
	for _, tc := range []struct {
		in   string
		want Endpoint
	}{
		{"localhost:9092", Endpoint{Brokers: []string{"localhost:9092"}}},
		{" h1:1 , h2:2 ", Endpoint{Brokers: []string{"h1:1", "h2:2"}}},
		{"[::1]:9092", Endpoint{Brokers: []string{"[::1]:9092"}}},
		{"kafka://h1:9092", Endpoint{Brokers: []string{"h1:9092"}}},
		{"kafka://h1:9092/", Endpoint{Brokers: []string{"h1:9092"}}},
		{"kafka+ssl://h1:9096,kafka+ssl://h2:9096", Endpoint{Brokers: []string{"h1:9096", "h2:9096"}, TLS: true}},
		{"KAFKA+SSL://h1:9096", Endpoint{Brokers: []string{"h1:9096"}, TLS: true}},
		{"kafka+sasl://u:p@h:1", Endpoint{Brokers: []string{"h:1"}, SASL: sasl("SCRAM-SHA-512", "u", "p")}},
		{"kafka+sasl_ssl://u:p@h:1", Endpoint{Brokers: []string{"h:1"}, TLS: true, SASL: sasl("SCRAM-SHA-512", "u", "p")}},
		{"kafka+sasl_ssl://u:p@h:1?mechanism=PLAIN", Endpoint{Brokers: []string{"h:1"}, TLS: true, SASL: sasl("PLAIN", "u", "p")}},
		{"kafka+sasl_ssl://u:p@h:1?mechanism=scram-sha-256", Endpoint{Brokers: []string{"h:1"}, TLS: true, SASL: sasl("SCRAM-SHA-256", "u", "p")}},
		{"kafka+sasl_ssl://u:p@h:1/?mechanism=SCRAM-SHA-512", Endpoint{Brokers: []string{"h:1"}, TLS: true, SASL: sasl("SCRAM-SHA-512", "u", "p")}},
		// A bare host list after a URL shares its scheme and credentials.
		{"kafka+sasl_ssl://u:p@h1:1,h2:2", Endpoint{Brokers: []string{"h1:1", "h2:2"}, TLS: true, SASL: sasl("SCRAM-SHA-512", "u", "p")}},
		{"kafka+sasl://u:p@h1:1,kafka+sasl://u:p@h2:2", Endpoint{Brokers: []string{"h1:1", "h2:2"}, SASL: sasl("SCRAM-SHA-512", "u", "p")}},
		// Passwords may hold URL delimiters and escapes.
		{"kafka+sasl://u:p@ss/w#r,d?@h:1", Endpoint{Brokers: []string{"h:1"}, SASL: sasl("SCRAM-SHA-512", "u", "p@ss/w#r,d?")}},
		{"kafka+sasl://us%40er:p%2Fw@h:1", Endpoint{Brokers: []string{"h:1"}, SASL: sasl("SCRAM-SHA-512", "us@er", "p/w")}},
		{"kafka+sasl://u:100%@h:1", Endpoint{Brokers: []string{"h:1"}, SASL: sasl("SCRAM-SHA-512", "u", "100%")}},
		{"kafka+sasl://u@h:1", Endpoint{Brokers: []string{"h:1"}, SASL: sasl("SCRAM-SHA-512", "u", "")}},
	} {
		got, err := ParseURL(tc.in)
		if err != nil {
			t.Errorf("ParseURL(%q): %v", tc.in, err)
			continue
		}
		if !reflect.DeepEqual(*got, tc.want) {
			t.Errorf("ParseURL(%q) = %+v (sasl %+v), want %+v", tc.in, *got, got.SASL, tc.want)
		}
	}
}

func TestParseURLErrors(t *testing.T) {
	const pw = "hunter2-Secret"
	for _, tc := range []struct{ in, want string }{
		{"", "empty"},
		{"  ", "empty"},
		{",", "no broker address"},
		{"kafka+ssl//x", "expected host:port"},
		{"kafka+ssl://host:notaport", `invalid port "notaport"`},
		{"kafka+ssl://host", "expected host:port"},
		{"kafka+ssl://host:0", "invalid port"},
		{"kafka+ssl://host:65536", "invalid port"},
		{"kafka+ssl://:9092", "expected host:port"},
		{"http://host:9092", `unknown scheme "http"`},
		{"h1:1,kafka+ssl://h2:2", "mix schemes"},
		{"kafka://h:1/topic", "unexpected path"},
		{"kafka://h:1?mechanism=PLAIN", "needs kafka+sasl://"},
		{"kafka+ssl://h:1?mech=PLAIN", `unknown parameter "mech"`},
		{"kafka+sasl://h:1", "no user"},
		{"kafka+sasl://u:p@h:1?mechanism=GSSAPI", `"kafka+sasl://xxxxx@h:1?mechanism=GSSAPI": unknown SASL mechanism`},
		{"host:9092/x", "expected host:port"},
		// With credentials in the value, errors show neither them nor
		// anything before the last '@'.
		{"kafka://u:" + pw + "@h:1", `"kafka://xxxxx@h:1": it has credentials but its scheme has no SASL`},
		{"kafka+sasl://u:" + pw + "@h:notaport", `"kafka+sasl://xxxxx@h:notaport": invalid port`},
		{"kafka+sasl://u:" + pw + "@h:1?mechanism=NOPE", "unknown SASL mechanism"},
		{"kafka+sasl://u:" + pw + "@h1:1,kafka+sasl://u:other@h2:1", "different credentials"},
		{"kafka+sasl://u:" + pw + "@h1:1,kafka+ssl://h2:1", "mix schemes"},
		{"foo://u:" + pw + "@h:1", `"xxxxx@h:1": unknown scheme`},
		{"u:" + pw + "@h:1", "expected host:port or scheme://host:port"},
		{"kafka+sasl://u:hunter2,Secret@h:x", "invalid port"},
		{"kafka+sasl://u:hunter2,kafka://Secret@h:1", "xxxxx@h:1"},
	} {
		_, err := ParseURL(tc.in)
		if err == nil {
			t.Errorf("ParseURL(%q) succeeded, want error containing %q", tc.in, tc.want)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseURL(%q) error %q does not contain %q", tc.in, err, tc.want)
		}
		for _, secret := range []string{pw, "hunter2", "Secret"} {
			if strings.Contains(err.Error(), secret) {
				t.Errorf("ParseURL(%q) error %q shows the password", tc.in, err)
			}
		}
	}
}

// FuzzParseURL checks that ParseURL never panics, that what it accepts is
// usable (brokers present, host:port each, SASL with a user and a known
// mechanism), and that an error never repeats the credentials: the text
// between the first "://" and the last '@'.
func FuzzParseURL(f *testing.F) {
	for _, s := range []string{
		"localhost:9092", "h1:1,h2:2", "[::1]:9092", "kafka://h:1", "kafka+ssl://h1:9096,kafka+ssl://h2:9096",
		"kafka+sasl://user:pass@h:1", "kafka+sasl_ssl://user:pa55word@h:1?mechanism=PLAIN",
		"kafka+sasl_ssl://user:pa55word@h1:1,h2:2?mechanism=SCRAM-SHA-256", "kafka+ssl//x", "kafka+ssl://host:notaport",
		"http://h:1", "", ",,", "kafka+sasl://u:p@ss/w#r,d@h:1", "kafka+sasl://u:%zz@h:1", "kafka://u:secretpassword@h:x",
		"kafka+sasl://u:secret,kafka://more@h:1", "kafka+sasl://:pw@h:1", "kafka+sasl://u:p@h:1?mechanism=%",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var ep *Endpoint
		var err error
		kafkatest.AllocBound(t, kafkatest.InputBound(len(s)), "ParseURL", func() { ep, err = ParseURL(s) })
		if err != nil {
			if ep != nil {
				t.Fatalf("ParseURL(%q) returned both an endpoint and an error", s)
			}
			at := strings.LastIndex(s, "@")
			if at < 0 {
				return
			}
			// With credentials in the input, the error must show only a
			// known scheme, "xxxxx@" and what follows the last '@', and a
			// reason that quotes nothing.
			const lead = `invalid broker URL `
			msg := err.Error()
			if !strings.HasPrefix(msg, lead) {
				t.Fatalf("ParseURL(%q) error %q is not the redacted form", s, msg)
			}
			q, qerr := strconv.QuotedPrefix(msg[len(lead):])
			shown, _ := strconv.Unquote(q)
			reason := strings.TrimPrefix(msg[len(lead)+len(q):], ": ")
			tail := "xxxxx@" + s[at+1:]
			scheme, _, _ := strings.Cut(shown, "://")
			if qerr != nil || !(shown == tail || knownScheme(scheme) && shown == scheme+"://"+tail) || strings.Contains(reason, `"`) {
				t.Fatalf("ParseURL(%q) error %q may repeat the credentials", s, msg)
			}
			return
		}
		if len(ep.Brokers) == 0 {
			t.Fatalf("ParseURL(%q) accepted no brokers", s)
		}
		for _, b := range ep.Brokers {
			if _, err := hostPort(b); err != nil {
				t.Fatalf("ParseURL(%q) accepted broker %q that does not re-parse: %v", s, b, err)
			}
		}
		if ep.SASL != nil {
			if ep.SASL.Username == "" {
				t.Fatalf("ParseURL(%q) accepted SASL without a user", s)
			}
			if _, err := NormalizeMechanism(ep.SASL.Mechanism); err != nil {
				t.Fatalf("ParseURL(%q) accepted mechanism %q", s, ep.SASL.Mechanism)
			}
		}
	})
}
