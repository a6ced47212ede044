package tail

import (
	"runtime"

	"github.com/twmb/franz-go/pkg/kgo"
)

// minPrefilter is the fewest records a partition's fetch needs for its
// filtering to be split between two goroutines; below it, starting the
// second one costs more than it saves.
const minPrefilter = 256

type verdict uint8

const (
	drop verdict = iota
	keep
	notJSON
)

// otherFilter is the second goroutine's copy of the filter, or nil when
// filtering stays inline: one CPU, or a decoder, which is not safe to run
// on two goroutines and must run before the filter.
func otherFilter(o Options) *Filter {
	if o.Filter == nil || o.Decoder != nil || runtime.GOMAXPROCS(0) < 2 {
		return nil
	}
	return o.Filter.clone()
}

// prefilter decides, half on a second goroutine, the records of one
// partition's fetch that partition will filter: --where costs a few
// hundred nanoseconds a record, more than the rest of tail's work on it.
// The verdicts are only decisions; partition still goes through the
// records in order and counts a non-JSON value only when it gets to it,
// so output, --count and the skipped count are those of inline filtering.
// It returns nil when filtering stays inline.
func (r *runner) prefilter(recs []*kgo.Record, ps *pstate) []verdict {
	if r.otherF == nil || len(recs) < minPrefilter {
		return nil
	}
	v := r.verdicts[:0]
	v = append(v, make([]verdict, len(recs))...)
	r.verdicts = v
	half := len(recs) / 2
	done := make(chan struct{})
	go func() {
		defer close(done)
		r.decideAll(r.otherF, recs[half:], v[half:], ps)
	}()
	r.decideAll(r.o.Filter, recs[:half], v[:half], ps)
	<-done
	return v
}

// decideAll gives a verdict on each record partition would filter: not
// one already shown, a transaction marker, or one past the end offsets
// that tail stops at.
func (r *runner) decideAll(f *Filter, recs []*kgo.Record, out []verdict, ps *pstate) {
	for i, rec := range recs {
		if rec.Offset < ps.next || rec.Attrs.IsControl() || !r.o.Follow && rec.Offset >= ps.end {
			out[i] = drop
			continue
		}
		switch k, nonJSON := f.decide(rec); {
		case nonJSON:
			out[i] = notJSON
		case k:
			out[i] = keep
		default:
			out[i] = drop
		}
	}
}

// passes applies the filter to rec, the i-th record of the fetch whose
// verdicts are v (nil: filter now).
func (r *runner) passes(v []verdict, i int, rec *kgo.Record) bool {
	if r.o.Filter == nil {
		return true
	}
	if v == nil {
		return r.o.Filter.Match(rec)
	}
	if v[i] == notJSON {
		r.o.Filter.NonJSON++
	}
	return v[i] == keep
}
