package devregistry

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"

	"github.com/kafka-cli/kafka/internal/schema"
)

// serveRead answers a read. With ?format=serialized, as Confluent's
// registry does, a Protobuf schema is given as its base64
// FileDescriptorProto rather than .proto text; srfake knows no formats.
func (r *Registry) serveRead(w http.ResponseWriter, req *http.Request) {
	if req.URL.Query().Get("format") != "serialized" {
		r.fake.Handler().ServeHTTP(w, req)
		return
	}
	rec := httptest.NewRecorder()
	r.fake.Handler().ServeHTTP(rec, req)
	body := rec.Body.Bytes()
	var m map[string]any
	if rec.Code == http.StatusOK && json.Unmarshal(body, &m) == nil && m["schemaType"] == "PROTOBUF" {
		if text, ok := m["schema"].(string); ok {
			if s, err := schema.SerializedProto(text); err == nil {
				m["schema"] = s
				body, _ = json.Marshal(m)
			}
		}
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.Header().Del("Content-Length")
	w.WriteHeader(rec.Code)
	_, _ = w.Write(body)
}
