package clierr

import (
	"errors"
	"fmt"
	"io"
	"testing"
)

func TestCodes(t *testing.T) {
	for _, tc := range []struct {
		err  error
		code int
	}{
		{nil, 0},
		{errors.New("plain"), 1},
		{Failuref("x"), 1},
		{Usagef("x"), 2},
		{NotFoundf("x"), 3},
		{Authf("x"), 4},
		{Unreachablef("x"), 5},
		{Checkf("x"), 6},
		{Silent(3), 3},
		{ErrSilent, 1},
		{fmt.Errorf("wrapped: %w", Authf("x")), 4},
	} {
		if got := CodeOf(tc.err); got != tc.code {
			t.Errorf("CodeOf(%v) = %d, want %d", tc.err, got, tc.code)
		}
	}
}

func TestMessageHintAndCause(t *testing.T) {
	e := NotFoundf("topic %q not found", "routr").WithHint("run '%s'", "kafka list").Wrap(io.EOF)
	if got := e.Error(); got != `topic "routr" not found; run 'kafka list'` {
		t.Errorf("Error() = %q", got)
	}
	if !errors.Is(e, io.EOF) {
		t.Error("the cause is not reachable with errors.Is")
	}
	if Silent(4).Error() != "" {
		t.Error("a silent error must print nothing")
	}
}
