package kafka

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/kafka-cli/kafka/internal/saslauth"
)

// Endpoint is what a connection URL says: where the brokers are and how to
// speak to them.
type Endpoint struct {
	Brokers []string
	TLS     bool
	SASL    *SASL
}

// SASL holds SASL credentials. Password and OAuth's token and secret are
// secrets: they are never printed.
type SASL struct {
	Mechanism string // PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER or AWS_MSK_IAM
	Username  string
	Password  string
	// OAuth is how OAUTHBEARER gets its token.
	OAuth saslauth.OAuth
	// AWSProfile is the shared-config profile AWS_MSK_IAM takes its
	// credentials from; empty means the SDK's default (AWS_PROFILE).
	AWSProfile string
}

// Mechanisms is the list of SASL mechanisms, for messages.
const Mechanisms = "PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER or AWS_MSK_IAM"

// takesUser reports whether the mechanism logs in with a user and password.
func takesUser(mech string) bool { return mech != "OAUTHBEARER" && mech != "AWS_MSK_IAM" }

// DefaultSASLMechanism is used when a URL or config file names none.
const DefaultSASLMechanism = "SCRAM-SHA-512"

// ParseURL reads a comma-separated list of broker URLs. Each entry is
// host:port, kafka://host:port (plaintext), kafka+ssl://host:port (TLS),
// kafka+sasl://user:pass@host:port (SASL over plaintext) or
// kafka+sasl_ssl://user:pass@host:port (SASL over TLS), with
// ?mechanism=PLAIN|SCRAM-SHA-256|SCRAM-SHA-512|OAUTHBEARER|AWS_MSK_IAM (the
// last two take no user in the URL). A bare host:port after a
// URL takes that URL's scheme and credentials, so
// kafka+sasl_ssl://u:p@h1:9096,h2:9096 names two SASL brokers. All entries
// must agree on scheme and credentials.
//
// The URL is split by hand rather than with net/url: "kafka+sasl_ssl" is
// not a valid RFC 3986 scheme (the underscore), and a password may hold
// characters such as '/', '#' or ',' that net/url would cut it at.
//
// Errors never repeat credentials: when the value holds an '@', an error
// shows only the scheme and what follows the last '@'.
func ParseURL(s string) (*Endpoint, error) {
	return parseURL(s, true)
}

// parseURL parses like ParseURL; with needUser false it accepts a SASL URL
// with no user, for callers that take the credentials from elsewhere (a
// config file's sasl: block).
func parseURL(s string, needUser bool) (*Endpoint, error) {
	ep, err := parseList(s)
	if err == nil && needUser && ep.SASL != nil && ep.SASL.Username == "" && takesUser(ep.SASL.Mechanism) {
		ep, err = nil, errNoUser(s)
	}
	if err == nil {
		return ep, nil
	}
	if at := strings.LastIndex(s, "@"); at >= 0 {
		var ue *urlError
		reason := "expected scheme://user:password@host:port"
		if errors.As(err, &ue) {
			reason = ue.reason
		}
		shown := "xxxxx@" + s[at+1:]
		if scheme, _, ok := strings.Cut(s, "://"); ok && knownScheme(scheme) {
			shown = scheme + "://" + shown
		}
		return nil, fmt.Errorf("invalid broker URL %q: %s", shown, reason)
	}
	return nil, err
}

// urlError is a parse error whose reason quotes nothing from the input, so
// it can be shown even when the input holds a password.
type urlError struct {
	msg    string // full message; may quote the input
	reason string // safe to show with any input
}

func (e *urlError) Error() string { return e.msg }

func errf(reason, format string, args ...any) error {
	return &urlError{msg: fmt.Sprintf(format, args...), reason: reason}
}

func parseList(s string) (*Endpoint, error) {
	if strings.TrimSpace(s) == "" {
		return nil, errf("empty broker list", "empty broker list")
	}
	var ep *Endpoint
	for _, raw := range splitEntries(s) {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			continue
		}
		one, err := parseOne(raw)
		if err != nil {
			return nil, err
		}
		if ep == nil {
			ep = one
			continue
		}
		if one.TLS != ep.TLS || (one.SASL == nil) != (ep.SASL == nil) {
			return nil, errf("the entries mix schemes: use one scheme for every broker",
				"broker URLs %q mix schemes: use one scheme for every broker", raw)
		}
		if one.SASL != nil && *one.SASL != *ep.SASL {
			return nil, errf("the entries give different credentials: give them once",
				"broker URLs give different credentials: give them once")
		}
		ep.Brokers = append(ep.Brokers, one.Brokers...)
	}
	if ep == nil {
		return nil, errf("empty broker list", "empty broker list")
	}
	return ep, nil
}

