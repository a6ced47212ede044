package where

import (
	"regexp"
	"strconv"

	"github.com/itchyny/gojq"
)

// Variables are the record's metadata, in the order Run receives them.
var Variables = []string{"$key", "$headers", "$partition", "$offset", "$timestamp"}

// fast compiles q into a matcher over raw JSON, or reports false when q
// uses anything beyond the shapes it knows; gojq then runs q instead.
func fast(q *gojq.Query) (node, bool) {
	if q == nil || q.Meta != nil || len(q.Imports) > 0 || len(q.FuncDefs) > 0 || len(q.Patterns) > 0 {
		return nil, false
	}
	if q.Term != nil {
		return term(q.Term)
	}
	l, ok := fast(q.Left)
	if !ok {
		return nil, false
	}
	r, ok := fast(q.Right)
	if !ok {
		return nil, false
	}
	switch q.Op {
	case gojq.OpPipe:
		return &pipe{l, r}, true
	case gojq.OpAnd, gojq.OpOr:
		return &logic{and: q.Op == gojq.OpAnd, l: l, r: r}, true
	case gojq.OpEq, gojq.OpNe, gojq.OpLt, gojq.OpLe, gojq.OpGt, gojq.OpGe:
		// Containers stand in as empty values, so one side must be a
		// scalar literal.
		_, lLit := l.(*literal)
		_, rLit := r.(*literal)
		return &comparison{op: q.Op, l: l, r: r}, lLit || rLit
	}
	return nil, false
}

func term(t *gojq.Term) (node, bool) {
	var base node
	segs := []seg{}
	switch t.Type {
	case gojq.TermTypeIdentity:
		base = identity{}
	case gojq.TermTypeIndex:
		s, ok := index(t.Index)
		if !ok {
			return nil, false
		}
		base, segs = identity{}, append(segs, s)
	case gojq.TermTypeFunc:
		var ok bool
		if base, ok = function(t.Func); !ok {
			return nil, false
		}
	case gojq.TermTypeQuery:
		var ok bool
		if base, ok = fast(t.Query); !ok {
			return nil, false
		}
	default:
		v, ok := constant(t)
		if !ok || len(t.SuffixList) > 0 {
			return nil, false
		}
		return &literal{v}, true
	}
	for _, s := range t.SuffixList {
		if s.Index == nil || s.Iter || s.Optional {
			return nil, false
		}
		sg, ok := index(s.Index)
		if !ok {
			return nil, false
		}
		segs = append(segs, sg)
	}
	if len(segs) == 0 {
		return base, true
	}
	return &path{base: base, segs: segs}, true
}

func index(x *gojq.Index) (seg, bool) {
	switch {
	case x.IsSlice || x.End != nil:
		return seg{}, false
	case x.Name != "":
		return seg{key: x.Name}, true
	case x.Str != nil:
		return seg{key: x.Str.Str}, x.Str.Queries == nil
	case x.Start != nil && x.Start.Term != nil && x.Start.Left == nil:
		t := x.Start.Term
		if len(t.SuffixList) > 0 {
			return seg{}, false
		}
		switch t.Type {
		case gojq.TermTypeString:
			return seg{key: t.Str.Str}, t.Str.Queries == nil
		case gojq.TermTypeNumber:
			n, err := strconv.Atoi(t.Number)
			return seg{idx: n, isIdx: true}, err == nil && n >= 0 && n < 1<<30 && strconv.Itoa(n) == t.Number
		}
	}
	return seg{}, false
}

func function(f *gojq.Func) (node, bool) {
	if len(f.Args) == 0 {
		switch f.Name {
		case "not":
			return not{}, true
		case "$key", "$headers", "$partition", "$offset", "$timestamp":
			return variable(f.Name), true
		}
		return nil, false
	}
	if len(f.Args) != 1 {
		return nil, false
	}
	if f.Name == "select" {
		c, ok := fast(f.Args[0])
		return &selection{c}, ok
	}
	arg, ok := stringArg(f.Args[0])
	if !ok {
		return nil, false
	}
	switch f.Name {
	case "has":
		return has(arg), true
	case "startswith", "endswith", "contains":
		return &stringFunc{name: f.Name, arg: arg}, true
	case "test":
		re, err := regexp.Compile(arg)
		if err != nil {
			return nil, false // gojq's own error, at run time
		}
		return &stringFunc{name: f.Name, arg: arg, re: re}, true
	}
	return nil, false
}

func stringArg(q *gojq.Query) (string, bool) {
	if q.Term == nil || q.Left != nil || q.Term.Type != gojq.TermTypeString || len(q.Term.SuffixList) > 0 {
		return "", false
	}
	return q.Term.Str.Str, q.Term.Str.Queries == nil
}

// constant is a scalar literal: null, true, false, a string or a number.
func constant(t *gojq.Term) (val, bool) {
	switch t.Type {
	case gojq.TermTypeNull:
		return val{k: null}, true
	case gojq.TermTypeTrue:
		return val{k: ktrue}, true
	case gojq.TermTypeFalse:
		return val{k: kfalse}, true
	case gojq.TermTypeString:
		return decoded([]byte(t.Str.Str)), t.Str.Queries == nil
	case gojq.TermTypeNumber:
		return val{k: number, raw: []byte(t.Number)}, true
	case gojq.TermTypeUnary:
		u := t.Unary
		if u.Op == gojq.OpSub && u.Term.Type == gojq.TermTypeNumber && len(u.Term.SuffixList) == 0 {
			return val{k: number, raw: []byte("-" + u.Term.Number)}, true
		}
	}
	return val{}, false
}
