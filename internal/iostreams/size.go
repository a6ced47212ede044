package iostreams

import (
	"os"

	"golang.org/x/term"
)

// Height is the terminal's height in lines when stdout is a terminal, else
// 0 (unknown). SetHeight overrides it, for tests.
func (s *IOStreams) Height() int {
	if s.height > 0 {
		return s.height
	}
	if f, ok := s.Out.(*os.File); ok && s.outTTY {
		if _, h, err := term.GetSize(int(f.Fd())); err == nil {
			return h
		}
	}
	return 0
}

// SetHeight sets the terminal height Height reports.
func (s *IOStreams) SetHeight(h int) { s.height = h }
