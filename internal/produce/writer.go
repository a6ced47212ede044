package produce

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/record"
)

// Options describe what a Writer writes and where.
type Options struct {
	Topic string // full name, prefix included
	// Key is given to every record; nil means none (a JSON line's own key
	// is used with JSON).
	Key []byte
	// Partition, when 0 or more, is where every record goes; the client
	// must use NewPartitioner(_, true).
	Partition int32
	Headers   []kgo.RecordHeader // added after a record's own headers
	// JSON reads each line as a record in tail's --json shape.
	JSON           bool
	KeepTimestamps bool
	// MaxMessageBytes is the topic's max.message.bytes, for error messages.
	MaxMessageBytes int
	// Timeout is how long a record may wait for its acknowledgement.
	Timeout time.Duration
}

// Result counts the records a Writer handled.
type Result struct {
	Written int64 // acknowledged by the cluster
	Failed  int64 // rejected, timed out, or unreadable input
	// Err is the first failure, explained; Cause is the error behind it.
	Err, Cause error
}

// Writer produces records asynchronously and counts every outcome, so that
// nothing is dropped silently. It is safe for one goroutine producing while
// another flushes.
type Writer struct {
	cl   *kgo.Client
	o    Options
	done func(*kgo.Record, error)

	// sent counts records handed to the client; written and rejected
	// count their callbacks; bad counts input that never became a record.
	sent, written, rejected, bad atomic.Int64
	stalled                      atomic.Bool
	purged                       atomic.Bool // Flush's deadline passed and it purged the rest
	mu                           sync.Mutex
	err, cause                   error

	arena arena
	slab  []kgo.Record
	fast  fastJSON
}

// NewWriter returns a writer producing on cl.
func NewWriter(cl *kgo.Client, o Options) *Writer {
	w := &Writer{cl: cl, o: o}
	w.done = w.onDone // one callback for all records, not a closure each
	return w
}

func (w *Writer) onDone(r *kgo.Record, err error) {
	if err == nil {
		w.written.Add(1)
		return
	}
	w.rejected.Add(1)
	if w.purged.Load() {
		// Flush ran out of time and purged what was left: those records
		// were not acknowledged in time, whatever text franz-go gives the
		// purge ("topic purged while buffered").
		err = context.DeadlineExceeded
	}
	w.note(w.explain(r, err), err)
}

func (w *Writer) note(err, cause error) {
	w.mu.Lock()
	if w.err == nil {
		w.err, w.cause = err, cause
	}
	w.mu.Unlock()
}

func (w *Writer) explain(r *kgo.Record, err error) error {
	switch {
	case errors.Is(err, kerr.MessageTooLarge), errors.Is(err, kerr.RecordListTooLarge):
		return fmt.Errorf("a record of %d bytes is %d bytes with Kafka's record and batch framing, over the topic's max.message.bytes of %d",
			recordSize(r), batchSize(r), w.o.MaxMessageBytes)
	case errors.Is(err, kgo.ErrRecordTimeout), errors.Is(err, context.DeadlineExceeded),
		w.stalled.Load() && errors.Is(err, context.Canceled):
		return fmt.Errorf("not acknowledged within %s (raise --timeout, or check the brokers)", w.o.Timeout)
	case errors.Is(err, kgo.ErrClientClosed), errors.Is(err, context.Canceled):
		return errors.New("interrupted before it was acknowledged")
	}
	return err
}

func recordSize(r *kgo.Record) int {
	n := len(r.Key) + len(r.Value)
	for _, h := range r.Headers {
		n += len(h.Key) + len(h.Value)
	}
	return n
}

// batchSize is the size of a batch holding only r, uncompressed: what
// max.message.bytes limits. The framing is the v2 batch header (61 bytes)
// and the record's varint-framed fields (timestamp and offset deltas 0).
func batchSize(r *kgo.Record) int {
	vl := func(n int) int { return len(binary.AppendVarint(nil, int64(n))) }
	body := 1 + vl(0) + vl(0) + vl(len(r.Key)) + len(r.Key) + vl(len(r.Value)) + len(r.Value) + vl(len(r.Headers))
	for _, h := range r.Headers {
		body += vl(len(h.Key)) + len(h.Key) + vl(len(h.Value)) + len(h.Value)
	}
	return 61 + vl(body) + body
}

// next returns a zeroed record from a shared block: one allocation per
// thousand records rather than one each.
func (w *Writer) next() *kgo.Record {
	if len(w.slab) == 0 {
		w.slab = make([]kgo.Record, 1024)
	}
	r := &w.slab[0]
	w.slab = w.slab[1:]
	return r
}

