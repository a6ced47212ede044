package kafkatest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kadm"
)

// Reset empties the cluster for a test that expects a fresh one (the
// acceptance scripts, written against kafka dev): it deletes every
// non-internal topic and every consumer group, then waits until no running
// node lists a topic any more, since real brokers delete asynchronously.
// It leaves users and ACLs alone.
func (c *RealCluster) Reset(t testing.TB) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), nodeTimeout)
	defer cancel()
	adm := kadm.NewClient(c.Client(t))
	groups, err := adm.ListGroups(ctx)
	if err != nil {
		t.Fatalf("kafkatest: Reset: listing groups: %v", err)
	}
	if names := groups.Groups(); len(names) > 0 {
		res, err := adm.DeleteGroups(ctx, names...)
		if err == nil {
			err = firstGroupErr(res)
		}
		if err != nil {
			t.Fatalf("kafkatest: Reset: deleting groups %v: %v", names, err)
		}
	}
	last := "no answer"
	err = pollUntil(ctx, nil, c, func(ctx context.Context) bool {
		views, err := c.nodeViews(ctx, []string{})
		if err != nil {
			last = err.Error()
			return false
		}
		var left []string
		for _, v := range views {
			for _, td := range v.resp.Topics {
				if !td.IsInternal && td.Topic != nil && !strings.HasPrefix(*td.Topic, "__") && !slices.Contains(left, *td.Topic) {
					left = append(left, *td.Topic)
				}
			}
		}
		if len(left) == 0 {
			return true
		}
		last = fmt.Sprintf("topics %v still listed", left)
		// Deleting a topic already being deleted is harmless.
		adm.DeleteTopics(ctx, left...)
		return false
	})
	if err != nil {
		t.Fatalf("kafkatest: Reset: %v; last: %s", err, last)
	}
}

func firstGroupErr(res kadm.DeleteGroupResponses) error {
	for _, r := range res.Sorted() {
		if r.Err != nil {
			return fmt.Errorf("%s: %w", r.Group, r.Err)
		}
	}
	return nil
}
