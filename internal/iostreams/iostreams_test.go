package iostreams

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestColorDecision(t *testing.T) {
	for _, tc := range []struct {
		name    string
		tty     bool
		noColor bool
		mode    string
		want    bool
	}{
		{"terminal", true, false, ColorAuto, true},
		{"piped", false, false, ColorAuto, false},
		{"NO_COLOR", true, true, ColorAuto, false},
		{"never", true, false, ColorNever, false},
		{"always beats a pipe", false, false, ColorAlways, true},
		{"always beats NO_COLOR", true, true, ColorAlways, true},
	} {
		s, _, _, _ := Test()
		s.SetStdoutTTY(tc.tty)
		s.SetStderrTTY(tc.tty)
		s.SetNoColorEnv(tc.noColor)
		if err := s.SetColorMode(tc.mode); err != nil {
			t.Fatal(err)
		}
		if got := s.ColorEnabled(); got != tc.want {
			t.Errorf("%s: ColorEnabled = %v, want %v", tc.name, got, tc.want)
		}
		if got := s.ColorScheme().Red("x"); (got != "x") != tc.want {
			t.Errorf("%s: Red(x) = %q", tc.name, got)
		}
		// Spinners and redraws follow the same rules on stderr.
		if tc.mode != ColorAlways && s.Interactive() != tc.want {
			t.Errorf("%s: Interactive = %v", tc.name, s.Interactive())
		}
	}
	s, _, _, _ := Test()
	if err := s.SetColorMode("sometimes"); err == nil {
		t.Error("--color sometimes accepted")
	}
}

func TestSpinnerSilentWhenPiped(t *testing.T) {
	s, _, _, errOut := Test()
	sp := s.StartSpinner("waiting")
	sp.SetLabel("still waiting")
	sp.Stop()
	sp.Stop()
	if errOut.Len() != 0 {
		t.Errorf("spinner wrote %q to a pipe", errOut.String())
	}
}

func TestReadLineSharesBuffer(t *testing.T) {
	s, in, _, _ := Test()
	in.WriteString("router\r\nsecond\n")
	for _, want := range []string{"router", "second"} {
		got, err := s.ReadLine()
		if err != nil || got != want {
			t.Fatalf("ReadLine = %q, %v; want %q", got, err, want)
		}
	}
}

// Stderr is synchronised where the streams are made, so every holder of
// ErrOut (the warner, franz-go's --verbose log, the command) may write at
// once; under -race this fails if it is not.
func TestErrOutIsSynchronised(t *testing.T) {
	ios, _, _, errOut := Test()
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 100 {
				fmt.Fprintln(ios.ErrOut, "line")
			}
		})
	}
	wg.Wait()
	if n := strings.Count(errOut.String(), "line\n"); n != 400 {
		t.Errorf("got %d lines, want 400", n)
	}
}
