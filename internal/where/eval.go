package where

import (
	"regexp"
	"strings"

	"github.com/itchyny/gojq"
	"github.com/twmb/franz-go/pkg/kgo"
)

// env is what a variable reads: the record being matched.
type env struct {
	rec *kgo.Record
	doc doc
	buf [24]byte
}

type node interface {
	eval(in val, e *env) val
}

type identity struct{}

func (identity) eval(in val, _ *env) val { return in }

type seg struct {
	key   string
	idx   int
	isIdx bool
}

type path struct {
	base node
	segs []seg
}

func (p *path) eval(in val, e *env) val {
	v := p.base.eval(in, e)
	for _, s := range p.segs {
		if v.k == none {
			break
		}
		v = lookup(v, s, e)
	}
	return v
}

type variable string

func (n variable) eval(_ val, e *env) val {
	r := e.rec
	switch n {
	case "$key":
		if r.Key == nil {
			return val{k: null}
		}
		return decoded(r.Key)
	case "$headers":
		return val{k: object, hdrs: r.Headers, isH: true}
	case "$partition":
		return intVal(e.buf[:], int64(r.Partition))
	case "$offset":
		return intVal(e.buf[:], r.Offset)
	default: // $timestamp
		return intVal(e.buf[:], r.Timestamp.UnixMilli())
	}
}

type literal struct{ v val }

func (n *literal) eval(val, *env) val { return n.v }

type comparison struct {
	op   gojq.Operator
	l, r node
}

func (n *comparison) eval(in val, e *env) val {
	l := n.l.eval(in, e)
	if l.k == none {
		return l
	}
	r := n.r.eval(in, e)
	if r.k == none {
		return r
	}
	c := compare(l, r)
	switch n.op {
	case gojq.OpEq:
		return boolVal(c == 0)
	case gojq.OpNe:
		return boolVal(c != 0)
	case gojq.OpLt:
		return boolVal(c < 0)
	case gojq.OpLe:
		return boolVal(c <= 0)
	case gojq.OpGt:
		return boolVal(c > 0)
	default:
		return boolVal(c >= 0)
	}
}

// logic is and/or, which jq short-circuits from the left.
type logic struct {
	and  bool
	l, r node
}

func (n *logic) eval(in val, e *env) val {
	l := n.l.eval(in, e)
	if l.k == none {
		return l
	}
	if l.truthy() != n.and {
		return boolVal(!n.and)
	}
	r := n.r.eval(in, e)
	if r.k == none {
		return r
	}
	return boolVal(r.truthy())
}

type pipe struct{ l, r node }

func (n *pipe) eval(in val, e *env) val {
	l := n.l.eval(in, e)
	if l.k == none {
		return l
	}
	return n.r.eval(l, e)
}

type not struct{}

func (not) eval(in val, _ *env) val {
	if in.k == none {
		return in
	}
	return boolVal(!in.truthy())
}

type selection struct{ cond node }

func (n *selection) eval(in val, e *env) val {
	if c := n.cond.eval(in, e); !c.truthy() {
		return val{}
	}
	return in
}

type has string

func (n has) eval(in val, e *env) val {
	switch in.k {
	case null:
		return boolVal(false)
	case object:
		if in.root {
			_, ok := e.doc.find(string(n))
			return boolVal(ok)
		}
		return boolVal(present(in, string(n)))
	}
	return val{}
}

// present tells a key whose value is null from a missing one.
func present(in val, key string) bool {
	if in.isH {
		for _, h := range in.hdrs {
			if h.Key == key {
				return true
			}
		}
		return false
	}
	b := in.raw
	i := skipSpace(b, 1)
	if b[i] == '}' {
		return false
	}
	for {
		end := skipString(b, i)
		if keyIs(b[i:end], key) {
			return true
		}
		i = skipSpace(b, skipSpace(b, end)+1)
		i = skipSpace(b, skipValue(b, i))
		if b[i] == '}' {
			return false
		}
		i = skipSpace(b, i+1)
	}
}

// stringFunc is test, startswith, endswith or contains with a string
// argument: on anything but a string, gojq reports a type error.
type stringFunc struct {
	name string
	arg  string
	re   *regexp.Regexp
}

func (n *stringFunc) eval(in val, _ *env) val {
	if in.k != str {
		return val{}
	}
	s := in.string()
	switch n.name {
	case "test":
		return boolVal(n.re.MatchString(s))
	case "startswith":
		return boolVal(strings.HasPrefix(s, n.arg))
	case "endswith":
		return boolVal(strings.HasSuffix(s, n.arg))
	default:
		return boolVal(strings.Contains(s, n.arg))
	}
}
