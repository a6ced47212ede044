package devcluster

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"net"
	"strconv"
	"testing"
	"time"
)

func TestStartPortInUseNamesPort(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	// The busy port is the second broker's: the first must be released.
	port := l.Addr().(*net.TCPAddr).Port - 1
	_, err = Start(Options{Port: port, Brokers: 2})
	var busy *PortInUseError
	if !errors.As(err, &busy) {
		// port-1 may itself be taken by something else; that is still a
		// PortInUseError, for that port.
		t.Fatalf("Start = %v, want PortInUseError", err)
	}
	if busy.Port != port && busy.Port != port+1 {
		t.Errorf("busy port %d, want %d or %d", busy.Port, port, port+1)
	}
	if busy.Port == port+1 {
		// The first broker's listener was closed again: the port is free.
		l2, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
		if err != nil {
			t.Errorf("first port still held after failed start: %v", err)
		} else {
			l2.Close()
		}
	}
}

func TestRouterLineFields(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	b, err := json.Marshal(NewRouterLine(rng))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"at", "method", "path", "host", "request_id", "fwd", "dyno", "connect", "service", "status", "bytes"} {
		if _, ok := m[k]; !ok {
			t.Errorf("router line lacks %q: %s", k, b)
		}
	}
	if _, ok := m["status"].(float64); !ok {
		t.Errorf("status is not a number: %s", b)
	}
}

func TestPacerIsSteady(t *testing.T) {
	t.Parallel()
	start := time.Unix(0, 0)
	p := &pacer{start: start, rate: 200}
	total := 0
	for i := 1; i <= 20; i++ { // 20 ticks of 50ms = 1s
		n := p.due(start.Add(time.Duration(i) * 50 * time.Millisecond))
		if n != 10 {
			t.Errorf("tick %d: %d due, want 10", i, n)
		}
		p.done += int64(n)
		total += n
	}
	if total != 200 {
		t.Errorf("%d in 1s at 200/s", total)
	}
}
