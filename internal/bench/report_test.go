package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteReportReplacesOnlyItsSuite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "benchmarks.md")
	doc := "# Benchmarks\n\nprose before\n\n<!-- bench-real:begin -->\n" +
		"<!-- bench-real:tail:begin -->\n## tail\nold tail\n<!-- bench-real:tail:end -->\n\n" +
		"<!-- bench-real:scale:begin -->\n## scale\nold scale\n<!-- bench-real:scale:end -->\n" +
		"<!-- bench-real:end -->\n\nprose after\n"
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeReport(path, "bench-real", "scale", "## scale\nnew scale\n"); err != nil {
		t.Fatal(err)
	}
	if err := writeReport(path, "bench-real", "write", "## write\nnew write\n"); err != nil {
		t.Fatal(err)
	}
	if err := writeReport(path, "bench", "tail", "## tail\ndev tail\n"); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	got := string(b)
	want := "# Benchmarks\n\nprose before\n\n<!-- bench-real:begin -->\n" +
		"<!-- bench-real:tail:begin -->\n## tail\nold tail\n<!-- bench-real:tail:end -->\n\n" +
		"<!-- bench-real:scale:begin -->\n## scale\nnew scale\n<!-- bench-real:scale:end -->\n\n" +
		"<!-- bench-real:write:begin -->\n## write\nnew write\n<!-- bench-real:write:end -->\n" +
		"<!-- bench-real:end -->\n\nprose after\n\n" +
		"<!-- bench:begin -->\n<!-- bench:tail:begin -->\n## tail\ndev tail\n<!-- bench:tail:end -->\n<!-- bench:end -->\n"
	if got != want {
		t.Errorf("report:\n%s\nwant:\n%s", got, want)
	}
}

func TestWriteReportReplacesABlockWithoutSuiteMarkers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "benchmarks.md")
	doc := "intro\n<!-- bench:begin -->\nMeasured long ago.\n## tail\nold\n<!-- bench:end -->\noutro\n"
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeReport(path, "bench", "tail", "## tail\nnew\n"); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if got := string(b); strings.Contains(got, "old") || !strings.Contains(got, "<!-- bench:tail:begin -->\n## tail\nnew\n<!-- bench:tail:end -->") ||
		!strings.HasPrefix(got, "intro\n") || !strings.HasSuffix(got, "<!-- bench:end -->\noutro\n") {
		t.Errorf("report:\n%s", got)
	}
}

func TestWithMeasuredGoesUnderTheHeading(t *testing.T) {
	got := withMeasured("## tail: read\n\n| table |\n", "Measured today.")
	if want := "## tail: read\n\nMeasured today.\n\n| table |\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
