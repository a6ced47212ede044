package groups

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

func TestDeleteSaysWhy(t *testing.T) {
	c := kafkatest.NewCluster(t, kfake.SeedTopics(1, "t"))
	adm := kadm.NewClient(kafkatest.Client(t, c))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	if err := Delete(ctx, adm, "nobody"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Delete(unknown) = %v, want ErrNotFound", err)
	}
	os := kadm.Offsets{}
	os.Add(kadm.Offset{Topic: "t", Partition: 0, At: 7, LeaderEpoch: -1})
	if _, err := adm.CommitOffsets(ctx, "idle", os); err != nil {
		t.Fatal(err)
	}
	if got, err := Commits(ctx, adm, "idle"); err != nil || got["t"][0] != 7 || len(got["t"]) != 1 {
		t.Errorf("Commits(idle) = %v, %v; want t/0 at 7", got, err)
	}

	member := kafkatest.Client(t, c, kgo.ConsumerGroup("busy"), kgo.ConsumeTopics("t"))
	deadline := time.Now().Add(10 * time.Second)
	for {
		names, err := Names(ctx, adm)
		if err == nil && slices.Contains(names, "busy") {
			dg, err := adm.DescribeGroups(ctx, "busy")
			if err == nil && len(dg["busy"].Members) == 1 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("group busy never got its member: %v %v", names, err)
		}
		pctx, pcancel := context.WithTimeout(ctx, 100*time.Millisecond)
		member.PollFetches(pctx) // joins the group
		pcancel()
	}
	if err := Delete(ctx, adm, "busy"); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("Delete(active) = %v, want ErrNotEmpty", err)
	}
	member.Close()
	if err := Delete(ctx, adm, "busy"); err != nil {
		t.Errorf("Delete(after its member left) = %v", err)
	}
}

func TestCommitRefused(t *testing.T) {
	for _, err := range []error{kerr.UnknownMemberID, kerr.IllegalGeneration, kerr.RebalanceInProgress, kerr.FencedMemberEpoch, fmt.Errorf("commit: %w", kerr.StaleMemberEpoch)} {
		if !CommitRefused(err) {
			t.Errorf("CommitRefused(%v) = false", err)
		}
	}
	if CommitRefused(kerr.CoordinatorNotAvailable) || CommitRefused(nil) {
		t.Error("CommitRefused takes other errors for an active group")
	}
}
