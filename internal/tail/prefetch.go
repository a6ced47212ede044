package tail

import (
	"context"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// prefetcher polls on a goroutine of its own. franz-go holds one buffered
// fetch per broker and sends the next fetch request only once that one is
// taken, so polling while tail formats the previous fetches keeps the
// brokers busy instead of idle. The channel holds one poll's fetches: the
// memory in flight grows by one poll, not without bound.
type prefetcher struct {
	ch     chan kgo.Fetches
	cancel context.CancelFunc
	done   chan struct{}
}

func startPrefetch(ctx context.Context, cl *kgo.Client) *prefetcher {
	ctx, cancel := context.WithCancel(ctx)
	p := &prefetcher{ch: make(chan kgo.Fetches, 1), cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(p.done)
		defer close(p.ch)
		for {
			f := cl.PollFetches(ctx)
			if ctx.Err() != nil {
				return
			}
			select {
			case p.ch <- f:
			case <-ctx.Done():
				return
			}
			if f.IsClientClosed() {
				return
			}
		}
	}()
	return p
}

// stop ends the polling goroutine and waits for it.
func (p *prefetcher) stop() {
	p.cancel()
	<-p.done
}

// pending reports whether polled fetches are waiting.
func (p *prefetcher) pending() bool { return len(p.ch) > 0 }

// next returns the next fetches, waiting until ctx is done or, if wait is
// positive, at most wait. ok is false when nothing came; closed is true
// when the poller has ended (the client closed, or ctx is done).
func (p *prefetcher) next(ctx context.Context, wait time.Duration) (f kgo.Fetches, ok, closed bool) {
	var timeout <-chan time.Time
	if wait > 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		timeout = t.C
	}
	select {
	case f, ok = <-p.ch:
		return f, ok, !ok
	case <-ctx.Done():
		return nil, false, true
	case <-timeout:
		return nil, false, false
	}
}
