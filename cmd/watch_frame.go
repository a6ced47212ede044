package cmd

import (
	"strings"
	"time"
)

// watchFrame is what one --watch refresh writes, in one write so the
// terminal never shows a blank screen between frames.
//
// On a terminal it redraws in place: cursor home, a status line with the
// refresh time, the view cut to the window (so the view's own header stays
// on top), each line clearing its rest, then clear to the end of the
// screen. Nothing is cleared with \033[2J, so frames do not pile up in a
// multiplexer's scrollback. Piped, a JSON object gains a "time" key (RFC
// 3339, UTC) and a text block is preceded by a "--- TIME" separator line.
func watchFrame(body string, live bool, height int, every time.Duration, at time.Time) string {
	stamp := at.UTC().Format(time.RFC3339)
	if !live {
		if strings.HasPrefix(body, "{") {
			return `{"time":"` + stamp + `",` + body[1:]
		}
		return "--- " + stamp + "\n" + body
	}
	lines := strings.Split(strings.TrimSuffix(body, "\n"), "\n")
	if height > 1 && len(lines) > height-1 {
		lines = lines[:height-1]
	}
	var b strings.Builder
	b.WriteString("\033[H")
	b.WriteString("Every " + every.String() + ", last refreshed " + at.Format("15:04:05") + " (Ctrl-C to stop)\033[K\n")
	for _, l := range lines {
		b.WriteString(l)
		b.WriteString("\033[K\n")
	}
	b.WriteString("\033[J")
	return b.String()
}
