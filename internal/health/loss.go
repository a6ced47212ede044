package health

import "math"

// LossInput is what the loss estimate needs about one partition.
type LossInput struct {
	LagSeconds     *float64 // age of the oldest unread record; nil when unknown
	Lag            *int64   // unread records; nil when unknown
	Records        int64    // records retained (end − log start)
	SizeBytes      *int64   // the partition's size on disk; nil when unknown
	RetentionMs    int64    // retention.ms; < 0 for unlimited, as Kafka has it
	RetentionBytes int64    // retention.bytes; < 0 for unlimited, as Kafka has it
	ProduceRate    float64  // messages per second
	ConsumeRate    float64  // messages per second
}

// LossETA estimates the seconds until retention first deletes a record the
// group has not read, and reports false when that never happens at the
// current rates (or cannot be known). It is the earlier of two limits:
//   - time: the oldest unread record is deleted once its age passes
//     retention.ms, unless the group reads past it first;
//   - size: unread records grow by (produce − consume) messages per second;
//     once they alone exceed retention.bytes, the broker deletes some.
//
// Retention deletes whole segments, so real deletion can come later than
// this, never earlier: the estimate errs on the side of warning.
func LossETA(in LossInput) (float64, bool) {
	if in.Lag == nil || *in.Lag <= 0 {
		return 0, false
	}
	lag := float64(*in.Lag)
	eta := math.Inf(1)
	catchUp := math.Inf(1)
	if net := in.ConsumeRate - in.ProduceRate; net > 0 {
		catchUp = lag / net
	}
	if in.RetentionMs >= 0 && in.LagSeconds != nil {
		t := math.Max(0, float64(in.RetentionMs)/1000-*in.LagSeconds)
		// The oldest unread record moves on as the group consumes: only a
		// group that reaches the end before the deadline escapes it.
		if t < catchUp {
			eta = t
		}
	}
	if in.RetentionBytes >= 0 && in.SizeBytes != nil && in.Records > 0 {
		perRecord := float64(*in.SizeBytes) / float64(in.Records)
		unread := perRecord * lag
		growth := (in.ProduceRate - in.ConsumeRate) * perRecord
		switch {
		case unread >= float64(in.RetentionBytes):
			eta = 0
		case growth > 0:
			eta = math.Min(eta, (float64(in.RetentionBytes)-unread)/growth)
		}
	}
	if math.IsInf(eta, 1) {
		return 0, false
	}
	return eta, true
}

// Earliest returns the smallest of the known ETAs, or false for none.
func Earliest(etas []float64, known []bool) (float64, bool) {
	best, ok := 0.0, false
	for i, e := range etas {
		if known[i] && (!ok || e < best) {
			best, ok = e, true
		}
	}
	return best, ok
}