// splitEntries splits at the commas that start a new scheme:// URL; the
// host lists in between are split later. A comma inside credentials stays.
func splitEntries(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ',' && startsURL(s[i+1:]) {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// startsURL reports whether s begins with scheme://.
func startsURL(s string) bool {
	s = strings.TrimLeft(s, " ")
	scheme, _, ok := strings.Cut(s, "://")
	if !ok || scheme == "" {
		return false
	}
	for i, r := range scheme {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.' || r == '_')) {
			return false
		}
	}
	return true
}

func knownScheme(s string) bool {
	switch strings.ToLower(s) {
	case "kafka", "plaintext", "kafka+ssl", "ssl", "kafka+sasl", "sasl_plaintext", "kafka+sasl_ssl", "sasl_ssl":
		return true
	}
	return false
}

// parseOne parses one entry: bare host:port[,host:port...] or
// scheme://[user:pass@]host:port[,host:port...][/][?query].
func parseOne(raw string) (*Endpoint, error) {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		if strings.ContainsAny(raw, "/@?") {
			return nil, errf("expected host:port or scheme://host:port",
				"invalid broker address %q: expected host:port or scheme://host:port", raw)
		}
		hps, err := hostList(raw)
		if err != nil {
			return nil, err
		}
		return &Endpoint{Brokers: hps}, nil
	}
	ep := &Endpoint{}
	switch strings.ToLower(scheme) {
	case "kafka", "plaintext":
	case "kafka+ssl", "ssl":
		ep.TLS = true
	case "kafka+sasl", "sasl_plaintext":
		ep.SASL = &SASL{}
	case "kafka+sasl_ssl", "sasl_ssl":
		ep.TLS, ep.SASL = true, &SASL{}
	default:
		return nil, errf("unknown scheme: use kafka://, kafka+ssl://, kafka+sasl:// or kafka+sasl_ssl://",
			"unknown scheme %q in broker URL %q: use kafka://, kafka+ssl://, kafka+sasl:// or kafka+sasl_ssl://", scheme, raw)
	}
	var userinfo string
	hasUser := false
	if at := strings.LastIndex(rest, "@"); at >= 0 {
		userinfo, rest, hasUser = rest[:at], rest[at+1:], true
	}
	hosts, query, _ := strings.Cut(rest, "?")
	hosts = strings.TrimSuffix(hosts, "/")
	if strings.ContainsAny(hosts, "/#") {
		return nil, errf("unexpected path: expected scheme://host:port",
			"invalid broker URL %q: unexpected path: expected scheme://host:port", raw)
	}
	hps, err := hostList(hosts)
	if err != nil {
		return nil, err
	}
	ep.Brokers = hps
	q, err := url.ParseQuery(query)
	if err != nil {
		return nil, errf("invalid query: expected ?mechanism=NAME", "invalid broker URL %q: invalid query: expected ?mechanism=NAME", raw)
	}
	for k := range q {
		if k != "mechanism" {
			return nil, errf("unknown parameter: only ?mechanism= is known",
				"broker URL %q has unknown parameter %q: only ?mechanism= is known", raw, k)
		}
	}
	if ep.SASL == nil {
		if hasUser {
			return nil, errf("it has credentials but its scheme has no SASL: use kafka+sasl:// or kafka+sasl_ssl://",
				"broker URL has credentials but scheme %s has no SASL: use kafka+sasl:// or kafka+sasl_ssl://", scheme)
		}
		if q.Has("mechanism") {
			return nil, errf("?mechanism= needs kafka+sasl:// or kafka+sasl_ssl://",
				"broker URL %q: ?mechanism= needs kafka+sasl:// or kafka+sasl_ssl://", raw)
		}
		return ep, nil
	}
	user, pass, _ := strings.Cut(userinfo, ":")
	user, pass = unescape(user), unescape(pass)
	mech, err := NormalizeMechanism(q.Get("mechanism"))
	if err != nil {
		return nil, errf("unknown SASL mechanism: use "+Mechanisms, "%s", err)
	}
	if hasUser && !takesUser(mech) {
		return nil, errf(mech+" takes no user or password in the URL",
			"broker URL: %s takes no user or password in the URL; see 'kafka help' for where its credentials come from", mech)
	}
	ep.SASL = &SASL{Mechanism: mech, Username: user, Password: pass}
	return ep, nil
}

func errNoUser(s string) error {
	scheme, _, _ := strings.Cut(strings.TrimSpace(s), "://")
	return errf("it uses SASL but has no user: use scheme://user:password@host:port",
		"broker URL uses SASL but has no user: use %s://user:password@host:port, or a sasl: block in the config file", scheme)
}

// unescape decodes %XX escapes, as a URL's user and password may carry
// them; a value that is not valid escaping is taken literally.
func unescape(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}
