package topics

import (
	"context"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
)

// Trim is one partition of a delete-records plan: its start offset now and
// the one it moves to.
type Trim struct {
	Partition int32
	Start     int64
	NewStart  int64
}

// Deleted is how many offsets the trim removes.
func (t Trim) Deleted() int64 { return t.NewStart - t.Start }

// PlanTrim works out each partition's new start offset: offset, or when
// offset is negative the first record at or after at, clamped to the
// partition's retained offsets. A partition with no record at or after at
// loses all of them.
func PlanTrim(ctx context.Context, adm *kadm.Client, topic string, parts []int32, offset int64, at time.Time) ([]Trim, error) {
	starts, err := adm.ListStartOffsets(ctx, topic)
	if err == nil {
		err = starts.Error()
	}
	if err != nil {
		return nil, err
	}
	ends, err := adm.ListEndOffsets(ctx, topic)
	if err == nil {
		err = ends.Error()
	}
	if err != nil {
		return nil, err
	}
	var after kadm.ListedOffsets
	if offset < 0 {
		if after, err = adm.ListOffsetsAfterMilli(ctx, at.UnixMilli(), topic); err == nil {
			err = after.Error()
		}
		if err != nil {
			return nil, err
		}
	}
	trims := make([]Trim, 0, len(parts))
	for _, p := range parts {
		s, _ := starts.Lookup(topic, p)
		e, _ := ends.Lookup(topic, p)
		target := offset
		if target < 0 {
			target = e.Offset
			if a, ok := after.Lookup(topic, p); ok && a.Offset >= 0 {
				target = a.Offset
			}
		}
		target = min(max(target, s.Offset), e.Offset)
		trims = append(trims, Trim{Partition: p, Start: s.Offset, NewStart: target})
	}
	return trims, nil
}

// ApplyTrim deletes the records before each trim's new start, skipping
// those that delete nothing (one DeleteRecords per leader). err is the
// request's; each partition's own is in its response.
func ApplyTrim(ctx context.Context, adm *kadm.Client, topic string, trims []Trim) (kadm.DeleteRecordsResponses, error) {
	to := kadm.Offsets{}
	for _, t := range trims {
		if t.Deleted() > 0 {
			to.Add(kadm.Offset{Topic: topic, Partition: t.Partition, At: t.NewStart})
		}
	}
	return adm.DeleteRecords(ctx, to)
}
