// Package topics gathers what the CLI shows about topics (partitions,
// configs, offsets and sizes) in a constant number of requests: each kind
// of request is issued once for all topics, and franz-go shards it per
// broker, so the cost never grows by a request per topic or partition.
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
	Partitions        []Partition
	Messages          int64
	SizeBytes         int64
}

// Options select what Describe fetches beyond metadata.
type Options struct {
	Internal bool // include internal topics when listing all
	Configs  bool
	Offsets  bool
	Sizes    bool
	// Client, when set (it is the client under the kadm one), lists
	// offsets over the metadata Describe fetched rather than with kadm's
	// calls, which fetch it again each: far cheaper on many partitions.
	Client *kgo.Client
	// Since, when set with Offsets, also lists each partition's first
	// offset at or after this time (for rates; see internal/throughput).
	Since time.Time
}

// All fetches everything.
var All = Options{Configs: true, Offsets: true, Sizes: true}

// Describe returns summaries for the named topics, or for all topics when
// none are named, sorted by name. A named topic that does not exist is
// returned in missing rather than as an error.
func Describe(ctx context.Context, adm *kadm.Client, o Options, names ...string) (sums []Summary, missing []string, err error) {
	var tds kadm.TopicDetails
	if o.Internal || len(names) > 0 {
		tds, err = adm.ListTopicsWithInternal(ctx, names...)
	} else {
		tds, err = adm.ListTopics(ctx)
	}
	if err != nil {
		return nil, nil, err
	}
	var present []string
	for _, td := range tds {
		if td.Err != nil {
			missing = append(missing, td.Topic)
			continue
		}
		present = append(present, td.Topic)
	}
	sort.Strings(missing)
	if len(present) == 0 {
		return nil, missing, nil
	}

	var (
		wg                   sync.WaitGroup
		cfgs                 kadm.ResourceConfigs
		starts, ends, since  kadm.ListedOffsets
		dirs                 kadm.DescribedAllLogDirs
		cfgErr, offErr, dErr error
	)
	if o.Configs {
		wg.Go(func() { cfgs, cfgErr = adm.DescribeTopicConfigs(ctx, present...) })
	}
	if o.Offsets && o.Client != nil {
		var sErr, eErr, tErr error
		wg.Go(func() {
			var inner sync.WaitGroup
			inner.Go(func() { starts, sErr = listOffsets(ctx, o.Client, tds, present, -2) })
			inner.Go(func() { ends, eErr = listOffsets(ctx, o.Client, tds, present, -1) })
			if !o.Since.IsZero() {
				inner.Go(func() { since, tErr = listOffsets(ctx, o.Client, tds, present, o.Since.UnixMilli()) })
			}
			inner.Wait()
			offErr = firstErr(sErr, eErr, tErr)
			for _, e := range []error{sErr, eErr, tErr} {
				if e != nil && !Leaderless(e) {
					offErr = e // a real failure outranks offline partitions
				}
			}
		})
	} else if o.Offsets {
		var sErr, eErr error
		wg.Go(func() {
			var inner sync.WaitGroup
			inner.Go(func() { starts, sErr = adm.ListStartOffsets(ctx, present...) })
			inner.Go(func() { ends, eErr = adm.ListEndOffsets(ctx, present...) })
			var tErr error
			if !o.Since.IsZero() {
				inner.Go(func() { since, tErr = adm.ListOffsetsAfterMilli(ctx, o.Since.UnixMilli(), present...) })
			}
			inner.Wait()
			offErr = firstErr(sErr, eErr, tErr)
		})
	}
	if o.Sizes {
		// nil asks every broker for everything it holds in one request
		// each; naming 50,000 partitions would make the request huge.
		wg.Go(func() { dirs, dErr = adm.DescribeAllLogDirs(ctx, nil) })
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

	// ResourceConfigs.On scans the list: indexing once keeps 5,000 topics
	// from costing 25 million comparisons.
	byName := make(map[string]kadm.ResourceConfig, len(cfgs))
	for _, rc := range cfgs {
		if rc.Err == nil {
			byName[rc.Name] = rc
		}
	}
	for _, name := range present {
		sums = append(sums, build(tds[name], byName[name], starts, ends, since, dirs))
	}
	sort.Slice(sums, func(i, j int) bool { return sums[i].Name < sums[j].Name })
	return sums, missing, nil
}

func build(td kadm.TopicDetail, rc kadm.ResourceConfig, starts, ends, since kadm.ListedOffsets, dirs kadm.DescribedAllLogDirs) Summary {
	s := Summary{Name: td.Topic, Internal: td.IsInternal, ReplicationFactor: td.Partitions.NumReplicas()}
	for _, pd := range td.Partitions.Sorted() {
		p := Partition{
			Partition: pd.Partition, Leader: pd.Leader, Replicas: pd.Replicas, ISR: pd.ISR,
			OfflineReplicas: pd.OfflineReplicas, Err: pd.Err,
		}
		if o, ok := starts.Lookup(td.Topic, pd.Partition); ok && o.Err == nil {
			p.Start = o.Offset
		}
		if o, ok := ends.Lookup(td.Topic, pd.Partition); ok && o.Err == nil {
			p.End = o.Offset
		}
		p.Since = kadm.ListedOffset{Topic: td.Topic, Partition: pd.Partition, Offset: -1, Timestamp: -1}
		if o, ok := since.Lookup(td.Topic, pd.Partition); ok && o.Err == nil {
			p.Since = o
		}
		// The leader's copy only: replicas hold the same data again.
		if bd, ok := dirs[pd.Leader]; ok {
			if lp, ok := bd.LookupPartition(td.Topic, pd.Partition); ok {
				p.SizeBytes = lp.Size
			}
		}
		s.Messages += max(p.End-p.Start, 0)
		s.SizeBytes += p.SizeBytes
		s.Partitions = append(s.Partitions, p)
	}
	if rc.Name != "" {
		s.Configs = rc.Configs
		for _, c := range rc.Configs {
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
	return s
}

// Leaderless reports whether err only says that some partitions have no
// leader (LEADER_NOT_AVAILABLE), as ListOffsets reports offline partitions.
// The other partitions' answers are then complete, and a command that shows
// cluster health should show them rather than fail.
func Leaderless(err error) bool {
	var se *kadm.ShardErrors
	if !errors.As(err, &se) || se.AllFailed || len(se.Errs) == 0 {
		return false
	}
	for _, e := range se.Errs {
		if !errors.Is(e.Err, kerr.LeaderNotAvailable) {
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
