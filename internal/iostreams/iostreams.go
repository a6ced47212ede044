// Package iostreams holds the process's standard streams and decides, in one
// place, whether output is interactive: colour, spinners and prompts all ask
// here rather than probing file descriptors themselves.
//
// It imports nothing of this module; main, cmd and output import it.
package iostreams

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"golang.org/x/term"
)

// Color modes accepted by --color.
const (
	ColorAuto   = "auto"
	ColorAlways = "always"
	ColorNever  = "never"
)

// IOStreams is the set of streams a command reads and writes.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	inTTY, outTTY, errTTY bool
	colorMode             string
	noColorEnv            bool
	dumbTerm              bool
	height                int // set by SetHeight; 0 asks the terminal

	inReader *bufio.Reader
}

// System returns streams bound to the process's stdin, stdout and stderr.
func System() *IOStreams {
	s := &IOStreams{
		In:         os.Stdin,
		Out:        os.Stdout,
		ErrOut:     &syncWriter{w: os.Stderr},
		inTTY:      isTerminal(os.Stdin),
		outTTY:     isTerminal(os.Stdout),
		errTTY:     isTerminal(os.Stderr),
		colorMode:  ColorAuto,
		noColorEnv: os.Getenv("NO_COLOR") != "",
		dumbTerm:   os.Getenv("TERM") == "dumb",
	}
	return s
}

// Test returns streams backed by buffers, all non-interactive, as a pipe
// would be.
func Test() (*IOStreams, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer) {
	in, out, errOut := &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: &syncWriter{w: errOut}, colorMode: ColorAuto}, in, out, errOut
}

// syncWriter serialises writes to stderr, made once with the streams:
// franz-go's --verbose log, tail's warnings and spinners write from other
// goroutines while the command writes too, and each must hold the writer
// the others hold.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// IsStdinTTY reports whether standard input is a terminal.
func (s *IOStreams) IsStdinTTY() bool { return s.inTTY }

// IsStdoutTTY reports whether standard output is a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.outTTY }

// IsStderrTTY reports whether standard error is a terminal.
func (s *IOStreams) IsStderrTTY() bool { return s.errTTY }

// SetStdinTTY overrides terminal detection for stdin (tests).
func (s *IOStreams) SetStdinTTY(v bool) { s.inTTY = v }

// SetStdoutTTY overrides terminal detection for stdout (tests).
func (s *IOStreams) SetStdoutTTY(v bool) { s.outTTY = v }

// SetStderrTTY overrides terminal detection for stderr (tests).
func (s *IOStreams) SetStderrTTY(v bool) { s.errTTY = v }

// SetNoColorEnv records whether NO_COLOR is set (tests and System).
func (s *IOStreams) SetNoColorEnv(v bool) { s.noColorEnv = v }

// SetColorMode applies --color; an unknown mode is a usage error for the
// caller to report.
func (s *IOStreams) SetColorMode(mode string) error {
	switch mode {
	case ColorAuto, ColorAlways, ColorNever:
		s.colorMode = mode
		return nil
	}
	return fmt.Errorf("invalid --color %q: use auto, always or never", mode)
}

// ColorEnabled reports whether stdout gets ANSI colour. "always" wins over
// everything; otherwise NO_COLOR, TERM=dumb and a non-terminal stdout turn
// it off.
func (s *IOStreams) ColorEnabled() bool {
	switch s.colorMode {
	case ColorAlways:
		return true
	case ColorNever:
		return false
	}
	return s.outTTY && !s.noColorEnv && !s.dumbTerm
}

// Interactive reports whether live views (spinners, redraws) may be drawn on
// stderr: only for a person at a terminal who has not asked for plain
// output.
func (s *IOStreams) Interactive() bool {
	return s.errTTY && s.colorMode != ColorNever && !s.noColorEnv && !s.dumbTerm
}

// ReadLine reads one line from stdin without its line ending. It shares one
// buffered reader so successive prompts do not lose input.
func (s *IOStreams) ReadLine() (string, error) {
	if s.inReader == nil {
		s.inReader = bufio.NewReader(s.In)
	}
	line, err := s.inReader.ReadString('\n')
	if err != nil && line == "" {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// ColorScheme returns the palette for stdout.
func (s *IOStreams) ColorScheme() *ColorScheme { return NewColorScheme(s.ColorEnabled()) }
