package groups

import (
	"context"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// nextGroup is a KIP-848 group as ConsumerGroupDescribe reports it.
type nextGroup struct {
	state         string
	epoch         int32
	coordinator   string
	coordinatorID int32
	members       []Member
	subscribed    []string
	// byID holds assignments the broker named by topic ID only (kfake
	// does; Kafka sends names too), resolved by resolveTopicIDs.
	byID map[int]map[[16]byte][]int32
}

// describeNext describes the named groups with ConsumerGroupDescribe. It is
// raw rather than kadm.DescribeConsumerGroups because kadm keeps only topic
// names, and a broker may send topic IDs alone. Groups that are not KIP-848
// groups, and brokers that do not know the request, are left out: the
// classic describe covers them.
func describeNext(ctx context.Context, cl *kgo.Client, names []string) map[string]nextGroup {
	req := kmsg.NewPtrConsumerGroupDescribeRequest()
	req.Groups = names
	out := map[string]nextGroup{}
	for _, sh := range cl.RequestSharded(ctx, req) {
		if sh.Err != nil {
			continue
		}
		resp, ok := sh.Resp.(*kmsg.ConsumerGroupDescribeResponse)
		if !ok {
			continue
		}
		for _, rg := range resp.Groups {
			if kerr.ErrorForCode(rg.ErrorCode) != nil {
				continue
			}
			ng := nextGroup{
				state:         rg.State,
				epoch:         rg.Epoch,
				coordinator:   hostPort(sh.Meta.Host, sh.Meta.Port),
				coordinatorID: sh.Meta.NodeID,
				byID:          map[int]map[[16]byte][]int32{},
			}
			for _, rm := range rg.Members {
				m := Member{ID: rm.MemberID, InstanceID: deref(rm.InstanceID), ClientID: rm.ClientID, Host: cleanHost(rm.ClientHost), Assigned: map[string][]int32{}}
				for _, tp := range rm.Assignment.TopicPartitions {
					if tp.Topic != "" {
						m.Assigned[tp.Topic] = append(m.Assigned[tp.Topic], tp.Partitions...)
						continue
					}
					idx := len(ng.members)
					if ng.byID[idx] == nil {
						ng.byID[idx] = map[[16]byte][]int32{}
					}
					ng.byID[idx][tp.TopicID] = append(ng.byID[idx][tp.TopicID], tp.Partitions...)
				}
				ng.subscribed = append(ng.subscribed, rm.SubscribedTopics...)
				ng.members = append(ng.members, m)
			}
			out[rg.Group] = ng
		}
	}
	return out
}

// resolveTopicIDs names topics that were assigned by ID, with one metadata
// request when any are.
func resolveTopicIDs(ctx context.Context, adm *kadm.Client, next map[string]nextGroup) error {
	need := false
	for _, ng := range next {
		need = need || len(ng.byID) > 0
	}
	if !need {
		return nil
	}
	tds, err := adm.ListTopicsWithInternal(ctx)
	if err != nil {
		return err
	}
	names := map[[16]byte]string{}
	for _, td := range tds {
		names[td.ID] = td.Topic
	}
	for _, ng := range next {
		for idx, ids := range ng.byID {
			m := &ng.members[idx]
			for id, ps := range ids {
				// A topic deleted since it was assigned has no name left.
				if t, ok := names[id]; ok {
					m.Assigned[t] = append(m.Assigned[t], ps...)
				}
			}
		}
	}
	return nil
}
