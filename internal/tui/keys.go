package tui

import (
	tea "charm.land/bubbletea/v2"
)

// The sort orders of each pane, in the order s cycles through them.
var (
	topicSorts = []string{"messages/s", "bytes/s", "name"}
	groupSorts = []string{"lag", "lag time", "status", "consume rate", "name"}
)

func (m model) key(k tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	if k.String() == "ctrl+c" {
		return m, tea.Quit
	}
	if m.editing {
		return m.editFilter(k), nil
	}
	m.message = ""
	switch k.String() {
	case "q", "ctrl+c":
		return m, tea.Quit
	case "tab":
		if m.pane == topicsPane {
			m.pane = groupsPane
		} else {
			m.pane = topicsPane
		}
	case "t":
		m.pane = topicsPane
	case "g":
		m.pane = groupsPane
	case "s":
		if m.pane == topicsPane {
			m.topicSort = (m.topicSort + 1) % len(topicSorts)
		} else {
			m.groupSort = (m.groupSort + 1) % len(groupSorts)
		}
		m.cursor[m.pane] = 0
	case "/":
		m.editing = true
	case "up", "k":
		m.cursor[m.pane] = max(m.cursor[m.pane]-1, 0)
	case "down", "j":
		m.cursor[m.pane] = min(m.cursor[m.pane]+1, max(m.rowCount()-1, 0))
	case "enter":
		if m.pane == groupsPane {
			if gs := m.groups(); len(gs) > 0 {
				m.group = gs[min(m.cursor[groupsPane], len(gs)-1)].Name
				m.pane, m.cursor[partitionsPane] = partitionsPane, 0
			}
		}
	case "esc", "backspace":
		switch {
		case m.pane == partitionsPane:
			m.pane = groupsPane
		case m.filter != "":
			m.filter = ""
		}
	default:
		for _, a := range m.opts.Actions {
			if k.String() == a.Key {
				m.message = a.Do()
			}
		}
	}
	return m, nil
}

// editFilter takes the keys typed after /: Enter keeps the filter, Esc
// drops it.
func (m model) editFilter(k tea.KeyPressMsg) model {
	switch k.String() {
	case "enter":
		m.editing = false
	case "esc":
		m.editing, m.filter = false, ""
	case "backspace":
		if r := []rune(m.filter); len(r) > 0 {
			m.filter = string(r[:len(r)-1])
		}
	default:
		if k.Text != "" {
			m.filter += k.Text
		}
	}
	for p := range m.cursor {
		m.cursor[p] = 0
	}
	return m
}

func (m model) rowCount() int {
	switch m.pane {
	case topicsPane:
		return len(m.topics())
	case groupsPane:
		return len(m.groups())
	}
	return len(m.partitions())
}