// Write sends one record. In text mode the value is copied, so the caller
// may reuse it, and a nil b is a null value (a tombstone); in JSON mode it is a JSON record line, and line is its
// number for error messages.
func (w *Writer) Write(ctx context.Context, b []byte, line int) {
	var r *kgo.Record
	if w.o.JSON {
		r = w.next()
		if !w.fast.decode(b, r, &w.arena) {
			j, err := record.ParseLine(b)
			if err == nil {
				r, err = j.Record()
			}
			if err != nil {
				w.bad.Add(1)
				w.note(fmt.Errorf("line %d: %w", line, err), err)
				return
			}
		}
		w.fill(r)
	} else {
		r = w.next()
		if b != nil {
			r.Value = w.arena.copy(b)
		}
		r.Key = w.o.Key
		r.Headers = w.o.Headers // shared read-only by every record
	}
	w.produce(ctx, r)
}

// WriteRecord sends a record the caller built, such as one encoded with a
// schema; the options apply to it as to a JSON line's record.
func (w *Writer) WriteRecord(ctx context.Context, r *kgo.Record) {
	w.fill(r)
	w.produce(ctx, r)
}

func (w *Writer) fill(r *kgo.Record) {
	if !w.o.KeepTimestamps {
		r.Timestamp = time.Time{} // the client stamps it now
	}
	if w.o.Key != nil {
		r.Key = w.o.Key
	}
	if len(w.o.Headers) > 0 {
		r.Headers = append(r.Headers, w.o.Headers...)
	}
}

func (w *Writer) produce(ctx context.Context, r *kgo.Record) {
	r.Topic = w.o.Topic
	if w.o.Partition >= 0 {
		r.Partition = w.o.Partition
	}
	w.sent.Add(1)
	w.cl.Produce(ctx, r, w.done)
}

// ReadFrom writes a record for each line of in until its end or until stop
// ends; records are produced under ctx, and franz-go fails those still
// buffered if ctx ends. maxLine bounds a line's length; longer lines are
// counted as failed records and skipped. In JSON mode blank lines are
// skipped; in text mode an empty line is a record with an empty value.
func (w *Writer) ReadFrom(stop, ctx context.Context, in io.Reader, maxLine int) error {
	lr := NewLineReader(in, maxLine)
	for stop.Err() == nil && ctx.Err() == nil {
		line, err := lr.Next()
		if err == io.EOF {
			return nil
		}
		var tooLong *LineTooLongError
		if errors.As(err, &tooLong) {
			w.bad.Add(1)
			w.note(w.tooLong(tooLong), err)
			continue
		}
		if err != nil {
			return fmt.Errorf("reading stdin: %w", err)
		}
		if w.o.JSON && len(line) == 0 {
			continue
		}
		w.Write(ctx, line, lr.Line())
	}
	return nil
}

func (w *Writer) tooLong(e *LineTooLongError) error {
	if w.o.JSON {
		return fmt.Errorf("line %d is %d bytes, too long for a record under the topic's max.message.bytes of %d", e.Line, e.Size, w.o.MaxMessageBytes)
	}
	return fmt.Errorf("line %d is %d bytes, over the topic's max.message.bytes of %d", e.Line, e.Size, w.o.MaxMessageBytes)
}

// Flush waits for every record produced so far to be acknowledged or to
// fail. When ctx ends first, the records still waiting are failed.
func (w *Writer) Flush(ctx context.Context) {
	if err := w.cl.Flush(ctx); err != nil {
		// Purging fails the buffered records through their callbacks, so
		// they are counted rather than lost.
		w.purged.Store(true)
		w.cl.PurgeTopicsFromProducing(w.o.Topic)
	}
}

// Watchdog calls stalled, once, when records are waiting but none has been
// acknowledged or failed for a whole period. It covers what franz-go's
// record timeout cannot: that timeout counts from a record's timestamp, so
// it is unusable for records that keep old timestamps. It returns when ctx
// ends.
func (w *Writer) Watchdog(ctx context.Context, period time.Duration, stalled func()) {
	t := time.NewTicker(period)
	defer t.Stop()
	prev := int64(-1)
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		done := w.written.Load() + w.rejected.Load()
		if w.sent.Load() > done && done == prev {
			w.stalled.Store(true)
			stalled()
			return
		}
		prev = done
	}
}

// Result returns the counts so far. Records sent but not yet acknowledged
// count as failed: after Flush that means they were not confirmed in time.
func (w *Writer) Result() Result {
	w.mu.Lock()
	defer w.mu.Unlock()
	written := w.written.Load()
	res := Result{Written: written, Failed: w.bad.Load() + w.sent.Load() - written, Err: w.err, Cause: w.cause}
	if res.Err == nil && res.Failed > 0 {
		res.Cause = context.DeadlineExceeded
		res.Err = fmt.Errorf("not acknowledged within %s (raise --timeout, or check the brokers)", w.o.Timeout)
	}
	return res
}
