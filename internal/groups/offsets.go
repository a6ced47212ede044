package groups

import (
	"context"
	"errors"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
)

// fillOffsets lists start and end offsets once for every topic of every
// group, adds every partition of each topic a group committed on (so a
// partition nobody committed to still counts once its members leave), then
// computes each partition's lag. A partition with no commit has an unknown
// lag: guessing end − start would count records a consumer that started at
// the end never meant to read.
func fillOffsets(ctx context.Context, adm *kadm.Client, gs []Group) error {
	var topics []string
	for _, g := range gs {
		for _, p := range g.Partitions {
			topics = append(topics, p.Topic)
		}
	}
	topics = dedupe(topics)
	if len(topics) == 0 {
		return nil
	}
	var (
		wg           sync.WaitGroup
		starts, ends kadm.ListedOffsets
		sErr, eErr   error
	)
	wg.Go(func() { starts, sErr = adm.ListStartOffsets(ctx, topics...) })
	wg.Go(func() { ends, eErr = adm.ListEndOffsets(ctx, topics...) })
	wg.Wait()
	for _, err := range []error{sErr, eErr} {
		var se *kadm.ShardErrors
		// A partial failure leaves those partitions without offsets, which
		// shows as an unknown lag rather than failing every group.
		if err != nil && !errors.As(err, &se) {
			return err
		}
	}
	for gi := range gs {
		g := &gs[gi]
		addCommittedTopics(g, ends)
		g.Lag, g.Unknown = 0, 0
		for pi := range g.Partitions {
			p := &g.Partitions[pi]
			end, ok := ends.Lookup(p.Topic, p.Partition)
			switch {
			case !ok:
				p.Err = kerr.UnknownTopicOrPartition
				continue
			case end.Err != nil:
				p.Err = end.Err
				continue
			}
			p.End = end.Offset
			if st, ok := starts.Lookup(p.Topic, p.Partition); ok && st.Err == nil {
				p.Start = st.Offset
			}
			if p.Committed == nil {
				g.Unknown++
				continue
			}
			lag := max(p.End-*p.Committed, 0)
			p.Lag = &lag
			g.Lag += lag
		}
	}
	return nil
}

// addCommittedTopics adds to g the partitions of the topics it committed on
// that it has neither a commit on nor a member holding.
func addCommittedTopics(g *Group, ends kadm.ListedOffsets) {
	have := map[string]map[int32]bool{}
	for _, p := range g.Partitions {
		if have[p.Topic] == nil {
			have[p.Topic] = map[int32]bool{}
		}
		if p.Committed != nil {
			have[p.Topic][-1] = true // marks a topic committed on
		}
		have[p.Topic][p.Partition] = true
	}
	added := false
	for t, ps := range have {
		if !ps[-1] {
			continue
		}
		for p := range ends[t] {
			if !ps[p] {
				g.Partitions = append(g.Partitions, Partition{Topic: t, Partition: p})
				added = true
			}
		}
	}
	if added {
		sortPartitions(g.Partitions)
	}
}

func sortPartitions(ps []Partition) {
	sort.Slice(ps, func(i, j int) bool {
		if ps[i].Topic != ps[j].Topic {
			return ps[i].Topic < ps[j].Topic
		}
		return ps[i].Partition < ps[j].Partition
	})
}

func sortMembers(ms []Member) {
	sort.Slice(ms, func(i, j int) bool {
		if ms[i].ClientID != ms[j].ClientID {
			return ms[i].ClientID < ms[j].ClientID
		}
		return ms[i].ID < ms[j].ID
	})
	for i := range ms {
		for t := range ms[i].Assigned {
			ps := ms[i].Assigned[t]
			sort.Slice(ps, func(a, b int) bool { return ps[a] < ps[b] })
		}
	}
}

// cleanHost drops the leading slash Java brokers put on classic members'
// hosts ("/10.0.0.1").
func cleanHost(h string) string { return strings.TrimPrefix(h, "/") }

func hostPort(host string, port int32) string {
	if host == "" {
		return ""
	}
	return host + ":" + strconv.Itoa(int(port))
}

func dedupe(ss []string) []string {
	sort.Strings(ss)
	var out []string
	for i, s := range ss {
		if s != "" && (i == 0 || s != ss[i-1]) {
			out = append(out, s)
		}
	}
	return out
}
