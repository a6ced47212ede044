// Package where runs tail's --where jq expressions. The common shapes
// (path comparisons, and/or/not, select, has and string tests) run on the
// value's JSON text without decoding it into a tree; everything else runs
// on gojq, which is the reference for both.
//
// It imports nothing of this module; only tail imports it.
package where

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/itchyny/gojq"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Program is a compiled --where expression.
type Program struct {
	code    *gojq.Code
	fast    node // nil: gojq runs every record
	headers bool // the expression reads $headers
	env     env
}

// Compile parses and compiles expr. Errors are gojq's, with the column
// of a syntax error.
func Compile(expr string) (*Program, error) {
	q, err := gojq.Parse(expr)
	if err != nil {
		var pe *gojq.ParseError
		if errors.As(err, &pe) {
			col := pe.Offset + 1 // after the text, at the end
			if pe.Token != "" {
				col = max(pe.Offset-len(pe.Token), 1)
			}
			return nil, fmt.Errorf("%s at column %d", err, col)
		}
		return nil, err
	}
	code, err := gojq.Compile(q, gojq.WithVariables(Variables))
	if err != nil {
		return nil, err
	}
	p := &Program{code: code, headers: strings.Contains(expr, "$headers")}
	if n, ok := fast(q); ok {
		p.fast = n
	}
	return p, nil
}

// Fast reports whether the expression runs without gojq.
func (p *Program) Fast() bool { return p.fast != nil }

// Match reports whether r's value makes the expression true, and whether
// the value is JSON at all. It is not safe for concurrent use.
func (p *Program) Match(r *kgo.Record) (keep, isJSON bool) {
	if p.fast == nil {
		return p.Reference(r)
	}
	if r.Value == nil {
		return false, false
	}
	in, ok := p.env.doc.parse(r.Value)
	if !ok {
		return false, false
	}
	p.env.rec = r
	out := p.fast.eval(in, &p.env)
	p.env.rec = nil
	return out.truthy(), true
}

// Reference is Match by gojq alone: the expression's first output is
// truthy (neither false nor null); a run-time error counts as false.
func (p *Program) Reference(r *kgo.Record) (keep, isJSON bool) {
	if r.Value == nil {
		return false, false
	}
	dec := json.NewDecoder(bytes.NewReader(r.Value))
	dec.UseNumber() // keep large integers exact for comparisons
	var v any
	if err := dec.Decode(&v); err != nil {
		return false, false
	}
	if len(bytes.TrimLeft(r.Value[dec.InputOffset():], " \t\r\n")) > 0 {
		return false, false
	}
	out, ok := p.code.Run(v, p.vars(r)...).Next()
	if !ok {
		return false, true
	}
	switch out := out.(type) {
	case error, nil:
		return false, true
	case bool:
		return out, true
	}
	return true, true
}

func (p *Program) vars(r *kgo.Record) []any {
	var key, headers any
	if r.Key != nil {
		key = string(r.Key)
	}
	if p.headers {
		m := make(map[string]any, len(r.Headers))
		for _, h := range r.Headers {
			m[h.Key] = string(h.Value)
		}
		headers = m
	} else {
		headers = map[string]any{}
	}
	return []any{key, headers, int(r.Partition), int(r.Offset), int(r.Timestamp.UnixMilli())}
}

// Clone returns a Program for another goroutine: the compiled expression
// is shared, the scratch state is not.
func (p *Program) Clone() *Program {
	return &Program{code: p.code, fast: p.fast, headers: p.headers}
}
