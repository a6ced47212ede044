package kafka

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kerr"

	"github.com/kafka-cli/kafka/internal/clierr"
)

// A denial names the operation and resource of the Access of its kind
// around it, even through a typed error; other errors, and denials of
// another kind, are explained as before.
func TestExplainAccess(t *testing.T) {
	topicDenied := fmt.Errorf("metadata: %w", kerr.TopicAuthorizationFailed)
	for _, tc := range []struct {
		name string
		err  error
		code int
		want string
	}{
		{"topic", Access(topicDenied, "read", KindTopic, "READ and DESCRIBE", "orders"), 4,
			`not authorized to read topic "orders"; the user needs READ and DESCRIBE on it`},
		{"two topics", Access(topicDenied, "read", KindTopic, "READ", "a", "b"), 4, `not authorized to read topics "a", "b"`},
		{"through a typed error", Access(clierr.Authf("x").Wrap(topicDenied), "delete", KindTopic, "DELETE", "t"), 4,
			`not authorized to delete topic "t"`},
		{"the innermost of its kind", Access(Access(topicDenied, "write to", KindTopic, "WRITE", "in"), "read", KindTopic, "READ", "out"), 4,
			`not authorized to write to topic "in"`},
		{"group inside a topic access", Access(Access(kerr.GroupAuthorizationFailed, "consume as", KindGroup, "READ", "g"), "read", KindTopic, "READ", "t"), 4,
			`not authorized to consume as consumer group "g"`},
		{"kind not named", Access(kerr.GroupAuthorizationFailed, "read", KindTopic, "READ", "t"), 4, "not authorized to access the consumer group"},
		{"not a denial", Access(kerr.UnknownTopicOrPartition, "read", KindTopic, "READ", "t"), 3, "topic not found"},
		{"typed, not a denial", Access(clierr.NotFoundf("gone"), "read", KindTopic, "READ", "t"), 3, "gone"},
	} {
		got := (*Client)(nil).Explain(tc.err)
		if clierr.CodeOf(got) != tc.code || !strings.Contains(got.Error(), tc.want) {
			t.Errorf("%s: Explain = %q (code %d), want code %d and %q", tc.name, got, clierr.CodeOf(got), tc.code, tc.want)
		}
	}
	if Access(nil, "read", KindTopic, "READ", "t") != nil {
		t.Error("Access(nil) must be nil")
	}
	if !errors.Is(Access(topicDenied, "read", KindTopic, "READ", "t"), kerr.TopicAuthorizationFailed) {
		t.Error("Access hides its cause")
	}
}
