package tail

import (
	"cmp"
	"container/heap"

	"github.com/twmb/franz-go/pkg/kgo"
)

func (r *runner) keepNewest(rec *kgo.Record) {
	if int64(len(r.newest)) < r.o.Num {
		heap.Push(&r.newest, rec)
		return
	}
	if olderFirst(r.newest[0], rec) < 0 {
		r.newest[0].Recycle()
		r.newest[0] = rec
		heap.Fix(&r.newest, 0)
	} else {
		rec.Recycle()
	}
}

// olderFirst orders records by timestamp, then by place, so that equal
// timestamps still give one order.
func olderFirst(a, b *kgo.Record) int {
	return cmp.Or(
		a.Timestamp.Compare(b.Timestamp),
		cmp.Compare(a.Topic, b.Topic),
		cmp.Compare(a.Partition, b.Partition),
		cmp.Compare(a.Offset, b.Offset),
	)
}

// recHeap is a min-heap of records, the oldest on top.
type recHeap []*kgo.Record

func (h recHeap) Len() int           { return len(h) }
func (h recHeap) Less(i, j int) bool { return olderFirst(h[i], h[j]) < 0 }
func (h recHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *recHeap) Push(x any)        { *h = append(*h, x.(*kgo.Record)) }
func (h *recHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
