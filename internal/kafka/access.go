package kafka

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafka-cli/kafka/internal/clierr"
)

// Resource kinds an Access names, as the user reads them.
const (
	KindTopic = "topic"
	KindGroup = "consumer group"
)

// accessError records what a command tried when err happened, so that a
// broker's denial, which names neither operation nor resource, can be
// told back as "not authorized to read topic "orders"".
type accessError struct {
	op, kind string
	names    []string
	acl      string // the ACL operations the request needs, for the hint
	err      error
}

func (e *accessError) Error() string { return e.err.Error() }
func (e *accessError) Unwrap() error { return e.err }

// Access wraps err, when not nil, with the operation (a verb: "read",
// "write to", "describe", "create", "delete", "reset the offsets of") a
// command tried on the named resources of kind, and the ACL operations
// that needs (such as "READ and DESCRIBE"). Explain uses it only for an
// authorization failure on that kind of resource.
func Access(err error, op, kind, acl string, names ...string) error {
	if err == nil {
		return nil
	}
	return &accessError{op: op, kind: kind, names: names, acl: acl, err: err}
}

// deniedKind is the kind of resource an authorization error is about.
func deniedKind(code int16) (string, bool) {
	switch code {
	case kerr.TopicAuthorizationFailed.Code:
		return KindTopic, true
	case kerr.GroupAuthorizationFailed.Code:
		return KindGroup, true
	case kerr.ClusterAuthorizationFailed.Code:
		return "cluster", true
	case kerr.TransactionalIDAuthorizationFailed.Code:
		return "transactional id", true
	}
	return "", false
}

// explainDenied says what an authorization failure denied, naming the
// operation and resource when an Access around it says them.
func explainDenied(ke *kerr.Error, err error) error {
	if e := accessDenied(ke, err); e != nil {
		return e
	}
	kind, _ := deniedKind(ke.Code)
	what := "the " + kind
	if kind == "cluster" {
		what = "this operation on the cluster"
	}
	return clierr.Authf("not authorized to access %s: %s", what, ke.Description).
		WithHint("check this user's ACLs (kafka acls)").Wrap(err)
}

// accessDenied is the error naming the operation and resource of an
// authorization failure, from the innermost Access of the same kind around
// it, or nil when there is none.
func accessDenied(ke *kerr.Error, err error) error {
	kind, ok := deniedKind(ke.Code)
	if !ok {
		return nil
	}
	var found *accessError
	for e := err; e != nil; e = errors.Unwrap(e) {
		if a, ok := e.(*accessError); ok && a.kind == kind {
			found = a
		}
	}
	if found == nil {
		return nil
	}
	quoted := make([]string, len(found.names))
	for i, n := range found.names {
		quoted[i] = fmt.Sprintf("%q", n)
	}
	noun := found.kind
	if len(quoted) > 1 {
		noun += "s"
	}
	return clierr.Authf("not authorized to %s %s %s", found.op, noun, strings.Join(quoted, ", ")).
		WithHint("the user needs %s on it (see kafka acls create --help)", found.acl).Wrap(err)
}

// DescribesCluster reports whether the user may DESCRIBE the cluster, and
// whether the broker said so at all. A user who may not sees only the
// topics and groups its ACLs name: the broker leaves out the rest without
// an error.
func (c *Client) DescribesCluster(ctx context.Context) (allowed, known bool) {
	req := kmsg.NewPtrDescribeClusterRequest()
	req.IncludeClusterAuthorizedOperations = true
	resp, err := req.RequestWith(ctx, c.Client)
	if err != nil || resp.ErrorCode != 0 || resp.ClusterAuthorizedOperations == -2147483648 {
		return false, false
	}
	const describe = 1 << 8 // ACL operation 8 is DESCRIBE (KIP-430 bit field)
	return resp.ClusterAuthorizedOperations&describe != 0, true
}

// Restricted reports whether the user may not DESCRIBE the cluster, so
// that listings leave out, without an error, what its ACLs do not name.
// It asks before a listing, since it is one more request. With
// KAFKA_PREFIX a plan shows each tenant its own names by design, and a
// broker that does not say counts as unrestricted: nothing is said then.
func (c *Client) Restricted(ctx context.Context) bool {
	if c.Config.Prefix != "" {
		return false
	}
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	allowed, known := c.DescribesCluster(ctx)
	return known && !allowed
}

// RestrictedLater starts Restricted alongside the listing it qualifies and
// returns its answer when called: the check then costs no round trip of
// its own (on a remote TLS cluster, a connection and a request).
func (c *Client) RestrictedLater(ctx context.Context) func() bool {
	done := make(chan bool, 1)
	go func() { done <- c.Restricted(ctx) }()
	return sync.OnceValue(func() bool { return <-done })
}

// Listing checks a listing of n topics (kind KindTopic) or consumer groups
// by a restricted user: it may be partial, and a user who sees nothing at
// all (for groups: no group and no topic) is not authorized (exit 4).
func (c *Client) Listing(ctx context.Context, restricted bool, kind string, n int) (partial bool, err error) {
	if !restricted {
		return false, nil
	}
	if n > 0 {
		return true, nil
	}
	if kind == KindGroup {
		ctx, cancel := context.WithTimeout(ctx, c.Timeout)
		defer cancel()
		ts, err := c.Admin.ListTopics(ctx)
		if err != nil || len(ts) > 0 {
			return true, nil
		}
	}
	return false, clierr.Authf("not authorized to describe any %s: the cluster shows this user none", kind).
		WithHint("it needs DESCRIBE on the %ss it uses (see kafka acls create --help)", kind)
}

// PartialNote is the line a listing that may be partial prints on stderr.
func PartialNote(kind string) string {
	return fmt.Sprintf("Note: the list may be partial: this user sees only the %ss its ACLs let it describe.", kind)
}
