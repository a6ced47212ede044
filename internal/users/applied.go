package users

import (
	"context"
	"slices"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafka-cli/kafka/internal/topics"
)

// WaitApplied waits until every broker describes the user with a password
// under mech (present) or without one (deleted). A KRaft controller
// accepts the change once it is in its log, and each broker applies it
// when it replays the log: on Kafka 3.9 a login right after create was
// refused by a broker still behind, and one right after destroy got in.
// A broker answers DescribeUserScramCredentials from what it has applied,
// so the answer shows when it has caught up. A replaced password keeps its
// mechanism, so a reset cannot be waited on this way.
func WaitApplied(ctx context.Context, adm *kadm.Client, cl *kgo.Client, name, mech string, present bool) error {
	want := int8(mechOf(mech))
	behind, err := topics.UntilEveryBroker(ctx, adm, cl, func(ctx context.Context, b *kgo.Broker) (bool, error) {
		req := kmsg.NewPtrDescribeUserSCRAMCredentialsRequest()
		u := kmsg.NewDescribeUserSCRAMCredentialsRequestUser()
		u.Name = name
		req.Users = append(req.Users, u)
		resp, err := req.RequestWith(ctx, b)
		if err == nil {
			err = kerr.ErrorForCode(resp.ErrorCode)
		}
		if err != nil {
			return false, err
		}
		has := false
		for _, r := range resp.Results {
			if r.User == name && r.ErrorCode == 0 {
				has = slices.ContainsFunc(r.CredentialInfos, func(c kmsg.DescribeUserSCRAMCredentialsResponseResultCredentialInfo) bool {
					return c.Mechanism == want
				})
			}
		}
		return has == present, nil
	})
	if len(behind) > 0 {
		return &topics.BehindError{Brokers: behind}
	}
	return err
}
