package cmd

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/sr"
	"github.com/twmb/franz-go/pkg/sr/srfake"
)

func schemaFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// strictRegistry is srfake, whose compatibility checks always pass, with
// a real registry's answers for a schema that has a field "bad": 409 on
// register and is_compatible false on check.
func strictRegistry(t *testing.T) (string, *sr.Client, *int) {
	t.Helper()
	reg := srfake.New()
	requests := new(int)
	h := reg.Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		*requests++
		if r.Method == http.MethodPost && strings.Contains(r.URL.Path, "/versions") {
			body := make([]byte, 1<<16)
			n, _ := r.Body.Read(body)
			if strings.Contains(string(body[:n]), `bad`) {
				w.Header().Set("Content-Type", "application/json")
				if strings.HasPrefix(r.URL.Path, "/compatibility/") {
					w.Write([]byte(`{"is_compatible":false,"messages":["READER_FIELD_MISSING_DEFAULT_VALUE: bad"]}`))
					return
				}
				w.WriteHeader(http.StatusConflict)
				w.Write([]byte(`{"error_code":409,"message":"Schema being registered is incompatible with an earlier schema for subject \"orders-value\", details: [READER_FIELD_MISSING_DEFAULT_VALUE: bad]"}`))
				return
			}
			r.Body = readCloser{strings.NewReader(string(body[:n]))}
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(func() { srv.Close(); reg.Close() })
	cl, err := sr.NewClient(sr.URLs(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	return srv.URL, cl, requests
}

type readCloser struct{ *strings.Reader }

func (readCloser) Close() error { return nil }

const orderBad = `{"type":"record","name":"Order","fields":[{"name":"id","type":"long"},{"name":"bad","type":"string"}]}`

func TestSchemasRegister(t *testing.T) {
	t.Parallel()
	url, rc, requests := strictRegistry(t)
	reg := []string{"--schema-registry", url, "schemas", "register", "orders-value"}

	r := run(t, runOpts{}, append(reg, schemaFile(t, "order.avsc", orderV1))...)
	wantCode(t, r, 0)
	if strings.TrimSpace(r.Stdout) != "1" {
		t.Errorf("stdout %q, want the ID", r.Stdout)
	}
	r = run(t, runOpts{}, "--schema-registry", url, "schemas", "register", "carts-value", schemaFile(t, "cart.proto", shopProto))
	wantCode(t, r, 0)
	if ss, err := rc.SchemaByVersion(context.Background(), "carts-value", -1); err != nil || ss.Type != sr.TypeProtobuf {
		t.Errorf("carts-value: %+v, %v", ss, err)
	}
	r = run(t, runOpts{}, "--schema-registry", url, "schemas", "register", "events-value", schemaFile(t, "e.json", eventJSONSchema), "--type", "json")
	wantCode(t, r, 0)

	r = run(t, runOpts{}, append(reg, schemaFile(t, "bad.avsc", orderBad))...)
	wantCode(t, r, 1)
	wantOneLineError(t, r, "READER_FIELD_MISSING_DEFAULT_VALUE")

	before := *requests
	for _, args := range [][]string{
		append(reg, schemaFile(t, "x.avsc", `{"type":"record","name":"Order","fields":[{"name":"id","type":"nope"}]}`)),
		append(reg, schemaFile(t, "x.proto", "syntax = \"proto3\"; message {")),
		append(reg, schemaFile(t, "x.json", `[1]`), "--type", "json"),
		append(reg, schemaFile(t, "x.json", `{"type":"nonsense"}`), "--type", "json"),
		append(reg, schemaFile(t, "x.avsc", orderV1), "--type", "xml"),
		append(reg, filepath.Join(t.TempDir(), "missing.avsc")),
	} {
		r = run(t, runOpts{}, args...)
		wantCode(t, r, 2)
	}
	if *requests != before {
		t.Errorf("%d requests for invalid schemas, want none", *requests-before)
	}
	if vs, _ := rc.SubjectVersions(context.Background(), "orders-value"); len(vs) != 1 {
		t.Errorf("orders-value versions %v, want [1]", vs)
	}
}

func TestSchemasCheck(t *testing.T) {
	t.Parallel()
	url, rc, _ := strictRegistry(t)
	register(t, rc, "orders-value", sr.Schema{Schema: orderV1})
	check := []string{"--schema-registry", url, "schemas", "check", "orders-value"}

	r := run(t, runOpts{}, append(check, schemaFile(t, "v2.avsc", orderV2))...)
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, "compatible") {
		t.Errorf("stdout %q", r.Stdout)
	}
	r = run(t, runOpts{}, append(check, schemaFile(t, "bad.avsc", orderBad))...)
	wantCode(t, r, 6)
	wantOneLineError(t, r, "READER_FIELD_MISSING_DEFAULT_VALUE")
	r = run(t, runOpts{}, append(check, schemaFile(t, "x.avsc", `{"type":"nope"}`))...)
	wantCode(t, r, 2)
	if vs, _ := rc.SubjectVersions(context.Background(), "orders-value"); len(vs) != 1 {
		t.Errorf("check registered something: versions %v", vs)
	}
}

func TestSchemasCompatibility(t *testing.T) {
	t.Parallel()
	url, rc := newRegistry(t)
	register(t, rc, "orders-value", sr.Schema{Schema: orderV1})
	cmd := []string{"--schema-registry", url, "schemas", "compatibility", "orders-value"}

	r := run(t, runOpts{}, cmd...)
	wantCode(t, r, 0)
	if strings.TrimSpace(r.Stdout) != "BACKWARD" {
		t.Errorf("global default: %q", r.Stdout)
	}
	r = run(t, runOpts{}, append(cmd, "full_transitive")...)
	wantCode(t, r, 0)
	r = run(t, runOpts{}, append(cmd, "--json")...)
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, `"compatibility": "FULL_TRANSITIVE"`) || !strings.Contains(r.Stdout, `"subject": "orders-value"`) {
		t.Errorf("json: %s", r.Stdout)
	}
	r = run(t, runOpts{}, append(cmd, "sideways")...)
	wantCode(t, r, 2)
	if res := rc.Compatibility(context.Background(), "orders-value"); res[0].Level != sr.CompatFullTransitive {
		t.Errorf("level %v after a bad LEVEL", res[0].Level)
	}
}

func TestSchemasDestroy(t *testing.T) {
	t.Parallel()
	url, rc := newRegistry(t)
	register(t, rc, "orders-value", sr.Schema{Schema: orderV1})
	register(t, rc, "orders-value", sr.Schema{Schema: orderV2})
	register(t, rc, "carts-value", sr.Schema{Schema: orderV1})
	destroy := []string{"--schema-registry", url, "schemas", "destroy"}

	r := run(t, runOpts{}, append(destroy, "orders-value")...)
	wantCode(t, r, 2)
	wantOneLineError(t, r, "--confirm orders-value")
	r = run(t, runOpts{}, append(destroy, "orders-value", "--confirm", "carts-value")...)
	wantCode(t, r, 2)
	if vs, err := rc.SubjectVersions(context.Background(), "orders-value"); err != nil || len(vs) != 2 {
		t.Fatalf("refused destroy deleted: %v %v", vs, err)
	}

	r = run(t, runOpts{}, append(destroy, "orders-value", "--confirm", "orders-value")...)
	wantCode(t, r, 0)
	if !strings.Contains(r.Stdout, "soft-deleted (versions 1, 2)") {
		t.Errorf("stdout %q", r.Stdout)
	}
	if _, err := rc.SubjectVersions(context.Background(), "orders-value"); err == nil {
		t.Error("orders-value still listed")
	}
	if vs, err := rc.SubjectVersions(sr.WithParams(context.Background(), sr.ShowDeleted), "orders-value"); err != nil || len(vs) != 2 {
		t.Errorf("soft delete should keep deleted versions: %v %v", vs, err)
	}
	// Already soft-deleted: --permanent still hard-deletes it.
	r = run(t, runOpts{}, append(destroy, "orders-value", "--confirm", "orders-value", "--permanent")...)
	wantCode(t, r, 0)
	if vs, err := rc.SubjectVersions(sr.WithParams(context.Background(), sr.ShowDeleted), "orders-value"); err == nil {
		t.Errorf("hard delete left versions %v", vs)
	}
	r = run(t, runOpts{}, append(destroy, "carts-value", "--confirm", "carts-value", "--permanent")...)
	wantCode(t, r, 0)

	r = run(t, runOpts{}, append(destroy, "nope", "--confirm", "nope")...)
	wantCode(t, r, 3)

	// A person at a terminal types the name after the subject is found.
	register(t, rc, "tty-value", sr.Schema{Schema: orderV1})
	r = run(t, runOpts{tty: true, stdin: "tty-value\n"}, append(destroy, "tty-value")...)
	wantCode(t, r, 0)
	r = run(t, runOpts{tty: true, stdin: "x\n"}, append(destroy, "nope")...)
	wantCode(t, r, 3)
}
