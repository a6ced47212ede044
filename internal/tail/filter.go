package tail

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"

	"github.com/itchyny/gojq"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Filter keeps the records that pass every condition set: an exact key, a
// regular expression on the value, and a jq expression on the JSON value.
type Filter struct {
	key    []byte
	hasKey bool
	grep   *regexp.Regexp
	where  *gojq.Code

	// NonJSON counts records that --where skipped because their value
	// is not JSON.
	NonJSON int64
}

// NewFilter compiles the filter flags; an empty grep or where is unset.
func NewFilter(key *string, grep, where string) (*Filter, error) {
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
	if where != "" {
		q, err := gojq.Parse(where)
		if err != nil {
			return nil, fmt.Errorf("invalid --where jq expression: %s", err)
		}
		code, err := gojq.Compile(q)
		if err != nil {
			return nil, fmt.Errorf("invalid --where jq expression: %s", err)
		}
		f.where = code
	}
	return f, nil
}

// Active reports whether any condition is set.
func (f *Filter) Active() bool { return f.hasKey || f.grep != nil || f.where != nil }

// Match reports whether r passes.
func (f *Filter) Match(r *kgo.Record) bool {
	if f.hasKey && (r.Key == nil || !bytes.Equal(r.Key, f.key)) {
		return false
	}
	if f.grep != nil && (r.Value == nil || !f.grep.Match(r.Value)) {
		return false
	}
	if f.where != nil {
		return f.matchWhere(r.Value)
	}
	return true
}

// matchWhere is true when the expression's first result is truthy (neither
// false nor null), as jq's select would keep it. A jq runtime error, such
// as indexing a number, counts as false.
func (f *Filter) matchWhere(value []byte) bool {
	if value == nil {
		f.NonJSON++
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(value))
	dec.UseNumber() // keep large integers exact for comparisons
	var v any
	if err := dec.Decode(&v); err != nil || dec.More() {
		f.NonJSON++
		return false
	}
	it := f.where.Run(v)
	out, ok := it.Next()
	if !ok {
		return false
	}
	switch out := out.(type) {
	case error, nil:
		return false
	case bool:
		return out
	}
	return true
}
