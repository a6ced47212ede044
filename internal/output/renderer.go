package output

import (
	"io"
	"strings"

	"github.com/olekukonko/ll"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/tw"
)

// cellsRenderer is the renderer Table gives tablewriter: tablewriter lays
// the table out (columns, widths, alignment, padding) and this writes each
// line as its cells, left-aligned and padded with spaces to the column
// widths tablewriter computed. It draws none of what Table's look leaves
// out (borders, lines, separators, merged cells), which is what makes it
// cheaper than tablewriter's general Blueprint renderer: that one costs
// half of a 5,000-row table's time (`go test ./internal/output -bench
// TableVariants`), formatting each cell into a builder of its own and
// measuring each padding string's width. TestTableVariantsAgree holds the
// two to the same text.
type cellsRenderer struct {
	w      io.Writer
	config tw.Rendition
	line   strings.Builder
}

func newCellsRenderer() *cellsRenderer {
	return &cellsRenderer{config: tw.Rendition{
		Borders: tw.BorderNone,
		Symbols: tw.NewSymbols(tw.StyleNone),
		Settings: tw.Settings{
			Lines:      tw.Lines{ShowHeaderLine: tw.Off},
			Separators: tw.Separators{BetweenColumns: tw.Off, BetweenRows: tw.Off},
		},
		Streaming: true, // it keeps no state between lines
	}}
}

func (r *cellsRenderer) Start(w io.Writer) error              { r.w = w; return nil }
func (r *cellsRenderer) Header(_ [][]string, f tw.Formatting) { r.render(f) }
func (r *cellsRenderer) Row(_ []string, f tw.Formatting)      { r.render(f) }
func (r *cellsRenderer) Footer(_ [][]string, f tw.Formatting) { r.render(f) }
func (r *cellsRenderer) Line(tw.Formatting)                   {}
func (r *cellsRenderer) Config() tw.Rendition                 { return r.config }
func (r *cellsRenderer) Close() error                         { return nil }
func (r *cellsRenderer) Logger(*ll.Logger)                    {}

// render writes one line: each column's cell, then spaces up to the
// column's width (the padding is within it); the last cell's trailing
// spaces are dropped, as writeTable drops them anyway.
func (r *cellsRenderer) render(f tw.Formatting) {
	cols := 0
	for c := range f.Row.Widths {
		cols = max(cols, c+1)
	}
	r.line.Reset()
	pad := 0
	for c := range cols {
		width := f.Row.Widths.Get(c)
		if width <= 0 {
			continue
		}
		cell := f.Row.Current[c]
		r.line.WriteString(strings.Repeat(" ", pad))
		used := twwidth.Width(cell.Data)
		if cell.Padding.Left != "" {
			r.line.WriteString(cell.Padding.Left)
			used += twwidth.Width(cell.Padding.Left)
		}
		r.line.WriteString(cell.Data)
		pad = max(width-used, 0)
	}
	r.line.WriteByte('\n')
	_, _ = io.WriteString(r.w, r.line.String())
}
