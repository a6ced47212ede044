package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// filterCase is one reader of the filter suite.
// benchFilter reads the tail suite's records (with keys, so $key has
// something to compare) through tail's filters and through jq, each in a
// process of its own, alternated run by run, against plain tail.
func benchFilter(c *config) (string, error) {
	cl, err := startCluster(c, 3)
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
	b := strings.Join(cl.brokers, ",")
	load := time.Now()
	if _, err := measure(file, c.self, "floor-produce", b, "bench", file, "keyed"); err != nil {
		return "", err
	}
	fmt.Fprintf(os.Stderr, "loaded %d keyed records in %s\n", c.records, time.Since(load).Round(time.Millisecond))
	settle("loading")

	jq, jqName, err := jqCommand(c)
	if err != nil {
		return "", err
	}
	tail := []string{c.kafka, "-b", b, "tail", "bench", "--from", "beginning", "--no-follow"}
	with := func(extra ...string) []string { return append(append([]string(nil), tail...), extra...) }
	cases := []command{
		{"`tail --no-follow`", tail},
		{"`--grep '\"status\":500'`", with("--grep", `"status":500`)},
		{"`--where '.status == 500'`", with("--where", `.status == 500`)},
		{"`--where '.path == \"/login\" and .service > 450'`", with("--where", `.path == "/login" and .service > 450`)},
		{"`--where '$key == \"user-42\" and .status >= 500'`", with("--where", `$key == "user-42" and .status >= 500`)},
		{"`--where '.path | startswith(\"/api/\")'`", with("--where", `.path | startswith("/api/")`)},
		{"`tail --json | jq -c 'select(.value|fromjson|.status==500)'`",
			[]string{"sh", "-c", shellJoin(with("--json")) + " | " + jq + " -c 'select(.value|fromjson|.status==500)'"}},
	}
	results, err := alternate("filter", c.runs, cases)
	if err != nil {
		return "", err
	}
	var out strings.Builder
	fmt.Fprintf(&out, "## filter: tail %s keyed records (~200 B JSON router logs, 8 partitions) through a filter, to /dev/null\n\n", fmtCount(c.records))
	out.WriteString("| command | wall (median) | min – max | × plain tail | CPU (median) | CPU × plain tail | peak RSS |\n|---|---|---|---|---|---|---|\n")
	base := median(results[0])
	for i, fc := range cases {
		m := median(results[i])
		lo, hi := spread(results[i])
		fmt.Fprintf(&out, "| %s | %s | %s – %s | %.2f× | %s | %.2f× | %s |\n", strings.ReplaceAll(fc.name, "|", `\|`),
			secs(m.wall), secs(lo), secs(hi), float64(m.wall)/float64(base.wall), secs(m.cpu), float64(m.cpu)/float64(base.cpu), mib(m.maxRSS))
	}
	fmt.Fprintf(&out, "\njq is %s. CPU is the client's (with jq: the shell's children), not the broker's. Target: every `--where` row ≤ 2× plain tail's wall time.\n", jqName)
	return out.String(), nil
}

// jqCommand is jq when installed, else gojq's command at the version
// go.mod pins, installed into the run's directory.
func jqCommand(c *config) (path, name string, err error) {
	if p, err := exec.LookPath("jq"); err == nil {
		v, _ := exec.Command(p, "--version").Output()
		return p, strings.TrimSpace(string(v)) + " (installed)", nil
	}
	v, err := exec.Command("go", "list", "-m", "-f", "{{.Version}}", "github.com/itchyny/gojq").Output()
	if err != nil {
		return "", "", fmt.Errorf("no jq, and gojq's version: %w", err)
	}
	version := strings.TrimSpace(string(v))
	install := exec.Command("go", "install", "github.com/itchyny/gojq/cmd/gojq@"+version)
	install.Env = append(os.Environ(), "GOBIN="+c.tmp)
	install.Stderr = os.Stderr
	if err := install.Run(); err != nil {
		return "", "", fmt.Errorf("no jq, and gojq %s did not install: %w", version, err)
	}
	return c.tmp + "/gojq", "gojq " + version + " (the pinned module's cmd/gojq)", nil
}

// spread is the fastest and slowest run.
func spread(s []sample) (lo, hi time.Duration) {
	lo, hi = s[0].wall, s[0].wall
	for _, x := range s {
		lo, hi = min(lo, x.wall), max(hi, x.wall)
	}
	return lo, hi
}

// shellJoin quotes argv for sh.
func shellJoin(argv []string) string {
	q := make([]string, len(argv))
	for i, a := range argv {
		q[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(q, " ")
}
