package cmd

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// batchHeader is a record batch's fixed overhead, which the broker stores
// and counts as bytes in but kgo's produce metrics leave out.
const batchHeader = 61

// produceMeter counts what a producer really wrote, batch headers included.
type produceMeter struct{ bytes, records atomic.Int64 }

func (m *produceMeter) OnProduceBatchWritten(_ kgo.BrokerMetadata, _ string, _ int32, b kgo.ProduceBatchMetrics) {
	m.bytes.Add(int64(b.CompressedBytes + batchHeader))
	m.records.Add(int64(b.NumRecords))
}

// TestRateAccuracy runs a producer at 2,000 msg/s and a group consuming
// 1,000 msg/s for over 10 s, then checks every rate info and list show
// against the rates measured on the clients.
func TestRateAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("takes over 10 s")
	}
	// Not parallel: the rates are sampled over about a second, and a
	// producer or consumer starved of CPU by the rest of the package's
	// parallel tests would make the true rate unsteady. Go holds the
	// parallel tests until this one is done.
	c := kafkatest.NewCluster(t, kfake.SeedTopics(6, "events"))
	checkRateAccuracy(t, rateTarget{
		brokers: kafkatest.Brokers(c), topic: "events", group: "readers", watchFor: 5 * time.Second,
		client: func(opts ...kgo.Opt) *kgo.Client { return kafkatest.Client(t, c, opts...) },
	})
}

// rateTarget is a cluster with a topic of its own for the rate test: the
// group is created by the test's consumer.
type rateTarget struct {
	brokers      string
	topic, group string
	client       func(...kgo.Opt) *kgo.Client
	watchFor     time.Duration // how long the --watch runs get for their documents
}

func checkRateAccuracy(t *testing.T, tg rateTarget) {
	const (
		produceRate = 2000
		consumeRate = 1000
		runFor      = 11 * time.Second
	)
	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	defer wg.Wait()
	defer stop()

	meter := &produceMeter{}
	prod := tg.client(kgo.ProducerBatchCompression(kgo.NoCompression()), kgo.WithHooks(meter))
	value := make([]byte, 100)
	start := time.Now()
	wg.Go(func() {
		// Paced by elapsed time, so the average is exact whatever the
		// scheduler does with individual ticks.
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		sent := int64(0)
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			for due := int64(time.Since(start).Seconds() * produceRate); sent < due; sent++ {
				prod.Produce(ctx, &kgo.Record{Topic: tg.topic, Value: value}, nil)
			}
		}
	})

	var consumed atomic.Int64
	cons := tg.client(kgo.ConsumerGroup(tg.group), kgo.ConsumeTopics(tg.topic),
		kgo.DisableAutoCommit(), kgo.FetchMaxWait(50*time.Millisecond))
	consStart := time.Now()
	wg.Go(func() {
		for ctx.Err() == nil {
			due := int64(time.Since(consStart).Seconds() * consumeRate)
			if consumed.Load() >= due {
				time.Sleep(2 * time.Millisecond)
				continue
			}
			// Up to what is due: a commit takes a round trip to the group
			// coordinator, tens of milliseconds on a loaded real cluster,
			// and a fixed small poll would fall behind the pace.
			fs := cons.PollRecords(ctx, int(min(due-consumed.Load(), 500)))
			consumed.Add(int64(fs.NumRecords()))
			// Committing after every poll keeps the committed offsets
			// within a round trip of what was consumed.
			_ = cons.CommitUncommittedOffsets(ctx)
		}
	})

	time.Sleep(runFor)

	// A rate is measured over a second or so, and on a shared machine a
	// client starved for that second, then catching up, makes the true
	// rate of that second unsteady. So measure up to three times, each
	// against what the clients achieved during that attempt by the test's
	// clock: a systematically wrong rate fails every attempt, a stall only
	// one.
	var trueIn, trueConsume float64
	for attempt := 1; ; attempt++ {
		rc := &rateChecks{t: t}
		trueIn, trueConsume = measureRates(t, rc, tg, meter, &consumed)
		if len(rc.fails) == 0 {
			break
		}
		if attempt == 3 {
			for _, f := range rc.fails {
				t.Error(f)
			}
			break
		}
		t.Logf("attempt %d: %s; measuring again", attempt, strings.Join(rc.fails, "; "))
	}

	// The comparisons above are against what the clients achieved; check
	// they came near the targets, so the test ran the load it claims: a
	// steady producer and a group that falls behind it.
	if math.Abs(trueIn-produceRate) > produceRate/4 || math.Abs(trueConsume-consumeRate) > consumeRate/4 {
		t.Errorf("the test's clients missed their targets: %.0f, %.0f msg/s", trueIn, trueConsume)
	}
}

