package kafka

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

// MaxNameLen is Kafka's limit on topic name length.
const MaxNameLen = 249

// ValidateTopicName applies Kafka's rules: 1 to 249 characters of
// [a-zA-Z0-9._-], and not "." or "..". The prefix counts toward the length.
func (c *Config) ValidateTopicName(name string) error {
	if err := validateChars("topic", name); err != nil {
		return err
	}
	if full := c.WithPrefix(name); len(full) > MaxNameLen {
		return fmt.Errorf("topic name %q is %d characters long with its prefix; Kafka allows at most %d", name, len(full), MaxNameLen)
	}
	return nil
}

// ValidateGroupName checks a consumer group name: not empty, no control
// characters. Kafka allows any other characters in group names.
func ValidateGroupName(name string) error {
	if name == "" {
		return fmt.Errorf("group name must not be empty")
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return fmt.Errorf("group name %q contains a control character", name)
		}
	}
	return nil
}

func validateChars(kind, name string) error {
	if name == "" {
		return fmt.Errorf("%s name must not be empty", kind)
	}
	if name == "." || name == ".." {
		return fmt.Errorf("%s name %q is not allowed", kind, name)
	}
	if len(name) > MaxNameLen {
		return fmt.Errorf("%s name is %d characters long; Kafka allows at most %d", kind, len(name), MaxNameLen)
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return fmt.Errorf("%s name %q contains %q: use only letters, digits, '.', '_' and '-'", kind, name, r)
		}
	}
	return nil
}

// WithPrefix returns the name as the cluster knows it: KAFKA_PREFIX is added
// unless the name already carries it.
func (c *Config) WithPrefix(name string) string {
	if c.Prefix == "" || strings.HasPrefix(name, c.Prefix) {
		return name
	}
	return c.Prefix + name
}

// WithoutPrefix returns the name as the user would type it.
func (c *Config) WithoutPrefix(name string) string {
	return strings.TrimPrefix(name, c.Prefix)
}

// HasPrefix reports whether a cluster-side name belongs to this prefix; on
// multi-tenant plans, names outside it are other tenants'.
func (c *Config) HasPrefix(name string) bool {
	return c.Prefix == "" || strings.HasPrefix(name, c.Prefix)
}

func joinComma(ss []string) string { return strings.Join(ss, ",") }

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}
