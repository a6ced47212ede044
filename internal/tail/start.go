package tail

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"

	"github.com/kafka-cli/kafka/internal/topics"
	"github.com/kafka-cli/kafka/internal/units"
)

// FromKind is the kind of a --from position.
type FromKind int

// Kinds of --from position.
const (
	FromEnd FromKind = iota
	FromBeginning
	FromOffset   // an absolute offset in every partition
	FromRelative // N records before the end of every partition
	FromTime     // the first record at or after a time
)

// From is a parsed --from position.
type From struct {
	Kind FromKind
	N    int64     // the offset, or the record count for FromRelative
	Time time.Time // FromTime
}

// ParseFrom reads beginning, end, OFFSET, -N, @TIME or @-DURATION; now
// anchors relative times.
func ParseFrom(s string, now time.Time) (From, error) {
	switch s {
	case "", "end":
		return From{Kind: FromEnd}, nil
	case "beginning", "start":
		return From{Kind: FromBeginning}, nil
	}
	if t, ok := strings.CutPrefix(s, "@"); ok {
		ts, err := units.ParseTime(t, now)
		if err != nil {
			return From{}, fmt.Errorf("invalid --from %q: %s", s, err)
		}
		return From{Kind: FromTime, Time: ts}, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return From{}, fmt.Errorf("invalid --from %q: use beginning, end, an offset, -N, @TIME or @-DURATION", s)
	}
	if n < 0 || strings.HasPrefix(s, "-") {
		// -0 is zero records before the end: the end, not offset 0.
		if n == math.MinInt64 {
			n = -math.MaxInt64 // has no positive counterpart; both mean "everything"
		}
		return From{Kind: FromRelative, N: -n}, nil
	}
	return From{Kind: FromOffset, N: n}, nil
}

// Range is where tail reads one partition: from Start, and, when not
// following, up to End (exclusive).
type Range struct {
	Topic     string
	Partition int32
	Start     int64
	End       int64 // the end offset when tail started
	// Offline says the partition had no leader when tail started, so its
	// offsets were unknown: Start and End mean nothing, and a following
	// tail reads it from From once it has a leader again (OfflineRanges).
	Offline bool
	From    From
}

// Plan resolves the start of every partition. Offsets beyond the log are
// clamped to it. num > 0 (-n) reads the last num records of each partition,
// of which the newest num overall are shown. Under ReadCommitted the end is
// the last stable offset: a consumer reads no further until open
// transactions end.
//
// A partition whose offsets could not be listed yet (a leader not yet
// serving: real Kafka answers LEADER_NOT_AVAILABLE or NOT_LEADER for a
// moment after a topic is created or a leader moves) is listed again. One
// still not listed after a short grace while others were (its leader was
// just killed and is not yet fenced, so it is listed but refuses
// connections; or, on Kafka 4, a new leader whose high watermark cannot
// advance while the ISR is below min.insync.replicas answers
// OFFSET_NOT_AVAILABLE) is returned as an Offline range, as SplitOffline's
// are: tail reads the others rather than failing them all. When nothing
// could be listed, Plan lists again until ctx ends and returns the error,
// so a cluster tail cannot read from is reported, not waited on.
func Plan(ctx context.Context, adm *kadm.Client, parts map[string][]int32, from From, num int64, iso Isolation) ([]Range, error) {
	giveUp := time.Now().Add(offlineGrace)
	if d, ok := ctx.Deadline(); ok {
		giveUp = time.Now().Add(min(offlineGrace, time.Until(d)/2))
	}
	for wait := 50 * time.Millisecond; ; wait = min(2*wait, time.Second) {
		out, left, why, err := planOnce(ctx, adm, parts, from, num, iso)
		if err == nil && len(left) == 0 {
			return out, nil
		}
		if err == nil && len(out) > 0 && !time.Now().Before(giveUp) {
			return append(out, OfflineRanges(left, from)...), nil
		}
		if err == nil {
			err = why
		}
		if !(errors.Is(err, errNotListed) || kerr.IsRetriable(err)) {
			return nil, err
		}
		select {
		case <-ctx.Done():
			return nil, err
		case <-time.After(wait):
		}
	}
}

// offlineGrace is how long Plan lists a partition again before it gives
// it up as offline: a new topic's leaders serve within it.
const offlineGrace = 2 * time.Second

// errNotListed marks a partition that a listing left out.
var errNotListed = errors.New("no offsets listed")

