package kafkatest

import (
	"runtime"
	"testing"
)

// AllocBound fails t when fn allocates more than limit bytes: fuzz tests
// use it to bound what an input may make a parser allocate (a range such
// as 0-2000000000 once allocated gigabytes). Other goroutines' allocations
// count too, so limits are generous.
func AllocBound(t testing.TB, limit uint64, what string, fn func()) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > limit {
		t.Fatalf("%s allocated %d bytes, over the bound of %d", what, n, limit)
	}
}

// InputBound is the allocation bound for parsing an input of n bytes.
func InputBound(n int) uint64 { return 1<<20 + 512*uint64(n) }
