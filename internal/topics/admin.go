package topics

import (
	"context"
	"errors"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
)

// The requests of the topic administration commands (create, destroy,
// partitions, config changes), one Kafka call each, and what their errors
// mean. cmd words the answers; it makes no Kafka call of its own.

// Names lists the topics the cluster has, internal ones left out (one
// metadata request).
func Names(ctx context.Context, adm *kadm.Client) ([]string, error) {
	tds, err := Metadata(ctx, adm)
	if err != nil {
		return nil, err
	}
	return tds.Names(), nil
}

// Metadata describes the named topics, internal ones left out unless
// named (one metadata request, to another broker when the first one the
// client picks refuses the connection: see RetryDial).
func Metadata(ctx context.Context, adm *kadm.Client, names ...string) (kadm.TopicDetails, error) {
	return RetryDial(ctx, func() (kadm.TopicDetails, error) { return adm.ListTopics(ctx, names...) })
}

// Lookup describes one topic, internal or not: ErrNotFound when the
// cluster does not know it, the topic's own error when it has one.
func Lookup(ctx context.Context, adm *kadm.Client, name string) (kadm.TopicDetail, error) {
	tds, err := adm.ListTopicsWithInternal(ctx, name)
	if err != nil {
		return kadm.TopicDetail{}, err
	}
	return Find(tds, name)
}

// AlreadyExists reports Kafka's answer to creating a topic that exists.
func AlreadyExists(err error) bool { return errors.Is(err, kerr.TopicAlreadyExists) }

// Create creates one topic; -1 partitions or replication factor asks for
// the broker's default. The response carries what the broker applied
// (Kafka 2.4 and later) and its message on failure.
func Create(ctx context.Context, adm *kadm.Client, partitions int32, rf int16, configs map[string]*string, name string) (kadm.CreateTopicResponse, error) {
	return adm.CreateTopic(ctx, partitions, rf, configs, name)
}

// Delete deletes one topic; the response carries the broker's message.
func Delete(ctx context.Context, adm *kadm.Client, name string) (kadm.DeleteTopicResponse, error) {
	return adm.DeleteTopic(ctx, name)
}

// AddPartitions raises a topic's partition count to count. err is the
// request's error; the topic's own is in the response.
func AddPartitions(ctx context.Context, adm *kadm.Client, name string, count int) (kadm.CreatePartitionsResponse, error) {
	rs, err := adm.UpdatePartitions(ctx, count, name)
	if err != nil {
		return kadm.CreatePartitionsResponse{}, err
	}
	return rs[name], nil
}

// DescribeConfigs returns one topic's configs, or ErrNotFound.
func DescribeConfigs(ctx context.Context, adm *kadm.Client, name string) (kadm.ResourceConfig, error) {
	rcs, err := adm.DescribeTopicConfigs(ctx, name)
	if err != nil {
		return kadm.ResourceConfig{}, err
	}
	rc, err := rcs.On(name, nil)
	if err == nil {
		err = rc.Err
	}
	if Unknown(err) {
		return kadm.ResourceConfig{}, ErrNotFound
	}
	if err != nil {
		return kadm.ResourceConfig{}, err
	}
	return rc, nil
}

// AlterConfigs applies incremental config changes to one topic. err is
// the request's error; the topic's own is r.Err, ErrNotFound when the
// cluster does not know it, with the broker's message in r.ErrMessage.
func AlterConfigs(ctx context.Context, adm *kadm.Client, name string, ops []kadm.AlterConfig) (r kadm.AlterConfigsResponse, err error) {
	rs, err := adm.AlterTopicConfigs(ctx, ops, name)
	if err != nil {
		return r, err
	}
	r, err = rs.On(name, nil)
	if err != nil {
		r.Err = err
	}
	if Unknown(r.Err) {
		r.Err = ErrNotFound
	}
	return r, nil
}
