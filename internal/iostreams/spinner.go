package iostreams

import (
	"fmt"
	"sync"
	"time"
)

// Spinner draws a one-line progress indicator on stderr. It draws nothing
// unless the streams are interactive, so scripts never see carriage
// returns or escape codes.
type Spinner struct {
	s      *IOStreams
	mu     sync.Mutex
	label  string
	stop   chan struct{}
	done   chan struct{}
	active bool
}

var spinnerFrames = []string{"⣾", "⣽", "⣻", "⢿", "⡿", "⣟", "⣯", "⣷"}

// StartSpinner starts a spinner with the given label. Stop must be called.
func (s *IOStreams) StartSpinner(label string) *Spinner {
	sp := &Spinner{s: s, label: label, stop: make(chan struct{}), done: make(chan struct{})}
	if !s.Interactive() {
		close(sp.done)
		return sp
	}
	sp.active = true
	go sp.run()
	return sp
}

func (sp *Spinner) run() {
	defer close(sp.done)
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for i := 0; ; i++ {
		sp.mu.Lock()
		fmt.Fprintf(sp.s.ErrOut, "\r\033[K%s %s", spinnerFrames[i%len(spinnerFrames)], sp.label)
		sp.mu.Unlock()
		select {
		case <-sp.stop:
			fmt.Fprint(sp.s.ErrOut, "\r\033[K")
			return
		case <-t.C:
		}
	}
}

// SetLabel changes what the spinner says it is waiting for.
func (sp *Spinner) SetLabel(label string) {
	sp.mu.Lock()
	sp.label = label
	sp.mu.Unlock()
}

// Stop clears the spinner line. It is safe to call more than once.
func (sp *Spinner) Stop() {
	sp.mu.Lock()
	if sp.active {
		sp.active = false
		close(sp.stop)
	}
	sp.mu.Unlock()
	<-sp.done
}
