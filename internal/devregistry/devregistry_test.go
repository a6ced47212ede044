package devregistry

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/sr"
)

const orderV1 = `{"type":"record","name":"Order","fields":[{"name":"id","type":"string"}]}`

func client(t *testing.T, r *Registry) *sr.Client {
	t.Helper()
	cl, err := sr.NewClient(sr.URLs(r.URL()))
	if err != nil {
		t.Fatal(err)
	}
	return cl
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return c
}

func TestSchemasPersistAcrossRestarts(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r, err := Start(Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	cl := client(t, r)
	a, err := cl.CreateSchema(ctx(t), "orders-value", sr.Schema{Schema: orderV1})
	if err != nil {
		t.Fatal(err)
	}
	b, err := cl.CreateSchema(ctx(t), "gone-value", sr.Schema{Schema: `"string"`})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cl.DeleteSubject(ctx(t), "gone-value", sr.SoftDelete); err != nil {
		t.Fatal(err)
	}
	if res := cl.SetCompatibility(ctx(t), sr.SetCompatibility{Level: sr.CompatFull}, "orders-value"); res[0].Err != nil {
		t.Fatal(res[0].Err)
	}
	r.Close()

	r, err = Start(Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cl = client(t, r)
	got, err := cl.SchemaByID(ctx(t), a.ID)
	if err != nil || got.Schema != orderV1 {
		t.Fatalf("schema %d after restart: %q, %v", a.ID, got.Schema, err)
	}
	subjects, err := cl.Subjects(ctx(t))
	if err != nil || len(subjects) != 1 || subjects[0] != "orders-value" {
		t.Fatalf("subjects after restart = %v, %v; want only orders-value (gone-value was deleted)", subjects, err)
	}
	if res := cl.Compatibility(ctx(t), "orders-value"); res[0].Err != nil || res[0].Level != sr.CompatFull {
		t.Fatalf("compatibility after restart = %v, %v; want FULL", res[0].Level, res[0].Err)
	}
	// IDs keep counting from where they were: a new schema gets a new ID.
	c, err := cl.CreateSchema(ctx(t), "other-value", sr.Schema{Schema: `"long"`})
	if err != nil {
		t.Fatal(err)
	}
	if c.ID == a.ID || c.ID == b.ID {
		t.Fatalf("new schema got ID %d, already used by %d or %d", c.ID, a.ID, b.ID)
	}
}

func TestInvalidSchemaRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r, err := Start(Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	_, err = client(t, r).CreateSchema(ctx(t), "bad-value", sr.Schema{Schema: `{"type":"record","name":"X","fields":[{"name":"a","type":"nope"}]}`})
	var re *sr.ResponseError
	if !errors.As(err, &re) || re.StatusCode != http.StatusUnprocessableEntity || re.ErrorCode != 42201 {
		t.Fatalf("invalid Avro schema: %v; want HTTP 422 with error_code 42201", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, journalFile)); len(b) != 0 {
		t.Fatalf("a refused schema was journalled: %s", b)
	}
}

func TestTruncatedLastLineIsDropped(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r, err := Start(Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client(t, r).CreateSchema(ctx(t), "orders-value", sr.Schema{Schema: orderV1}); err != nil {
		t.Fatal(err)
	}
	r.Close()
	f, err := os.OpenFile(filepath.Join(dir, journalFile), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"method":"POST","path":"/subj`)
	f.Close()
	r, err = Start(Options{DataDir: dir})
	if err != nil {
		t.Fatalf("a journal cut short by a crash: %v", err)
	}
	cl := client(t, r)
	if _, err := cl.CreateSchema(ctx(t), "more-value", sr.Schema{Schema: `"string"`}); err != nil {
		t.Fatal(err)
	}
	r.Close()
	// The change after the crash is on a line of its own, so both replay.
	r, err = Start(Options{DataDir: dir})
	if err != nil {
		t.Fatalf("journal after a crash and a change: %v", err)
	}
	defer r.Close()
	cl = client(t, r)
	for _, id := range []int{1, 2} {
		if _, err := cl.SchemaByID(ctx(t), id); err != nil {
			t.Fatalf("schema %d: %v", id, err)
		}
	}
}

func TestPortInUse(t *testing.T) {
	t.Parallel()
	r, err := Start(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	port := r.ln.Addr().(*net.TCPAddr).Port
	_, err = Start(Options{Port: port})
	var busy *PortInUseError
	if !errors.As(err, &busy) || busy.Port != port {
		t.Fatalf("second registry on port %d: %v; want PortInUseError", port, err)
	}
}
