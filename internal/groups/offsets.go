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
// group, then computes each partition's lag.
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
		g.Lag = 0
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
			base := p.Committed
			if base < 0 {
				base = p.Start
			}
			p.Lag = max(p.End-base, 0)
			g.Lag += p.Lag
		}
	}
	return nil
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