// measureRates runs info, list and topic once each and both watches, and
// compares every rate they show with what the clients achieved meanwhile:
// the records and bytes the brokers acknowledged, and the records the
// group consumed, which are the offsets and sizes the commands read. It
// returns the true produce and consume rates over the attempt.
func measureRates(t *testing.T, rc *rateChecks, tg rateTarget, meter *produceMeter, consumed *atomic.Int64) (trueIn, trueConsume float64) {
	t.Helper()
	c0, r0, b0, t0 := consumed.Load(), meter.records.Load(), meter.bytes.Load(), time.Now()

	r := run(t, runOpts{}, "-b", tg.brokers, "info", "--json", "--sample-interval", "1s")
	wantCode(t, r, 0)
	var info map[string]float64
	decodeNumbers(t, r.Stdout, &info)

	r = run(t, runOpts{}, "-b", tg.brokers, "list", "--json", "--sample-interval", "1s")
	wantCode(t, r, 0)
	row := listRow(t, r.Stdout, tg.topic)
	r = run(t, runOpts{}, "-b", tg.brokers, "topic", tg.topic, "--json", "--sample-interval", "1s")
	wantCode(t, r, 0)
	var topic topicRatesJSON
	if err := json.Unmarshal([]byte(r.Stdout), &topic); err != nil || len(topic.ConsumerGroups) != 1 {
		t.Fatalf("topic --json = %s (%v)", r.Stdout, err)
	}
	// Under --watch, rates come from successive samples instead: check the
	// last document, which compares two samples a second apart.
	// The first document takes the one-second consume sample; three
	// documents need about 3.3 s, so leave room for a loaded machine.
	wctx, wcancel := context.WithTimeout(context.Background(), tg.watchFor)
	defer wcancel()
	var topicWatch result
	watchers := sync.WaitGroup{}
	// Both watches at once, to keep the test's run time down.
	watchers.Go(func() {
		topicWatch = run(t, runOpts{ctx: wctx}, "-b", tg.brokers, "topic", tg.topic, "--watch", "--json", "--interval", "1s", "--sample-interval", "1s")
	})
	r = run(t, runOpts{ctx: wctx}, "-b", tg.brokers, "info", "--watch", "--json", "--interval", "1s", "--sample-interval", "1s")
	watchers.Wait()
	wantCode(t, r, 0)
	wantCode(t, topicWatch, 0)
	tdocs := strings.Split(strings.TrimSpace(topicWatch.Stdout), "\n")
	if len(tdocs) < 2 {
		t.Fatalf("topic watch printed %d documents:\n%s", len(tdocs), topicWatch.Stdout)
	}
	var watchedTopic topicRatesJSON
	if err := json.Unmarshal([]byte(tdocs[len(tdocs)-1]), &watchedTopic); err != nil || len(watchedTopic.ConsumerGroups) != 1 {
		t.Fatalf("topic --watch --json = %s (%v)", tdocs[len(tdocs)-1], err)
	}
	el := time.Since(t0).Seconds()
	trueIn, trueConsume = float64(meter.records.Load()-r0)/el, float64(consumed.Load()-c0)/el
	trueBytesIn := float64(meter.bytes.Load()-b0) / el
	bytesPerRecord := trueBytesIn / trueIn
	t.Logf("true: in %.0f msg/s, %.0f B/s (%.1f B/record); consume %.0f msg/s", trueIn, trueBytesIn, bytesPerRecord, trueConsume)
	t.Logf("info: %v", info)
	t.Logf("list: %v", row)

	rc.within("info messages_per_sec", info["messages_per_sec"], trueIn)
	rc.within("info bytes_in_per_sec", info["bytes_in_per_sec"], trueBytesIn)
	rc.within("info consumed_messages_per_sec", info["consumed_messages_per_sec"], trueConsume)
	rc.within("info bytes_out_per_sec", info["bytes_out_per_sec"], trueConsume*bytesPerRecord)
	rc.within("list messages_per_sec", row["messages_per_sec"].(float64), trueIn)
	rc.within("list bytes_in_per_sec", row["bytes_in_per_sec"].(float64), trueBytesIn)
	topic.check(rc, "topic", tg.group, trueIn, trueBytesIn, trueConsume, bytesPerRecord)
	watchedTopic.check(rc, "topic watch", tg.group, trueIn, trueBytesIn, trueConsume, bytesPerRecord)
	docs := strings.Split(strings.TrimSpace(r.Stdout), "\n")
	if len(docs) < 3 {
		t.Fatalf("watch printed %d documents:\n%s", len(docs), r.Stdout)
	}
	var watched map[string]float64
	decodeNumbers(t, docs[len(docs)-1], &watched)
	t.Logf("watch: %v", watched)
	rc.within("watch messages_per_sec", watched["messages_per_sec"], trueIn)
	rc.within("watch bytes_in_per_sec", watched["bytes_in_per_sec"], trueBytesIn)
	rc.within("watch consumed_messages_per_sec", watched["consumed_messages_per_sec"], trueConsume)
	rc.within("watch bytes_out_per_sec", watched["bytes_out_per_sec"], trueConsume*bytesPerRecord)

	return trueIn, trueConsume
}

