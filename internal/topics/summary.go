// Package topics gathers what the CLI shows about topics (partitions,
// configs, offsets and sizes) in a constant number of requests: each kind
// of request is issued once for all topics, split per broker (by the
// partition leaders in the one metadata answer, or by franz-go), so the
// cost never grows by a request per topic or partition.
//
// The one decision of "unknown topic" is here too (Unknown, Find). It
// imports nothing of this module, so that acls, cluster, clusterops,
// groups, monitor, produce, tail, throughput, traffic, users and cmd may
// all build on it.
package topics

import (
	"context"
	"errors"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Partition is one partition's state.
type Partition struct {
	Partition       int32
	Leader          int32
	Replicas        []int32
	ISR             []int32
	OfflineReplicas []int32
	Start, End      int64
	SizeBytes       int64
	Err             error
	// Since is, with Options.Since, the first record at or after that
	// time: its offset (-1 when there is none) and timestamp.
	Since kadm.ListedOffset
}

// UnderReplicated reports whether some replica is out of sync.
func (p Partition) UnderReplicated() bool { return len(p.ISR) < len(p.Replicas) }

// Offline reports whether the partition has no leader.
func (p Partition) Offline() bool { return p.Leader < 0 }

// Summary is one topic's state.
type Summary struct {
	Name              string // as the cluster knows it
	Internal          bool
	ReplicationFactor int
	RetentionMs       *int64 // nil when unlimited
	Compaction        bool
	CleanupPolicy     string
	Configs           []kadm.Config
	// ConfigsDenied is set, with Options.ConfigsOptional, when the user
	// may not describe the topic's configs: they are then unknown.
	ConfigsDenied bool
	Partitions    []Partition
	Messages      int64
	SizeBytes     int64
}

// Options select what Describe fetches beyond metadata.
type Options struct {
	Internal bool // include internal topics when listing all
	Configs  bool
	// ConfigKeys, when set with Configs, limits the configs described to
	// these keys (without synonyms): far less for the broker to compute
	// and send on thousands of topics when only a few are shown.
	ConfigKeys []string
	// ConfigsOptional leaves the configs of a topic the user may not
	// describe (DESCRIBE_CONFIGS) unknown instead of failing: a listing
	// shows every topic the user may describe.
	ConfigsOptional bool
	Offsets         bool
	Sizes           bool
	// Client, when set (it is the client under the kadm one), lists
	// offsets over the metadata Describe fetched rather than with kadm's
	// calls, which fetch it again each: far cheaper on many partitions.
	Client *kgo.Client
	// Since, when set with Offsets, also lists each partition's first
	// offset at or after this time (for rates; see internal/throughput).
	Since time.Time
	// OnEnd, when set with Offsets, Sizes and Client, is called as soon
	// as the end offsets are in, and runs alongside the requests that
	// follow them (start offsets, sizes, configs); Describe returns once
	// it has. A rate's sampling gap can so overlap those requests rather
	// than follow them.
	OnEnd func(context.Context, EndListing)
}

// All fetches everything.
var All = Options{Configs: true, Offsets: true, Sizes: true}

// Describe returns summaries for the named topics, or for all topics when
// none are named, sorted by name. A named topic that does not exist is
// returned in missing rather than as an error.
//
// The summaries are laid out from the metadata first, and every other
// answer is written straight into them: on 50,000 partitions, building
// kadm's maps of maps for each kind of answer and looking every partition
// up in them cost more than the requests themselves.
func Describe(ctx context.Context, adm *kadm.Client, o Options, names ...string) (sums []Summary, missing []string, err error) {
	tms, err := metadata(ctx, adm, o.Client, o.Internal, names)
	if err != nil {
		return nil, nil, err
	}
	present := make([]topicMeta, 0, len(tms))
	for _, tm := range tms {
		if tm.err != nil {
			missing = append(missing, tm.name)
			continue
		}
		present = append(present, tm)
	}
	sort.Strings(missing)
	if len(present) == 0 {
		return nil, missing, nil
	}
	sort.Slice(present, func(i, j int) bool { return present[i].name < present[j].name })
	ix := newIndex(present)

	var (
		wg                   sync.WaitGroup
		cfgs                 kadm.ResourceConfigs
		cfgErr, offErr, dErr error
	)
	if o.Configs {
		if len(o.ConfigKeys) > 0 && o.Client != nil {
			wg.Go(func() { cfgs, cfgErr = describeConfigKeys(ctx, o.Client, ix.names, o.ConfigKeys, o.ConfigsOptional) })
		} else {
			wg.Go(func() { cfgs, cfgErr = adm.DescribeTopicConfigs(ctx, ix.names...) })
		}
	}
	sizes := func(want func(*Partition) bool) { dErr = ix.sizes(ctx, adm, o.Client, want) }
	switch {
	case o.Offsets && o.Sizes && o.Client != nil:
		// An empty partition has no size either: sizes are asked with
		// the start offsets, of the partitions that hold something.
		wg.Go(func() { offErr = ix.offsets(ctx, adm, o.Client, o.Since, sizes, o.OnEnd) })
	case o.Offsets:
		wg.Go(func() { offErr = ix.offsets(ctx, adm, o.Client, o.Since, nil, nil) })
		if o.Sizes {
			wg.Go(func() { sizes(nil) })
		}
	case o.Sizes:
		wg.Go(func() { sizes(nil) })
	}
	wg.Wait()
	if Leaderless(offErr) {
		offErr = nil // shown as offline partitions, with offsets unknown (0)
	}
	if err := firstErr(cfgErr, offErr); err != nil {
		return nil, nil, err
	}
	// Log dirs are optional: some clusters deny DescribeLogDirs to
	// ordinary users, and sizes are then shown as unknown (0).
	_ = dErr

	for _, rc := range cfgs {
		i, ok := ix.byName[rc.Name]
		switch {
		case ok && rc.Err == nil:
			ix.sums[i].setConfigs(rc.Configs)
		case ok && errors.Is(rc.Err, kerr.TopicAuthorizationFailed):
			ix.sums[i].ConfigsDenied = true
		}
	}
	for i := range ix.sums {
		s := &ix.sums[i]
		for _, p := range s.Partitions {
			s.Messages += max(p.End-p.Start, 0)
			s.SizeBytes += p.SizeBytes
		}
	}
	return ix.sums, missing, nil
}

// index is the summaries being filled in, with the way to a partition.
type index struct {
	names  []string // sorted, as sums
	sums   []Summary
	byName map[string]int
}

func newIndex(tms []topicMeta) *index {
	ix := &index{names: make([]string, len(tms)), sums: make([]Summary, len(tms)), byName: make(map[string]int, len(tms))}
	for i, tm := range tms {
		ix.names[i] = tm.name
		ix.byName[tm.name] = i
		s := Summary{Name: tm.name, Internal: tm.internal, Partitions: tm.parts}
		if len(tm.parts) > 0 {
			// Every partition has as many replicas; kadm took any one.
			s.ReplicationFactor = len(tm.parts[0].Replicas)
		}
		ix.sums[i] = s
	}
	return ix
}

// partition finds a partition's entry; partitions are nearly always
// numbered 0..n-1, so the number is tried as the position first.
func (ix *index) partition(topic string, p int32) *Partition {
	return partitionIn(ix.partitions(topic), p)
}

// partitions is a topic's entries (nil when it is not in the index):
// looked up once per topic of an answer rather than once per partition,
// since on 50,000 partitions the name lookups were a fifth of the time
// spent on the answers.
func (ix *index) partitions(topic string) []Partition {
	i, ok := ix.byName[topic]
	if !ok {
		return nil
	}
	return ix.sums[i].Partitions
}

// partitionIn finds partition p in a topic's entries.
func partitionIn(ps []Partition, p int32) *Partition {
	if p >= 0 && int(p) < len(ps) && ps[p].Partition == p {
		return &ps[p]
	}
	j := sort.Search(len(ps), func(j int) bool { return ps[j].Partition >= p })
	if j < len(ps) && ps[j].Partition == p {
		return &ps[j]
	}
	return nil
}

func (s *Summary) setConfigs(cs []kadm.Config) {
	s.Configs = cs
	for _, c := range cs {
		switch c.Key {
		case "retention.ms":
			if v, err := strconv.ParseInt(c.MaybeValue(), 10, 64); err == nil && v >= 0 {
				s.RetentionMs = &v
			}
		case "cleanup.policy":
			s.CleanupPolicy = c.MaybeValue()
			s.Compaction = strings.Contains(s.CleanupPolicy, "compact")
		}
	}
}

// Leaderless reports whether err only says that some partitions have no
// leader (LEADER_NOT_AVAILABLE), as ListOffsets reports offline partitions,
// or that their leader refused the connection: a broker that has just died
// stays listed, as leader too, until the controller fences it (seconds on
// real Kafka; kfake never lists a dead broker). The other partitions'
// answers are then complete, and a command that shows cluster health should
// show them rather than fail.
func Leaderless(err error) bool {
	var se *kadm.ShardErrors
	if !errors.As(err, &se) || se.AllFailed || len(se.Errs) == 0 {
		return false
	}
	for _, e := range se.Errs {
		if !errors.Is(e.Err, kerr.LeaderNotAvailable) && !isDialError(e.Err) {
			return false
		}
	}
	return true
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
