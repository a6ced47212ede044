package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// benchScale times the read commands on a cluster with many topics,
// against kcat -L (one bare metadata request) as the yardstick.
func benchScale(c *config) (string, error) {
	cl, err := c.target.cluster(c)
	if err != nil {
		return "", err
	}
	defer cl.stop()
	start := time.Now()
	if err := setupScale(c, cl); err != nil {
		return "", err
	}
	fmt.Fprintf(os.Stderr, "created %d topics (one record each) in %s\n", c.topics, time.Since(start).Round(time.Millisecond))
	settle("creating the topics")

	b := strings.Join(cl.brokers, ",")
	mid := fmt.Sprintf("topic-%05d", c.topics/2)
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
	// --timeout: a real cluster of 10,000 partitions on a loaded 2-core
	// machine can take longer than the default 10 s to answer, and a
	// timed-out run measures nothing.
	cmds = append(cmds,
		// What the broker takes to serve the columns: list's floor.
		command{"bare franz-go: list's requests, answers discarded (floor)", []string{c.self, "floor-list", b}},
		command{"`kafka list`", []string{c.kafka, "-b", b, "--timeout", "2m", "list"}},
		// The same work less the table: what rendering 5,000 rows costs.
		command{"`kafka list --json`", []string{c.kafka, "-b", b, "--timeout", "2m", "list", "--json"}},
		// Without the one-second rate sample: the requests and the
		// output alone, what compares with rpk's metadata listing.
		command{"`kafka list --no-rates`", []string{c.kafka, "-b", b, "--timeout", "2m", "list", "--no-rates"}},
		command{"`kafka list --json --no-rates`", []string{c.kafka, "-b", b, "--timeout", "2m", "list", "--json", "--no-rates"}},
		command{"`kafka info`", []string{c.kafka, "-b", b, "--timeout", "2m", "info"}},
		command{"`kafka topic " + mid + "`", []string{c.kafka, "-b", b, "--timeout", "2m", "topic", mid}},
	)
	results, err := alternate("scale", max(c.runs, 5), cmds)
	if err != nil {
		return "", err
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
	split, err := floorSplit(c.self, b)
	if err != nil {
		return "", err
	}
	out.WriteString(split)
	out.WriteString(c.target.goals("\nTargets: each under 1.5 s and within 3× of `kcat -L`; `kafka list --no-rates` and `--json --no-rates` no slower than `rpk topic list`; `kafka list` and `--json` the one-second rate sample plus as little as possible.\n",
		"\nTargets (issue 7, real Kafka): `list` and `info` ≤ 3× `kcat -L`.\n"))
	return out.String(), nil
}

// floorSplit runs bench floor-requests: each of the floor's requests timed
// alone, in one process (median of 7), so that the floor row can be read
// as what each column costs the broker.
func floorSplit(self, brokers string) (string, error) {
	raw, err := exec.Command(self, "floor-requests", brokers).Output()
	if err != nil {
		return "", fmt.Errorf("floor-requests: %w", err)
	}
	var out strings.Builder
	out.WriteString("\nThe floor's requests, each timed alone in one process (median of 7; no process start, no output):\n\n| request | wall |\n|---|---|\n")
	for line := range strings.Lines(string(raw)) {
		name, took, ok := strings.Cut(strings.TrimSpace(line), "\t")
		if !ok {
			continue
		}
		d, err := time.ParseDuration(took)
		if err != nil {
			return "", fmt.Errorf("floor-requests: %q: %w", line, err)
		}
		fmt.Fprintf(&out, "| %s | %s |\n", name, millis(d))
	}
	return out.String(), nil
}
