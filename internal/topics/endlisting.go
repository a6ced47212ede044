package topics

import (
	"context"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// EndListing is what Options.OnEnd is handed: the end offsets Describe
// listed first, and a way to list them again.
type EndListing struct {
	// Time is the midpoint of the end-offset requests.
	Time time.Time
	// End is each partition's end offset, by topic and partition; a
	// partition whose listing failed is absent.
	End map[string]map[int32]int64
	// Again lists the end offsets of the same partitions once more, in
	// the same shape, one request per leader that the metadata named.
	// Sampling through kadm instead would fetch the metadata of every
	// topic again, twice (kadm's, then franz-go's sharding): on 50,000
	// partitions most of a sample's cost. Partitions without a leader
	// are left out, not an error.
	Again func(context.Context) (map[string]map[int32]int64, error)
}

// endSet collects listed end offsets, from the requests to every leader
// at once.
type endSet struct {
	mu sync.Mutex
	m  map[string]map[int32]int64
}

func (ix *index) newEndSet() *endSet {
	m := make(map[string]map[int32]int64, len(ix.sums))
	for i := range ix.sums {
		m[ix.names[i]] = make(map[int32]int64, len(ix.sums[i].Partitions))
	}
	return &endSet{m: m}
}

func (s *endSet) set(lo kadm.ListedOffset) {
	s.mu.Lock()
	s.m[lo.Topic][lo.Partition] = lo.Offset
	s.mu.Unlock()
}

// listEndAgain is EndListing.Again.
func (ix *index) listEndAgain(ctx context.Context, cl *kgo.Client) (map[string]map[int32]int64, error) {
	s := ix.newEndSet()
	err := ix.listOffsets(ctx, cl, -1, nil, func(_ *Partition, lo kadm.ListedOffset) { s.set(lo) })
	if err != nil && !Leaderless(err) {
		return nil, err
	}
	return s.m, nil
}
