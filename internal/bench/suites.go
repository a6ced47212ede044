package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kafka-cli/kafka/internal/devcluster"
)

// benchTail loads the topic once, then alternates the readers run by run
// so drift on a shared machine hits them all alike.
func benchTail(c *config) (string, error) {
	cl, err := c.target.cluster(c)
	if err != nil {
		return "", err
	}
	defer cl.stop()
	file, err := writeLines(c, c.records)
	if err != nil {
		return "", err
	}
	if err := createTopic(cl, "bench", 8); err != nil {
		return "", err
	}
	load := time.Now()
	if _, err := measure(file, c.self, "floor-produce", strings.Join(cl.brokers, ","), "bench", file); err != nil {
		return "", err
	}
	fmt.Fprintf(os.Stderr, "loaded %d records in %s\n", c.records, time.Since(load).Round(time.Millisecond))
	settle("loading")

	b := strings.Join(cl.brokers, ",")
	readers := []command{
		{"bare franz-go consumer (floor)", []string{c.self, "floor-consume", b, "bench"}},
		{"`kafka tail bench --from beginning --no-follow`", []string{c.kafka, "-b", b, "tail", "bench", "--from", "beginning", "--no-follow"}},
		{"`kafka tail ... --json`", []string{c.kafka, "-b", b, "tail", "bench", "--from", "beginning", "--no-follow", "--json"}},
		{"`kcat -C -e -q -o beginning`", []string{"kcat", "-C", "-e", "-q", "-o", "beginning", "-b", b, "-t", "bench"}},
	}
	results, err := alternate("tail", c.runs, readers)
	if err != nil {
		return "", err
	}
	var out strings.Builder
	fmt.Fprintf(&out, "## tail: read %s records (~250 B JSON router logs, 8 partitions) to /dev/null\n\n", fmtCount(c.records))
	ratioTable(&out, "reader", "floor", readers, results)
	out.WriteString("\nCPU is the client's (user + system), not the broker's. " + othersNote + "\n")
	out.WriteString(c.target.goals("\nTargets: line format ≤ 1.3× floor, `--json` ≤ 1.6× floor, both faster than kcat, peak RSS ≤ 64 MiB.\n",
		"\nTargets (issue 7, real Kafka): line format ≤ 1.1× floor, `--json` ≤ 1.4× floor.\n"))
	return out.String(), nil
}

func benchWrite(c *config) (string, error) {
	cl, err := c.target.cluster(c)
	if err != nil {
		return "", err
	}
	defer cl.stop()
	file, err := writeLines(c, c.records)
	if err != nil {
		return "", err
	}
	b := strings.Join(cl.brokers, ",")
	// Each compression is measured against a floor that uses it: kafka
	// write compresses nothing by default (kafkajs reads only gzip) and
	// franz-go snappy, and on real Kafka uncompressed batches cost the
	// brokers about twice the CPU (replication, disk), whoever sends them.
	codecs := []string{"none", "snappy"}
	floor, ours := make([][]sample, len(codecs)), make([][]sample, len(codecs))
	// Run -1 warms the brokers up, as alternate's first round does, and
	// is not measured.
	for run := -1; run < c.runs; run++ {
		for i, codec := range codecs {
			// Fresh topics each run keep the in-memory broker from
			// growing across runs and skewing later ones.
			tf, tk := fmt.Sprintf("wfloor-%s%d", codec, run+1), fmt.Sprintf("wkafka-%s%d", codec, run+1)
			for _, t := range []string{tf, tk} {
				if err := createTopic(cl, t, 8); err != nil {
					return "", err
				}
			}
			settle("the previous writes")
			s, err := measure("", c.self, "floor-produce", b, tf, file, codec)
			if err != nil {
				return "", err
			}
			if run >= 0 {
				floor[i] = append(floor[i], s)
			}
			settle("the floor's writes")
			s, err = measure(file, c.kafka, "-b", b, "write", tk, "--compression", codec)
			if err != nil {
				return "", err
			}
			if run >= 0 {
				ours[i] = append(ours[i], s)
			}
			if err := deleteTopics(cl, tf, tk); err != nil {
				return "", err
			}
		}
	}
	rate := func(d time.Duration) string { return fmtCount(int(float64(c.records)/d.Seconds())) + " rec/s" }
	var out strings.Builder
	fmt.Fprintf(&out, "## write: %s lines from a file (~250 B each, 8 partitions, acks=all)\n\n", fmtCount(c.records))
	out.WriteString("| writer | compression | wall | throughput | × floor throughput | CPU | others' CPU | peak RSS |\n|---|---|---|---|---|---|---|---|\n")
	for i, codec := range codecs {
		mf, mo := median(floor[i]), median(ours[i])
		fmt.Fprintf(&out, "| bare franz-go async producer (floor) | %s | %s | %s | 1.00× | %s | %s | %s |\n", codec, secs(mf.wall), rate(mf.wall), secs(mf.cpu), secs(mf.others), mib(mf.maxRSS))
		fmt.Fprintf(&out, "| `kafka write TOPIC --compression %s < file` | %s | %s | %s | %.2f× | %s | %s | %s |\n", codec, codec, secs(mo.wall), rate(mo.wall), float64(mf.wall)/float64(mo.wall), secs(mo.cpu), secs(mo.others), mib(mo.maxRSS))
	}
	out.WriteString("\n`none` is kafka write's default. CPU is the writer's (user + system). " + othersNote + "\n")
	out.WriteString(c.target.goals("\nTarget: ≥ 0.7× the floor's throughput.\n", "\nTarget (issue 7, real Kafka): ≥ 0.9× the floor's throughput.\n"))
	return out.String(), nil
}

func writeLines(c *config, n int) (string, error) {
	path := filepath.Join(c.tmp, fmt.Sprintf("lines-%d.jsonl", n))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return "", err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < n; i++ {
		b, err := json.Marshal(devcluster.NewRouterLine(r))
		if err != nil {
			return "", err
		}
		w.Write(b)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		return "", err
	}
	return path, f.Close()
}

func createTopic(cl *cluster, name string, parts int32) error {
	adm, err := cl.admin()
	if err != nil {
		return err
	}
	defer adm.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	resp, err := adm.CreateTopic(ctx, parts, -1, nil, name)
	if err != nil {
		return err
	}
	return resp.Err
}

func deleteTopics(cl *cluster, names ...string) error {
	adm, err := cl.admin()
	if err != nil {
		return err
	}
	defer adm.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err = adm.DeleteTopics(ctx, names...)
	return err
}

func fmtCount(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
