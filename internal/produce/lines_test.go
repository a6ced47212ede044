package produce

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func readLines(t *testing.T, in string, max int) ([]string, []int64) {
	t.Helper()
	lr := NewLineReader(strings.NewReader(in), max)
	var lines []string
	var tooLong []int64
	for {
		line, err := lr.Next()
		if err == io.EOF {
			return lines, tooLong
		}
		var tl *LineTooLongError
		if errors.As(err, &tl) {
			if tl.Line != lr.Line() {
				t.Errorf("error names line %d, reader is at %d", tl.Line, lr.Line())
			}
			tooLong = append(tooLong, tl.Size)
			lines = append(lines, "<too long>")
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, string(line))
	}
}

func TestLineReader(t *testing.T) {
	big := strings.Repeat("b", 3*readBufferSize+5) // spans several buffers
	for _, tc := range []struct {
		name, in string
		max      int
		want     []string
		tooLong  []int64
	}{
		{"empty", "", 10, nil, nil},
		{"lf and crlf", "a\nb\r\nc", 10, []string{"a", "b", "c"}, nil},
		{"empty lines kept", "\n\r\nx\n", 10, []string{"", "", "x"}, nil},
		{"lone cr is content", "a\rb\n", 10, []string{"a\rb"}, nil},
		{"exactly max with crlf", "12345\r\n123456\n", 5, []string{"12345", "<too long>"}, []int64{6}},
		{"long line across buffers", big + "\r\nnext\n", len(big), []string{big, "next"}, nil},
		{"too long across buffers", big + "\r\nnext", 1 << 20, []string{"<too long>", "next"}, []int64{int64(len(big))}},
		{"too long at eof", big, 100, []string{"<too long>"}, []int64{int64(len(big))}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, tl := readLines(t, tc.in, tc.max)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") || len(got) != len(tc.want) {
				t.Errorf("lines %.60q, want %.60q", got, tc.want)
			}
			if len(tl) != len(tc.tooLong) {
				t.Fatalf("too-long sizes %v, want %v", tl, tc.tooLong)
			}
			for i := range tl {
				if tl[i] != tc.tooLong[i] {
					t.Errorf("too-long size %d, want %d", tl[i], tc.tooLong[i])
				}
			}
		})
	}
}

func TestArenaCopiesAreIndependent(t *testing.T) {
	var a arena
	x := a.copy([]byte("abc"))
	y := a.copy([]byte("de"))
	x = append(x, 'Z') // must not overwrite y
	if string(y) != "de" || string(x) != "abcZ" {
		t.Errorf("x=%q y=%q", x, y)
	}
	if e := a.copy(nil); e == nil || len(e) != 0 {
		t.Errorf("empty line copied as %v, want a non-nil empty value", e)
	}
}
