package output

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/kafka-cli/kafka/internal/iostreams"
)

// tableVariant renders a table one way tablewriter allows; the benchmarks
// below measure each, and TestTableVariantsAgree holds them to Table's text.
type tableVariant struct {
	name   string
	render func(w io.Writer, cs *iostreams.ColorScheme, header []string, rows [][]string) error
}

// batch renders with Render after Append, with extra options.
func batch(extra ...tablewriter.Option) func(io.Writer, *iostreams.ColorScheme, []string, [][]string) error {
	return func(w io.Writer, cs *iostreams.ColorScheme, header []string, rows [][]string) error {
		var buf strings.Builder
		t := tablewriter.NewTable(&buf, append(tableOptions(), extra...)...)
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
}

// streamed renders in tablewriter's streaming mode with every column's
// width fixed by one pass over the cells.
func streamed(extra ...tablewriter.Option) func(io.Writer, *iostreams.ColorScheme, []string, [][]string) error {
	return func(w io.Writer, cs *iostreams.ColorScheme, header []string, rows [][]string) error {
		widths := tw.NewMapper[int, int]()
		for i, h := range header {
			widths[i] = twwidth.Width(h)
		}
		for _, r := range rows {
			for i, c := range r {
				widths[i] = max(widths[i], twwidth.Width(c))
			}
		}
		for i := range widths {
			widths[i] += 2 // the padding
		}
		var buf strings.Builder
		opts := append(tableOptions(), tablewriter.WithStreaming(tw.StreamConfig{Enable: true}), tablewriter.WithColumnWidths(widths))
		t := tablewriter.NewTable(&buf, append(opts, extra...)...)
		if err := t.Start(); err != nil {
			return err
		}
		t.Header(toAny(header)...)
		for _, r := range rows {
			if err := t.Append(toAny(r)...); err != nil {
				return err
			}
		}
		if err := t.Close(); err != nil {
			return err
		}
		return writeTable(w, cs, buf.String())
	}
}

// blueprint is tablewriter's general renderer in Table's look, which
// Table used before its own cellsRenderer.
var blueprint = tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
	Borders: tw.BorderNone,
	Symbols: tw.NewSymbols(tw.StyleNone),
	Settings: tw.Settings{
		Lines:      tw.Lines{ShowHeaderLine: tw.Off},
		Separators: tw.Separators{BetweenColumns: tw.Off, BetweenRows: tw.Off},
	},
}))

var tableVariants = []tableVariant{
	{"batch, cells renderer (Table today)", Table},
	{"batch, Blueprint renderer (Table before)", batch(blueprint)},
	{"batch, Blueprint, trim off", batch(blueprint, tablewriter.WithTrimSpace(tw.Off))},
	{"batch, Blueprint, row auto-format off", batch(blueprint, tablewriter.WithRowAutoFormat(tw.Off))},
	{"batch, Blueprint, east-asian off", batch(blueprint, tablewriter.WithEastAsian(tw.Off))},
	{"streaming, Blueprint, fixed widths", streamed(blueprint)},
	{"streaming, Blueprint, fixed widths, trim off, auto-format off", streamed(blueprint, tablewriter.WithTrimSpace(tw.Off), tablewriter.WithRowAutoFormat(tw.Off))},
	{"streaming, cells renderer, fixed widths", streamed()},
	{"batch, cells renderer, trim off, auto-format off", batch(tablewriter.WithTrimSpace(tw.Off), tablewriter.WithRowAutoFormat(tw.Off))},
	{"streaming, cells renderer, fixed widths", streamed()},
	// Not a choice (the design fixes tablewriter): the floor, what
	// padding the cells by hand costs.
	{"no tablewriter: cells padded by hand (reference only)", padded},
}

func padded(w io.Writer, cs *iostreams.ColorScheme, header []string, rows [][]string) error {
	widths := make([]int, len(header))
	for _, r := range append([][]string{header}, rows...) {
		for i, c := range r {
			widths[i] = max(widths[i], twwidth.Width(c))
		}
	}
	var buf strings.Builder
	for _, r := range append([][]string{header}, rows...) {
		for i, c := range r {
			buf.WriteString(c)
			if i < len(r)-1 {
				buf.WriteString(strings.Repeat(" ", widths[i]-twwidth.Width(c)+2))
			}
		}
		buf.WriteByte('\n')
	}
	return writeTable(w, cs, buf.String())
}

func listRows(n int) ([]string, [][]string) {
	rows := make([][]string, n)
	for i := range rows {
		rows[i] = []string{fmt.Sprintf("topic-%05d", i), "10", "3", "7 days", "off", fmt.Sprint(i * 7), "73 bytes", "0", "~0 bytes/s"}
	}
	return []string{"Name", "Partitions", "Replication", "Retention", "Compaction", "Messages", "Size", "Msg/s In", "Bytes/s In"}, rows
}

func TestTableVariantsAgree(t *testing.T) {
	header, rows := listRows(300)
	rows = append(rows, []string{"é-wide-ü", "1", "1", "unlimited", "on", "1,234", "1.2 MB", "3.4", "~5 bytes/s"})
	for _, tty := range []bool{false, true} {
		ios, _, _, _ := iostreams.Test()
		ios.SetStdoutTTY(tty)
		cs := ios.ColorScheme()
		var want strings.Builder
		if err := Table(&want, cs, header, rows); err != nil {
			t.Fatal(err)
		}
		for _, v := range tableVariants[1:] {
			var got strings.Builder
			if err := v.render(&got, cs, header, rows); err != nil {
				t.Fatalf("%s: %v", v.name, err)
			}
			if got.String() != want.String() {
				g, w := strings.Split(got.String(), "\n"), strings.Split(want.String(), "\n")
				for i := range min(len(g), len(w)) {
					if g[i] != w[i] {
						t.Logf("%s (tty %v) differs at line %d:\n got %q\nwant %q", v.name, tty, i, g[i], w[i])
						break
					}
				}
				t.Errorf("%s: not Table's text", v.name)
			}
		}
	}
}

// BenchmarkTableVariants: go test ./internal/output -run '^$' -bench TableVariants
func BenchmarkTableVariants(b *testing.B) {
	ios, _, _, _ := iostreams.Test()
	cs := ios.ColorScheme()
	header, rows := listRows(5000)
	for _, v := range tableVariants {
		b.Run(strings.NewReplacer(" ", "_", ",", "").Replace(v.name), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := v.render(io.Discard, cs, header, rows); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
