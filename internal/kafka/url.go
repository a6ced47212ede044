package kafka

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// Endpoint is what a connection URL says: where the brokers are and how to
// speak to them.
type Endpoint struct {
	Brokers []string
	TLS     bool
	SASL    *SASL
}

// SASL holds SASL credentials. Password is a secret: it is never printed.
type SASL struct {
	Mechanism string // PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512
	Username  string
	Password  string
}

// DefaultSASLMechanism is used when a URL or config file names none.
const DefaultSASLMechanism = "SCRAM-SHA-512"

// ParseURL reads a comma-separated list of broker URLs. Each entry is
// host:port, kafka://host:port (plaintext), kafka+ssl://host:port (TLS),
// kafka+sasl://user:pass@host:port (SASL over plaintext) or
// kafka+sasl_ssl://user:pass@host:port (SASL over TLS), with
// ?mechanism=PLAIN|SCRAM-SHA-256|SCRAM-SHA-512. All entries must agree on
// scheme and credentials. Errors never repeat credentials.
func ParseURL(s string) (*Endpoint, error) {
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("empty broker list")
	}
	var ep *Endpoint
	for _, raw := range strings.Split(s, ",") {
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
			return nil, fmt.Errorf("broker URLs %q mix schemes: use one scheme for every broker", redact(raw))
		}
		ep.Brokers = append(ep.Brokers, one.Brokers...)
	}
	if ep == nil {
		return nil, fmt.Errorf("empty broker list")
	}
	return ep, nil
}

func parseOne(raw string) (*Endpoint, error) {
	if !strings.Contains(raw, "://") {
		if strings.Contains(raw, "/") || strings.Contains(raw, "@") {
			return nil, fmt.Errorf("invalid broker address %q: expected host:port or scheme://host:port", redact(raw))
		}
		hp, err := hostPort(raw)
		if err != nil {
			return nil, err
		}
		return &Endpoint{Brokers: []string{hp}}, nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("invalid broker URL %q", redact(raw))
	}
	ep := &Endpoint{}
	switch strings.ToLower(u.Scheme) {
	case "kafka", "plaintext":
	case "kafka+ssl", "ssl":
		ep.TLS = true
	case "kafka+sasl", "sasl_plaintext":
		ep.SASL = &SASL{}
	case "kafka+sasl_ssl", "sasl_ssl":
		ep.TLS, ep.SASL = true, &SASL{}
	default:
		return nil, fmt.Errorf("unknown scheme %q in broker URL %q: use kafka://, kafka+ssl://, kafka+sasl:// or kafka+sasl_ssl://", u.Scheme, redact(raw))
	}
	if u.Path != "" && u.Path != "/" {
		return nil, fmt.Errorf("invalid broker URL %q: unexpected path %q", redact(raw), u.Path)
	}
	hp, err := hostPort(u.Host)
	if err != nil {
		return nil, err
	}
	ep.Brokers = []string{hp}
	if ep.SASL != nil {
		if u.User == nil || u.User.Username() == "" {
			return nil, fmt.Errorf("broker URL %q uses SASL but has no user: use scheme://user:password@host:port", redact(raw))
		}
		pass, _ := u.User.Password()
		mech, err := NormalizeMechanism(u.Query().Get("mechanism"))
		if err != nil {
			return nil, err
		}
		ep.SASL = &SASL{Mechanism: mech, Username: u.User.Username(), Password: pass}
	} else if u.User != nil {
		return nil, fmt.Errorf("broker URL %q has credentials but scheme %s has no SASL: use kafka+sasl:// or kafka+sasl_ssl://", redact(raw), u.Scheme)
	}
	return ep, nil
}

// NormalizeMechanism validates a SASL mechanism name; empty means the
// default.
func NormalizeMechanism(m string) (string, error) {
	switch strings.ToUpper(strings.TrimSpace(m)) {
	case "":
		return DefaultSASLMechanism, nil
	case "PLAIN":
		return "PLAIN", nil
	case "SCRAM-SHA-256":
		return "SCRAM-SHA-256", nil
	case "SCRAM-SHA-512":
		return "SCRAM-SHA-512", nil
	}
	return "", fmt.Errorf("unknown SASL mechanism %q: use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512", m)
}

func hostPort(s string) (string, error) {
	host, port, err := net.SplitHostPort(s)
	if err != nil || host == "" {
		return "", fmt.Errorf("invalid broker address %q: expected host:port", s)
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 1 || n > 65535 {
		return "", fmt.Errorf("invalid port %q in broker address %q: expected a number from 1 to 65535", port, s)
	}
	return net.JoinHostPort(host, port), nil
}

// redact hides any password in a URL-like string so it can go in an error.
func redact(raw string) string {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return raw
	}
	at := strings.LastIndex(rest, "@")
	if at < 0 {
		return raw
	}
	user, _, _ := strings.Cut(rest[:at], ":")
	return scheme + "://" + user + ":xxxxx@" + rest[at+1:]
}
