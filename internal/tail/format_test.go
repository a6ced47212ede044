package tail

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/record"
)

func TestTruncateNeverSplitsACharacter(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in   string
		n    int
		want string
	}{
		{"hello", 0, "hello"},
		{"hello", 10, "hello"},
		{"hello", 3, "hel"},
		{"héllo", 2, "h"},         // é is 2 bytes at 1-2
		{"héllo", 3, "hé"},        // fits exactly
		{"a€b", 3, "a"},           // € is 3 bytes at 1-3
		{"a€b", 4, "a€"},          // fits exactly
		{"😀x", 3, ""},             // 4-byte emoji does not fit
		{"😀x", 4, "😀"},            // fits
		{"ab\xffcd", 3, "ab\xff"}, // invalid byte counts as one
		{"a\x80\x80\x80\x80", 2, "a\x80"},
	}
	for _, c := range cases {
		got := string(Truncate([]byte(c.in), c.n))
		if got != c.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
	// Property: for valid UTF-8, the cut is valid UTF-8, a prefix, within n.
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("aé€😀\n")
	for i := 0; i < 2000; i++ {
		var b []byte
		for j := r.IntN(20); j > 0; j-- {
			b = utf8.AppendRune(b, alphabet[r.IntN(len(alphabet))])
		}
		n := r.IntN(30) + 1
		got := Truncate(b, n)
		if !utf8.Valid(got) || len(got) > n || !bytes.HasPrefix(b, got) || len(b) > n && len(got) < n-3 {
			t.Fatalf("Truncate(%q, %d) = %q", b, n, got)
		}
	}
}

func TestAppendEscapedKeepsOneLine(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"plain text":      "plain text",
		"a\nb\r\nc\td":    `a\nb\r\nc\td`,
		"bell\x07esc\x1b": `bell\x07esc\x1b`,
		"del\x7f":         `del\x7f`,
		"bad\xff\xfeutf8": `bad\xff\xfeutf8`,
		"c1\u0085next":    `c1\u0085next`,
		"é€😀 ok":          "é€😀 ok",
		`back\slash`:      `back\slash`,
		"\ufffd":          "\ufffd", // a real replacement character is text
		"trunc\xe2\x82":   `trunc\xe2\x82`,
	}
	for in, want := range cases {
		got := string(AppendEscaped(nil, []byte(in)))
		if got != want {
			t.Errorf("AppendEscaped(%q) = %q, want %q", in, got, want)
		}
		if strings.ContainsAny(got, "\n\r") {
			t.Errorf("AppendEscaped(%q) has a line break", in)
		}
	}
}

func TestLineFormat(t *testing.T) {
	t.Parallel()
	names := &Names{Strip: func(s string) string { return strings.TrimPrefix(s, "pfx.") }}
	l := &Line{Names: names, MaxLength: 5}
	r := &kgo.Record{Topic: "pfx.router", Partition: 2, Offset: 41, Value: []byte("héllo\nworld")}
	if got, want := string(l.Append(nil, r)), "router 2 41 12 héll\n"; got != want {
		t.Errorf("line = %q, want %q", got, want)
	}
	r.Value = nil
	if got, want := string(l.Append(nil, r)), "router 2 41 0 NULL\n"; got != want {
		t.Errorf("null line = %q, want %q", got, want)
	}
}

func randBytes(r *rand.Rand) []byte {
	switch r.IntN(5) {
	case 0:
		return nil
	case 1:
		return []byte{}
	case 2:
		return []byte("text \"quoted\" \\ <tag> & \u2028 é\n\t\x01")
	}
	b := make([]byte, r.IntN(40))
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	return b
}

// TestJSONMatchesRecord checks the hand-written encoder against the shared
// shape: decoding its output gives exactly what record.ToJSON gives, and
// converting back gives the original bytes.
func TestJSONMatchesRecord(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	j := &JSON{Names: &Names{}}
	for i := 0; i < 3000; i++ {
		rec := &kgo.Record{
			Topic: "t\u00e9\"", Partition: int32(r.IntN(100)), Offset: r.Int64N(1 << 40),
			Timestamp: time.UnixMilli(r.Int64N(4e12)),
			Key:       randBytes(r), Value: randBytes(r),
		}
		for h := r.IntN(3); h > 0; h-- {
			rec.Headers = append(rec.Headers, kgo.RecordHeader{Key: string(randBytes(r)), Value: randBytes(r)})
		}
		line := j.Append(nil, rec)
		if bytes.Count(line, []byte("\n")) != 1 || line[len(line)-1] != '\n' {
			t.Fatalf("not one line: %q", line)
		}
		var got record.JSON
		if err := json.Unmarshal(line, &got); err != nil {
			t.Fatalf("invalid JSON %q: %v", line, err)
		}
		want := record.ToJSON(rec, rec.Topic)
		// encoding/json turns invalid UTF-8 in a header key into U+FFFD
		// both ways; compare after the same round trip.
		wantJSON, _ := json.Marshal(want)
		var wantBack record.JSON
		_ = json.Unmarshal(wantJSON, &wantBack)
		if !reflect.DeepEqual(got, wantBack) {
			t.Fatalf("record %d:\n got %+v\nwant %+v\nline %s", i, got, wantBack, line)
		}
		back, err := got.Record()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(back.Key, rec.Key) || !bytes.Equal(back.Value, rec.Value) || (back.Value == nil) != (rec.Value == nil) || (back.Key == nil) != (rec.Key == nil) {
			t.Fatalf("round trip changed key/value: %q/%q -> %q/%q", rec.Key, rec.Value, back.Key, back.Value)
		}
	}
}

