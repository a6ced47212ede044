package cmd

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafka-cli/kafka/internal/iostreams"
)

// kfake never marks a topic config sensitive, so the hiding is checked on
// the printer directly.
func TestConfigSensitiveValuesAreHidden(t *testing.T) {
	t.Parallel()
	secret := "s3cret"
	cfgs := []kadm.Config{
		{Key: "retention.ms", Value: kadm.StringPtr("1000"), Source: 1},
		{Key: "some.password", Value: &secret, Sensitive: true, Source: 1},
	}
	for _, asJSON := range []bool{false, true} {
		ios, _, out, _ := iostreams.Test()
		opts := &configOptions{JSON: asJSON}
		opts.IO = ios
		if err := printTopicConfigs(opts, "router", cfgs); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(out.String(), secret) {
			t.Fatalf("secret printed:\n%s", out.String())
		}
		if !asJSON {
			if !strings.Contains(out.String(), "(sensitive)") || !strings.Contains(out.String(), "DYNAMIC_TOPIC_CONFIG") {
				t.Errorf("text:\n%s", out.String())
			}
			continue
		}
		var got []topicConfigView
		if err := json.Unmarshal(out.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[1].Name != "some.password" || !got[1].Sensitive || got[1].Value != nil || *got[0].Value != "1000" {
			t.Errorf("json: %s", out.String())
		}
	}
}
