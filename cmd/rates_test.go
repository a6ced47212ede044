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
		brokers: kafkatest.Brokers(c), topic: "events", group: "readers",
		watchFor: 5 * time.Second, sample: "1s", slack: 0.25,
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
	sample       string        // --sample-interval and --watch's --interval
	slack        float64       // how far the clients may miss their targets, as a fraction
}

func checkRateAccuracy(t *testing.T, tg rateTarget) {
	const (
		produceRate = 2000
		consumeRate = 1000
		// The load runs this long before measuring, so that the group
		// has a backlog and both clients have settled to their pace.
		warmUp = 10 * time.Second
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

	// consumed paces the group; committed is what the commands measure
	// (commits), counted once the coordinator has acknowledged them, by
	// the test's clock.
	var consumed, committed atomic.Int64
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
			if cons.CommitUncommittedOffsets(ctx) == nil {
				committed.Add(int64(fs.NumRecords()))
			}
		}
	})

	// Warmed up when the clients have done ten seconds of their work
	// (by their own counts, so a loaded machine just takes longer).
	for meter.records.Load() < produceRate*warmUp.Milliseconds()/1000 || consumed.Load() < consumeRate*warmUp.Milliseconds()/1000 {
		if time.Since(start) > 6*warmUp {
			t.Fatalf("the clients never warmed up: %d records written, %d consumed", meter.records.Load(), consumed.Load())
		}
		time.Sleep(20 * time.Millisecond)
	}

	// A rate is measured over a second or so, and on a shared machine a
	// client starved for that second, then catching up, makes the true
	// rate of that second unsteady. So measure up to three times, each
	// against what the clients achieved during that attempt by the test's
	// clock: a systematically wrong rate fails every attempt, a stall only
	// one.
	var trueIn, trueConsume float64
	for attempt := 1; ; attempt++ {
		rc := &rateChecks{t: t}
		trueIn, trueConsume = measureRates(t, rc, tg, meter, &committed)
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
	if math.Abs(trueIn-produceRate) > produceRate*tg.slack || math.Abs(trueConsume-consumeRate) > consumeRate*tg.slack || trueConsume >= trueIn {
		t.Errorf("the test's clients missed their targets: %.0f, %.0f msg/s", trueIn, trueConsume)
	}
}

