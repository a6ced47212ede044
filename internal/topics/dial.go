package topics

import (
	"context"
	"errors"

	"github.com/twmb/franz-go/pkg/kadm"
)

// RetryDial runs fn, a request franz-go sends to any broker, again when it
// failed only because the broker chosen refused the connection, a few times
// while ctx lasts. franz-go moves on to another broker after a failed dial
// only when its rotation hands it a different one, and requests issued at
// once share that rotation: one can be handed the same dead broker twice
// and give up, although the others answer. A killed broker stays listed
// until the controller fences it, and a stopped seed is tried at every
// start, so this is what a cluster with one node down looks like.
func RetryDial[T any](ctx context.Context, fn func() (T, error)) (T, error) {
	for tries := 1; ; tries++ {
		v, err := fn()
		if err == nil || tries == 5 || ctx.Err() != nil || !isDialError(err) {
			return v, err
		}
	}
}

// DeadBrokersOnly reports whether err, from a request sent to every
// broker (ListGroups), only says that some brokers refused the connection
// while the others answered: brokers just killed, still listed until they
// are fenced. They hold nothing the others could tell of (their groups and
// partitions move to live brokers once they are fenced), so the answers
// are all there are.
func DeadBrokersOnly(err error) bool {
	var se *kadm.ShardErrors
	if !errors.As(err, &se) || se.AllFailed || len(se.Errs) == 0 {
		return false
	}
	for _, e := range se.Errs {
		if !isDialError(e.Err) {
			return false
		}
	}
	return true
}

// LearnBrokers asks for the cluster's brokers alone, before requests that
// go out at once: the client then knows every broker rather than only the
// seeds, so a dead seed cannot fail several of them (see RetryDial).
func LearnBrokers(ctx context.Context, adm *kadm.Client) error {
	_, err := RetryDial(ctx, func() (kadm.Metadata, error) { return adm.BrokerMetadata(ctx) })
	return err
}
