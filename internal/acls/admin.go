package acls

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// Resource is a resource type and name; an empty Name matches every
// resource of that type in a Filter.
type Resource struct {
	Type string // topic, group or cluster
	Name string
}

// Filter selects ACLs. Each empty field matches anything; no Resources
// matches every resource.
type Filter struct {
	Principal  string
	Host       string
	Permission string   // allow, deny or ""
	Operations []string // none: any
	// Pattern is literal or prefixed for ACLs with exactly those names
	// and pattern; "" matches either pattern type (with the exact name);
	// "match" matches every ACL that applies to the named resources:
	// literal, prefixed and wildcard ones.
	Pattern   string
	Resources []Resource
}

func (f Filter) builder() *kadm.ACLBuilder {
	b := kadm.NewACLs()
	var topics, groups []string
	var anyTopic, anyGroup, cluster bool
	for _, r := range f.Resources {
		switch r.Type {
		case Topic:
			anyTopic = anyTopic || r.Name == ""
			topics = append(topics, r.Name)
		case Group:
			anyGroup = anyGroup || r.Name == ""
			groups = append(groups, r.Name)
		case Cluster:
			cluster = true
		}
	}
	switch {
	case len(f.Resources) == 0:
		b.AnyResource()
	case anyTopic:
		b.Topics()
	case len(topics) > 0:
		b.Topics(topics...)
	}
	if anyGroup {
		b.Groups()
	} else if len(groups) > 0 {
		b.Groups(groups...)
	}
	if cluster {
		b.Clusters()
	}
	var hosts, principals []string
	if f.Host != "" {
		hosts = []string{f.Host}
	}
	if f.Principal != "" {
		principals = []string{f.Principal}
	}
	if f.Permission != Deny {
		b.Allow(principals...).AllowHosts(hosts...)
	}
	if f.Permission != Allow {
		b.Deny(principals...).DenyHosts(hosts...)
	}
	ops := make([]kmsg.ACLOperation, 0, len(f.Operations))
	for _, o := range f.Operations {
		ops = append(ops, opOf(o))
	}
	b.Operations(ops...)
	b.ResourcePatternType(patternOf(f.Pattern))
	return b
}

// List returns the ACLs the filter matches, sorted and without repeats.
func List(ctx context.Context, adm *kadm.Client, f Filter) ([]ACL, error) {
	rs, err := adm.DescribeACLs(ctx, f.builder())
	if err != nil {
		return nil, err
	}
	seen := map[ACL]bool{}
	out := []ACL{}
	for _, r := range rs {
		if r.Err != nil {
			return nil, r.Err
		}
		for _, d := range r.Described {
			a := ACL{Principal: d.Principal, Host: d.Host, Resource: lower(d.Type), Name: d.Name,
				Pattern: lower(d.Pattern), Operation: lower(d.Operation), Permission: lower(d.Permission)}
			if !seen[a] {
				seen[a] = true
				out = append(out, a)
			}
		}
	}
	Sort(out)
	return out, nil
}

// Sort orders ACLs by resource, name, principal, permission, operation.
func Sort(as []ACL) {
	slices.SortFunc(as, func(a, b ACL) int {
		return cmp.Or(cmp.Compare(a.Resource, b.Resource), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Pattern, b.Pattern),
			cmp.Compare(a.Principal, b.Principal), cmp.Compare(a.Permission, b.Permission), cmp.Compare(a.Operation, b.Operation),
			cmp.Compare(a.Host, b.Host))
	})
}

// Result is what the cluster said about one ACL: Err nil when applied.
type Result struct {
	ACL ACL
	Err error
}

// Spec is what acls create asks for: one ACL per operation.
type Spec struct {
	Principal, Host, Permission string
	Resource                    Resource
	Pattern                     string
	Operations                  []string
}

// ACLs lists the ACLs the spec makes.
func (s Spec) ACLs() []ACL {
	name := s.Resource.Name
	if s.Resource.Type == Cluster {
		name = ClusterName
	}
	out := make([]ACL, 0, len(s.Operations))
	for _, op := range s.Operations {
		out = append(out, ACL{Principal: s.Principal, Host: s.Host, Resource: s.Resource.Type, Name: name,
			Pattern: s.Pattern, Operation: op, Permission: s.Permission})
	}
	return out
}

// Create creates the spec's ACLs in one CreateACLs request and says how
// each fared. A request-level error fails everything and is returned.
func Create(ctx context.Context, adm *kadm.Client, s Spec) ([]Result, error) {
	want := s.ACLs()
	rs, err := adm.CreateACLs(ctx, exact(want...))
	if err != nil {
		return nil, err
	}
	out := make([]Result, 0, len(want))
	for _, a := range want {
		res := Result{ACL: a, Err: errNoAnswer}
		for _, r := range rs {
			if lower(r.Operation) == a.Operation {
				res.Err = r.Err
			}
		}
		out = append(out, res)
	}
	return out, nil
}

// Delete deletes each ACL on its own, with a filter matching only it, so
// that nothing the user was not shown is deleted (an ACL added since the
// listing, say). An ACL already gone counts as deleted.
func Delete(ctx context.Context, adm *kadm.Client, as []ACL) []Result {
	out := make([]Result, 0, len(as))
	for _, a := range as {
		b := exact(a)
		if b == nil {
			out = append(out, Result{ACL: a, Err: fmt.Errorf("%s ACLs cannot be deleted by this tool", a.Resource)})
			continue
		}
		rs, err := adm.DeleteACLs(ctx, b)
		if err == nil {
			for _, r := range rs {
				err = cmp.Or(err, r.Err)
				for _, d := range r.Deleted {
					err = cmp.Or(err, d.Err)
				}
			}
		}
		out = append(out, Result{ACL: a, Err: err})
	}
	return out
}

// exact builds ACLs that differ only in their operation; nil for a
// resource type the builder cannot name alone.
func exact(as ...ACL) *kadm.ACLBuilder {
	a := as[0]
	b := kadm.NewACLs()
	switch a.Resource {
	case Topic:
		b.Topics(a.Name)
	case Group:
		b.Groups(a.Name)
	case Cluster:
		b.Clusters()
	case "transactional_id":
		b.TransactionalIDs(a.Name)
	case "delegation_token":
		b.DelegationTokens(a.Name)
	default:
		return nil
	}
	if a.Permission == Deny {
		b.Deny(a.Principal).DenyHosts(a.Host)
	} else {
		b.Allow(a.Principal).AllowHosts(a.Host)
	}
	ops := make([]kmsg.ACLOperation, 0, len(as))
	for _, x := range as {
		ops = append(ops, opOf(x.Operation))
	}
	b.Operations(ops...)
	b.ResourcePatternType(patternOf(a.Pattern))
	return b
}

var errNoAnswer = errors.New("the cluster did not answer for this ACL")

// NoAuthorizer reports whether err says the cluster has no authorizer,
// so has no ACLs to manage.
func NoAuthorizer(err error) bool { return errors.Is(err, kerr.SecurityDisabled) }
