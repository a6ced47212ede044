package cmd

import (
	"context"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// On real Kafka: a producer dating its records two hours back still reads
// at its true rate (ListOffsets by time would find none of them in the
// last minute), and the data-loss estimate takes the partition's real size
// (DescribeLogDirs) against retention.bytes.
func TestRealGroupRatesAndLossFromRetentionBytes(t *testing.T) {
	c := kafkatest.Real(t)
	topic := c.Topic(t, 1, 3, map[string]string{"retention.bytes": "5000000"})
	cl := c.Client(t)
	group := topic + "-reader"
	var os kadm.Offsets
	os.AddOffset(topic, 0, 0, -1)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if resp, err := kadm.NewClient(cl).CommitOffsets(ctx, group, os); err != nil || resp.Error() != nil {
		t.Fatalf("commit: %v %v", err, resp.Error())
	}
	wctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	defer wg.Wait()
	defer stop()
	acked := pacedWriter(wctx, &wg, c.Client(t), topic, 300, -2*time.Hour)
	for acked.Load() < 600 {
		if ctx.Err() != nil {
			t.Fatal("the producer wrote little")
		}
		time.Sleep(20 * time.Millisecond)
	}

	var v groupDetailView
	var want float64
	for range 5 { // a starved producer fails some attempts, a wrong rate all
		a0, t0 := acked.Load(), time.Now()
		r := runReal(t, c, "consumer-groups", group, "--json", "--sample-interval", "1s")
		wantCode(t, r, 0)
		want = float64(acked.Load()-a0) / time.Since(t0).Seconds()
		if v = decodeJSON[groupDetailView](t, r.Stdout); math.Abs(v.ProduceRate-want) <= want/10 {
			break
		}
	}
	if math.Abs(v.ProduceRate-want) > want/10 {
		t.Errorf("produce_rate = %.1f, want %.1f ±10%%", v.ProduceRate, want)
	}
	tr := runReal(t, c, "topic", topic, "--json")
	wantCode(t, tr, 0)
	perRecord := topicRatesJSON{}.BytesPerRecord(t, tr.Stdout)
	eta := (5000000 - float64(v.Lag)*perRecord) / (v.ProduceRate * perRecord)
	if v.LossETASecs == nil {
		t.Fatalf("loss_eta_seconds = null, want about %.0f", eta)
	}
	t.Logf("lag %d, %.1f B/record, %.1f msg/s: loss in about %.0f s; got %.0f s", v.Lag, perRecord, v.ProduceRate, eta, *v.LossETASecs)
	if math.Abs(*v.LossETASecs-eta) > eta/5 {
		t.Errorf("loss_eta_seconds = %.0f, want about %.0f", *v.LossETASecs, eta)
	}
}
