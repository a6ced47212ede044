package tui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/kafka-cli/kafka/internal/health"
	"github.com/kafka-cli/kafka/internal/monitor"
)

func testSnapshot() monitor.Snapshot {
	return monitor.Snapshot{
		At:     time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		Topics: []monitor.Topic{{Name: "quiet", Partitions: 1, MsgsPerSec: 1}, {Name: "busy", Partitions: 8, MsgsPerSec: 900, BytesPerSec: 2048}},
		Groups: []monitor.Group{
			{Name: "a-ok", Lag: 0, Status: health.OK, Consume: 50},
			{Name: "b-stuck", Lag: 10, LagSeconds: secs(600), Status: health.Stalled, Advice: []string{"look at offset 7"}},
			{Name: "c-behind", Lag: 500, LagSeconds: secs(30), Status: health.Lagging, Consume: 5},
		},
	}
}

func press(m model, keys ...string) model {
	for _, k := range keys {
		var msg tea.KeyPressMsg
		switch k {
		case "enter":
			msg = tea.KeyPressMsg{Code: tea.KeyEnter}
		case "esc":
			msg = tea.KeyPressMsg{Code: tea.KeyEscape}
		default:
			msg = tea.KeyPressMsg{Code: rune(k[0]), Text: k}
		}
		next, _ := m.Update(msg)
		m = next.(model)
	}
	return m
}

func order(txt string, names ...string) bool {
	last := -1
	for _, n := range names {
		i := strings.Index(txt, n)
		if i <= last {
			return false
		}
		last = i
	}
	return true
}

func TestModelSortsFiltersAndFitsTheWindow(t *testing.T) {
	m := newModel(context.Background(), Options{Title: "test", Interval: time.Second})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 70, Height: 20})
	next, _ = next.(model).Update(snapshotMsg{snap: testSnapshot()})
	m = next.(model)

	if txt := m.render(); !order(txt, "c-behind", "b-stuck", "a-ok") {
		t.Errorf("by lag:\n%s", txt)
	}
	if txt := press(m, "s").render(); !order(txt, "b-stuck", "c-behind", "a-ok") {
		t.Errorf("by lag time:\n%s", txt)
	}
	if txt := press(m, "s", "s").render(); !order(txt, "b-stuck", "c-behind", "a-ok") || !strings.Contains(txt, "look at offset 7") {
		t.Errorf("by status, with the selected group's advice:\n%s", txt)
	}
	if txt := press(m, "/", "s", "t", "enter").render(); strings.Contains(txt, "c-behind") || !strings.Contains(txt, "b-stuck") {
		t.Errorf("filter st:\n%s", txt)
	}
	if txt := press(m, "t").render(); !order(txt, "busy", "quiet") || !strings.Contains(txt, "2 KB/s") {
		t.Errorf("topics by messages/s:\n%s", txt)
	}
	for _, l := range strings.Split(m.render(), "\n") {
		if w := lipgloss.Width(l); w > 70 {
			t.Errorf("line %d cells wide in a 70-cell window: %q", w, l)
		}
	}
	if n := strings.Count(m.render(), "\n") + 1; n > 20 {
		t.Errorf("%d lines in a 20-line window", n)
	}
}

func TestModelKeepsFiguresWhileReconnecting(t *testing.T) {
	m := newModel(context.Background(), Options{Title: "test", Explain: func(error) string { return "cannot reach the brokers" }})
	next, _ := m.Update(snapshotMsg{snap: testSnapshot()})
	next, _ = next.(model).Update(snapshotMsg{err: errors.New("dial tcp: refused")})
	txt := next.(model).render()
	if !strings.Contains(txt, "reconnecting: cannot reach the brokers") || !strings.Contains(txt, "c-behind") {
		t.Errorf("while reconnecting:\n%s", txt)
	}
	next, _ = next.(model).Update(snapshotMsg{snap: testSnapshot()})
	if txt := next.(model).render(); strings.Contains(txt, "reconnecting") {
		t.Errorf("after the broker came back:\n%s", txt)
	}
}

func TestModelQuitsOnQ(t *testing.T) {
	m := newModel(context.Background(), Options{})
	if _, cmd := m.Update(tea.KeyPressMsg{Code: 'q', Text: "q"}); cmd == nil {
		t.Fatal("q returned no command")
	} else if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("q did not quit")
	}
}

func secs(s float64) *float64 { return &s }
