package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

// benchScale times the read commands on a cluster with many topics,
// against kcat -L (one bare metadata request) as the yardstick.
func benchScale(c *config) (string, error) {
	cl, err := c.target.cluster(c)
	if err != nil {
		return "", err
	}
	defer cl.stop()
	adm, err := cl.admin()
	if err != nil {
		return "", err
	}
	start := time.Now()
	const batch = 500
	for i := 0; i < c.topics; i += batch {
		var names []string
		for j := i; j < min(i+batch, c.topics); j++ {
			names = append(names, fmt.Sprintf("topic-%05d", j))
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		resps, err := adm.CreateTopics(ctx, 10, -1, nil, names...)
		cancel()
		if err != nil {
			adm.Close()
			return "", err
		}
		// A request that timed out is retried, and real Kafka then
		// answers that the topics its first try created exist.
		for _, r := range resps {
			if r.Err != nil && !errors.Is(r.Err, kerr.TopicAlreadyExists) {
				adm.Close()
				return "", fmt.Errorf("creating %s: %w", r.Topic, r.Err)
			}
		}
	}
	adm.Close()
	if err := waitTopics(cl, c.topics); err != nil {
		return "", err
	}
	// One record per topic, as in cmd's BenchmarkScale: topics with data
	// cost more to describe than empty ones, and a cluster with
	// thousands of topics has both.
	// In a process of its own, like the suites' loaders: the producer's
	// buffers stay out of this long-lived one.
	if _, err := measure("", c.self, "floor-seed", strings.Join(cl.brokers, ","), fmt.Sprint(c.topics)); err != nil {
		return "", err
	}
	fmt.Fprintf(os.Stderr, "created %d topics (one record each) in %s\n", c.topics, time.Since(start).Round(time.Millisecond))

	b := strings.Join(cl.brokers, ",")
	mid := fmt.Sprintf("topic-%05d", c.topics/2)
	type command struct {
		name string
		argv []string
	}
	var cmds []command
	var missing []string
	if kcat, err := exec.LookPath("kcat"); err == nil {
		cmds = append(cmds, command{"`kcat -L` (bare metadata)", []string{kcat, "-L", "-b", b}})
	} else {
		missing = append(missing, "kcat")
	}
	if rpk := c.rpk; rpk != "" {
		cmds = append(cmds, command{"`rpk topic list`", []string{rpk, "topic", "list", "-X", "brokers=" + b}})
	} else {
		missing = append(missing, "rpk")
	}
	cmds = append(cmds,
		command{"`kafka list`", []string{c.kafka, "-b", b, "list"}},
		// The same work less the table: what rendering 5,000 rows costs.
		command{"`kafka list --json`", []string{c.kafka, "-b", b, "list", "--json"}},
		// Without the one-second rate sample: the requests and the
		// output alone, what compares with rpk's metadata listing.
		command{"`kafka list --no-rates`", []string{c.kafka, "-b", b, "list", "--no-rates"}},
		command{"`kafka list --json --no-rates`", []string{c.kafka, "-b", b, "list", "--json", "--no-rates"}},
		command{"`kafka info`", []string{c.kafka, "-b", b, "info"}},
		command{"`kafka topic " + mid + "`", []string{c.kafka, "-b", b, "topic", mid}},
	)
	results := make([][]sample, len(cmds))
	for run := 0; run < max(c.runs, 5); run++ {
		for i, cm := range cmds {
			s, err := measure("", cm.argv...)
			if err != nil {
				return "", err
			}
			results[i] = append(results[i], s)
		}
	}
	var out strings.Builder
	fmt.Fprintf(&out, "## scale: %s topics × 10 partitions (%s partitions), one record per topic\n\n", fmtCount(c.topics), fmtCount(c.topics*10))
	out.WriteString("| command | wall | × " + cmds[0].name + " | CPU | peak RSS |\n|---|---|---|---|---|\n")
	base := median(results[0]).wall
	for i, cm := range cmds {
		m := median(results[i])
		fmt.Fprintf(&out, "| %s | %s | %.2f× | %s | %s |\n", cm.name, millis(m.wall), float64(m.wall)/float64(base), millis(m.cpu), mib(m.maxRSS))
	}
	if len(missing) > 0 {
		fmt.Fprintf(&out, "\nNot measured (not found): %s; `-rpk PATH` names an rpk binary.\n", strings.Join(missing, ", "))
	}
	out.WriteString(c.target.goals("\nTargets: each under 1.5 s and within 3× of `kcat -L`; `kafka list --no-rates` and `--json --no-rates` no slower than `rpk topic list`; `kafka list` and `--json` the one-second rate sample plus as little as possible.\n",
		"\nTargets (issue 7, real Kafka): `list` and `info` ≤ 3× `kcat -L`.\n"))
	return out.String(), nil
}

func produceOnePerTopic(brokers []string, topics int) error {
	cl, err := kgo.NewClient(kgo.SeedBrokers(brokers...))
	if err != nil {
		return err
	}
	defer cl.Close()
	// 1,000 records to 1,000 topics on 3 real nodes took over a minute at
	// load average 80.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var (
		mu       sync.Mutex
		firstErr error
	)
	for i := 0; i < topics; i++ {
		cl.Produce(ctx, &kgo.Record{Topic: fmt.Sprintf("topic-%05d", i), Value: []byte("hello")}, func(_ *kgo.Record, err error) {
			mu.Lock()
			defer mu.Unlock()
			if err != nil && firstErr == nil {
				firstErr = err
			}
		})
	}
	if err := cl.Flush(ctx); err != nil {
		return err
	}
	return firstErr
}
