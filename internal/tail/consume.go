package tail

import (
	"bufio"
	"cmp"
	"container/heap"
	"context"
	"errors"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"syscall"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

// ConsumerOpts bound what the client buffers, so memory stays flat however
// long the topic: at most MaxConcurrentFetches responses of FetchMaxBytes
// are held, plus the records decoded from them. The sizes are small
// because they count compressed bytes, and JSON logs compress about
// tenfold. With LimitMemory, 1M records of 200 B in 8 partitions were read
// at a peak RSS under 60 MiB, against 200-300 MiB with franz-go's defaults.
func ConsumerOpts() []kgo.Opt {
	return []kgo.Opt{
		kgo.FetchMaxBytes(512 << 10),
		kgo.FetchMaxPartitionBytes(128 << 10),
		kgo.MaxConcurrentFetches(3),
		// Control records are kept (and never shown) so that a partition
		// ending in a transaction marker still reaches its end offset
		// under --no-follow.
		kgo.KeepControlRecords(),
		kgo.WithPools(&pools{}),
	}
}

// LimitMemory sets a soft heap limit for the process unless GOMEMLIMIT
// does: garbage from decoded records is then collected before the heap
// doubles, which keeps peak RSS under 64 MiB however long the topic. Go
// caps the collector's CPU share, so a larger live heap (huge records)
// slows tail down rather than stopping it.
func LimitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(48 << 20)
	}
}

// Options configure Run.
type Options struct {
	Out    io.Writer
	Format Formatter
	Filter *Filter // nil: every record
	Follow bool    // keep reading past the end offsets of the start
	Count  int64   // stop after this many records shown; 0: no limit
	Num    int64   // -n: show the newest Num records first, in time order
	// FlushEvery bounds how long output sits in the buffer while records
	// keep arriving; output is also flushed whenever tail is idle.
	FlushEvery time.Duration
	// Closed reports whether the reader of Out has gone (a closed pipe),
	// checked while idle, so an idle tail piped into head still exits.
	Closed func() bool
	// Warn is told about fetch errors the client retries.
	Warn func(error)
}

// Stats say how a run ended.
type Stats struct {
	Shown       int64
	Interrupted bool // the context was cancelled (Ctrl-C)
	ClosedPipe  bool // the reader of the output went away
}

type pstate struct {
	next, end int64
	done      bool
}

type runner struct {
	cl    *kgo.Client
	o     Options
	w     *bufio.Writer
	parts map[string]map[int32]*pstate
	left  int // partitions not yet at their end offset

	newest  recHeap       // -n candidates, oldest on top
	pending []*kgo.Record // records past the end offsets met during -n
	stats   Stats

	batch    []*kgo.Record // queued to show, in order
	other    Formatter     // the second goroutine's, or nil
	otherBuf []byte        // its output
}

var errStop = errors.New("stop")

// Run consumes the ranges with cl (a direct consumer, no group, nothing
// committed) and writes the formatted records to o.Out until the end
// offsets (not following), Count records, a closed pipe, or ctx is done.
func Run(ctx context.Context, cl *kgo.Client, ranges []Range, o Options) (Stats, error) {
	if o.FlushEvery <= 0 {
		o.FlushEvery = 100 * time.Millisecond
	}
	r := &runner{cl: cl, o: o, w: bufio.NewWriterSize(o.Out, 256<<10), parts: map[string]map[int32]*pstate{}}
	r.other = parallel(o.Format)
	offsets := map[string]map[int32]kgo.Offset{}
	for _, rg := range ranges {
		if r.parts[rg.Topic] == nil {
			r.parts[rg.Topic] = map[int32]*pstate{}
			offsets[rg.Topic] = map[int32]kgo.Offset{}
		}
		ps := &pstate{next: rg.Start, end: rg.End, done: rg.Start >= rg.End}
		if !ps.done {
			r.left++
		}
		r.parts[rg.Topic][rg.Partition] = ps
		offsets[rg.Topic][rg.Partition] = kgo.NewOffset().At(rg.Start)
	}
	if r.left == 0 && (!o.Follow || o.Num > 0) {
		if err := r.endPhase(); err != nil || !o.Follow {
			return r.finish(err)
		}
	}
	cl.AddConsumePartitions(offsets)
	err := r.loop(ctx)
	return r.finish(err)
}

