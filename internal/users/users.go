// Package users manages SCRAM users: lists them with their mechanisms,
// sets and replaces their passwords, and deletes them. Passwords go only
// into the salted credential kadm derives; nothing here returns or words
// them.
//
// It imports topics, for UntilEveryBroker (a change waits until every
// broker applies it); only cmd imports it.
package users

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
)

// Mechanisms and the iteration bounds Kafka enforces.
const (
	SHA256 = "SCRAM-SHA-256"
	SHA512 = "SCRAM-SHA-512"

	MinIterations     = 4096
	MaxIterations     = 16384
	DefaultIterations = MinIterations
)

// Credential is one mechanism a user has a password for.
type Credential struct {
	Mechanism  string
	Iterations int32
}

// User is a SCRAM user.
type User struct {
	Name        string
	Credentials []Credential
}

// Mechanisms lists the user's mechanisms.
func (u User) Mechanisms() []string {
	out := make([]string, len(u.Credentials))
	for i, c := range u.Credentials {
		out[i] = c.Mechanism
	}
	return out
}

// ParseMechanism accepts SCRAM-SHA-256 or SCRAM-SHA-512, in any case.
func ParseMechanism(s string) (string, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case SHA256:
		return SHA256, nil
	case SHA512:
		return SHA512, nil
	}
	return "", fmt.Errorf("--mechanism must be %s or %s, got %q", SHA256, SHA512, s)
}

// CheckIterations checks an --iterations value against Kafka's bounds.
func CheckIterations(n int) error {
	if n < MinIterations || n > MaxIterations {
		return fmt.Errorf("--iterations must be from %d to %d, got %d", MinIterations, MaxIterations, n)
	}
	return nil
}

// CheckName checks a user name: not empty, no control characters or
// spaces at its ends (which a URL could not carry unnoticed).
func CheckName(name string) error {
	if name == "" || strings.TrimSpace(name) != name {
		return fmt.Errorf("user name %q must not be empty or start or end with spaces", name)
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return fmt.Errorf("user name %q contains a control character", name)
		}
	}
	return nil
}

func mechOf(name string) kadm.ScramMechanism {
	if name == SHA256 {
		return kadm.ScramSha256
	}
	return kadm.ScramSha512
}

func userOf(d kadm.DescribedUserSCRAM) User {
	u := User{Name: d.User}
	for _, c := range d.CredInfos {
		u.Credentials = append(u.Credentials, Credential{Mechanism: c.Mechanism.String(), Iterations: c.Iterations})
	}
	slices.SortFunc(u.Credentials, func(a, b Credential) int { return strings.Compare(a.Mechanism, b.Mechanism) })
	return u
}

// List returns every SCRAM user, by name.
func List(ctx context.Context, adm *kadm.Client) ([]User, error) {
	ds, err := adm.DescribeUserSCRAMs(ctx)
	if err != nil {
		return nil, err
	}
	out := []User{}
	for _, d := range ds.Sorted() {
		if d.Err != nil {
			return nil, d.Err
		}
		out = append(out, userOf(d))
	}
	return out, nil
}

// Get returns one user; found is false when it has no SCRAM credentials.
func Get(ctx context.Context, adm *kadm.Client, name string) (u User, found bool, err error) {
	ds, err := adm.DescribeUserSCRAMs(ctx, name)
	if err != nil {
		return User{}, false, err
	}
	d, ok := ds[name]
	switch {
	case !ok || errors.Is(d.Err, kerr.ResourceNotFound):
		return User{Name: name}, false, nil
	case d.Err != nil:
		return User{}, false, d.Err
	}
	u = userOf(d)
	return u, len(u.Credentials) > 0, nil
}

// Set gives the user password under each mechanism, one request per
// mechanism (Kafka takes a user once per request). It stops at the first
// failure and returns the mechanisms set before it.
func Set(ctx context.Context, adm *kadm.Client, name string, creds []Credential, password string) ([]string, error) {
	var done []string
	for _, c := range creds {
		up := []kadm.UpsertSCRAM{{User: name, Mechanism: mechOf(c.Mechanism), Iterations: c.Iterations, Password: password}}
		rs, err := adm.AlterUserSCRAMs(ctx, nil, up)
		if err == nil {
			err = rs.Error()
		}
		if err != nil {
			return done, err
		}
		done = append(done, c.Mechanism)
	}
	return done, nil
}

// Delete removes the user's credentials under each mechanism, one request
// per mechanism, stopping at the first failure; it returns those deleted.
func Delete(ctx context.Context, adm *kadm.Client, name string, mechs []string) ([]string, error) {
	var done []string
	for _, m := range mechs {
		rs, err := adm.AlterUserSCRAMs(ctx, []kadm.DeleteSCRAM{{User: name, Mechanism: mechOf(m)}}, nil)
		if err == nil {
			err = rs.Error()
		}
		if err != nil {
			return done, err
		}
		done = append(done, m)
	}
	return done, nil
}
