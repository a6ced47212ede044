package cmd

// tail --group: read as a member of a consumer group and commit what was
// printed, so that the group's consumers later start after it.

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/groups"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/tail"
)

// tailGroup is the group member tail reads with.
type tailGroup struct {
	cl   *kafka.Client
	name string // with the prefix
}

// joinTailGroup checks the group is idle, starts ranges where the group left
// off unless --from was given, and returns a client that joins the group
// and begins each partition at its range's start.
func joinTailGroup(ctx context.Context, opts *tailOptions, admin *kafka.Client, warner *tail.Warner, ranges []tail.Range) (*tailGroup, error) {
	ctx, cancel := context.WithTimeout(ctx, admin.Timeout)
	defer cancel()
	name := admin.Config.WithPrefix(opts.Group)
	g, err := groups.Describe(ctx, admin.Client, admin.Admin, name)
	exists := true
	switch {
	case errors.Is(err, groups.ErrNotFound):
		exists = false // a new group: tail creates it with its first commit
	case err != nil:
		return nil, err
	case g.Active():
		return nil, activeGroupError(opts.Group, len(g.Members), "reading as it with tail --group")
	}
	if !opts.fromSet && exists {
		committed, err := groups.Commits(ctx, admin.Admin, name)
		if err != nil {
			return nil, err
		}
		for i, r := range ranges {
			if at, ok := committed[r.Topic][r.Partition]; ok {
				ranges[i].Start = min(at, r.End)
			}
		}
	}
	starts := map[string]map[int32]int64{}
	var topics []string
	for _, r := range ranges {
		if starts[r.Topic] == nil {
			starts[r.Topic] = map[int32]int64{}
			topics = append(topics, r.Topic)
		}
		starts[r.Topic][r.Partition] = r.Start
	}
	var mu sync.Mutex
	// The first assignment of a partition starts at its range; a later one
	// (after a rebalance) at the group's commit, as any member would.
	adjust := func(_ context.Context, offsets map[string]map[int32]kgo.Offset) (map[string]map[int32]kgo.Offset, error) {
		mu.Lock()
		defer mu.Unlock()
		for t, ps := range offsets {
			for p, o := range ps {
				if s, ok := starts[t][p]; ok {
					ps[p] = o.At(s)
					delete(starts[t], p)
				}
			}
		}
		return offsets, nil
	}
	extra := append(tailClientOpts(warner, opts.isolation),
		kgo.ConsumerGroup(name),
		kgo.ConsumeTopics(topics...),
		kgo.AutoCommitMarks(),
		kgo.AdjustFetchOffsetsFn(adjust),
	)
	cl, err := opts.Factory.Client(extra...)
	if err != nil {
		return nil, err
	}
	return &tailGroup{cl: cl, name: name}, nil
}

// mark records what tail has printed, to be committed.
func (g *tailGroup) mark(next map[string]map[int32]kgo.EpochOffset) {
	g.cl.Client.MarkCommitOffsets(next)
}

// finish commits what was printed and leaves the group, within --timeout
// even after Ctrl-C.
func (g *tailGroup) finish(ctx context.Context, group string) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), g.cl.Timeout)
	defer cancel()
	err := g.cl.Client.CommitMarkedOffsets(ctx)
	g.cl.Client.LeaveGroup()
	if err != nil {
		return fmt.Errorf("committing the offsets of group %s: %w", group, err)
	}
	return nil
}
