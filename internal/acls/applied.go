package acls

import (
	"context"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafka-cli/kafka/internal/topics"
)

// WaitApplied waits until every broker describes each of as (present) or
// none of them (deleted). A real KRaft controller accepts CreateAcls and
// DeleteAcls once the change is in its log, and each broker's authorizer
// applies it when it replays the log: on Kafka 3.9 a client that connects
// at once to a broker still behind is denied what it was just allowed.
// DescribeAcls is answered from the broker's own authorizer, so it shows
// when that broker has caught up. kfake applies ACLs at once: there this
// costs one request per ACL and broker. A broker still behind when ctx
// ends is named in a *topics.BehindError.
func WaitApplied(ctx context.Context, adm *kadm.Client, cl *kgo.Client, as []ACL, present bool) error {
	return topics.UntilEveryBroker(ctx, adm, cl, func(ctx context.Context, b *kgo.Broker) (bool, error) {
		for _, a := range as {
			// A request of its own for each broker: franz-go sets
			// the version on the request it sends.
			req, ok := describeOne(a)
			if !ok {
				continue
			}
			resp, err := req.RequestWith(ctx, b)
			if err == nil {
				err = kerr.ErrorForCode(resp.ErrorCode)
			}
			if err != nil {
				return false, err
			}
			if (len(resp.Resources) > 0) != present {
				return false, nil
			}
		}
		return true, nil
	})
}

// describeOne is a DescribeAcls request that matches exactly a: its
// resource, pattern, principal, host, operation and permission.
func describeOne(a ACL) (*kmsg.DescribeACLsRequest, bool) {
	typ, err := kmsg.ParseACLResourceType(a.Resource)
	if err != nil {
		return nil, false
	}
	perm := kmsg.ACLPermissionTypeAllow
	if a.Permission == Deny {
		perm = kmsg.ACLPermissionTypeDeny
	}
	host := a.Host
	if host == "" {
		host = "*"
	}
	req := kmsg.NewPtrDescribeACLsRequest()
	req.ResourceType = typ
	req.ResourceName = kmsg.StringPtr(a.Name)
	req.ResourcePatternType = patternOf(a.Pattern)
	if req.ResourcePatternType == kmsg.ACLResourcePatternTypeAny {
		req.ResourcePatternType = kmsg.ACLResourcePatternTypeLiteral
	}
	req.Principal = kmsg.StringPtr(a.Principal)
	req.Host = kmsg.StringPtr(host)
	req.Operation = opOf(a.Operation)
	req.PermissionType = perm
	return req, true
}
