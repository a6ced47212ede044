package iostreams

import "github.com/fatih/color"

// ColorScheme is the one place output gets colour. Each colour is forced on
// or off per scheme, because fatih/color's global NoColor only looks at
// stdout and would ignore --color and NO_COLOR decisions made here.
type ColorScheme struct {
	enabled bool
	bold    *color.Color
	cyan    *color.Color
	green   *color.Color
	yellow  *color.Color
	red     *color.Color
	gray    *color.Color
}

// NewColorScheme returns a scheme that colours only when enabled is true.
func NewColorScheme(enabled bool) *ColorScheme {
	mk := func(attrs ...color.Attribute) *color.Color {
		c := color.New(attrs...)
		if enabled {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
		return c
	}
	return &ColorScheme{
		enabled: enabled,
		bold:    mk(color.Bold),
		cyan:    mk(color.FgCyan),
		green:   mk(color.FgGreen),
		yellow:  mk(color.FgYellow),
		red:     mk(color.FgRed),
		gray:    mk(color.FgHiBlack),
	}
}

// Bold styles headings.
func (c *ColorScheme) Bold(s string) string { return c.bold.Sprint(s) }

// Cyan styles names the user typed (topics, groups).
func (c *ColorScheme) Cyan(s string) string { return c.cyan.Sprint(s) }

// Green styles success.
func (c *ColorScheme) Green(s string) string { return c.green.Sprint(s) }

// Yellow styles warnings.
func (c *ColorScheme) Yellow(s string) string { return c.yellow.Sprint(s) }

// Red styles failures.
func (c *ColorScheme) Red(s string) string { return c.red.Sprint(s) }

// Gray styles secondary detail.
func (c *ColorScheme) Gray(s string) string { return c.gray.Sprint(s) }
