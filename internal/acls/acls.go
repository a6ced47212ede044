// Package acls lists, creates and deletes Kafka ACLs, and checks what a
// command line asks for (principals, operations, patterns) before any
// request. Names are as the cluster knows them: the caller adds and
// strips KAFKA_PREFIX.
//
// It imports topics, for UntilEveryBroker (a change waits until every
// broker applies it); only cmd imports it.
package acls

import (
	"fmt"
	"slices"
	"strings"

	"github.com/twmb/franz-go/pkg/kmsg"
)

// Resource types, patterns and permissions as shown and parsed: Kafka's
// names, lower-cased.
const (
	Topic   = "topic"
	Group   = "group"
	Cluster = "cluster"

	Literal  = "literal"
	Prefixed = "prefixed"

	Allow = "allow"
	Deny  = "deny"
)

// ClusterName is the one name the cluster resource has.
const ClusterName = "kafka-cluster"

// ACL is one access control entry.
type ACL struct {
	Principal  string // such as User:alice
	Host       string // * for any host
	Resource   string // topic, group, cluster, transactional_id, ...
	Name       string
	Pattern    string // literal or prefixed
	Operation  string // read, write, ... or all
	Permission string // allow or deny
}

// validOps is which operations apply to which resource, as Kafka's own
// kafka-acls tool checks them.
var validOps = map[string][]string{
	Topic:   {"read", "write", "create", "delete", "alter", "describe", "describe_configs", "alter_configs", "all"},
	Group:   {"read", "describe", "delete", "all"},
	Cluster: {"create", "cluster_action", "describe_configs", "alter_configs", "idempotent_write", "alter", "describe", "all"},
}

// ParseOperations reads a comma-separated list such as "read,write"
// (case, dashes and underscores as the user likes) into Kafka's operation
// names, lower-cased. resource, when set, limits them to the operations
// that apply to it.
func ParseOperations(s, resource string) ([]string, error) {
	var ops []string
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		op, err := kmsg.ParseACLOperation(part)
		if err != nil || op == kmsg.ACLOperationAny {
			return nil, fmt.Errorf("unknown operation %q; operations are %s", part, strings.Join(validOps[Topic], ", ")+
				", cluster_action, idempotent_write")
		}
		name := strings.ToLower(op.String())
		if ok := validOps[resource]; resource != "" && !slices.Contains(ok, name) {
			return nil, fmt.Errorf("operation %s does not apply to a %s; a %s takes %s", name, resource, resource, strings.Join(ok, ", "))
		}
		if !slices.Contains(ops, name) {
			ops = append(ops, name)
		}
	}
	if len(ops) == 0 {
		return nil, fmt.Errorf("--operation is empty; give one or more of %s", strings.Join(validOps[Topic], ","))
	}
	return ops, nil
}

// CheckPrincipal checks that p names a type and a name, such as User:alice
// (or User:* for every user), which Kafka's authorizer requires.
func CheckPrincipal(p string) error {
	typ, name, ok := strings.Cut(p, ":")
	if !ok || strings.TrimSpace(typ) == "" || strings.TrimSpace(name) == "" || strings.ContainsAny(p, " \t") {
		return fmt.Errorf("principal %q must be TYPE:NAME, such as User:alice", p)
	}
	return nil
}

// CheckPattern checks a --pattern value for creating.
func CheckPattern(p string) error {
	if p != Literal && p != Prefixed {
		return fmt.Errorf("--pattern must be literal or prefixed, got %q", p)
	}
	return nil
}

func opOf(name string) kmsg.ACLOperation {
	op, _ := kmsg.ParseACLOperation(name)
	return op
}

func patternOf(name string) kmsg.ACLResourcePatternType {
	switch name {
	case Prefixed:
		return kmsg.ACLResourcePatternTypePrefixed
	case Literal:
		return kmsg.ACLResourcePatternTypeLiteral
	case "match":
		return kmsg.ACLResourcePatternTypeMatch
	}
	return kmsg.ACLResourcePatternTypeAny
}

func lower(s fmt.Stringer) string { return strings.ToLower(s.String()) }
