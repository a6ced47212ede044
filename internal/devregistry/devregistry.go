// Package devregistry runs the Confluent-compatible schema registry of
// `kafka dev`: franz-go's srfake served on loopback, with its changes kept
// in a journal in the data directory so that schemas, their IDs and
// versions, deletions and compatibility levels survive a restart.
//
// It may import schema (for the registry's wire types); only cmd (kafka
// dev) imports it.
package devregistry

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/twmb/franz-go/pkg/sr/srfake"
)

// DefaultPort is the registry's usual port, which clients assume.
const DefaultPort = 8081

// journalFile holds one JSON line per change the registry accepted.
const journalFile = "schema-registry.jsonl"

// maxBody bounds a request body; the registry's own limit is lower.
const maxBody = 4 << 20

// Options configure the registry.
type Options struct {
	// Port to listen on at 127.0.0.1; 0 picks a free one.
	Port int
	// DataDir keeps the journal; "" keeps schemas in memory only.
	DataDir string
}

// PortInUseError reports that the registry's port is taken.
type PortInUseError struct{ Port int }

func (e *PortInUseError) Error() string {
	return fmt.Sprintf("port %d is already in use", e.Port)
}

// Registry is a running dev registry.
type Registry struct {
	fake *srfake.Registry
	srv  *http.Server
	ln   net.Listener
	done chan struct{}

	mu      sync.Mutex // orders changes so the journal replays them as applied
	journal *os.File
}

// entry is one change, replayed in order on start.
type entry struct {
	Method string          `json:"method"`
	Path   string          `json:"path"`
	Query  string          `json:"query,omitempty"`
	Body   json.RawMessage `json:"body,omitempty"`
}

// Start loads the journal, if any, and serves the registry.
func Start(o Options) (*Registry, error) {
	r := &Registry{fake: srfake.NewRegistry(), done: make(chan struct{})}
	if o.DataDir != "" {
		if err := os.MkdirAll(o.DataDir, 0o755); err != nil {
			return nil, err
		}
		path := filepath.Join(o.DataDir, journalFile)
		if err := r.replay(path); err != nil {
			return nil, err
		}
		f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			return nil, err
		}
		r.journal = f
	}
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(o.Port)))
	if err != nil {
		r.closeJournal()
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, &PortInUseError{Port: o.Port}
		}
		return nil, err
	}
	r.ln = ln
	r.srv = &http.Server{Handler: r, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		defer close(r.done)
		_ = r.srv.Serve(ln)
	}()
	return r, nil
}

// URL is the registry's address, as KAFKA_SCHEMA_REGISTRY_URL takes it.
func (r *Registry) URL() string { return "http://" + r.ln.Addr().String() }

// Close stops serving and closes the journal.
func (r *Registry) Close() {
	_ = r.srv.Close()
	<-r.done
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closeJournal()
}

func (r *Registry) closeJournal() {
	if r.journal != nil {
		_ = r.journal.Close()
		r.journal = nil
	}
}

// ServeHTTP checks schemas before srfake stores them, and journals every
// change srfake accepts.
func (r *Registry) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if req.Method == http.MethodGet || req.Method == http.MethodHead {
		r.serveRead(w, req)
		return
	}
	body, err := io.ReadAll(io.LimitReader(req.Body, maxBody+1))
	if err != nil || len(body) > maxBody {
		writeError(w, http.StatusRequestEntityTooLarge, 413, "request body is too large or unreadable")
		return
	}
	if msg, bad := invalid(req, body); bad {
		writeError(w, http.StatusUnprocessableEntity, 42201, msg)
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	rec := httptest.NewRecorder()
	r.apply(rec, req.Method, req.URL.Path, req.URL.RawQuery, body)
	if rec.Code < 300 && r.journal != nil {
		line, _ := json.Marshal(entry{Method: req.Method, Path: req.URL.Path, Query: req.URL.RawQuery, Body: compactOrNil(body)})
		if _, err := r.journal.Write(append(line, '\n')); err != nil {
			writeError(w, http.StatusInternalServerError, 50001, "cannot save the change: "+err.Error())
			return
		}
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

// apply runs one change through srfake.
func (r *Registry) apply(w http.ResponseWriter, method, path, query string, body []byte) {
	target := path
	if query != "" {
		target += "?" + query
	}
	req := httptest.NewRequest(method, target, bytes.NewReader(body))
	if len(body) > 0 {
		req.Header.Set("Content-Type", "application/vnd.schemaregistry.v1+json")
	}
	r.fake.Handler().ServeHTTP(w, req)
}

// replay applies the journal's changes in order. A last line cut short by
// a crash mid-write is dropped from the file, so the next change does not
// land on it; anything before it is kept.
func (r *Registry) replay(path string) error {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	good := 0
	for n := 1; good < len(b); n++ {
		line, _, complete := bytes.Cut(b[good:], []byte("\n"))
		var e entry
		if err := json.Unmarshal(line, &e); err != nil {
			if !complete {
				return os.Truncate(path, int64(good))
			}
			return fmt.Errorf("%s line %d is not a registry change: %s (move the file away to start with no schemas)", path, n, err)
		}
		rec := httptest.NewRecorder()
		r.apply(rec, e.Method, e.Path, e.Query, e.Body)
		if rec.Code >= 300 {
			return fmt.Errorf("%s line %d no longer applies (HTTP %d: %s)", path, n, rec.Code, bytes.TrimSpace(rec.Body.Bytes()))
		}
		good += len(line) + 1
	}
	return nil
}

func compactOrNil(b []byte) json.RawMessage {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil
	}
	var out bytes.Buffer
	if json.Compact(&out, b) != nil {
		// srfake refuses bodies that are not JSON, so this is not stored.
		return nil
	}
	return out.Bytes()
}

func writeError(w http.ResponseWriter, status, code int, msg string) {
	w.Header().Set("Content-Type", "application/vnd.schemaregistry.v1+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error_code": code, "message": msg})
}