// rateChecks records failed comparisons of one measuring attempt.
type rateChecks struct {
	t     *testing.T
	fails []string
}

func (rc *rateChecks) within(what string, got, want float64) {
	if math.Abs(got-want) > want/10 {
		rc.fails = append(rc.fails, fmt.Sprintf("%s = %.1f, want %.1f ±10%%", what, got, want))
	}
}

// topicRatesJSON holds the rate keys of topic --json.
type topicRatesJSON struct {
	MessagesPerSec float64 `json:"messages_per_sec"`
	BytesInPerSec  float64 `json:"bytes_in_per_sec"`
	BytesOutPerSec float64 `json:"bytes_out_per_sec"`
	ConsumerGroups []struct {
		Group       string   `json:"group"`
		Lag         int64    `json:"lag"`
		ConsumeRate float64  `json:"consume_rate"`
		ETASeconds  *float64 `json:"eta_seconds"`
	} `json:"consumer_groups"`
}

// check compares topic's rates with the true ones: the one group consumes
// slower than the producer, so it never catches up.
func (v topicRatesJSON) check(rc *rateChecks, what, group string, in, bytesIn, consume, bytesPerRecord float64) {
	rc.t.Logf("%s: %+v", what, v)
	rc.within(what+" messages_per_sec", v.MessagesPerSec, in)
	rc.within(what+" bytes_in_per_sec", v.BytesInPerSec, bytesIn)
	rc.within(what+" bytes_out_per_sec", v.BytesOutPerSec, consume*bytesPerRecord)
	g := v.ConsumerGroups[0]
	rc.within(what+" consume_rate", g.ConsumeRate, consume)
	if g.Group != group || g.Lag <= 0 || g.ETASeconds != nil {
		rc.t.Errorf("%s: group %+v, want %s with lag and a null eta (falling behind)", what, g, group)
	}
}

// listRow is the topic's row of list --json, whatever else the cluster
// holds.
func listRow(t *testing.T, out, topic string) map[string]any {
	t.Helper()
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("list --json = %s (%v)", out, err)
	}
	for _, row := range list {
		if row["name"] == topic {
			return row
		}
	}
	t.Fatalf("list --json has no %s: %s", topic, out)
	return nil
}

// decodeNumbers keeps the numeric keys of a JSON object.
func decodeNumbers(t *testing.T, s string, into *map[string]float64) {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("bad json %q: %v", s, err)
	}
	*into = map[string]float64{}
	for k, v := range m {
		if f, ok := v.(float64); ok {
			(*into)[k] = f
		}
	}
}
