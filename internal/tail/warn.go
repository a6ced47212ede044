package tail

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafka"
)

// Warner prints one line when the connection is disrupted and one when it
// is back, however many retries lie between, and only while records are
// being consumed: errors while tail starts are reported as the command's
// error instead, and those after it stops are noise.
type Warner struct {
	mu     sync.Mutex
	w      io.Writer
	armed  bool
	warned bool
	lost   string // the broker whose connection was lost, if known
}

// NewWarner writes its lines to w (stderr).
func NewWarner(w io.Writer) *Warner { return &Warner{w: w} }

// Arm starts reporting.
func (wr *Warner) Arm() { wr.mu.Lock(); wr.armed = true; wr.mu.Unlock() }

// Disarm stops reporting.
func (wr *Warner) Disarm() { wr.mu.Lock(); wr.armed = false; wr.mu.Unlock() }

// Warn prints the warning for err unless one is outstanding.
func (wr *Warner) Warn(err error) { wr.warn("", err) }

func (wr *Warner) warn(broker string, err error) {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, kgo.ErrClientClosed) {
		return
	}
	wr.mu.Lock()
	defer wr.mu.Unlock()
	if !wr.armed || wr.warned {
		return
	}
	wr.warned, wr.lost = true, broker
	what := "reading records failed"
	if broker != "" {
		what = "connection to broker " + broker + " lost"
	}
	fmt.Fprintf(wr.w, "Warning: %s (%v); retrying, tail resumes where it left off\n", what, err)
}

// back prints that the disruption is over: the lost broker answers again
// (broker set), or records arrive again.
func (wr *Warner) back(broker string) {
	wr.mu.Lock()
	defer wr.mu.Unlock()
	if !wr.armed || !wr.warned || (broker != "" && wr.lost != "" && broker != wr.lost) {
		return
	}
	wr.warned = false
	if broker != "" {
		fmt.Fprintf(wr.w, "Connection to broker %s is back; tail continues\n", broker)
		return
	}
	fmt.Fprintln(wr.w, "Reading records again; tail continues")
}

// Resumed reports that records were fetched without error.
func (wr *Warner) Resumed() { wr.back("") }

// OnBrokerConnect implements kgo.HookBrokerConnect: a failed dial. A dial
// that succeeds says little (a closing broker may still accept), so the
// connection counts as back once a request gets its answer.
func (wr *Warner) OnBrokerConnect(meta kgo.BrokerMetadata, _ time.Duration, _ net.Conn, err error) {
	wr.warn(addr(meta), err)
}

// OnBrokerE2E implements kgo.HookBrokerE2E: a request that failed on the
// wire, as when a broker goes away, or that was answered.
func (wr *Warner) OnBrokerE2E(meta kgo.BrokerMetadata, _ int16, e kgo.BrokerE2E) {
	if err := e.Err(); err != nil {
		wr.warn(addr(meta), err)
		return
	}
	wr.back(addr(meta))
}

func addr(meta kgo.BrokerMetadata) string {
	return net.JoinHostPort(meta.Host, strconv.Itoa(int(meta.Port)))
}

// timeout bounds each request tail makes besides fetching.
func (r *runner) timeout() time.Duration {
	if r.o.Timeout <= 0 {
		return kafka.DefaultTimeout
	}
	return r.o.Timeout
}

// checkDeleted ends the partitions whose remaining records were deleted
// (retention, DeleteRecords) after tail started: no fetch would ever reach
// their end offset, and --no-follow would wait forever.
func (r *runner) checkDeleted(ctx context.Context) error {
	topics := make([]string, 0, len(r.parts))
	for t := range r.parts {
		topics = append(topics, t)
	}
	ctx, cancel := context.WithTimeout(ctx, r.timeout())
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
