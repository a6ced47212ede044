package tail

import (
	"bufio"
	"context"
	"errors"
	"io"
	"syscall"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// Options configure Run.
type Options struct {
	Out    io.Writer
	Format Formatter
	Filter *Filter // nil: every record
	// Decoder, when set, makes the decoders that rewrite schema-encoded
	// keys and values as their JSON before records are filtered and
	// shown, one per goroutine that uses one.
	Decoder func() Decoder
	Follow  bool  // keep reading past the end offsets of the start
	Count   int64 // stop after this many records shown; 0: no limit
	Num     int64 // -n: show the newest Num records first, in time order
	// FlushEvery bounds how long output sits in the buffer while records
	// keep arriving; output is also flushed whenever tail is idle.
	FlushEvery time.Duration
	// Closed reports whether the reader of Out has gone (a closed pipe),
	// checked while idle, so an idle tail piped into head still exits.
	Closed func() bool
	// Warn is told about fetch errors the client retries, and Resumed
	// about records fetched without error.
	Warn    func(error)
	Resumed func()
	// Timeout bounds each request tail makes besides fetching (--timeout;
	// kafka.DefaultTimeout when zero).
	Timeout time.Duration
	// Discover is how often a following tail looks for partitions added
	// to its topics, which it then reads from their first record; zero:
	// never.
	Discover time.Duration
	// Grouped means cl consumes as a member of a consumer group, which
	// assigns the partitions and starts them at the ranges' starts (see
	// GroupOpts); Run then adds no partitions itself.
	Grouped bool
	// Shown, when set, is told after each write the offsets that follow
	// the records written, per partition (what a group commits).
	Shown func(map[string]map[int32]kgo.EpochOffset)
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
	otherF   *Filter       // the second goroutine's filter, or nil
	decode   Decoder       // decodes before the filter, or nil
	verdicts []verdict     // prefilter's, reused
}

var errStop = errors.New("stop")

// Run consumes the ranges with cl (a direct consumer unless o.Grouped) and
// writes the formatted records to o.Out until the end
// offsets (not following), Count records, a closed pipe, or ctx is done.
func Run(ctx context.Context, cl *kgo.Client, ranges []Range, o Options) (Stats, error) {
	if o.FlushEvery <= 0 {
		o.FlushEvery = 100 * time.Millisecond
	}
	r := &runner{cl: cl, w: bufio.NewWriterSize(o.Out, 256<<10), parts: map[string]map[int32]*pstate{}}
	r.decode = withDecoding(&o)
	r.o = o
	r.other = parallel(o.Format)
	r.otherF = otherFilter(o)
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
	if !o.Grouped {
		cl.AddConsumePartitions(offsets)
	}
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
	var added <-chan map[string][]int32
	if r.o.Follow && r.o.Discover > 0 && !r.o.Grouped {
		dctx, cancel := context.WithCancel(ctx)
		defer cancel()
		added = r.discover(dctx, r.o.Discover)
	}
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
		select {
		case parts := <-added:
			r.follow(parts)
		default:
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
		if r.o.Resumed != nil && fetches.NumRecords() > 0 && len(fetches.Errors()) == 0 {
			r.o.Resumed()
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
