// Package sparkline draws a series of figures as one line of block
// characters (▁▂▃▄▅▆▇█), and keeps the recent history of many series, for
// the live views: kafka top and the --watch views of info, topic and
// consumer-groups GROUP.
//
// The charm ecosystem has no served sparkline component for Bubble Tea v2,
// and the drawing is one scaling loop, so it lives here; it makes no
// requests and writes no escape codes, so cmd and internal/tui share it.
//
// It imports nothing of this module; cmd and tui import it.
package sparkline

import (
	"math"
	"strings"
)

var blocks = []rune("▁▂▃▄▅▆▇█")

// Line draws the last width values of vs, oldest left, padded on the left
// with spaces to width. Bars scale from 0 to the largest value shown, so
// a flat non-zero series is a row of full blocks and an all-zero one a row
// of the lowest; a negative or NaN value (unknown) is a space.
func Line(vs []float64, width int) string {
	if width <= 0 {
		return ""
	}
	if len(vs) > width {
		vs = vs[len(vs)-width:]
	}
	top := 0.0
	for _, v := range vs {
		if v > top {
			top = v
		}
	}
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", width-len(vs)))
	for _, v := range vs {
		switch {
		case math.IsNaN(v) || v < 0:
			b.WriteByte(' ')
		case top == 0:
			b.WriteRune(blocks[0])
		default:
			i := int(math.Round(v / top * float64(len(blocks)-1)))
			b.WriteRune(blocks[min(i, len(blocks)-1)])
		}
	}
	return b.String()
}

// History keeps the last Size values of each named series. The zero value
// keeps DefaultSize. It is not safe for concurrent use.
type History struct {
	Size   int
	series map[string][]float64
	seen   map[string]bool
}

// DefaultSize is how many values a series keeps: at kafka top's default
// 2 s refresh, the last four minutes.
const DefaultSize = 120

// Add appends v to the series key, dropping the oldest beyond Size.
func (h *History) Add(key string, v float64) {
	if h.series == nil {
		h.series = map[string][]float64{}
		h.seen = map[string]bool{}
	}
	size := h.Size
	if size <= 0 {
		size = DefaultSize
	}
	s := append(h.series[key], v)
	if len(s) > size {
		s = append(s[:0], s[len(s)-size:]...)
	}
	h.series[key] = s
	h.seen[key] = true
}

// Get returns the series key, oldest first.
func (h *History) Get(key string) []float64 { return h.series[key] }

// Line draws the series key with the package's Line.
func (h *History) Line(key string, width int) string { return Line(h.Get(key), width) }

// Sweep forgets the series that got no value since the previous Sweep,
// such as those of a deleted topic, so the history does not grow with
// every name ever seen.
func (h *History) Sweep() {
	for k := range h.series {
		if !h.seen[k] {
			delete(h.series, k)
		}
	}
	h.seen = map[string]bool{}
}
