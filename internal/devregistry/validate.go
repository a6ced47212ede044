package devregistry

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kafka-cli/kafka/internal/schema"
)

// invalid compiles the schema a registration or a compatibility check
// carries, since srfake checks only that it is JSON: a real registry
// refuses an invalid schema with 42201, and clients rely on that. Schemas
// with references are left to srfake, as they do not compile alone.
func invalid(req *http.Request, body []byte) (string, bool) {
	if req.Method != http.MethodPost {
		return "", false
	}
	p := req.URL.Path
	registering := strings.HasPrefix(p, "/subjects/") && strings.HasSuffix(p, "/versions")
	if !registering && !strings.HasPrefix(p, "/compatibility/") {
		return "", false
	}
	var s sr.Schema
	if err := json.Unmarshal(body, &s); err != nil || len(s.References) > 0 {
		return "", false
	}
	if err := schema.Validate(s); err != nil {
		return "Invalid schema: " + err.Error(), true
	}
	return "", false
}
