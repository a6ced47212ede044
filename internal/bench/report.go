package main

import (
	"errors"
	"io/fs"
	"os"
	"strings"
)

// allSuites are the suites in the order a run without arguments takes
// them.
var allSuites = []string{"tail", "filter", "write", "scale", "schema"}

// withMeasured puts the line that says when, where and at what load the
// figures were taken under the section's heading.
func withMeasured(section, measured string) string {
	heading, rest, _ := strings.Cut(section, "\n")
	return heading + "\n\n" + measured + "\n" + rest
}

// writeReport puts one suite's section into the report file between
// markers of its own, inside the target's block (kafka dev's and the
// real cluster's figures stand side by side), so a run of one suite
// replaces only that suite's figures and prose around them survives.
// A block written before suites had markers of their own is replaced
// whole.
func writeReport(path, marker, suite, section string) error {
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	s := string(old)
	begin, end := "<!-- "+marker+":begin -->", "<!-- "+marker+":end -->"
	subBegin, subEnd := "<!-- "+marker+":"+suite+":begin -->", "<!-- "+marker+":"+suite+":end -->"
	sub := subBegin + "\n" + strings.TrimRight(section, "\n") + "\n" + subEnd
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		s = strings.TrimRight(s, "\n") + "\n\n" + begin + "\n" + sub + "\n" + end + "\n"
		return os.WriteFile(path, []byte(strings.TrimLeft(s, "\n")), 0o644)
	}
	inner := s[i+len(begin) : j]
	k, l := strings.Index(inner, subBegin), strings.Index(inner, subEnd)
	switch {
	case k >= 0 && l > k:
		inner = inner[:k] + sub + inner[l+len(subEnd):]
	case !strings.Contains(inner, "<!-- "+marker+":"):
		inner = "\n" + sub + "\n"
	default:
		inner = strings.TrimRight(inner, "\n") + "\n\n" + sub + "\n"
	}
	return os.WriteFile(path, []byte(s[:i+len(begin)]+inner+s[j:]), 0o644)
}