// measureRates runs info, list and topic once each and both watches, and
// compares every rate they show with what the clients achieved during
// each command's run (rateTimeline): the records and bytes the brokers
// acknowledged, and the records the group committed, which are the offsets
// and sizes the commands read. It returns the true produce and consume
// rates over the attempt.
func measureRates(t *testing.T, rc *rateChecks, tg rateTarget, meter *produceMeter, consumed *atomic.Int64) (trueIn, trueConsume float64) {
	t.Helper()
	c0, r0, b0, t0 := consumed.Load(), meter.records.Load(), meter.bytes.Load(), time.Now()
	tl := startTimeline(meter, consumed)
	var r result
	infoRun := timed(func() { r = run(t, runOpts{}, "-b", tg.brokers, "info", "--json", "--sample-interval", tg.sample) })
	wantCode(t, r, 0)
	var info map[string]float64
	decodeNumbers(t, r.Stdout, &info)

	listRun := timed(func() { r = run(t, runOpts{}, "-b", tg.brokers, "list", "--json", "--sample-interval", tg.sample) })
	wantCode(t, r, 0)
	row := listRow(t, r.Stdout, tg.topic)
	topicRun := timed(func() {
		r = run(t, runOpts{}, "-b", tg.brokers, "topic", tg.topic, "--json", "--sample-interval", tg.sample)
	})
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
	watchRun := timed(func() {
		watchers.Go(func() {
			topicWatch = run(t, runOpts{ctx: wctx}, "-b", tg.brokers, "topic", tg.topic, "--watch", "--json", "--interval", tg.sample, "--sample-interval", tg.sample)
		})
		r = run(t, runOpts{ctx: wctx}, "-b", tg.brokers, "info", "--watch", "--json", "--interval", tg.sample, "--sample-interval", tg.sample)
		watchers.Wait()
	})
	tl.Stop()
	wantCode(t, r, 0)
	wantCode(t, topicWatch, 0)
	el := time.Since(t0).Seconds()
	trueIn, trueConsume = float64(meter.records.Load()-r0)/el, float64(consumed.Load()-c0)/el
	tdocs := strings.Split(strings.TrimSpace(topicWatch.Stdout), "\n")
	// A loaded machine may not fit the documents into the watches' time:
	// that fails the attempt, not the test.
	if len(tdocs) < 2 {
		rc.fails = append(rc.fails, fmt.Sprintf("topic watch printed %d documents in %s", len(tdocs), tg.watchFor))
		return trueIn, trueConsume
	}
	var watchedTopic topicRatesJSON
	if err := json.Unmarshal([]byte(tdocs[len(tdocs)-1]), &watchedTopic); err != nil || len(watchedTopic.ConsumerGroups) != 1 {
		t.Fatalf("topic --watch --json = %s (%v)", tdocs[len(tdocs)-1], err)
	}
	trueBytesIn := float64(meter.bytes.Load()-b0) / el
	bytesPerRecord := trueBytesIn / trueIn
	t.Logf("true over the attempt: in %.0f msg/s, %.0f B/s (%.1f B/record); consume %.0f msg/s", trueIn, trueBytesIn, bytesPerRecord, trueConsume)
	t.Logf("info: %v", info)
	t.Logf("list: %v", row)

	// The true rates over the windows each command could have measured.
	window, err := time.ParseDuration(tg.sample)
	if err != nil {
		t.Fatal(err)
	}
	truth := func(s runSpan) trueRates {
		in := tl.bounds(s, window, func(p ratePoint) int64 { return p.records })
		bytesIn := tl.bounds(s, window, func(p ratePoint) int64 { return p.bytes })
		consume := tl.bounds(s, window, func(p ratePoint) int64 { return p.consume })
		return trueRates{in: in, bytesIn: bytesIn, consume: consume, bytesOut: consume.scale(bytesPerRecord)}
	}
	ti, tw := truth(infoRun), truth(watchRun)
	rc.between("info messages_per_sec", info["messages_per_sec"], ti.in)
	rc.between("info bytes_in_per_sec", info["bytes_in_per_sec"], ti.bytesIn)
	rc.between("info consumed_messages_per_sec", info["consumed_messages_per_sec"], ti.consume)
	rc.between("info bytes_out_per_sec", info["bytes_out_per_sec"], ti.bytesOut)
	tlist := truth(listRun)
	rc.between("list messages_per_sec", row["messages_per_sec"].(float64), tlist.in)
	rc.between("list bytes_in_per_sec", row["bytes_in_per_sec"].(float64), tlist.bytesIn)
	topic.check(rc, "topic", tg.group, truth(topicRun))
	watchedTopic.check(rc, "topic watch", tg.group, tw)
	docs := strings.Split(strings.TrimSpace(r.Stdout), "\n")
	if len(docs) < 3 {
		rc.fails = append(rc.fails, fmt.Sprintf("info watch printed %d documents in %s", len(docs), tg.watchFor))
		return trueIn, trueConsume
	}
	var watched map[string]float64
	decodeNumbers(t, docs[len(docs)-1], &watched)
	t.Logf("watch: %v", watched)
	rc.between("watch messages_per_sec", watched["messages_per_sec"], tw.in)
	rc.between("watch bytes_in_per_sec", watched["bytes_in_per_sec"], tw.bytesIn)
	rc.between("watch consumed_messages_per_sec", watched["consumed_messages_per_sec"], tw.consume)
	rc.between("watch bytes_out_per_sec", watched["bytes_out_per_sec"], tw.bytesOut)

	return trueIn, trueConsume
}

// trueRates are the ranges of the true rates over a command's windows.
type trueRates struct{ in, bytesIn, consume, bytesOut rateRange }

// rateChecks records failed comparisons of one measuring attempt.
type rateChecks struct {
	t     *testing.T
	fails []string
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
func (v topicRatesJSON) check(rc *rateChecks, what, group string, want trueRates) {
	rc.t.Logf("%s: %+v (true: %+v)", what, v, want)
	rc.between(what+" messages_per_sec", v.MessagesPerSec, want.in)
	rc.between(what+" bytes_in_per_sec", v.BytesInPerSec, want.bytesIn)
	rc.between(what+" bytes_out_per_sec", v.BytesOutPerSec, want.bytesOut)
	g := v.ConsumerGroups[0]
	rc.between(what+" consume_rate", g.ConsumeRate, want.consume)
	// A stalled consumer catching up for a moment has an eta: like a
	// rate, it fails the attempt, not the test.
	if g.Group != group || g.Lag <= 0 || g.ETASeconds != nil {
		rc.fails = append(rc.fails, fmt.Sprintf("%s: group %+v, want %s with lag and a null eta (falling behind)", what, g, group))
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
