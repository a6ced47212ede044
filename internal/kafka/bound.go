package kafka

import "context"

// Bound runs fn and returns when it does or when ctx ends, whichever comes
// first. franz-go does not always watch a caller's context: a request that
// needs metadata waits for the client's own metadata load, and against a
// broker that accepts connections and never answers, each attempt waits out
// a full read deadline. Without this, a command making several requests at
// once could overrun --timeout several times over. The abandoned call ends
// when the client is closed; fn must be safe to leave running.
func Bound[T any](ctx context.Context, fn func(context.Context) (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	ch := make(chan result, 1)
	go func() {
		v, err := fn(ctx)
		ch <- result{v, err}
	}()
	select {
	case r := <-ch:
		return r.v, r.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}
