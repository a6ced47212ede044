package iostreams

import (
	"fmt"
	"os"

	"golang.org/x/term"
)

// ReadSecret reads a secret such as a password: on a terminal it prompts
// on stderr and reads without echo; otherwise it reads one line of stdin.
// terminal says which, so a caller can ask a person to type it twice.
func (s *IOStreams) ReadSecret(prompt string) (secret string, terminal bool, err error) {
	if f, ok := s.In.(*os.File); ok && s.inTTY && term.IsTerminal(int(f.Fd())) {
		restore := echoOff(int(f.Fd()))
		fmt.Fprint(s.ErrOut, prompt)
		b, err := term.ReadPassword(int(f.Fd()))
		restore()
		fmt.Fprintln(s.ErrOut)
		return string(b), true, err
	}
	line, err := s.ReadLine()
	return line, false, err
}
