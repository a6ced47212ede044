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
// registry that is down costs one timeout per ID, not one per record.
type Decoder struct {
	Registry *Registry
	Warn     io.Writer // one line per problem, each said once

	mu      sync.Mutex
	codecs  map[int]codec
	failed  map[int]bool
	said    map[string]bool
	scratch []byte

	contexts map[record.Schemas]context.Context
}

// NewDecoder returns a decoder that fetches schemas from reg.
func NewDecoder(reg *Registry, warn io.Writer) *Decoder {
	return &Decoder{Registry: reg, Warn: warn, codecs: map[int]codec{}, failed: map[int]bool{}, said: map[string]bool{}, contexts: map[record.Schemas]context.Context{}}
}

// Record decodes r's key and value in place: each that is framed and whose
// schema is known becomes its JSON text, and its schema ID and format are
// attached for tail --json. Anything else is left as it is. Record is
// called from one goroutine.
func (d *Decoder) Record(r *kgo.Record) {
	var info record.Schemas
	var kok, vok bool
	r.Key, info.Key, kok = d.decode(r.Key, "key", r)
	r.Value, info.Value, vok = d.decode(r.Value, "value", r)
	if kok || vok {
		r.Context = d.withSchemas(r.Context, info)
	}
}

// withSchemas attaches info to a record's context. Records without a
// context of their own, as fetched ones are, share one per pair of schemas:
// tail reads millions of them.
func (d *Decoder) withSchemas(ctx context.Context, info record.Schemas) context.Context {
	if ctx != nil && ctx != context.Background() {
		return record.WithSchemas(ctx, &info)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if c, ok := d.contexts[info]; ok {
		return c
	}
	c := record.WithSchemas(nil, &info)
	d.contexts[info] = c
	return c
}

func (d *Decoder) decode(b []byte, what string, r *kgo.Record) ([]byte, record.Schema, bool) {
	if len(b) == 0 || b[0] != 0 {
		return b, record.Schema{}, false
	}
	id, payload, err := ParseFrame(b)
	if err != nil {
		d.warnOnce("truncated", "Warning: a %s at %s/%d offset %d starts like a schema-encoded record but is too short; such values are shown as they are", what, r.Topic, r.Partition, r.Offset)
		return b, record.Schema{}, false
	}
	c := d.codec(id)
	if c == nil {
		return b, record.Schema{}, false
	}
	// Render into a reused buffer, then copy it out at its exact size: one
	// allocation a value rather than one per doubling.
	out, err := c.decode(d.scratch[:0], payload)
	if err != nil {
		d.warnOnce(fmt.Sprintf("bad %d", id), "Warning: a %s at %s/%d offset %d does not decode with schema %d (%s); such values are shown as they are", what, r.Topic, r.Partition, r.Offset, id, oneLine(err.Error()))
		return b, record.Schema{}, false
	}
	d.scratch = out[:0]
	return bytes.Clone(out), record.Schema{ID: id, Format: c.format()}, true
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
