package kafka

import (
	"context"
	"errors"
	"fmt"
	"strings"

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

// Listing checks a listing of n topics (kind KindTopic) or consumer groups
// against what the user may see, since brokers leave out, without an
// error, what a user may not describe. It says the listing may be partial
// when the user may not describe the cluster, and fails with exit 4 when
// such a user sees nothing at all (for groups: no group and no topic).
// With KAFKA_PREFIX a plan shows each tenant its own names by design, so
// nothing is said.
func (c *Client) Listing(ctx context.Context, kind string, n int) (partial bool, err error) {
	if c.Config.Prefix != "" {
		return false, nil
	}
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	allowed, known := c.DescribesCluster(ctx)
	if !known || allowed {
		return false, nil
	}
	if n > 0 {
		return true, nil
	}
	if kind == KindGroup {
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
