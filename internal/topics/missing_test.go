package topics

import (
	"errors"
	"fmt"
	"testing"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
)

func TestFindAndUnknown(t *testing.T) {
	tds := kadm.TopicDetails{
		"ok":     {Topic: "ok"},
		"gone":   {Topic: "gone", Err: kerr.UnknownTopicOrPartition},
		"byid":   {Topic: "byid", Err: kerr.UnknownTopicID},
		"denied": {Topic: "denied", Err: kerr.TopicAuthorizationFailed},
	}
	for name, want := range map[string]error{"ok": nil, "gone": ErrNotFound, "byid": ErrNotFound, "absent": ErrNotFound, "denied": kerr.TopicAuthorizationFailed} {
		if _, err := Find(tds, name); !errors.Is(err, want) || (want == nil) != (err == nil) {
			t.Errorf("Find(%q) = %v, want %v", name, err, want)
		}
	}
	if !Unknown(fmt.Errorf("wrapped: %w", kerr.UnknownTopicID)) || Unknown(kerr.LeaderNotAvailable) {
		t.Error("Unknown misjudges")
	}
}
