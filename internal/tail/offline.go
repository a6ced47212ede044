package tail

import (
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// SplitOffline takes out of parts the partitions that have no leader now
// (an RF=1 partition whose broker is down), whose offsets cannot be listed:
// Plan would fail on them, and with them every partition tail can read.
// It returns them by topic; topics left with no partition are dropped from
// parts.
func SplitOffline(parts map[string][]int32, details kadm.TopicDetails) map[string][]int32 {
	offline := map[string][]int32{}
	for t, ps := range parts {
		td := details[t]
		var keep []int32
		for _, p := range ps {
			if pd, ok := td.Partitions[p]; ok && pd.Leader < 0 {
				offline[t] = append(offline[t], p)
				continue
			}
			keep = append(keep, p)
		}
		if len(keep) == 0 {
			delete(parts, t)
		} else {
			parts[t] = keep
		}
	}
	return offline
}

// OfflineRanges are the ranges of offline partitions for a following tail,
// which reads each from --from once it has a leader again.
func OfflineRanges(offline map[string][]int32, from From) []Range {
	var out []Range
	for t, ps := range offline {
		for _, p := range ps {
			out = append(out, Range{Topic: t, Partition: p, Offline: true, From: from})
		}
	}
	return out
}

// offset is where a partition whose offsets were unknown starts, as
// franz-go resolves it once the partition has a leader.
func (f From) offset() kgo.Offset {
	switch f.Kind {
	case FromBeginning:
		return kgo.NewOffset().AtStart()
	case FromOffset:
		return kgo.NewOffset().At(f.N)
	case FromRelative:
		return kgo.NewOffset().AtEnd().Relative(-f.N)
	case FromTime:
		return kgo.NewOffset().AfterMilli(f.Time.UnixMilli())
	}
	return kgo.NewOffset().AtEnd()
}

// TakeOffline moves the Offline ranges Plan gave back (partitions whose
// offsets it could not list) into offline, and returns the others.
func TakeOffline(ranges []Range, offline map[string][]int32) []Range {
	kept := ranges[:0]
	for _, r := range ranges {
		if r.Offline {
			offline[r.Topic] = append(offline[r.Topic], r.Partition)
			continue
		}
		kept = append(kept, r)
	}
	return kept
}
