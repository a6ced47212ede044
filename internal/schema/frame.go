package schema

import (
	"encoding/binary"
	"errors"
)

// ErrNotFramed says a value does not start with the wire format's header.
var ErrNotFramed = errors.New("not in the schema registry wire format")

// maxIndexes bounds how many message indexes a frame may claim, so a
// corrupt count cannot make the parser allocate without limit.
const maxIndexes = 64

// ParseFrame splits a framed value into its schema ID and payload.
func ParseFrame(b []byte) (id int, payload []byte, err error) {
	if len(b) < 5 || b[0] != 0 {
		return 0, nil, ErrNotFramed
	}
	return int(binary.BigEndian.Uint32(b[1:5])), b[5:], nil
}

// ParseIndex reads Protobuf message indexes: a zigzag varint count, then
// that many zigzag varints; a count of 0 means the single index [0].
func ParseIndex(b []byte) ([]int, []byte, error) {
	n, k := binary.Varint(b)
	if k <= 0 {
		return nil, nil, errors.New("truncated message indexes")
	}
	b = b[k:]
	if n == 0 {
		return []int{0}, b, nil
	}
	if n < 0 || n > maxIndexes {
		return nil, nil, errors.New("invalid message index count")
	}
	index := make([]int, n)
	for i := range index {
		v, k := binary.Varint(b)
		if k <= 0 {
			return nil, nil, errors.New("truncated message indexes")
		}
		if v < 0 || v > 1<<20 {
			return nil, nil, errors.New("invalid message index")
		}
		index[i] = int(v)
		b = b[k:]
	}
	return index, b, nil
}
