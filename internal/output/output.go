// Package output prints what commands produce: Heroku-style sections,
// borderless tables and JSON documents. Commands never import tablewriter or
// fatih/color directly, so the look of the tool is decided here.
//
// It is the only package that imports tablewriter; it may import iostreams,
// and only cmd imports it.
package output

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/kafka-cli/kafka/internal/iostreams"
)

// Field is one "Key: value" line of a section.
type Field struct {
	Key   string
	Value string
}

// Section prints a Heroku-style block: a "=== title" line, then the fields
// with their values aligned in one column.
func Section(w io.Writer, cs *iostreams.ColorScheme, title string, fields []Field) {
	if title != "" {
		fmt.Fprintln(w, cs.Bold("=== "+title))
	}
	Fields(w, fields)
}

// Fields prints aligned "Key: value" lines without a title.
func Fields(w io.Writer, fields []Field) {
	width := 0
	for _, f := range fields {
		width = max(width, len(f.Key)+1)
	}
	for _, f := range fields {
		fmt.Fprintf(w, "%-*s %s\n", width, f.Key+":", f.Value)
	}
}

// Table prints rows under a header as a borderless, left-aligned table.
// Cells are trimmed of the padding tablewriter leaves at line ends, so piped
// output has no trailing spaces.
func Table(w io.Writer, cs *iostreams.ColorScheme, header []string, rows [][]string) error {
	var buf strings.Builder
	t := tablewriter.NewTable(&buf, tableOptions()...)
	t.Header(toAny(header)...)
	for _, r := range rows {
		if err := t.Append(toAny(r)...); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	return writeTable(w, cs, buf.String())
}

// tableOptions are the table's look: no borders, no lines, left-aligned,
// two spaces between columns, cells as given.
func tableOptions() []tablewriter.Option {
	return []tablewriter.Option{
		tablewriter.WithRenderer(newCellsRenderer()),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithPadding(tw.Padding{Left: "", Right: "  ", Overwrite: true}),
	}
}

// writeTable writes tablewriter's text trimmed of trailing spaces, the
// header in bold, in one write rather than one per row: thousands of rows
// to an unbuffered stdout would be thousands of system calls.
func writeTable(w io.Writer, cs *iostreams.ColorScheme, text string) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	for i, l := range lines {
		l = strings.TrimRight(l, " ")
		if i == 0 {
			l = cs.Bold(l)
		}
		bw.WriteString(l)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// JSON writes v as one indented JSON document followed by a newline.
func JSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// JSONLine writes v as one compact JSON document on one line, for streams
// of documents (--watch, tail --json).
func JSONLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
