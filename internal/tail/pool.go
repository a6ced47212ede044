package tail

import (
	"sync"

	"github.com/twmb/franz-go/pkg/kgo"
)

// pools let franz-go reuse decompression buffers and record slices once
// tail has printed their records (Record.Recycle), so a long read makes
// little garbage: that keeps the collector's work, and so the time a heap
// limit costs, small.
type pools struct {
	bytes sync.Pool // *[]byte
	recs  sync.Pool // *[]kgo.Record
}

// GetDecompressBytes implements kgo.PoolDecompressBytes.
func (p *pools) GetDecompressBytes(compressed []byte, _ kgo.CompressionCodecType) []byte {
	if b, ok := p.bytes.Get().(*[]byte); ok {
		return (*b)[:0]
	}
	return make([]byte, 0, 8*len(compressed))
}

// PutDecompressBytes implements kgo.PoolDecompressBytes.
func (p *pools) PutDecompressBytes(b []byte) { p.bytes.Put(&b) }

// GetRecords implements kgo.PoolRecords.
func (p *pools) GetRecords(n int) []kgo.Record {
	if s, ok := p.recs.Get().(*[]kgo.Record); ok && cap(*s) >= n {
		return (*s)[:n]
	}
	return make([]kgo.Record, n)
}

// PutRecords implements kgo.PoolRecords.
func (p *pools) PutRecords(s []kgo.Record) { p.recs.Put(&s) }