// planOnce lists once: the ranges it could resolve, the partitions it
// could not yet, and why for the first of those.
func planOnce(ctx context.Context, adm *kadm.Client, parts map[string][]int32, from From, num int64, iso Isolation) (out []Range, left map[string][]int32, why, err error) {
	names := slices.Sorted(maps.Keys(parts))
	// The three listings are independent: issue them at once, so starting
	// costs one round of requests rather than three.
	var (
		wg                   sync.WaitGroup
		mu                   sync.Mutex
		starts, ends, after  kadm.ListedOffsets
		sErr, eErr, afterErr error
		skipped              error // shard errors left aside, for errNotListed
	)
	// Listings name whole topics: a partition left out of parts (one
	// offline, see SplitOffline) may fail in them, so errors count only
	// for the partitions in parts, below.
	list := func(dst *kadm.ListedOffsets, dstErr *error, fn func() (kadm.ListedOffsets, error)) {
		wg.Go(func() {
			*dst, *dstErr = fn()
			if topics.Leaderless(*dstErr) {
				mu.Lock()
				skipped = *dstErr
				mu.Unlock()
				*dstErr = nil
			}
		})
	}
	list(&starts, &sErr, func() (kadm.ListedOffsets, error) { return adm.ListStartOffsets(ctx, names...) })
	list(&ends, &eErr, func() (kadm.ListedOffsets, error) {
		if iso == ReadUncommitted {
			return adm.ListEndOffsets(ctx, names...)
		}
		return adm.ListCommittedOffsets(ctx, names...)
	})
	if from.Kind == FromTime {
		list(&after, &afterErr, func() (kadm.ListedOffsets, error) {
			return adm.ListOffsetsAfterMilli(ctx, from.Time.UnixMilli(), names...)
		})
	}
	wg.Wait()
	for _, err := range []error{sErr, eErr, afterErr} {
		if err != nil {
			return nil, nil, nil, err
		}
	}
	left = map[string][]int32{}
	var (
		whyTopic string
		whyPart  int32
	)
	// why is the error of the first partition left, by topic name and
	// then by number; names are in order, so only a lower number of the
	// same topic can come first.
	leave := func(t string, p int32, err error) {
		if why == nil || (t == whyTopic && p < whyPart) {
			why, whyTopic, whyPart = err, t, p
		}
		left[t] = append(left[t], p)
	}
	for _, t := range names {
		for _, p := range parts[t] {
			r, err := planPartition(t, p, starts, ends, after, from, num)
			switch {
			case errors.Is(err, errNotListed) && skipped != nil:
				leave(t, p, fmt.Errorf("%w: %v", err, skipped))
			case errors.Is(err, errNotListed) || kerr.IsRetriable(err):
				leave(t, p, err)
			case err != nil:
				return nil, nil, nil, err
			default:
				out = append(out, r)
			}
		}
	}
	for _, ps := range left {
		slices.Sort(ps)
	}
	return out, left, why, nil
}

// planPartition resolves one partition's range from the listings.
func planPartition(t string, p int32, starts, ends, after kadm.ListedOffsets, from From, num int64) (Range, error) {
	s, ok1 := starts.Lookup(t, p)
	e, ok2 := ends.Lookup(t, p)
	if !ok1 || !ok2 {
		return Range{}, fmt.Errorf("%w for %s partition %d", errNotListed, t, p)
	}
	if err := cmp.Or(s.Err, e.Err); err != nil {
		return Range{}, err
	}
	r := Range{Topic: t, Partition: p, End: e.Offset}
	switch {
	case num > 0:
		r.Start = e.Offset - num
	case from.Kind == FromBeginning:
		r.Start = s.Offset
	case from.Kind == FromEnd:
		r.Start = e.Offset
	case from.Kind == FromOffset:
		r.Start = from.N
	case from.Kind == FromRelative:
		r.Start = e.Offset - from.N
	case from.Kind == FromTime:
		a, ok := after.Lookup(t, p)
		if ok && a.Err != nil {
			return Range{}, a.Err
		}
		if !ok {
			return Range{}, fmt.Errorf("%w for %s partition %d at %s", errNotListed, t, p, from.Time.Format(time.RFC3339))
		}
		r.Start = a.Offset
		if a.Offset < 0 { // no record that new
			r.Start = e.Offset
		}
	}
	r.Start = min(max(r.Start, s.Offset), e.Offset)
	return r, nil
}
