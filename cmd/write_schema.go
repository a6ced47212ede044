package cmd

import (
	"context"
	"errors"
	"io"
	"strings"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/produce"
	"github.com/kafka-cli/kafka/internal/record"
	"github.com/kafka-cli/kafka/internal/schema"
)

// autoSubject is the REF that names the topic's own subject, TOPIC-value
// or TOPIC-key.
const autoSubject = "auto"

// parseSchemaRefs checks --value-schema and --key-schema before any
// request; set says which were given.
func (o *writeOptions) parseSchemaRefs(valueSet, keySet bool) error {
	parse := func(flag, s, suffix, message string) (*schema.Ref, error) {
		if s == autoSubject {
			s = o.Topic + suffix
		}
		ref, err := schema.ParseRef(flag, s)
		ref.Message = message
		return &ref, err
	}
	if (o.ValueMessage != "" && !valueSet) || (o.KeyMessage != "" && !keySet) {
		return clierr.Usagef("--value-message and --key-message name a Protobuf type of --value-schema and --key-schema: give those")
	}
	var err error
	if valueSet {
		if o.valueRef, err = parse("--value-schema", o.ValueSchema, "-value", o.ValueMessage); err != nil {
			return err
		}
		if o.Null {
			return clierr.Usagef("--null writes no value: it takes no --value-schema")
		}
	}
	if keySet {
		if o.keyRef, err = parse("--key-schema", o.KeySchema, "-key", o.KeyMessage); err != nil {
			return err
		}
		if !o.KeySet && !o.JSON {
			return clierr.Usagef("--key-schema encodes --key (or, with --json, each record's key): give --key")
		}
	}
	return nil
}

// encodeInput reads all the input and encodes every record with the
// schemas, so that a line that does not fit exits 2 before anything is
// written. The records carry their keys: the writer is given none.
func encodeInput(ctx context.Context, opts *writeOptions, maxLine int) ([]*kgo.Record, error) {
	reg, err := opts.Registry()
	if err != nil {
		return nil, err
	}
	var venc, kenc *schema.Encoder
	if opts.valueRef != nil {
		if venc, err = reg.NewEncoder(ctx, *opts.valueRef); err != nil {
			return nil, err
		}
	}
	if opts.keyRef != nil {
		if kenc, err = reg.NewEncoder(ctx, *opts.keyRef); err != nil {
			return nil, err
		}
	}
	if opts.Null { // a tombstone: only its key is encoded
		r := &kgo.Record{Key: []byte(opts.Key)}
		if r.Key, err = kenc.Encode(r.Key); err != nil {
			return nil, clierr.Usagef("--key %s; nothing was written", err)
		}
		return []*kgo.Record{r}, nil
	}
	var recs []*kgo.Record
	add := func(line []byte, n int) error {
		r, err := inputRecord(opts, line)
		if err != nil {
			return clierr.Usagef("line %d: %s", n, err)
		}
		if venc != nil && r.Value != nil {
			if r.Value, err = venc.Encode(r.Value); err != nil {
				return clierr.Usagef("line %d: value %s; nothing was written", n, err)
			}
		}
		if kenc != nil && r.Key != nil {
			if r.Key, err = kenc.Encode(r.Key); err != nil {
				return clierr.Usagef("line %d: key %s; nothing was written", n, err)
			}
		}
		recs = append(recs, r)
		return nil
	}
	if opts.Message != nil {
		return recs, add([]byte(*opts.Message), 1)
	}
	// Stdin is read on its own goroutine, as in feed, so that Ctrl-C ends
	// a blocked read at once; nothing has been written then.
	done := make(chan error, 1)
	go func() { done <- readAll(ctx, opts, maxLine, add) }()
	select {
	case err := <-done:
		if err == nil && ctx.Err() == nil {
			return recs, nil
		}
		if err != nil {
			return nil, err
		}
	case <-ctx.Done():
	}
	return nil, clierr.Failuref("interrupted while reading input; nothing was written")
}

func readAll(ctx context.Context, opts *writeOptions, maxLine int, add func([]byte, int) error) error {
	lr := produce.NewLineReader(opts.IO.In, maxLine)
	for ctx.Err() == nil {
		line, err := lr.Next()
		if err == io.EOF {
			break
		}
		var tooLong *produce.LineTooLongError
		if errors.As(err, &tooLong) {
			return clierr.Usagef("line %d is %d bytes, too long for a record; nothing was written", tooLong.Line, tooLong.Size)
		}
		if err != nil {
			return clierr.Failuref("reading stdin: %s; nothing was written", err)
		}
		if len(strings.TrimSpace(string(line))) == 0 && opts.JSON {
			continue
		}
		if err := add(line, lr.Line()); err != nil {
			return err
		}
	}
	return nil
}

// inputRecord is one line as a record: tail's --json shape, or the value.
func inputRecord(opts *writeOptions, line []byte) (*kgo.Record, error) {
	var r *kgo.Record
	if opts.JSON {
		j, err := record.ParseLine(line)
		if err != nil {
			return nil, err
		}
		if r, err = j.Record(); err != nil {
			return nil, err
		}
	} else {
		r = &kgo.Record{Value: append([]byte{}, line...)} // an empty line is an empty value, not null
	}
	if opts.KeySet {
		r.Key = []byte(opts.Key)
	}
	return r, nil
}