func TestCustomFormat(t *testing.T) {
	t.Parallel()
	c, err := ParseFormat(`%t|%p|%o|%k|%K|%s|%v|%S|%T|%h|100%%\t\\\n`, &Names{})
	if err != nil {
		t.Fatal(err)
	}
	r := &kgo.Record{Topic: "t", Partition: 1, Offset: 2, Value: []byte("v\n"), Timestamp: time.UnixMilli(1700000000123),
		Headers: []kgo.RecordHeader{{Key: "a", Value: []byte("1")}, {Key: "b", Value: []byte("2")}}}
	want := "t|1|2||-1|v\n|v\n|2|1700000000123|a=1,b=2|100%\t\\\n"
	if got := string(c.Append(nil, r)); got != want {
		t.Errorf("custom = %q, want %q", got, want)
	}
	for _, bad := range []string{"%x", "%", `\q`, `\`} {
		if _, err := ParseFormat(bad, &Names{}); err == nil {
			t.Errorf("ParseFormat(%q) accepted", bad)
		}
	}
}

func TestParseFrom(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	cases := map[string]From{
		"beginning":             {Kind: FromBeginning},
		"end":                   {Kind: FromEnd},
		"42":                    {Kind: FromOffset, N: 42},
		"-10":                   {Kind: FromRelative, N: 10},
		"@2026-11-21":           {Kind: FromTime, Time: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)},
		"@2026-11-21T08:00:00Z": {Kind: FromTime, Time: time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)},
		"@-15m":                 {Kind: FromTime, Time: now.Add(-15 * time.Minute)},
	}
	for in, want := range cases {
		got, err := ParseFrom(in, now)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("ParseFrom(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, bad := range []string{"begin", "@yesterday", "1.5", "@-", "12abc"} {
		if _, err := ParseFrom(bad, now); err == nil {
			t.Errorf("ParseFrom(%q) accepted", bad)
		}
	}
}

type epipeWriter struct{ n int }

func (w *epipeWriter) Write(p []byte) (int, error) {
	w.n++
	return 0, syscall.EPIPE
}

func TestClosedPipeIsNotAnError(t *testing.T) {
	t.Parallel()
	r := &runner{o: Options{Format: &Line{Names: &Names{}}}, w: nil}
	w := &epipeWriter{}
	r.w = newTestWriter(w)
	err := r.show(&kgo.Record{Value: []byte("x")})
	if err == nil {
		err = r.flush()
	}
	if !isClosedPipe(err) || !errors.Is(err, syscall.EPIPE) {
		t.Fatalf("error %v is not seen as a closed pipe", err)
	}
	if _, err := r.finish(err); err != nil {
		t.Fatalf("finish returned %v for a closed pipe", err)
	}
	if !r.stats.ClosedPipe {
		t.Error("ClosedPipe not set")
	}
}

func newTestWriter(w *epipeWriter) *bufio.Writer { return bufio.NewWriterSize(w, 64<<10) }

// BenchmarkTailFormat measures formatting alone on ~200-byte JSON router
// log values, as the tail benchmark's records are.
func BenchmarkTailFormat(b *testing.B) {
	value := []byte(`{"at":"info","method":"GET","path":"/api/v1/items?page=3","host":"example.herokuapp.com","request_id":"0f3c9a2e-1b7d","fwd":"203.0.113.9","dyno":"web.3","connect":1,"service":23,"status":200,"bytes":5120}`)
	rec := &kgo.Record{Topic: "bench", Partition: 3, Offset: 123456, Timestamp: time.UnixMilli(1763800000000), Key: []byte("web.3"), Value: value}
	names := &Names{}
	custom, _ := ParseFormat(`%t %p %o %k %s\n`, names)
	for _, c := range []struct {
		name string
		f    Formatter
	}{
		{"line", &Line{Names: names, MaxLength: 80}},
		{"line-nolimit", &Line{Names: names}},
		{"json", &JSON{Names: names}},
		{"format", custom},
	} {
		b.Run(c.name, func(b *testing.B) {
			buf := make([]byte, 0, 4096)
			b.SetBytes(int64(len(value)))
			b.ReportAllocs()
			for b.Loop() {
				buf = c.f.Append(buf[:0], rec)
			}
		})
	}
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(value)))
		b.ReportAllocs()
		for b.Loop() {
			_, _ = json.Marshal(record.ToJSON(rec, "bench"))
		}
	})
}

// refJSONString is the plain byte-by-byte form of appendJSONValid's
// escaping, kept as the specification the fast version must match.
func refJSONString(s []byte) []byte {
	dst := []byte{'"'}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			dst = append(dst, '\\', c)
		case c == '\n':
			dst = append(dst, `\n`...)
		case c == '\r':
			dst = append(dst, `\r`...)
		case c == '\t':
			dst = append(dst, `\t`...)
		case c < 0x20:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		case c == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xa8 || s[i+2] == 0xa9):
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[s[i+2]&0xf])
			i += 2
		default:
			dst = append(dst, c)
		}
	}
	return append(dst, '"')
}

func TestAppendJSONValidMatchesReference(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"a", "bcdefghij", `"`, `\`, "\n", "\r", "\t", "\x00", "\x1f", "\x7f", "é", "€", "😀", "\u2028", "\u2029", "\u2027", "\u202a", "\u00e2", " "}
	for i := 0; i < 20000; i++ {
		s := []byte{}
		for j := r.IntN(40); j > 0; j-- {
			s = append(s, pieces[r.IntN(len(pieces))]...)
		}
		// Vary the spare capacity so that growth paths are taken.
		l := r.IntN(4)
		dst := make([]byte, l, l+r.IntN(64))
		got := appendJSONValid(dst, s)
		want := append(dst[:len(dst):len(dst)], refJSONString(s)...)
		if !bytes.Equal(got, want) {
			t.Fatalf("appendJSONValid(%q)\n got %q\nwant %q", s, got, want)
		}
		// The same through the ASCII-first path that values take.
		if got := appendJSONBytes(dst, s, "e"); !bytes.Equal(got, want) {
			t.Fatalf("appendJSONBytes(%q)\n got %q\nwant %q", s, got, want)
		}
	}
}

// A decoded key or value is the JSON itself in --json, and reads back, as
// write --json reads it, to the same JSON text; a line-spanning one is
// compacted so the record stays one line.
func TestJSONDecodedValueIsJSON(t *testing.T) {
	t.Parallel()
	j := &JSON{Names: &Names{}}
	for _, tc := range []struct{ key, value, wantKey, wantValue string }{
		{`42`, `{"id":1,"tags":["a"]}`, `42`, `{"id":1,"tags":["a"]}`},
		{`"k"`, "{\n  \"kind\": \"click\"\n}", `"k"`, `{"kind":"click"}`},
	} {
		rec := &kgo.Record{Topic: "t", Key: []byte(tc.key), Value: []byte(tc.value), Timestamp: time.UnixMilli(0)}
		rec.Context = record.WithSchemas(nil, &record.Schemas{Key: record.Schema{ID: 2, Format: "avro"}, Value: record.Schema{ID: 1, Format: "json"}})
		line := j.Append(nil, rec)
		want := `"key":` + tc.wantKey + `,"key_schema_id":2,"key_format":"avro","value":` + tc.wantValue + `,"value_schema_id":1,"value_format":"json"`
		if bytes.Count(line, []byte("\n")) != 1 || !bytes.Contains(line, []byte(want)) {
			t.Fatalf("line %s\nwant it to contain %s", line, want)
		}
		var got record.JSON
		if err := json.Unmarshal(line, &got); err != nil {
			t.Fatal(err)
		}
		back, err := got.Record()
		if err != nil {
			t.Fatal(err)
		}
		if string(back.Key) != tc.wantKey || string(back.Value) != tc.wantValue {
			t.Errorf("read back key %s value %s, want %s and %s", back.Key, back.Value, tc.wantKey, tc.wantValue)
		}
		// record.ToJSON, which other views marshal, agrees.
		m, _ := json.Marshal(record.ToJSON(back, "t"))
		if !bytes.Contains(m, []byte(`"value":"`)) {
			t.Errorf("without a format, ToJSON's value is a string: %s", m)
		}
		tj := record.ToJSON(rec, "t")
		tj.Value = &tc.wantValue
		if m, _ := json.Marshal(tj); !bytes.Contains(m, []byte(`"value":`+tc.wantValue)) {
			t.Errorf("ToJSON with a format: %s", m)
		}
	}
}
