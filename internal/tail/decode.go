package tail

import "github.com/twmb/franz-go/pkg/kgo"

// Decoder rewrites a record's schema-encoded key and value as their JSON.
// One is used from one goroutine.
type Decoder interface {
	// Decode rewrites rec in place, with bytes rec owns.
	Decode(rec *kgo.Record)
	// DecodeBorrowed rewrites rec in place with bytes of the decoder's,
	// valid until its next call: for formatting at once, without a copy.
	DecodeBorrowed(rec *kgo.Record)
}

// decoding is a Formatter that decodes each record as it formats it, so
// that decoding runs on the formatting goroutines, not the polling one.
// The record is left as it came: it may be shown again (-n) and is then
// recycled, which needs its context.
type decoding struct {
	f   Formatter
	d   Decoder
	new func() Decoder
}

// Append implements Formatter.
func (x *decoding) Append(dst []byte, r *kgo.Record) []byte {
	key, value, ctx := r.Key, r.Value, r.Context
	x.d.DecodeBorrowed(r)
	dst = x.f.Append(dst, r)
	r.Key, r.Value, r.Context = key, value, ctx
	return dst
}

func (x *decoding) clone() Formatter {
	c, ok := x.f.(cloner)
	if !ok {
		return nil
	}
	return &decoding{f: c.clone(), d: x.new(), new: x.new}
}

// withDecoding sets up o's decoding: on the formatting goroutines when
// nothing filters, else inline before the filter, which must see the JSON.
// It returns the inline decoder, or nil.
func withDecoding(o *Options) Decoder {
	if o.Decoder == nil {
		return nil
	}
	if o.Filter == nil {
		o.Format = &decoding{f: o.Format, d: o.Decoder(), new: o.Decoder}
		return nil
	}
	return o.Decoder()
}
