package cmd

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/produce"
	"github.com/kafka-cli/kafka/internal/units"
)

func runWrite(ctx context.Context, opts *writeOptions) error {
	// The batch limit follows the topic's max.message.bytes, learnt below
	// before the first record is produced (franz-go asks once per partition,
	// on the first record).
	var maxBytes atomic.Int32
	maxBytes.Store(produce.DefaultMaxMessageBytes)
	timeout := opts.Timeout()
	popts := []kgo.Opt{
		kgo.RecordPartitioner(produce.NewPartitioner(opts.hasher, opts.Partition >= 0)),
		kgo.ProducerBatchCompression(opts.codec),
		kgo.ProducerBatchMaxBytesFn(func(string) int32 { return maxBytes.Load() }),
	}
	if !opts.KeepTimestamps {
		// A record not acknowledged within --timeout of being read fails,
		// so a broker that dies mid-write cannot stall the command. franz-go
		// counts from the record's timestamp, so kept (old) timestamps
		// would expire at once; the watchdog below bounds those.
		popts = append(popts, kgo.RecordDeliveryTimeout(timeout))
	}
	cl, err := opts.Client(popts...)
	if err != nil {
		return err
	}
	if err := cl.Config.ValidateTopicName(opts.Topic); err != nil {
		return clierr.Usagef("%s", err)
	}
	topic := cl.Config.WithPrefix(opts.Topic)

	lctx, cancel := context.WithTimeout(ctx, cl.Timeout)
	t, err := produce.Lookup(lctx, cl.Admin, topic)
	if errors.Is(err, produce.ErrTopicNotFound) {
		err = topicNotFound(lctx, cl, topic)
	}
	cancel()
	if err != nil {
		return err
	}
	if opts.Partition >= int32(t.Partitions) {
		return kafka.MissingPartition(opts.Topic, opts.Partition, t.Partitions)
	}
	maxBytes.Store(int32(min(max(t.MaxMessageBytes, 512), 1<<30)))
	if t.Compacted && !opts.KeySet && !opts.JSON && opts.keyRef == nil {
		return clierr.Usagef("topic %q is compacted, so every record needs a key; nothing was written", opts.Topic).
			WithHint("pass --key KEY")
	}

	var encoded []*kgo.Record
	key := keyBytes(opts)
	if opts.valueRef != nil || opts.keyRef != nil {
		if encoded, err = encodeInput(ctx, opts, maxLine(opts, t.MaxMessageBytes)); err != nil {
			return err
		}
		key = nil // each record has its key
	}
	w := produce.NewWriter(cl.Client, produce.Options{
		Topic:           topic,
		Key:             key,
		Partition:       opts.Partition,
		Headers:         opts.headers,
		JSON:            opts.JSON,
		KeepTimestamps:  opts.KeepTimestamps,
		MaxMessageBytes: t.MaxMessageBytes,
		Timeout:         cl.Timeout,
	})
	// Records are produced under pctx, and franz-go fails those still
	// buffered when it ends, so it ends only after the flush or when the
	// watchdog sees no progress; Ctrl-C only stops the reading, like the
	// end of input, and what was read is still delivered.
	pctx, stop := context.WithCancel(context.WithoutCancel(ctx))
	defer stop()
	go w.Watchdog(pctx, timeout, stop)
	var readErr error
	if encoded != nil {
		for _, r := range encoded {
			w.WriteRecord(pctx, r)
		}
	} else {
		readErr = feed(ctx, pctx, opts, w, t.MaxMessageBytes)
	}

	// Flushing is bounded even after Ctrl-C, so what was read is either
	// confirmed or counted as failed.
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cl.Timeout)
	defer cancel()
	w.Flush(fctx)
	res := w.Result()
	if res.Failed > 0 {
		if t.Compacted && produce.KeylessRefused(res.Cause) {
			res.Err = fmt.Errorf("%w (topic %q is compacted: each record needs a key)", res.Err, opts.Topic)
		}
		return writeFailure(cl.Explain, res, opts.Topic)
	}
	if readErr != nil {
		return clierr.Failuref("%s after writing %s records", readErr, units.FormatInt(res.Written))
	}
	if opts.IO.IsStderrTTY() {
		cs := opts.IO.ColorScheme()
		fmt.Fprintf(opts.IO.ErrOut, "Wrote %s %s to %s\n", units.FormatInt(res.Written), recordsWord(res.Written), cs.Cyan(opts.Topic))
	}
	return nil
}

// feed sends MESSAGE, or stdin's lines until their end or until ctx ends
// (Ctrl-C). Stdin is read on its own goroutine so that Ctrl-C ends the
// input at once even while a read blocks.
func feed(ctx, pctx context.Context, opts *writeOptions, w *produce.Writer, maxMessage int) error {
	if opts.Null {
		w.Write(pctx, nil, 1)
		return nil
	}
	if opts.Message != nil {
		w.Write(pctx, []byte(*opts.Message), 1)
		return nil
	}
	if opts.IO.IsStdinTTY() && opts.IO.IsStderrTTY() {
		fmt.Fprintln(opts.IO.ErrOut, "Type records, one per line; Ctrl-D to finish.")
	}
	done := make(chan error, 1)
	go func() { done <- w.ReadFrom(ctx, pctx, opts.IO.In, maxLine(opts, maxMessage)) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return nil
	case <-pctx.Done(): // the watchdog gave up on the cluster
		return nil
	}
}

func maxLine(opts *writeOptions, maxMessage int) int {
	if opts.JSON {
		// Base64 and JSON escaping make a line longer than its record.
		return 6*maxMessage + 64<<10
	}
	return maxMessage
}

func keyBytes(opts *writeOptions) []byte {
	if !opts.KeySet {
		return nil
	}
	return []byte(opts.Key)
}

// writeFailure is the one-line report of failed records. When nothing was
// written and the cause is the connection or authorization, the exit code
// says so (5 or 4); otherwise it is 1.
func writeFailure(explain func(error) error, res produce.Result, topic string) error {
	total := res.Written + res.Failed
	msg := fmt.Sprintf("%s of %s %s failed to write to %q (%s written): %s",
		units.FormatInt(res.Failed), units.FormatInt(total), recordsWord(total), topic, units.FormatInt(res.Written), res.Err)
	if res.Written == 0 && res.Cause != nil {
		var ce *clierr.Error
		if errors.As(explain(res.Cause), &ce) && (ce.Code == clierr.CodeAuth || ce.Code == clierr.CodeUnreachable) {
			return (&clierr.Error{Code: ce.Code, Msg: msg}).Wrap(res.Cause)
		}
	}
	return clierr.Failuref("%s", msg).Wrap(res.Cause)
}
