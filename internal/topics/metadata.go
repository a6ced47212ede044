package topics

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// topicMeta is one topic as metadata lists it.
type topicMeta struct {
	name     string
	internal bool
	err      error
	parts    []Partition // sorted by number, offsets and sizes not yet known
}

func newPartition(topic string, p int32, leader int32, replicas, isr, offline []int32, err error) Partition {
	return Partition{
		Partition: p, Leader: leader, Replicas: replicas, ISR: isr, OfflineReplicas: offline, Err: err,
		Since: kadm.ListedOffset{Topic: topic, Partition: p, Offset: -1, Timestamp: -1},
	}
}

// sortPartitions orders partitions by number; brokers list them in order
// already, and checking is far cheaper than moving 50,000 large entries.
func sortPartitions(ps []Partition) {
	byNumber := func(a, b Partition) int { return cmp.Compare(a.Partition, b.Partition) }
	if !slices.IsSortedFunc(ps, byNumber) {
		slices.SortFunc(ps, byNumber)
	}
}

// metadata lists the named topics, or all topics (without internal ones
// unless internal), with the same results and errors as kadm's
// ListTopics and ListTopicsWithInternal.
//
// With cl, the request goes to one broker directly: through the client,
// franz-go copies every partition into its metadata cache and kadm then
// into maps of its own, which on 50,000 partitions cost more than the
// request. A topic-less metadata request through the client first finds
// the brokers (with the client's seed failover) and lets the later
// requests reach the partition leaders.
func metadata(ctx context.Context, adm *kadm.Client, cl *kgo.Client, internal bool, names []string) ([]topicMeta, error) {
	if cl == nil {
		return metadataKadm(ctx, adm, internal, names)
	}
	// Through RetryDial: the client may hand this to a broker that died
	// moments ago and is still listed (see RetryDial).
	bm, err := RetryDial(ctx, func() (kadm.Metadata, error) { return adm.BrokerMetadata(ctx) })
	if err != nil {
		return nil, err
	}
	req := kmsg.NewPtrMetadataRequest()
	for _, t := range names {
		rt := kmsg.NewMetadataRequestTopic()
		rt.Topic = kmsg.StringPtr(t)
		req.Topics = append(req.Topics, rt)
	}
	var resp *kmsg.MetadataResponse
	// A broker that does not answer leaves the others to ask.
	for _, b := range bm.Brokers {
		if resp, err = req.RequestWith(ctx, cl.Broker(int(b.NodeID))); err == nil || ctx.Err() != nil {
			break
		}
	}
	if err != nil {
		return nil, err
	}
	if resp == nil {
		return nil, fmt.Errorf("metadata: no broker listed")
	}
	byName := make(map[string]int, len(resp.Topics))
	tms := make([]topicMeta, 0, len(resp.Topics))
	for _, t := range resp.Topics {
		code := t.ErrorCode
		switch err := kerr.ErrorForCode(code); err {
		case kerr.ClusterAuthorizationFailed, kerr.TopicAuthorizationFailed, kerr.GroupAuthorizationFailed,
			kerr.TransactionalIDAuthorizationFailed, kerr.DelegationTokenAuthorizationFailed:
			return nil, &kadm.AuthError{Err: err}
		}
		if len(names) == 0 && t.IsInternal && !internal {
			continue
		}
		tm := topicMeta{internal: t.IsInternal, err: kerr.ErrorForCode(code), parts: make([]Partition, 0, len(t.Partitions))}
		if t.Topic != nil {
			tm.name = *t.Topic
		}
		// Partitions are numbered 0..n-1, so each goes to its place
		// unless the numbers say otherwise; then they are sorted.
		n := len(t.Partitions)
		placed := true
		tm.parts = tm.parts[:n]
		for i := range tm.parts {
			tm.parts[i].Partition = -1
		}
		for _, p := range t.Partitions {
			if placed && p.Partition >= 0 && int(p.Partition) < n && tm.parts[p.Partition].Partition < 0 {
				tm.parts[p.Partition] = newPartition(tm.name, p.Partition, p.Leader, p.Replicas, p.ISR, p.OfflineReplicas, kerr.ErrorForCode(p.ErrorCode))
				continue
			}
			placed = false
		}
		if !placed {
			tm.parts = tm.parts[:0]
			for _, p := range t.Partitions {
				tm.parts = append(tm.parts, newPartition(tm.name, p.Partition, p.Leader, p.Replicas, p.ISR, p.OfflineReplicas, kerr.ErrorForCode(p.ErrorCode)))
			}
			sortPartitions(tm.parts)
		}
		if i, ok := byName[tm.name]; ok {
			tms[i] = tm
			continue
		}
		byName[tm.name] = len(tms)
		tms = append(tms, tm)
	}
	if len(names) > 0 {
		uniq := make(map[string]struct{}, len(names))
		for _, t := range names {
			uniq[t] = struct{}{}
		}
		if len(tms) != len(uniq) {
			return nil, fmt.Errorf("metadata returned only %d topics of %d requested", len(tms), len(uniq))
		}
	}
	return tms, nil
}

func metadataKadm(ctx context.Context, adm *kadm.Client, internal bool, names []string) ([]topicMeta, error) {
	tds, err := RetryDial(ctx, func() (kadm.TopicDetails, error) {
		if internal || len(names) > 0 {
			return adm.ListTopicsWithInternal(ctx, names...)
		}
		return adm.ListTopics(ctx)
	})
	if err != nil {
		return nil, err
	}
	tms := make([]topicMeta, 0, len(tds))
	for _, td := range tds {
		tm := topicMeta{name: td.Topic, internal: td.IsInternal, err: td.Err}
		for _, pd := range td.Partitions {
			tm.parts = append(tm.parts, newPartition(td.Topic, pd.Partition, pd.Leader, pd.Replicas, pd.ISR, pd.OfflineReplicas, pd.Err))
		}
		sortPartitions(tm.parts)
		tms = append(tms, tm)
	}
	sort.Slice(tms, func(i, j int) bool { return tms[i].name < tms[j].name })
	return tms, nil
}
