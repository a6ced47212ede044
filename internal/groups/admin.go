package groups

import (
	"context"
	"errors"
	"fmt"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"

	"github.com/kafka-cli/kafka/internal/throughput"
	"github.com/kafka-cli/kafka/internal/topics"
)

// ErrNotEmpty is Delete's answer for a group that still has members.
var ErrNotEmpty = errors.New("consumer group has active members")

// ErrNoAnswer means the cluster answered a request without the group in it.
var ErrNoAnswer = errors.New("the cluster did not answer for the consumer group")

// Names lists the cluster's consumer groups (one ListGroups).
func Names(ctx context.Context, adm *kadm.Client) ([]string, error) {
	listed, err := adm.ListGroups(ctx)
	if err != nil && !topics.DeadBrokersOnly(err) {
		return nil, err
	}
	return listed.Groups(), nil
}

// Commits returns the offsets the group has committed, topic → partition
// (one OffsetFetch); partitions without a commit are absent.
func Commits(ctx context.Context, adm *kadm.Client, name string) (throughput.Offsets, error) {
	fetched, err := adm.FetchOffsets(ctx, name)
	if err != nil {
		return nil, err
	}
	out := throughput.Offsets{}
	fetched.Each(func(o kadm.OffsetResponse) {
		if o.Err == nil && o.At >= 0 {
			out.Set(o.Topic, o.Partition, o.At)
		}
	})
	return out, nil
}

// Delete deletes one group and its committed offsets: ErrNotFound when the
// cluster does not know it, ErrNotEmpty while it has members.
func Delete(ctx context.Context, adm *kadm.Client, name string) error {
	resps, err := adm.DeleteGroups(ctx, name)
	if err != nil {
		return err
	}
	r, ok := resps[name]
	switch {
	case !ok:
		return ErrNoAnswer
	case errors.Is(r.Err, kerr.GroupIDNotFound):
		return fmt.Errorf("%w: %w", ErrNotFound, r.Err)
	case errors.Is(r.Err, kerr.NonEmptyGroup):
		return fmt.Errorf("%w: %w", ErrNotEmpty, r.Err)
	}
	return r.Err
}

// CommitRefused reports the errors Kafka gives a commit without a
// generation while the group has members: consumers joined since the check.
func CommitRefused(err error) bool {
	for _, e := range []error{kerr.UnknownMemberID, kerr.IllegalGeneration, kerr.RebalanceInProgress, kerr.FencedMemberEpoch, kerr.StaleMemberEpoch} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}
