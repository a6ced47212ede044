package tui

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// sparkSlot marks the last cell of a row as the sparkline, drawn once the
// room left for it is known.
const sparkSlot = "\x00spark"

const (
	minSpark = 8
	maxSpark = 60
	gap      = "  "
)

// table lays rows out in columns sized to their widest cell, with a marker
// on the selected row. Columns of sparkSlot cells share the width that is
// left, and spark draws row i's sparkline for column j in it.
func (m model) table(cols []column, rows [][]string, selected int, spark func(i, j, width int) string) []string {
	used, sparks := 2, 0 // 2: the selection marker
	isSpark := func(j int) bool { return len(rows) > 0 && rows[0][j] == sparkSlot }
	for j := range cols {
		cols[j].width = lipgloss.Width(cols[j].title)
		if isSpark(j) {
			sparks++
			used += len(gap)
			continue
		}
		for _, r := range rows {
			cols[j].width = max(cols[j].width, lipgloss.Width(r[j]))
		}
		used += cols[j].width + len(gap)
	}
	if sparks > 0 {
		w := min(max((m.width-used)/sparks, minSpark), maxSpark)
		for j := range cols {
			if isSpark(j) {
				cols[j].width = max(w, cols[j].width)
			}
		}
	}

	out := make([]string, 0, len(rows)+1)
	var head []string
	for _, c := range cols {
		head = append(head, pad(c.title, c.width, c.right))
	}
	out = append(out, "  "+bold.Render(strings.TrimRight(strings.Join(head, gap), " ")))
	for i, r := range rows {
		cells := make([]string, len(r))
		for j, c := range r {
			if c == sparkSlot {
				c = cyan.Render(spark(i, j, cols[j].width))
			}
			cells[j] = pad(c, cols[j].width, cols[j].right)
		}
		mark := "  "
		if i == selected {
			mark = bold.Render("› ")
		}
		out = append(out, mark+strings.TrimRight(strings.Join(cells, gap), " "))
	}
	return out
}

// pad fills s to width display cells, on the left for numbers.
func pad(s string, width int, right bool) string {
	n := width - lipgloss.Width(s)
	if n <= 0 {
		return s
	}
	if right {
		return strings.Repeat(" ", n) + s
	}
	return s + strings.Repeat(" ", n)
}
