package kafka

import (
	"fmt"
	"net"
	"strconv"
	"strings"
)

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
	case "OAUTHBEARER":
		return "OAUTHBEARER", nil
	case "AWS_MSK_IAM":
		return "AWS_MSK_IAM", nil
	}
	return "", fmt.Errorf("unknown SASL mechanism %q: use %s", m, Mechanisms)
}

func hostList(s string) ([]string, error) {
	var out []string
	for _, h := range strings.Split(s, ",") {
		if h = strings.TrimSpace(h); h == "" {
			continue
		}
		hp, err := hostPort(h)
		if err != nil {
			return nil, err
		}
		out = append(out, hp)
	}
	if len(out) == 0 {
		return nil, errf("no broker address: expected host:port", "no broker address in %q: expected host:port", s)
	}
	return out, nil
}

func hostPort(s string) (string, error) {
	host, port, err := net.SplitHostPort(s)
	if err != nil || host == "" || strings.ContainsAny(host, " \t\r\n/@?#%") {
		return "", errf("invalid broker address: expected host:port", "invalid broker address %q: expected host:port", s)
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 1 || n > 65535 {
		return "", errf("invalid port: expected a number from 1 to 65535",
			"invalid port %q in broker address %q: expected a number from 1 to 65535", port, s)
	}
	return net.JoinHostPort(host, strconv.Itoa(n)), nil
}
