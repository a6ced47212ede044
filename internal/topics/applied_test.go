package topics

import (
	"testing"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kmsg"
)

func TestAppliedSeesTheChangeOnly(t *testing.T) {
	set := []kadm.AlterConfig{{Op: kadm.SetConfig, Name: "max.message.bytes", Value: kadm.StringPtr("2000")}}
	unset := []kadm.AlterConfig{{Op: kadm.DeleteConfig, Name: "max.message.bytes"}}
	cfg := func(v string, src kmsg.ConfigSource) []kadm.Config {
		return []kadm.Config{{Key: "max.message.bytes", Value: kadm.StringPtr(v), Source: src}}
	}
	for _, c := range []struct {
		name    string
		configs []kadm.Config
		ops     []kadm.AlterConfig
		want    bool
	}{
		{"set, old value still shown", cfg("1048588", kmsg.ConfigSourceDefaultConfig), set, false},
		{"set, new value shown", cfg("2000", kmsg.ConfigSourceDynamicTopicConfig), set, true},
		{"unset, still set on the topic", cfg("2000", kmsg.ConfigSourceDynamicTopicConfig), unset, false},
		{"unset, back to the default", cfg("1048588", kmsg.ConfigSourceDefaultConfig), unset, true},
		{"set, key not listed", nil, set, false},
	} {
		if got := applied(c.configs, c.ops); got != c.want {
			t.Errorf("%s: applied = %v, want %v", c.name, got, c.want)
		}
	}
}
