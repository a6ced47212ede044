// Package cluster describes a cluster as a whole: its brokers, Kafka
// version and consumer groups, each in a constant number of requests.
//
// It may import topics and throughput (whose Observer gives info its rates);
// only cmd imports it.
package cluster

import (
	"context"
	"errors"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/kafka-cli/kafka/internal/topics"
)

// Broker is one broker as metadata lists it.
type Broker struct {
	ID   int32
	Host string
	Port int32
	Rack *string
}

// Brokers is the cluster's identity and its brokers, from one metadata
// request that names no topics.
type Brokers struct {
	ClusterID  string
	Controller *int32 // nil when the cluster does not say
	Brokers    []Broker
}

// DescribeBrokers issues one topic-less metadata request to a broker, never
// answering from the client's cache: kadm's BrokerMetadata returns the
// brokers the client last heard of, up to its metadata max age (5 min) old,
// so a watch would go on listing a broker that left (or missing one that
// joined) long after the cluster knew.
func DescribeBrokers(ctx context.Context, cl *kgo.Client) (Brokers, error) {
	req := kmsg.NewPtrMetadataRequest()
	req.Topics = []kmsg.MetadataRequestTopic{}
	resp, err := topics.RetryDial(ctx, func() (*kmsg.MetadataResponse, error) { return req.RequestWith(ctx, cl) })
	if err != nil {
		return Brokers{}, err
	}
	var b Brokers
	if id := resp.ControllerID; id >= 0 { // the protocol's -1: unknown
		b.Controller = &id
	}
	if resp.ClusterID != nil {
		b.ClusterID = *resp.ClusterID
	}
	for _, d := range resp.Brokers {
		b.Brokers = append(b.Brokers, Broker{ID: d.NodeID, Host: d.Host, Port: d.Port, Rack: d.Rack})
	}
	sort.Slice(b.Brokers, func(i, j int) bool { return b.Brokers[i].ID < b.Brokers[j].ID })
	return b, nil
}

// exactGuess matches what kversion says when the API versions identify one
// release ("v3.6") or a release newer than it knows ("at least v4.1").
var exactGuess = regexp.MustCompile(`^(at least )?v\d+\.\d+(\.\d+)?$`)

// Version guesses the Kafka release from each broker's ApiVersions answer
// (one request per broker). It returns "" when it cannot tell: when the
// advertised versions match no release ("between v1.0 and v1.1", which is
// what kfake and other Kafka-protocol servers that skip some keys get, or
// "unknown custom version"), or when no broker answers. Brokers on different
// releases (a rolling upgrade) are listed lowest first.
func Version(ctx context.Context, adm *kadm.Client) string {
	vs, err := adm.ApiVersions(ctx)
	if err != nil {
		return ""
	}
	seen := map[string]bool{}
	var out []string
	for _, v := range vs.Sorted() {
		if v.Err != nil {
			continue
		}
		g := v.VersionGuess()
		if !exactGuess.MatchString(g) {
			return ""
		}
		if rest, ok := strings.CutPrefix(g, "at least v"); ok {
			g = rest + "+"
		} else {
			g = strings.TrimPrefix(g, "v")
		}
		if !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// Group is one consumer group, classic or KIP-848.
type Group struct {
	Name    string
	State   string
	Members int
}

// Active reports whether the group has members, which are what commit
// offsets; an empty group's committed offsets do not move.
func (g Group) Active() bool { return g.Members > 0 }

// Groups lists every group with its member count: ListGroups per broker
// (twice: all groups, then those of the KIP-848 "consumer" type), then
// DescribeGroups for classic groups and ConsumerGroupDescribe for KIP-848
// groups, each batched per coordinator. A KIP-848 group answers
// DescribeGroups with no members, hence the two describes.
func Groups(ctx context.Context, adm *kadm.Client) ([]Group, error) {
	var (
		all, kip848 kadm.ListedGroups
		allErr      error
		wg          sync.WaitGroup
	)
	wg.Go(func() { all, allErr = adm.ListGroups(ctx) })
	// Brokers too old for the type filter fail this; their groups are
	// all classic.
	wg.Go(func() { kip848, _ = adm.ListGroupsByType(ctx, []string{"consumer"}) })
	wg.Wait()
	// ListGroups goes to every broker; one that cannot be reached (just
	// stopped, still listed until it is fenced) holds no groups the others
	// could tell of, so its failure alone does not fail the listing.
	var se *kadm.ShardErrors
	if allErr != nil && (!errors.As(allErr, &se) || se.AllFailed) {
		return nil, allErr
	}
	var classic, consumer []string
	for name := range all {
		if _, ok := kip848[name]; ok {
			consumer = append(consumer, name)
		} else {
			classic = append(classic, name)
		}
	}
	members := map[string]int{}
	var mu sync.Mutex
	if len(classic) > 0 {
		wg.Go(func() {
			dg, _ := adm.DescribeGroups(ctx, classic...)
			mu.Lock()
			defer mu.Unlock()
			for name, d := range dg {
				if d.Err == nil {
					members[name] = len(d.Members)
				}
			}
		})
	}
	if len(consumer) > 0 {
		wg.Go(func() {
			dg, _ := adm.DescribeConsumerGroups(ctx, consumer...)
			mu.Lock()
			defer mu.Unlock()
			for name, d := range dg {
				if d.Err == nil {
					members[name] = len(d.Members)
				}
			}
		})
	}
	wg.Wait()
	gs := make([]Group, 0, len(all))
	for name, l := range all {
		gs = append(gs, Group{Name: name, State: l.State, Members: members[name]})
	}
	sort.Slice(gs, func(i, j int) bool { return gs[i].Name < gs[j].Name })
	return gs, nil
}
