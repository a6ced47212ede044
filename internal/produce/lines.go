package produce

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// readBufferSize is large so that ordinary lines are returned straight from
// the reader's buffer, without a copy, and stdin is read in few syscalls.
const readBufferSize = 1 << 20

// LineTooLongError reports a line over the reader's limit. The line was
// skipped, not buffered, so reading can go on.
type LineTooLongError struct {
	Line  int   // 1-based line number
	Size  int64 // bytes in the line, without its line ending
	Limit int
}

func (e *LineTooLongError) Error() string {
	return fmt.Sprintf("line %d is %d bytes, over the limit of %d", e.Line, e.Size, e.Limit)
}

// LineReader splits a stream into lines without bufio.Scanner's silent
// 64 KiB ceiling: a line may be as long as max, and a longer one is reported
// as a LineTooLongError and skipped, without holding it in memory.
type LineReader struct {
	r    *bufio.Reader
	max  int
	long []byte
	line int
}

// NewLineReader reads lines of up to max bytes from r.
func NewLineReader(r io.Reader, max int) *LineReader {
	return &LineReader{r: bufio.NewReaderSize(r, readBufferSize), max: max}
}

// Line is the number of the line Next last returned.
func (l *LineReader) Line() int { return l.line }

// Next returns the next line without its "\n" or "\r\n", valid until the
// next call, or io.EOF at the end. A last line without a newline is a line;
// an input ending in a newline has no empty line after it.
func (l *LineReader) Next() ([]byte, error) {
	l.long = l.long[:0]
	var size int64
	over := false
	for {
		frag, err := l.r.ReadSlice('\n')
		size += int64(len(frag))
		if err == nil && size == int64(len(frag)) {
			// The common case: the whole line sat in the buffer.
			l.line++
			line := trimEOL(frag)
			if len(line) > l.max {
				return nil, &LineTooLongError{Line: l.line, Size: int64(len(line)), Limit: l.max}
			}
			return line, nil
		}
		if !over {
			// Keep up to two bytes beyond max, so a line of exactly max
			// bytes plus "\r\n" is still whole.
			if len(l.long)+len(frag) > l.max+2 {
				over = true
				l.long = l.long[:0]
			} else {
				l.long = append(l.long, frag...)
			}
		}
		switch {
		case err == nil:
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			if size == 0 {
				return nil, io.EOF
			}
		default:
			return nil, err
		}
		l.line++
		if over {
			n := size - 1
			if bytes.HasSuffix(frag, []byte("\r\n")) {
				n--
			} else if !bytes.HasSuffix(frag, []byte("\n")) {
				n = size
			}
			return nil, &LineTooLongError{Line: l.line, Size: n, Limit: l.max}
		}
		line := trimEOL(l.long)
		if len(line) > l.max {
			return nil, &LineTooLongError{Line: l.line, Size: int64(len(line)), Limit: l.max}
		}
		return line, nil
	}
}

func trimEOL(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
		if n := len(b); n > 0 && b[n-1] == '\r' {
			b = b[:n-1]
		}
	}
	return b
}

// arena hands out copies of lines from large shared chunks, so that a
// million short records cost a few hundred allocations instead of a
// million. A chunk is freed once every record in it has been written.
type arena struct {
	buf []byte
}

const arenaChunk = 1 << 20

func (a *arena) copy(b []byte) []byte {
	if len(b) > arenaChunk/8 {
		return append(make([]byte, 0, len(b)), b...)
	}
	if a.buf == nil || len(b) > cap(a.buf)-len(a.buf) {
		a.buf = make([]byte, 0, arenaChunk)
	}
	n := len(a.buf)
	a.buf = append(a.buf, b...)
	return a.buf[n:len(a.buf):len(a.buf)]
}

// reserve returns n bytes of arena space for the caller to fill.
func (a *arena) reserve(n int) []byte {
	if n > arenaChunk/8 {
		return make([]byte, n)
	}
	if a.buf == nil || n > cap(a.buf)-len(a.buf) {
		a.buf = make([]byte, 0, arenaChunk)
	}
	m := len(a.buf)
	a.buf = a.buf[:m+n]
	return a.buf[m : m+n : m+n]
}
