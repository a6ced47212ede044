package schema

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/record"
)

// Decoder turns framed keys and values into JSON. Schemas are fetched once
// per ID and kept for the life of the process, failures included, so a
// registry that is down costs one timeout per ID, not one per record. The
// decoding itself is done by Workers, one per goroutine, which share the
// Decoder's schemas and warnings.
type Decoder struct {
	Registry *Registry
	Warn     io.Writer // one line per problem, each said once

	mu     sync.Mutex
	codecs map[int]codec
	failed map[int]bool
	said   map[string]bool
}

// NewDecoder returns a decoder that fetches schemas from reg.
func NewDecoder(reg *Registry, warn io.Writer) *Decoder {
	return &Decoder{Registry: reg, Warn: warn, codecs: map[int]codec{}, failed: map[int]bool{}, said: map[string]bool{}}
}

// Worker decodes records on one goroutine: tail formats on two, and
// decoding there rather than on the goroutine that polls is what lets
// decoding use both cores.
type Worker struct {
	d      *Decoder
	codecs map[int]codec // this goroutine's copies of d's (an Avro one holds a reader)

	key, value []byte // DecodeBorrowed's buffers

	// The context of the last decoded record: records of one fetch share
	// their parent context, and mostly their schemas, so most records
	// reuse it rather than allocate one each.
	parent  context.Context
	info    record.Schemas
	context context.Context
}

// Worker returns a Worker for one goroutine.
func (d *Decoder) Worker() *Worker { return &Worker{d: d, codecs: map[int]codec{}} }

// Decode rewrites r's key and value in place: each that is framed and
// whose schema is known becomes its JSON text, in bytes of its own, and
// its schema ID and format are attached for tail --json. Anything else is
// left as it is.
func (w *Worker) Decode(r *kgo.Record) {
	kok, vok := w.decodeRecord(r)
	if kok {
		r.Key = ownCopy(r.Key, w.key)
	}
	if vok {
		r.Value = ownCopy(r.Value, w.value)
	}
}

// DecodeBorrowed is Decode with the JSON left in w's buffers, valid until
// w's next call: for a record formatted at once, it saves a copy of every
// value.
func (w *Worker) DecodeBorrowed(r *kgo.Record) { w.decodeRecord(r) }

// ownCopy is b, copied if it lives in buf.
func ownCopy(b, buf []byte) []byte {
	if len(b) > 0 && len(buf) > 0 && &b[0] == &buf[0] {
		return bytes.Clone(b)
	}
	return b
}

func (w *Worker) decodeRecord(r *kgo.Record) (kok, vok bool) {
	var info record.Schemas
	r.Key, w.key, info.Key, kok = w.decode(r.Key, w.key, "key", r)
	r.Value, w.value, info.Value, vok = w.decode(r.Value, w.value, "value", r)
	if kok || vok {
		r.Context = w.withSchemas(r.Context, info)
	}
	return kok, vok
}

// withSchemas attaches info to a record's context, reusing the last one
// made when neither changed.
func (w *Worker) withSchemas(ctx context.Context, info record.Schemas) context.Context {
	if ctx == nil {
		ctx = context.Background()
	}
	if w.context == nil || ctx != w.parent || info != w.info {
		w.parent, w.info = ctx, info
		w.context = record.WithSchemas(ctx, &record.Schemas{Key: info.Key, Value: info.Value})
	}
	return w.context
}

// decode renders b into buf when it is framed with a known schema, and
// returns the bytes to show and the buffer to keep.
func (w *Worker) decode(b, buf []byte, what string, r *kgo.Record) ([]byte, []byte, record.Schema, bool) {
	if len(b) == 0 || b[0] != 0 {
		return b, buf, record.Schema{}, false
	}
	id, payload, err := ParseFrame(b)
	if err != nil {
		w.d.warnOnce("truncated", "Warning: a %s at %s/%d offset %d starts like a schema-encoded record but is too short; such values are shown as they are", what, r.Topic, r.Partition, r.Offset)
		return b, buf, record.Schema{}, false
	}
	c := w.codec(id)
	if c == nil {
		return b, buf, record.Schema{}, false
	}
	out, err := c.decode(buf[:0], payload)
	if err != nil {
		w.d.warnOnce(fmt.Sprintf("bad %d", id), "Warning: a %s at %s/%d offset %d does not decode with schema %d (%s); such values are shown as they are", what, r.Topic, r.Partition, r.Offset, id, oneLine(err.Error()))
		return b, buf, record.Schema{}, false
	}
	if cap(out) > 1<<20 && cap(out) > 4*len(out) {
		// A huge record once must not pin its buffer for the rest of
		// the run: give the shown bytes their own.
		return bytes.Clone(out), nil, record.Schema{ID: id, Format: c.format()}, true
	}
	return out, out, record.Schema{ID: id, Format: c.format()}, true
}

// codec returns this goroutine's copy of the compiled schema with this
// ID, or nil (warned once).
func (w *Worker) codec(id int) codec {
	if c, ok := w.codecs[id]; ok {
		return c
	}
	c := w.d.codec(id)
	if c != nil {
		c = c.forWorker()
	}
	w.codecs[id] = c
	return c
}

// codec returns the compiled schema with this ID, or nil (warned once).
func (d *Decoder) codec(id int) codec {
	d.mu.Lock()
	defer d.mu.Unlock()
	if c, ok := d.codecs[id]; ok {
		return c
	}
	if d.failed[id] {
		return nil
	}
	c, err := d.fetch(id)
	if err != nil {
		d.failed[id] = true
		fmt.Fprintf(d.Warn, "Warning: schema %d: %s; its records are shown as they are\n", id, oneLine(err.Error()))
		return nil
	}
	d.codecs[id] = c
	return c
}

func (d *Decoder) fetch(id int) (codec, error) {
	ctx, cancel := d.Registry.Bound(context.Background())
	defer cancel()
	s, err := d.Registry.Client.SchemaByID(ctx, id)
	if err != nil {
		return nil, d.Registry.Explain(err)
	}
	refs, err := d.Registry.References(ctx, s)
	if err != nil {
		return nil, d.Registry.Explain(err)
	}
	return newCodec(s, refs...)
}

func (d *Decoder) warnOnce(key, format string, args ...any) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.said[key] {
		return
	}
	d.said[key] = true
	fmt.Fprintf(d.Warn, format+"\n", args...)
}
