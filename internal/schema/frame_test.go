package schema

import (
	"bytes"
	"encoding/binary"
	"errors"
	"slices"
	"testing"
)

func TestParseFrame(t *testing.T) {
	id, payload, err := ParseFrame([]byte{0, 0, 0, 1, 2, 'x'})
	if err != nil || id != 258 || string(payload) != "x" {
		t.Fatalf("got %d %q %v", id, payload, err)
	}
	for _, b := range [][]byte{nil, {0}, {0, 0, 0, 1}, {1, 0, 0, 0, 1, 'x'}, []byte("hello")} {
		if _, _, err := ParseFrame(b); !errors.Is(err, ErrNotFramed) {
			t.Errorf("ParseFrame(%v): %v, want ErrNotFramed", b, err)
		}
	}
}

func TestParseIndex(t *testing.T) {
	for _, c := range []struct {
		in   []byte
		want []int
	}{
		{[]byte{0, 'p'}, []int{0}},          // the one-byte shortcut for [0]
		{[]byte{2, 2, 'p'}, []int{1}},       // [1]
		{[]byte{4, 2, 0, 'p'}, []int{1, 0}}, // nested [1, 0]
	} {
		got, rest, err := ParseIndex(c.in)
		if err != nil || !slices.Equal(got, c.want) || string(rest) != "p" {
			t.Errorf("ParseIndex(%v) = %v %q %v, want %v", c.in, got, rest, err, c.want)
		}
	}
	for _, b := range [][]byte{nil, {4, 2}, {1}, {0x80}, binary.AppendVarint(nil, 1000)} {
		if _, _, err := ParseIndex(b); err == nil {
			t.Errorf("ParseIndex(%v) accepted a bad index list", b)
		}
	}
}

func FuzzParseFrame(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 1, 2})
	f.Add([]byte{0, 0})
	f.Add([]byte("text"))
	f.Fuzz(func(t *testing.T, b []byte) {
		id, payload, err := ParseFrame(b)
		if err != nil {
			return
		}
		if id < 0 || len(payload) != len(b)-5 || !bytes.Equal(payload, b[5:]) {
			t.Fatalf("frame %v: id %d payload %v", b, id, payload)
		}
	})
}

func FuzzParseIndex(f *testing.F) {
	f.Add([]byte{0})
	f.Add([]byte{4, 2, 0})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, b []byte) {
		index, rest, err := ParseIndex(b)
		if err != nil {
			return
		}
		if len(index) == 0 || len(index) > maxIndexes || len(rest) > len(b) {
			t.Fatalf("index %v rest %d of %d", index, len(rest), len(b))
		}
	})
}