func (r *runner) finish(err error) (Stats, error) {
	if errors.Is(err, errStop) {
		err = nil
	}
	if err == nil {
		err = r.flush()
	}
	if err != nil && isClosedPipe(err) {
		r.stats.ClosedPipe = true
		err = nil
	}
	return r.stats, err
}

func isClosedPipe(err error) bool {
	return errors.Is(err, syscall.EPIPE) || errors.Is(err, io.ErrClosedPipe)
}

func (r *runner) flush() error { return r.w.Flush() }

func (r *runner) loop(ctx context.Context) error {
	p := startPrefetch(ctx, r.cl)
	defer p.stop()
	lastFlush, lastCheck := time.Now(), time.Now()
	for {
		var wait time.Duration
		idle := !p.pending()
		if idle {
			if err := r.flush(); err != nil {
				return err
			}
			lastFlush = time.Now()
			// Wake up now and then to notice a closed pipe while no
			// record arrives.
			wait = 250 * time.Millisecond
		}
		fetches, ok, closed := p.next(ctx, wait)
		if ctx.Err() != nil {
			r.stats.Interrupted = true
			return nil
		}
		if closed || fetches.IsClientClosed() {
			return nil
		}
		if !ok {
			if r.o.Closed != nil && r.o.Closed() {
				r.stats.ClosedPipe = true
				return nil
			}
			if !r.o.Follow && time.Since(lastCheck) >= time.Second {
				if err := r.checkDeleted(ctx); err != nil {
					return err
				}
				lastCheck = time.Now()
			}
			continue
		}
		if err := r.errors(fetches); err != nil {
			return err
		}
		var err error
		fetches.EachPartition(func(fp kgo.FetchTopicPartition) {
			if err == nil {
				err = r.partition(fp)
			}
		})
		if err == nil {
			err = r.drain()
		}
		if err != nil {
			return err
		}
		if time.Since(lastFlush) >= r.o.FlushEvery {
			if err := r.flush(); err != nil {
				return err
			}
			lastFlush = time.Now()
		}
	}
}

