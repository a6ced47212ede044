package health

import "time"

// Key names one partition of one topic.
type Key struct {
	Topic     string
	Partition int32
}

// Window keeps the last Size samples of each partition, as Burrow keeps
// the last commits, so that statuses under --watch judge movement over
// several refreshes rather than the last two. The zero value keeps
// DefaultWindow samples.
//
// MinSpan keeps older samples beyond Size while the newer ones span less
// than it (at most maxKept): refreshed faster than MinSpan / Size, a
// window of Size samples would never span the MinStallSpan that a stall
// needs.
type Window struct {
	Size    int
	MinSpan time.Duration
	samples map[Key][]Sample
}

// maxKept bounds the samples a partition's window keeps for MinSpan.
const maxKept = 1000

// DefaultWindow is Burrow's default window length.
const DefaultWindow = 10

// Add appends s to k's samples, dropping the oldest beyond Size.
func (w *Window) Add(k Key, s Sample) {
	if w.samples == nil {
		w.samples = map[Key][]Sample{}
	}
	size := w.Size
	if size <= 0 {
		size = DefaultWindow
	}
	ss := append(w.samples[k], s)
	drop := 0
	for len(ss)-drop > size && (len(ss)-drop > maxKept || s.At-ss[drop+1].At >= int64(w.MinSpan)) {
		drop++
	}
	if drop > 0 {
		ss = append(ss[:0], ss[drop:]...)
	}
	w.samples[k] = ss
}

// Samples returns k's samples, oldest first.
func (w *Window) Samples(k Key) []Sample { return w.samples[k] }

// Retain forgets the partitions keep rejects, such as those of a topic the
// group no longer reads.
func (w *Window) Retain(keep func(Key) bool) {
	for k := range w.samples {
		if !keep(k) {
			delete(w.samples, k)
		}
	}
}
