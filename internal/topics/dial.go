package topics

import "context"

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
