package tail

import (
	"runtime"

	"github.com/twmb/franz-go/pkg/kgo"
)

// chunk is how many records each goroutine formats at a time: enough that
// starting a goroutine and the extra write cost little, few enough that
// the second goroutine's buffer stays small (about 200 KiB of JSON lines
// for 200-byte values).
const chunk = 512

// cloner is a Formatter that can make an independent copy of itself (its
// caches are not shared), so two goroutines can format at once.
type cloner interface {
	clone() Formatter
}

func (n *Names) clone() *Names { return &Names{Strip: n.Strip} }

func (l *Line) clone() Formatter {
	return &Line{Names: l.Names.clone(), MaxLength: l.MaxLength, Long: l.Long}
}
func (j *JSON) clone() Formatter   { return &JSON{Names: j.Names.clone()} }
func (c *Custom) clone() Formatter { return &Custom{Names: c.Names.clone(), parts: c.parts} }

// parallel is the second formatter of a runner, or nil when formatting
// stays on one goroutine (one CPU, or a Formatter that cannot be copied).
func parallel(f Formatter) Formatter {
	if c, ok := f.(cloner); ok && runtime.GOMAXPROCS(0) > 1 {
		return c.clone()
	}
	return nil
}

// queue adds a record to show. Records are formatted in chunks, the odd
// ones on a second goroutine while this one formats the even ones, and
// written in order: formatting, not fetching, bounds tail's speed, and
// franz-go decodes on goroutines of its own.
func (r *runner) queue(rec *kgo.Record) error {
	r.batch = append(r.batch, rec)
	r.stats.Shown++
	if r.o.Count > 0 && r.stats.Shown >= r.o.Count {
		if err := r.drain(); err != nil {
			return err
		}
		return errStop
	}
	if len(r.batch) >= 2*chunk {
		return r.drain()
	}
	return nil
}

// drain writes the queued records and lets franz-go reuse them. The
// second goroutine recycles the records it formats, and its lines go
// straight to the output after this goroutine's: the less this goroutine
// does besides polling, the more the two overlap.
func (r *runner) drain() error {
	all := r.batch
	defer func() {
		clear(all)
		r.batch = all[:0]
	}()
	var shown map[string]map[int32]kgo.EpochOffset
	if r.o.Shown != nil && len(all) > 0 {
		shown = nextOffsets(all) // before the records are recycled
		defer func() {
			if r.w.Flush() == nil {
				r.o.Shown(shown)
			}
		}()
	}
	for recs := all; len(recs) > 0; {
		mine := take(recs)
		recs = recs[len(mine):]
		var done chan struct{}
		if r.other != nil && len(recs) > 0 {
			theirs := take(recs)
			recs = recs[len(theirs):]
			done = make(chan struct{})
			go func() {
				defer close(done)
				r.otherBuf = r.otherBuf[:0]
				for _, rec := range theirs {
					r.otherBuf = r.other.Append(r.otherBuf, rec)
					rec.Recycle()
				}
			}()
		}
		err := r.writeAll(mine)
		if done != nil {
			<-done
			if err == nil {
				err = r.w.Flush()
			}
			if err == nil {
				_, err = r.o.Out.Write(r.otherBuf)
			}
			if cap(r.otherBuf) > 4<<20 {
				r.otherBuf = nil // after a run of huge records
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// take returns the next chunk: up to chunk records, fewer when they are
// large, so that a chunk's lines stay small.
func take(recs []*kgo.Record) []*kgo.Record {
	size := 0
	for i, rec := range recs {
		size += len(rec.Key) + len(rec.Value)
		if i+1 == chunk || size >= 128<<10 {
			return recs[:i+1]
		}
	}
	return recs
}

func (r *runner) writeAll(recs []*kgo.Record) error {
	for _, rec := range recs {
		err := r.write(rec)
		rec.Recycle() // its bytes are copied out
		if err != nil {
			return err
		}
	}
	return nil
}

// nextOffsets is, per partition, the offset after the last of recs.
func nextOffsets(recs []*kgo.Record) map[string]map[int32]kgo.EpochOffset {
	next := map[string]map[int32]kgo.EpochOffset{}
	for _, rec := range recs {
		if next[rec.Topic] == nil {
			next[rec.Topic] = map[int32]kgo.EpochOffset{}
		}
		next[rec.Topic][rec.Partition] = kgo.EpochOffset{Epoch: rec.LeaderEpoch, Offset: rec.Offset + 1}
	}
	return next
}
