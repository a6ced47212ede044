package cmd

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

func TestListTopics(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(4, "router", "orders"))
	cl := kafkatest.Client(t, c)
	for i := 0; i < 10; i++ {
		kafkatest.Produce(t, cl, &kgo.Record{Topic: "router", Value: []byte("hello")})
	}

	r := runOn(t, c, "list", "--json")
	wantCode(t, r, 0)
	var got []map[string]any
	if err := json.Unmarshal([]byte(r.Stdout), &got); err != nil {
		t.Fatalf("bad json %q: %v", r.Stdout, err)
	}
	if len(got) != 2 || got[1]["name"] != "router" || got[1]["messages"] != float64(10) || got[1]["partitions"] != float64(4) {
		t.Fatalf("list --json = %s", r.Stdout)
	}
	if got[1]["size_bytes"].(float64) <= 0 {
		t.Errorf("size_bytes not positive: %v", got[1]["size_bytes"])
	}
	if _, ok := got[0]["retention_ms"]; !ok {
		t.Errorf("retention_ms key missing")
	}

	r = runOn(t, c, "list")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, "router") || strings.Contains(r.Stdout, "\x1b[") {
		t.Errorf("list text output:\n%s", r.Stdout)
	}
}

func TestListUnreachableExits5(t *testing.T) {
	t.Parallel()
	addr := deadAddr(t)
	r := run(t, runOpts{}, "-b", addr, "--timeout", "1s", "list")
	wantCode(t, r, 5)
	wantOneLineError(t, r, addr)
}

// --no-rates leaves the rate columns out of the table and makes the rate
// keys null in JSON, not 0: a 0 would claim a quiet topic.
func TestListNoRates(t *testing.T) {
	t.Parallel()
	c := kafkatest.NewCluster(t, kfake.SeedTopics(2, "router"))
	cl := kafkatest.Client(t, c)
	kafkatest.Produce(t, cl, &kgo.Record{Topic: "router", Value: []byte("hello")})

	r := runOn(t, c, "list", "--json", "--no-rates")
	wantCode(t, r, 0)
	var got []map[string]any
	if err := json.Unmarshal([]byte(r.Stdout), &got); err != nil || len(got) != 1 {
		t.Fatalf("list --json --no-rates = %s (%v)", r.Stdout, err)
	}
	for _, k := range []string{"messages_per_sec", "bytes_in_per_sec"} {
		if v, ok := got[0][k]; !ok || v != nil {
			t.Errorf("%s = %v (present %v); want null", k, v, ok)
		}
	}
	if got[0]["messages"] != float64(1) {
		t.Errorf("messages = %v; want 1", got[0]["messages"])
	}

	r = runOn(t, c, "list", "--no-rates")
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, "router") || !strings.Contains(r.Stdout, "Size") || strings.Contains(r.Stdout, "Msg/s") {
		t.Errorf("list --no-rates text output:\n%s", r.Stdout)
	}
	r = runOn(t, c, "list", "--json")
	wantCode(t, r, 0)
	if err := json.Unmarshal([]byte(r.Stdout), &got); err != nil || got[0]["messages_per_sec"] != float64(0) {
		t.Errorf("list --json without --no-rates: want a measured 0 rate, got %s (%v)", r.Stdout, err)
	}
}
