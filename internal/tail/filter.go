package tail

import (
	"bytes"
	"fmt"
	"regexp"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/where"
)

// Filter keeps the records that pass every condition set: an exact key, a
// regular expression on the value, and a jq expression on the JSON value.
type Filter struct {
	key    []byte
	hasKey bool
	grep   *regexp.Regexp
	where  *where.Program

	// NonJSON counts records that --where skipped because their value
	// is not JSON.
	NonJSON int64
}

// NewFilter compiles the filter flags; an empty grep or where is unset.
func NewFilter(key *string, grep, expr string) (*Filter, error) {
	f := &Filter{}
	if key != nil {
		f.key, f.hasKey = []byte(*key), true
	}
	if grep != "" {
		re, err := regexp.Compile(grep)
		if err != nil {
			return nil, fmt.Errorf("invalid --grep regular expression: %s", err)
		}
		f.grep = re
	}
	if expr != "" {
		p, err := where.Compile(expr)
		if err != nil {
			return nil, fmt.Errorf("invalid --where jq expression: %s", err)
		}
		f.where = p
	}
	return f, nil
}

// Active reports whether any condition is set.
func (f *Filter) Active() bool { return f.hasKey || f.grep != nil || f.where != nil }

// Match reports whether r passes, and counts r if --where skipped it
// for not being JSON.
func (f *Filter) Match(r *kgo.Record) bool {
	keep, nonJSON := f.decide(r)
	if nonJSON {
		f.NonJSON++
	}
	return keep
}

// decide is Match without the count, for records filtered ahead of the
// loop that shows them, which counts them only if it gets to them.
func (f *Filter) decide(r *kgo.Record) (keep, nonJSON bool) {
	if f.hasKey && (r.Key == nil || !bytes.Equal(r.Key, f.key)) {
		return false, false
	}
	if f.grep != nil && (r.Value == nil || !f.grep.Match(r.Value)) {
		return false, false
	}
	if f.where != nil {
		keep, isJSON := f.where.Match(r)
		return keep, !isJSON
	}
	return true, false
}

// clone is a Filter for another goroutine; its count stays zero.
func (f *Filter) clone() *Filter {
	c := *f
	c.NonJSON = 0
	if f.where != nil {
		c.where = f.where.Clone()
	}
	return &c
}
