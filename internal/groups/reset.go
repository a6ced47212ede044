package groups

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafka-cli/kafka/internal/units"
)

// PosKind is the kind of a reset position.
type PosKind int

// Reset positions.
const (
	PosEarliest PosKind = iota
	PosLatest
	PosOffset
	PosTime
	PosShift
)

// Position is where a reset moves a group's offsets.
type Position struct {
	Kind   PosKind
	Offset int64     // PosOffset
	Time   time.Time // PosTime
	Shift  int64     // PosShift
}

// ParsePosition reads earliest, latest, OFFSET, @TIME, @-DURATION or
// shift:±N. Relative times are taken from now.
func ParsePosition(s string, now time.Time) (Position, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return Position{}, fmt.Errorf("empty position: use earliest, latest, OFFSET, @TIME, @-DURATION or shift:±N")
	case s == "earliest" || s == "beginning" || s == "start":
		return Position{Kind: PosEarliest}, nil
	case s == "latest" || s == "end":
		return Position{Kind: PosLatest}, nil
	case strings.HasPrefix(s, "@"):
		t, err := units.ParseTime(s[1:], now)
		if err != nil {
			return Position{}, err
		}
		return Position{Kind: PosTime, Time: t}, nil
	case strings.HasPrefix(s, "shift:"):
		n, err := strconv.ParseInt(s[len("shift:"):], 10, 64)
		if err != nil {
			return Position{}, fmt.Errorf("invalid shift %q: use shift:-100 or shift:+100", s)
		}
		return Position{Kind: PosShift, Shift: n}, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return Position{}, fmt.Errorf("invalid position %q: use earliest, latest, an offset (1000), @TIME (@2026-11-22T10:00:00Z), @-DURATION (@-15m) or shift:±N", s)
	}
	return Position{Kind: PosOffset, Offset: n}, nil
}

// Move is the planned change for one partition.
type Move struct {
	Topic      string
	Partition  int32
	Current    *int64 // nil when the group has no commit here
	New        *int64 // nil when the partition is skipped
	Start, End int64
	Clamped    string // "start" or "end" when the target was out of range
	Skipped    string // why the partition is left alone
}

// PlanInput is what Plan needs, all read beforehand.
type PlanInput struct {
	Topic      string
	Partitions []int32 // those to reset, all existing
	Committed  kadm.OffsetResponses
	Starts     kadm.ListedOffsets
	Ends       kadm.ListedOffsets
	AtTime     kadm.ListedOffsets // for PosTime
}

// Plan computes the new offset of each partition, clamped to the retained
// range [start, end].
func Plan(in PlanInput, pos Position) []Move {
	moves := make([]Move, 0, len(in.Partitions))
	for _, p := range in.Partitions {
		m := Move{Topic: in.Topic, Partition: p}
		if c, ok := in.Committed.Lookup(in.Topic, p); ok && c.Err == nil && c.At >= 0 {
			m.Current = &c.At
		}
		st, okS := in.Starts.Lookup(in.Topic, p)
		en, okE := in.Ends.Lookup(in.Topic, p)
		if !okS || !okE || st.Err != nil || en.Err != nil {
			m.Skipped = "offsets unavailable"
			moves = append(moves, m)
			continue
		}
		m.Start, m.End = st.Offset, en.Offset
		var target int64
		switch pos.Kind {
		case PosEarliest:
			target = m.Start
		case PosLatest:
			target = m.End
		case PosOffset:
			target = pos.Offset
		case PosTime:
			at, ok := in.AtTime.Lookup(in.Topic, p)
			if !ok || at.Err != nil {
				m.Skipped = "offset by time unavailable"
				moves = append(moves, m)
				continue
			}
			// The first offset at or after the time; the end when every
			// record is older.
			target = at.Offset
		case PosShift:
			if m.Current == nil {
				m.Skipped = "no committed offset to shift"
				moves = append(moves, m)
				continue
			}
			target = *m.Current + pos.Shift
		}
		switch {
		case target < m.Start:
			target, m.Clamped = m.Start, "start"
		case target > m.End:
			target, m.Clamped = m.End, "end"
		}
		m.New = &target
		moves = append(moves, m)
	}
	return moves
}

// ReadForPlan fetches the group's commits and the topic's offsets (and,
// for a time position, the offsets at that time) concurrently.
func ReadForPlan(ctx context.Context, adm *kadm.Client, group, topic string, parts []int32, pos Position) (PlanInput, error) {
	in := PlanInput{Topic: topic, Partitions: parts}
	var (
		wg                     sync.WaitGroup
		cErr, sErr, eErr, tErr error
	)
	wg.Go(func() { in.Committed, cErr = adm.FetchOffsetsForTopics(ctx, group, topic) })
	wg.Go(func() { in.Starts, sErr = adm.ListStartOffsets(ctx, topic) })
	wg.Go(func() { in.Ends, eErr = adm.ListEndOffsets(ctx, topic) })
	if pos.Kind == PosTime {
		wg.Go(func() { in.AtTime, tErr = adm.ListOffsetsAfterMilli(ctx, pos.Time.UnixMilli(), topic) })
	}
	wg.Wait()
	for _, err := range []error{cErr, sErr, eErr, tErr} {
		if err != nil {
			return in, err
		}
	}
	return in, nil
}

// Apply commits the planned offsets and returns the per-partition errors.
func Apply(ctx context.Context, adm *kadm.Client, group string, moves []Move) (kadm.OffsetResponses, error) {
	os := make(kadm.Offsets)
	for _, m := range moves {
		if m.New != nil {
			os.Add(kadm.Offset{Topic: m.Topic, Partition: m.Partition, At: *m.New, LeaderEpoch: -1})
		}
	}
	if len(os) == 0 {
		return nil, nil
	}
	return adm.CommitOffsets(ctx, group, os)
}
