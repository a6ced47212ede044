package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// cluster is a `kafka dev` process, a real cluster started for a suite,
// or (neither) the running cluster of -brokers.
type cluster struct {
	cmd      *exec.Cmd
	real     *kafkatest.RealCluster
	brokers  []string
	registry string // kafka dev's schema registry URL
}

func startCluster(c *config, brokers int) (*cluster, error) {
	// One more port for kafka dev's schema registry, so it never takes 8081.
	port, err := freePorts(brokers + 1)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(c.kafka, "dev", "--memory", "--port", fmt.Sprint(port), "--brokers", fmt.Sprint(brokers),
		"--registry-port", fmt.Sprint(port+brokers))
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	cl := &cluster{cmd: cmd, registry: fmt.Sprintf("http://127.0.0.1:%d", port+brokers)}
	for i := 0; i < brokers; i++ {
		cl.brokers = append(cl.brokers, fmt.Sprintf("127.0.0.1:%d", port+i))
	}
	adm, err := cl.admin()
	if err != nil {
		cl.stop()
		return nil, err
	}
	defer adm.Close()
	deadline := time.Now().Add(15 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		_, err := adm.ListBrokers(ctx)
		cancel()
		if err == nil {
			return cl, nil
		}
		if time.Now().After(deadline) {
			cl.stop()
			return nil, fmt.Errorf("kafka dev did not answer: %w", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (cl *cluster) admin() (*kadm.Client, error) {
	k, err := kgo.NewClient(kgo.SeedBrokers(cl.brokers...))
	if err != nil {
		return nil, err
	}
	return kadm.NewClient(k), nil
}

func (cl *cluster) stop() {
	if cl.real != nil {
		cl.real.Stop(false)
		return
	}
	if cl.cmd == nil { // -brokers: not ours to stop
		return
	}
	_ = cl.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = cl.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = cl.cmd.Process.Kill()
		<-done
	}
}

// freePorts finds n consecutive free loopback ports.
func freePorts(n int) (int, error) {
	for base := 21000 + os.Getpid()%2000*5; base < 60000; base += 7 {
		ok := true
		for i := 0; i < n && ok; i++ {
			l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", base+i))
			if err != nil {
				ok = false
				continue
			}
			l.Close()
		}
		if ok {
			return base, nil
		}
	}
	return 0, fmt.Errorf("no free ports")
}

// command is one program a suite times.
type command struct {
	name string
	argv []string
}

// alternate runs each command runs times, taking turns run by run so
// drift on a shared machine hits them all alike, after one round that is
// not measured: the first runs after a suite's setup meet cold caches
// and, on a real cluster, brokers whose JVMs have not yet compiled the
// request paths a command uses, which a production broker has.
func alternate(what string, runs int, cmds []command) ([][]sample, error) {
	for _, cmd := range cmds {
		if _, err := measure("", cmd.argv...); err != nil {
			return nil, err
		}
	}
	results := make([][]sample, len(cmds))
	for run := 0; run < runs; run++ {
		for i, cmd := range cmds {
			s, err := measure("", cmd.argv...)
			if err != nil {
				return nil, err
			}
			results[i] = append(results[i], s)
		}
		fmt.Fprintf(os.Stderr, "%s: round %d of %d done\n", what, run+1, runs)
	}
	return results, nil
}

// sample is one measured process run.
type sample struct {
	wall   time.Duration
	cpu    time.Duration // user + system, the process and the children it waited for
	maxRSS int64         // bytes
	// others is the CPU time the rest of the machine (the brokers) used
	// during the run: every CPU's busy time from /proc/stat less cpu.
	// On two cores a reader's wall time follows the brokers' work too.
	others time.Duration
}

// measure runs argv with stdout to /dev/null (or stdin from a file),
// through the wrapper of rusage.go, and returns the command's own wall
// time, CPU time and peak RSS.
func measure(stdin string, argv ...string) (sample, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return sample{}, err
	}
	defer devnull.Close()
	cmd.Stdout = devnull
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if stdin != "" {
		f, err := os.Open(stdin)
		if err != nil {
			return sample{}, err
		}
		defer f.Close()
		cmd.Stdin = f
	}
	idle0, total0, cpuErr := cpuTimes()
	s, err := wrapped(cmd)
	if err != nil {
		return sample{}, fmt.Errorf("%s: %v: %s", strings.Join(argv, " "), err, strings.TrimSpace(stderr.String()))
	}
	if idle1, total1, err := cpuTimes(); cpuErr == nil && err == nil && total1 > total0 {
		busy := 1 - float64(idle1-idle0)/float64(total1-total0)
		s.others = max(time.Duration(busy*float64(runtime.NumCPU())*float64(s.wall))-s.cpu, 0)
	}
	return s, nil
}

// othersNote says what ratioTable's others' CPU column is.
const othersNote = "Others' CPU is what the rest of the machine, the cluster above all, used during the run: all CPUs' busy time from /proc/stat, less the client's."

// ratioTable writes a markdown table of cmds' medians, wall and CPU time
// each beside its ratio to the first command's: on a shared machine, CPU
// time moves less than wall time.
func ratioTable(out *strings.Builder, first, base string, cmds []command, results [][]sample) {
	fmt.Fprintf(out, "| %s | wall | × %s | CPU | CPU × %s | others' CPU | peak RSS |\n|---|---|---|---|---|---|---|\n", first, base, base)
	b := median(results[0])
	for i, c := range cmds {
		m := median(results[i])
		fmt.Fprintf(out, "| %s | %s | %.2f× | %s | %.2f× | %s | %s |\n", c.name, secs(m.wall), float64(m.wall)/float64(b.wall),
			secs(m.cpu), float64(m.cpu)/float64(b.cpu), secs(m.others), mib(m.maxRSS))
	}
}

// median summarises runs: the median wall and CPU times and the largest
// peak RSS.
func median(s []sample) sample {
	walls := make([]time.Duration, len(s))
	cpus := make([]time.Duration, len(s))
	others := make([]time.Duration, len(s))
	var rss int64
	for i, x := range s {
		walls[i], cpus[i], others[i] = x.wall, x.cpu, x.others
		rss = max(rss, x.maxRSS)
	}
	slices.Sort(walls)
	slices.Sort(cpus)
	slices.Sort(others)
	return sample{wall: walls[len(walls)/2], cpu: cpus[len(cpus)/2], maxRSS: rss, others: others[len(others)/2]}
}

func mib(b int64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

func millis(d time.Duration) string {
	return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond))
}
