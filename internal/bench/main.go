// Command bench measures kafka against a bare franz-go client and kcat on
// this machine, side by side in one run, and prints a markdown report.
//
//	go run ./internal/bench            # tail, filter, write, scale and schema
//	go run ./internal/bench tail       # one suite
//	go run ./internal/bench -out docs/benchmarks.md
//	go run ./internal/bench -real -out docs/benchmarks.md   # tail, write and scale on real Kafka
//
// The cluster is `kafka dev` in its own process, as a user would run it, so
// the broker's CPU is not shared with the client being measured; with -real
// it is a 3-node Apache Kafka cluster started by internal/kafkatest, and
// with -brokers a running cluster.
//
// It may import devcluster (the demo's record shapes) and kafkatest (the
// real cluster of -real); nothing imports it.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

type config struct {
	records int
	runs    int
	topics  int
	out     string
	rpk     string // rpk binary for the scale suite's peer row; "" skips it
	kafka   string // built binary
	self    string // this program, re-executed for the floor clients
	tmp     string
	target  target
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == wrapMode {
		os.Exit(wrapMain(os.Args[2:]))
	}
	if len(os.Args) > 1 && strings.HasPrefix(os.Args[1], "floor-") {
		if err := floorMain(os.Args[1], os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}
	var c config
	flag.IntVar(&c.records, "records", 1_000_000, "records for the tail, filter and write suites")
	flag.IntVar(&c.runs, "runs", 3, "runs per measurement; the median is reported")
	flag.IntVar(&c.topics, "topics", 5000, "topics (10 partitions each) for the scale suite")
	flag.StringVar(&c.out, "out", "", "also write the report to this file")
	flag.StringVar(&c.rpk, "rpk", "", "rpk binary for the scale suite (default: rpk on PATH, if any)")
	flag.BoolVar(&c.target.real, "real", false, "run tail, write and scale on a 3-node real Apache Kafka cluster (needs java and mvn)")
	flag.StringVar(&c.target.version, "kafka-version", kafkatest.DefaultKafkaVersion, "Apache Kafka version for -real")
	flag.StringVar(&c.target.brokers, "brokers", "", "run tail, write and scale on this running, empty cluster (host:port,...)")
	flag.Parse()
	topicsSet := false
	flag.Visit(func(f *flag.Flag) { topicsSet = topicsSet || f.Name == "topics" })
	if c.target.remote() && !topicsSet {
		c.topics = 1000 // 10,000 partitions: what three small real nodes hold
	}
	if c.rpk == "" {
		c.rpk, _ = exec.LookPath("rpk")
	}
	suites := flag.Args()
	if len(suites) == 0 {
		suites = allSuites
		if c.target.remote() {
			suites = realSuites
		}
	}
	if err := runAll(&c, suites); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func runAll(c *config, suites []string) error {
	for _, s := range suites {
		if !slices.Contains(allSuites, s) {
			return fmt.Errorf("unknown suite %q: use %s", s, strings.Join(allSuites, ", "))
		}
	}
	var err error
	if c.tmp, err = os.MkdirTemp("", "kafka-bench"); err != nil {
		return err
	}
	defer os.RemoveAll(c.tmp)
	c.kafka = filepath.Join(c.tmp, "kafka")
	c.self = filepath.Join(c.tmp, "bench")
	for _, b := range [][]string{{"-o", c.kafka, "."}, {"-o", c.self, "./internal/bench"}} {
		build := exec.Command("go", append([]string{"build"}, b...)...)
		build.Stderr = os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("go build %v: %w", b, err)
		}
	}
	rerun, marker := "go run ./internal/bench", "bench"
	if c.target.remote() {
		rerun, marker = "go run ./internal/bench -real", "bench-real"
		for _, s := range suites {
			if !slices.Contains(realSuites, s) {
				return fmt.Errorf("suite %q runs on kafka dev only; on a real cluster: %s", s, strings.Join(realSuites, ", "))
			}
		}
	}
	for _, s := range suites {
		startLoad := loadAvg()
		var section string
		switch s {
		case "tail":
			section, err = benchTail(c)
		case "write":
			section, err = benchWrite(c)
		case "filter":
			section, err = benchFilter(c)
		case "scale":
			section, err = benchScale(c)
		case "schema":
			section, err = benchSchema(c)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", s, err)
		}
		section = withMeasured(section, fmt.Sprintf("Measured %s on %s/%s, %d cores, %s; cluster: %s; median of %d runs; load average %s at the start, %s at the end. Rerun with `%s %s`.",
			time.Now().UTC().Format("2006-01-02 15:04 UTC"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(),
			c.target.describe(), c.runs, startLoad, loadAvg(), rerun, s))
		fmt.Print(section + "\n")
		// Each suite's figures are written as soon as they are in, so a
		// later suite's failure loses none of them.
		if c.out != "" {
			if err := writeReport(c.out, marker, s, section); err != nil {
				return err
			}
		}
	}
	return nil
}

// loadAvg is the 1-minute load average, for judging how quiet the machine
// was; "unknown" off Linux.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return "unknown"
	}
	return f[0]
}
