package tail

import (
	"slices"

	"github.com/twmb/franz-go/pkg/kgo"
)

func (r *runner) partition(fp kgo.FetchTopicPartition) error {
	ps := r.parts[fp.Topic][fp.Partition]
	if ps == nil {
		return nil
	}
	inPhase := r.o.Num > 0 && r.left > 0
	verdicts := r.prefilter(fp.Records, ps)
	for i, rec := range fp.Records {
		if rec.Offset < ps.next || rec.Attrs.IsControl() {
			// Already shown (never print a record twice), or a
			// transaction marker.
			ps.next = max(ps.next, rec.Offset+1)
			rec.Recycle()
			continue
		}
		ps.next = rec.Offset + 1
		beyond := rec.Offset >= ps.end
		if beyond && !r.o.Follow {
			break
		}
		if r.decode != nil {
			r.decode.Decode(rec)
		}
		if !r.passes(verdicts, i, rec) {
			rec.Recycle()
			continue
		}
		switch {
		case inPhase && !beyond:
			r.keepNewest(rec)
		case inPhase:
			r.pending = append(r.pending, rec)
		default:
			if err := r.queue(rec); err != nil {
				return err
			}
		}
	}
	if !ps.done && ps.next >= ps.end {
		if err := r.drain(); err != nil {
			return err
		}
		return r.done(fp.Topic, fp.Partition, ps)
	}
	return nil
}

// done marks a partition as having reached its end offset of the start.
func (r *runner) done(topic string, partition int32, ps *pstate) error {
	ps.done = true
	r.left--
	if !r.o.Follow {
		r.cl.PauseFetchPartitions(map[string][]int32{topic: {partition}})
	}
	if r.left == 0 {
		if err := r.endPhase(); err != nil {
			return err
		}
		if !r.o.Follow {
			return errStop
		}
	}
	return nil
}

// endPhase runs when every partition has reached its end offset of the
// start: under -n, print the newest records in time order, then what came
// in meanwhile.
func (r *runner) endPhase() error {
	if r.o.Num <= 0 {
		return nil
	}
	recs := []*kgo.Record(r.newest)
	slices.SortFunc(recs, olderFirst)
	r.newest = nil
	r.o.Num = 0
	for _, rec := range append(recs, r.pending...) {
		err := r.show(rec)
		rec.Recycle()
		if err != nil {
			return err
		}
	}
	r.pending = nil
	return nil
}

func (r *runner) show(rec *kgo.Record) error {
	if err := r.write(rec); err != nil {
		return err
	}
	if r.o.Shown != nil {
		r.o.Shown(nextOffsets([]*kgo.Record{rec}))
	}
	r.stats.Shown++
	if r.o.Count > 0 && r.stats.Shown >= r.o.Count {
		return errStop
	}
	return nil
}

func (r *runner) write(rec *kgo.Record) error {
	if r.w.Available() < 16<<10 {
		// Keep room to format in place rather than in a new slice.
		if err := r.w.Flush(); err != nil {
			return err
		}
	}
	b := r.o.Format.Append(r.w.AvailableBuffer(), rec)
	_, err := r.w.Write(b)
	return err
}
