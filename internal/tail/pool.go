package tail

import (
	"runtime/debug"
	"sync"
	"time"
	"unsafe"

	"github.com/klauspost/compress/s2"
	"github.com/twmb/franz-go/pkg/kgo"
)

// pools let franz-go reuse decompression buffers and record slices once
// tail has printed their records (Record.Recycle), so a long read makes
// little garbage: that keeps the collector's work, and so the time a heap
// limit costs, small. They are free lists rather than sync.Pools: under
// the soft heap limit tail collects every few tens of milliseconds, and a
// sync.Pool drops what it holds at every second collection, so most gets
// would allocate anyway.
type pools struct {
	bytes freeList[byte]
	recs  freeList[kgo.Record]
}

// GetDecompressBytes implements kgo.PoolDecompressBytes. A snappy block
// says its decoded size, so its buffer is the size it needs: a guess too
// small makes the codec allocate its own, and one too large is memory
// held, and cleared on release, for nothing.
func (p *pools) GetDecompressBytes(compressed []byte, codec kgo.CompressionCodecType) []byte {
	n := 4 * len(compressed) // JSON logs compress about 3-4 times
	if codec == kgo.CodecSnappy {
		if l, err := s2.DecodedLen(compressed); err == nil {
			n = l
		}
	}
	return p.bytes.get(n, 16<<10)[:0]
}

// PutDecompressBytes implements kgo.PoolDecompressBytes.
func (p *pools) PutDecompressBytes(b []byte) { p.bytes.put(b) }

// GetRecords implements kgo.PoolRecords.
func (p *pools) GetRecords(n int) []kgo.Record { return p.recs.get(n, 64)[:n] }

// PutRecords implements kgo.PoolRecords; franz-go has zeroed the records.
func (p *pools) PutRecords(s []kgo.Record) { p.recs.put(s) }

// freeKeep bounds the bytes a free list holds, and freeSlots its slices.
const (
	freeKeep  = 2 << 20
	freeSlots = 64
)

// freeList keeps slices put back for reuse, up to freeKeep bytes.
type freeList[T any] struct {
	mu   sync.Mutex
	free [][]T
	held int // bytes in free
}

// get returns the smallest free slice with room for n, or a new one of n
// rounded up to a multiple of unit.
func (l *freeList[T]) get(n, unit int) []T {
	l.mu.Lock()
	best := -1
	for i, s := range l.free {
		if cap(s) >= n && (best < 0 || cap(s) < cap(l.free[best])) {
			best = i
		}
	}
	if best >= 0 {
		s := l.free[best]
		last := len(l.free) - 1
		l.free[best], l.free[last] = l.free[last], nil
		l.free = l.free[:last]
		l.held -= size(s)
		l.mu.Unlock()
		return s
	}
	l.mu.Unlock()
	return make([]T, (n+unit-1)/unit*unit)
}

func (l *freeList[T]) put(s []T) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.free) < freeSlots && l.held+size(s) <= freeKeep {
		l.free = append(l.free, s[:cap(s)])
		l.held += size(s)
	}
}

func size[T any](s []T) int {
	var zero T
	return cap(s) * int(unsafe.Sizeof(zero))
}

// ConsumerOpts bound what the client buffers, so memory stays flat however
// long the topic: at most MaxConcurrentFetches responses of FetchMaxBytes
// are held, plus the one tail is showing and the one polled ahead, and
// the records decoded from them. The sizes count compressed bytes, and
// router logs of ~250 B decompress to 3-4 times theirs, each record with
// a ~180 B kgo.Record beside it. With LimitMemory, 1M such records in 8
// partitions were read at a peak RSS of 54 MiB (61 MiB with --json), of
// which ~28 MiB is the binary's own pages; 512 KiB responses took 64-69
// MiB and no less CPU.
func ConsumerOpts() []kgo.Opt {
	return []kgo.Opt{
		kgo.FetchMaxBytes(256 << 10),
		kgo.FetchMaxPartitionBytes(64 << 10),
		kgo.MaxConcurrentFetches(3),
		// A broker holds a fetch for partitions with nothing new until
		// its max wait ends, and on a cluster of more than 3 brokers the
		// others wait for a slot behind such fetches: franz-go's 5s would
		// show their records seconds late. 500ms is the Java consumer's
		// fetch.max.wait.ms; an idle tail then sends each broker two
		// small fetches a second.
		kgo.FetchMaxWait(500 * time.Millisecond),
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
