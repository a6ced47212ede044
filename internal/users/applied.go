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
// under each of mechs (present) or under none of them (deleted). A KRaft
// controller accepts the change once it is in its log, and each broker
// applies it when it replays the log: on Kafka 3.9 a login right after
// create was refused by a broker still behind, and one right after
// destroy got in. A broker answers DescribeUserScramCredentials from what
// it has applied, so the answer shows when it has caught up. A replaced
// password keeps its mechanism, so a reset cannot be waited on this way.
// A broker still behind when ctx ends is named in a *topics.BehindError.
func WaitApplied(ctx context.Context, adm *kadm.Client, cl *kgo.Client, name string, mechs []string, present bool) error {
	return topics.UntilEveryBroker(ctx, adm, cl, func(ctx context.Context, b *kgo.Broker) (bool, error) {
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
		var has []int8
		for _, r := range resp.Results {
			if r.User == name && r.ErrorCode == 0 {
				for _, c := range r.CredentialInfos {
					has = append(has, c.Mechanism)
				}
			}
		}
		for _, m := range mechs {
			if slices.Contains(has, int8(mechOf(m))) != present {
				return false, nil
			}
		}
		return true, nil
	})
}
