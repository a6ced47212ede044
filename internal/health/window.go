package health

// Key names one partition of one topic.
type Key struct {
	Topic     string
	Partition int32
}

// Window keeps the last Size samples of each partition, as Burrow keeps
// the last commits, so that statuses under --watch judge movement over
// several refreshes rather than the last two. The zero value keeps
// DefaultWindow samples.
type Window struct {
	Size    int
	samples map[Key][]Sample
}

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
	if len(ss) > size {
		ss = append(ss[:0], ss[len(ss)-size:]...)
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