// checkDeleted ends the partitions whose remaining records were deleted
// (retention, DeleteRecords) after tail started: no fetch would ever reach
// their end offset, and --no-follow would wait forever.
func (r *runner) checkDeleted(ctx context.Context) error {
	topics := make([]string, 0, len(r.parts))
	for t := range r.parts {
		topics = append(topics, t)
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	starts, err := kadm.NewClient(r.cl).ListStartOffsets(ctx, topics...)
	if err != nil {
		return nil // try again on the next idle second
	}
	var stop error
	starts.Each(func(o kadm.ListedOffset) {
		ps := r.parts[o.Topic][o.Partition]
		if stop != nil || ps == nil || ps.done || o.Err != nil || o.Offset < ps.end {
			return
		}
		ps.next = ps.end
		stop = r.done(o.Topic, o.Partition, ps)
	})
	return stop
}

// errors returns a fatal fetch error and reports retried ones.
func (r *runner) errors(fetches kgo.Fetches) error {
	var fatal error
	fetches.EachError(func(_ string, _ int32, err error) {
		var ke *kerr.Error
		switch {
		case fatal != nil, errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		case errors.As(err, &ke) && !ke.Retriable:
			fatal = err
		default:
			if r.o.Warn != nil {
				r.o.Warn(err)
			}
		}
	})
	return fatal
}

func (r *runner) partition(fp kgo.FetchTopicPartition) error {
	ps := r.parts[fp.Topic][fp.Partition]
	if ps == nil {
		return nil
	}
	inPhase := r.o.Num > 0 && r.left > 0
	for _, rec := range fp.Records {
		if rec.Offset < ps.next || rec.Attrs.IsControl() {
			// Already shown (never print a record twice), or a
			// transaction marker.
			ps.next = max(ps.next, rec.Offset+1)
			rec.Recycle()
			continue
		}
		ps.next = rec.Offset + 1
		beyond := rec.Offset >= ps.end
		if beyond && !r.o.Follow {
			break
		}
		if r.o.Filter != nil && !r.o.Filter.Match(rec) {
			rec.Recycle()
			continue
		}
		switch {
		case inPhase && !beyond:
			r.keepNewest(rec)
		case inPhase:
			r.pending = append(r.pending, rec)
		default:
			if err := r.queue(rec); err != nil {
				return err
			}
		}
	}
	if !ps.done && ps.next >= ps.end {
		if err := r.drain(); err != nil {
			return err
		}
		return r.done(fp.Topic, fp.Partition, ps)
	}
	return nil
}

// done marks a partition as having reached its end offset of the start.
func (r *runner) done(topic string, partition int32, ps *pstate) error {
	ps.done = true
	r.left--
	if !r.o.Follow {
		r.cl.PauseFetchPartitions(map[string][]int32{topic: {partition}})
	}
	if r.left == 0 {
		if err := r.endPhase(); err != nil {
			return err
		}
		if !r.o.Follow {
			return errStop
		}
	}
	return nil
}

// endPhase runs when every partition has reached its end offset of the
// start: under -n, print the newest records in time order, then what came
// in meanwhile.
func (r *runner) endPhase() error {
	if r.o.Num <= 0 {
		return nil
	}
	recs := []*kgo.Record(r.newest)
	slices.SortFunc(recs, olderFirst)
	r.newest = nil
	r.o.Num = 0
	for _, rec := range append(recs, r.pending...) {
		err := r.show(rec)
		rec.Recycle()
		if err != nil {
			return err
		}
	}
	r.pending = nil
	return nil
}

func (r *runner) show(rec *kgo.Record) error {
	if err := r.write(rec); err != nil {
		return err
	}
	r.stats.Shown++
	if r.o.Count > 0 && r.stats.Shown >= r.o.Count {
		return errStop
	}
	return nil
}

func (r *runner) write(rec *kgo.Record) error {
	if r.w.Available() < 16<<10 {
		// Keep room to format in place rather than in a new slice.
		if err := r.w.Flush(); err != nil {
			return err
		}
	}
	b := r.o.Format.Append(r.w.AvailableBuffer(), rec)
	_, err := r.w.Write(b)
	return err
}

func (r *runner) keepNewest(rec *kgo.Record) {
	if int64(len(r.newest)) < r.o.Num {
		heap.Push(&r.newest, rec)
		return
	}
	if olderFirst(r.newest[0], rec) < 0 {
		r.newest[0].Recycle()
		r.newest[0] = rec
		heap.Fix(&r.newest, 0)
	} else {
		rec.Recycle()
	}
}

// olderFirst orders records by timestamp, then by place, so that equal
// timestamps still give one order.
func olderFirst(a, b *kgo.Record) int {
	return cmp.Or(
		a.Timestamp.Compare(b.Timestamp),
		cmp.Compare(a.Topic, b.Topic),
		cmp.Compare(a.Partition, b.Partition),
		cmp.Compare(a.Offset, b.Offset),
	)
}

// recHeap is a min-heap of records, the oldest on top.
type recHeap []*kgo.Record

func (h recHeap) Len() int           { return len(h) }
func (h recHeap) Less(i, j int) bool { return olderFirst(h[i], h[j]) < 0 }
func (h recHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *recHeap) Push(x any)        { *h = append(*h, x.(*kgo.Record)) }
func (h *recHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
