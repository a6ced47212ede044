package where

import (
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

var filters = []string{
	`.status == 500`, `.status != 500`, `.status < 500`, `.status >= 500`, `.status <= 1e400`, `.status > -1e400`,
	`.status == 500.0`, `.status == -0`, `.n == 12345678901234567890123`, `.n > 9007199254740993`,
	`.path == "/login" and .service > 450`, `.path == "/login" or .status == 200`,
	`.ok == true`, `.ok == false`, `.ok == null`, `.missing == null`, `.ok`, `.missing`, `.ok | not`, `not`,
	`(.status == 500) | not`, `select(.status == 500)`, `select(.ok)`, `select(.status >= 500 and .path != "/")`,
	`has("status")`, `has("ok")`, `.a | has("b")`, `.path | test("^/log")`, `.path | test("in$")`,
	`.path | startswith("/lo")`, `.path | endswith("gin")`, `.path | contains("og")`, `.u | contains("é")`,
	`.a.b[0].c == 1`, `.a.b[1].c`, `.[1] == "x"`, `.path[0] == "/"`, `.a.b[0]`, `.[0] == 1`, `.[1]`, `."a"."b"`, `.["a"]["b"][0]["c"] == 1`,
	`.u == "é"`, `.u == "\u00e9"`, `.e == "\ud83d\ude00"`, `.d == 2`, `.status | . > 400`, `.status > "a"`,
	`.a > 1`, `.a == {}`, `$key == "user-42" and .status >= 500`, `$key == null`, `$headers.trace != null`,
	`$headers.trace == "abc"`, `$headers | has("trace")`, `$partition == 3`, `$offset >= 10`, `$timestamp > 0`,
	`true`, `false`, `null`, `1`, `"x"`, `.status == 500 and (.path | test("["))`,
	// Not fast: gojq runs them.
	`.status + 1 > 500`, `.[] == 1`, `.a? == 1`, `any(.a[]?; . == 1)`, `.path | ascii_downcase == "/login"`,
	`(.status, .ok)`, `.status == 500 // false`, `try error catch true`, `length > 2`,
}

var docs = []string{
	`{"status":500,"path":"/login","service":451}`, `{"status":200,"path":"/","service":1,"ok":true}`,
	`{"status":500.0}`, `{"status":5e2}`, `{"status":-0}`, `{"status":0}`, `{"status":1e400}`, `{"status":-1e400}`,
	`{"n":12345678901234567890123}`, `{"n":9007199254740993}`, `{"n":9007199254740992}`,
	`{"status":500,"status":200}`, `{"status":200,"status":500}`, `{"a":{"b":[{"c":1}]},"a":3}`,
	`{"a":{"b":[{"c":1},{"c":false}]}}`, `{"a":{"b":[]}}`, `{"a":{"b":{"0":1}}}`, `{"a":null}`, `{"a":[1]}`,
	`{"a":{"b":null}}`, `{"u":"\u00e9","e":"\ud83d\ude00","d":2}`, `{"u":"é"}`, `{"\u0075":"é"}`, `{"e":"\ud800"}`,
	`{"path":"\/login","status":500,"service":500}`, `{"path":"/log\u0069n","service":999}`, `{"ok":false}`,
	`{"ok":null,"status":"500"}`, `{"status":[500]}`, `{"status":{"x":1}}`, `{"path":1}`, `{"path":"/"}`,
	`[1,2,3]`, `[]`, `"x"`, `""`, `"00"`, `"é√x"`, `"\ud800x"`, `1`, `-0`, `1e400`, `null`, `true`, `false`, ` {"status" : 500 } `,
	`{}`, `{"u":"\xff"}`, `{"path":"/lo\xffgin"}`, strings.Repeat("[", 10000) + strings.Repeat("]", 10000),
	strings.Repeat("[", 10001) + strings.Repeat("]", 10001), strings.Repeat(`{"a":`, 500) + "1" + strings.Repeat("}", 500),
	// Not JSON.
	``, ` `, `{`, `{"status":500}}`, `{"status":500} x`, `1 2`, `{"a":01}`, `{"a":1.}`, `{"a":.5}`, `{"a":"\x01"}`,
	`{"a":"\q"}`, `{"a":"\u12"}`, `{'a':1}`, `[1,]`, `{"a":1,}`, `nul`, `truex`, `NaN`, `{"a" 1}`, "\xef\xbb\xbf{}",
}

func records(doc string) []*kgo.Record {
	base := kgo.Record{Value: []byte(doc), Partition: 3, Offset: 10, Timestamp: time.UnixMilli(1700000000000)}
	a, b, c := base, base, base
	a.Key = []byte("user-42")
	a.Headers = []kgo.RecordHeader{{Key: "trace", Value: []byte("x")}, {Key: "trace", Value: []byte("abc")}}
	c.Value = nil
	return []*kgo.Record{&a, &b, &c}
}

// TestSameAsGojq runs every filter on every document both ways and wants
// the same keep-or-drop and JSON-or-not decision each time.
func TestSameAsGojq(t *testing.T) {
	fastCount := 0
	for _, f := range filters {
		p, err := Compile(f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if p.Fast() {
			fastCount++
		}
		for _, d := range docs {
			for _, r := range records(d) {
				k1, j1 := p.Match(r)
				k2, j2 := p.Reference(r)
				if k1 != k2 || j1 != j2 {
					t.Errorf("%s on %.60q (key %q): fast keep=%v json=%v, gojq keep=%v json=%v", f, d, r.Key, k1, j1, k2, j2)
				}
			}
		}
	}
	if fastCount < 50 {
		t.Errorf("only %d filters take the fast path", fastCount)
	}
	for _, f := range []string{`.status == 500`, `.a.b[0].c == 1`, `$key == "x" and .s >= 5`, `select(.p | test("x"))`} {
		if p, _ := Compile(f); !p.Fast() {
			t.Errorf("%s does not take the fast path", f)
		}
	}
}

func TestCompileErrors(t *testing.T) {
	for f, want := range map[string]string{
		`.a == == 1`: `unexpected token "==" at column 6`,
		`.a ==`:      `unexpected EOF at column 6`,
		`$nope == 1`: `variable not defined: $nope`,
		`nosuchfunc`: `function not defined: nosuchfunc/0`,
		`.a | "x`:    `unterminated string literal`,
	} {
		_, err := Compile(f)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", f, err, want)
		}
	}
}

func FuzzSameAsGojq(f *testing.F) {
	for _, d := range docs {
		f.Add(d)
	}
	var progs []*Program
	for _, s := range filters {
		p, err := Compile(s)
		if err != nil {
			f.Fatal(err)
		}
		if p.Fast() {
			progs = append(progs, p)
		}
	}
	f.Fuzz(func(t *testing.T, doc string) {
		for i, p := range progs {
			for _, r := range records(doc) {
				k1, j1 := p.Match(r)
				k2, j2 := p.Reference(r)
				if k1 != k2 || j1 != j2 {
					t.Fatalf("filter %d on %q: fast %v/%v, gojq %v/%v", i, doc, k1, j1, k2, j2)
				}
			}
		}
	})
}
