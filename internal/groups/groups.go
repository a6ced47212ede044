// Package groups gathers what the CLI shows about consumer groups (state,
// members, committed offsets and lag) for both classic and KIP-848 groups,
// in a constant number of requests however many groups there are, and plans
// offset resets.
//
// Group rules live here too: lag, ETA and the catch-up verdict (CatchUpOf).
// It may import topics, throughput, health and units; cmd and the packages
// that build on groups (monitor, traffic) import it.
package groups

import (
	"context"
	"errors"
	"sort"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/topics"
)

// Group types, as Kafka names them in ListGroups v5.
const (
	TypeClassic  = "classic"
	TypeConsumer = "consumer" // KIP-848, the broker assigns partitions
)

// ErrNotFound is returned by Describe for a group the cluster does not know.
var ErrNotFound = errors.New("consumer group not found")

// Member is one consumer in a group.
type Member struct {
	ID string
	// InstanceID is group.instance.id for a static member (KIP-345).
	InstanceID string
	ClientID   string
	Host       string
	// Assigned maps each topic to its sorted assigned partitions.
	Assigned map[string][]int32
}

// NumAssigned counts the member's assigned partitions.
func (m *Member) NumAssigned() int {
	n := 0
	for _, ps := range m.Assigned {
		n += len(ps)
	}
	return n
}

// Partition is one partition the group is assigned or has committed to.
type Partition struct {
	Topic     string
	Partition int32
	Committed *int64 // nil when the group has committed nothing here
	Start     int64
	End       int64
	// Lag is End minus Committed; nil when unknown (no commit yet, or the
	// offsets could not be read).
	Lag    *int64
	Member *Member // nil when no member is assigned the partition
	Err    error   // why the offsets could not be read
}

// Group is a consumer group with its offsets and lag.
type Group struct {
	Name          string // as the cluster knows it
	Type          string // TypeClassic or TypeConsumer
	State         string
	Coordinator   string // host:port of the coordinating broker
	CoordinatorID int32
	Members       []Member
	Partitions    []Partition // sorted by topic, then partition
	Topics        []string    // assigned, subscribed or committed to
	Lag           int64       // sum of the known partition lags
	Unknown       int         // partitions whose lag is unknown
	// Generation is the group epoch of a KIP-848 group; for a classic
	// group, which DescribeGroups does not date, one more than the
	// highest generation its members reported when they last joined
	// (clients that send KIP-792 metadata do, franz-go among them);
	// nil when unknown.
	Generation *int32
	Err        error // set when the group could not be described
	exists     bool
}

// Active reports whether consumers are in the group, which forbids
// changing its offsets or deleting it.
func (g *Group) Active() bool { return len(g.Members) > 0 }

// List describes every group whose name keep accepts (nil keeps all),
// sorted by name. Requests: one ListGroups, DescribeGroups and
// ConsumerGroupDescribe per coordinator, one batched OffsetFetch per
// coordinator, and one start and one end ListOffsets for all topics.
func List(ctx context.Context, cl *kgo.Client, adm *kadm.Client, keep func(string) bool) ([]Group, error) {
	listed, err := adm.ListGroups(ctx)
	if err != nil && !topics.DeadBrokersOnly(err) {
		return nil, err
	}
	var names []string
	for _, name := range listed.Groups() {
		if keep == nil || keep(name) {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return nil, nil
	}
	gs, err := collect(ctx, cl, adm, names)
	if err != nil {
		return nil, err
	}
	out := gs[:0]
	for _, g := range gs {
		// A group deleted between listing and describing is not shown.
		if g.exists || g.Err != nil {
			out = append(out, g)
		}
	}
	return out, nil
}

// Describe returns one group, or ErrNotFound. Kafka describes a group it
// does not know as "Dead" with no offsets rather than as an error.
func Describe(ctx context.Context, cl *kgo.Client, adm *kadm.Client, name string) (*Group, error) {
	gs, err := collect(ctx, cl, adm, []string{name})
	if err != nil {
		return nil, err
	}
	g := &gs[0]
	if g.Err != nil {
		return nil, g.Err
	}
	if !g.exists {
		return nil, ErrNotFound
	}
	return g, nil
}

// collect describes the groups, and asks again while their coordinator is
// still starting: on a real cluster the first group request creates
// __consumer_offsets, and until its partitions have leaders and are loaded
// the describes answer COORDINATOR_NOT_AVAILABLE or
// COORDINATOR_LOAD_IN_PROGRESS (kfake is ready at once). ctx bounds it.
func collect(ctx context.Context, cl *kgo.Client, adm *kadm.Client, names []string) ([]Group, error) {
	backoff := 50 * time.Millisecond
	for {
		gs, err := collectOnce(ctx, cl, adm, names)
		if !coordinatorStarting(gs, err) {
			return gs, err
		}
		select {
		case <-ctx.Done():
			return gs, err
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, time.Second)
	}
}

func coordinatorStarting(gs []Group, err error) bool {
	starting := func(err error) bool {
		return errors.Is(err, kerr.CoordinatorNotAvailable) || errors.Is(err, kerr.CoordinatorLoadInProgress) || errors.Is(err, kerr.NotCoordinator)
	}
	if err != nil {
		return starting(err)
	}
	for _, g := range gs {
		if starting(g.Err) {
			return true
		}
	}
	return false
}

func collectOnce(ctx context.Context, cl *kgo.Client, adm *kadm.Client, names []string) ([]Group, error) {
	var (
		wg      sync.WaitGroup
		classic kadm.DescribedGroups
		next    map[string]nextGroup
		fetched kadm.FetchOffsetsResponses
		dErr    error
	)
	// Both describes are asked for every group: the cluster knows which
	// protocol each group speaks, and kfake lists KIP-848 groups with an
	// empty protocol type while classic DescribeGroups shows them memberless.
	wg.Go(func() { classic, dErr = adm.DescribeGroups(ctx, names...) })
	wg.Go(func() { next = describeNext(ctx, cl, names) })
	wg.Go(func() { fetched = adm.FetchManyOffsets(ctx, names...) })
	wg.Wait()
	if dErr != nil {
		return nil, dErr
	}
	if err := resolveTopicIDs(ctx, adm, next); err != nil {
		return nil, err
	}

	gs := make([]Group, 0, len(names))
	for _, name := range names {
		gs = append(gs, assemble(name, classic[name], next, fetched[name]))
	}
	if err := fillOffsets(ctx, adm, gs); err != nil {
		return nil, err
	}
	sort.Slice(gs, func(i, j int) bool { return gs[i].Name < gs[j].Name })
	return gs, nil
}
