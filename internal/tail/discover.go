package tail

import (
	"context"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// discover looks for partitions added to the followed topics every
// interval, with one metadata request bounded by --timeout, and sends the
// new ones on the returned channel. It ends with ctx.
func (r *runner) discover(ctx context.Context, interval time.Duration) <-chan map[string][]int32 {
	known := map[string]map[int32]bool{}
	topics := make([]string, 0, len(r.parts))
	for t, ps := range r.parts {
		topics = append(topics, t)
		known[t] = map[int32]bool{}
		for p := range ps {
			known[t][p] = true
		}
	}
	timeout := r.timeout()
	ch := make(chan map[string][]int32)
	go func() {
		adm := kadm.NewClient(r.cl)
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			rctx, cancel := context.WithTimeout(ctx, timeout)
			details, err := adm.ListTopics(rctx, topics...)
			cancel()
			if err != nil {
				continue // a slow or missing broker: try again next time
			}
			added := map[string][]int32{}
			for _, td := range details {
				if td.Err != nil || known[td.Topic] == nil {
					continue
				}
				for p := range td.Partitions {
					if !known[td.Topic][p] {
						known[td.Topic][p] = true
						added[td.Topic] = append(added[td.Topic], p)
					}
				}
			}
			if len(added) == 0 {
				continue
			}
			select {
			case ch <- added:
			case <-ctx.Done():
				return
			}
		}
	}()
	return ch
}

// follow starts reading added partitions from their first record. They
// were not there when tail started, so they have no end offset to reach.
func (r *runner) follow(added map[string][]int32) {
	offsets := map[string]map[int32]kgo.Offset{}
	for t, parts := range added {
		offsets[t] = map[int32]kgo.Offset{}
		for _, p := range parts {
			r.parts[t][p] = &pstate{done: true}
			offsets[t][p] = kgo.NewOffset().AtStart()
		}
	}
	r.cl.AddConsumePartitions(offsets)
}
