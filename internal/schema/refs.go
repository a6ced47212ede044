package schema

import (
	"context"
	"fmt"

	"github.com/twmb/franz-go/pkg/sr"
)

// maxRefDepth bounds a chain of schema references (a cycle, or a registry
// that answers one).
const maxRefDepth = 16

// refSchema is a referenced schema's text under the name the referring
// schema uses for it: an Avro type's full name or a .proto import path.
type refSchema struct {
	name, text string
}

// References fetches the schemas s refers to, transitively, each before
// those that use it, as Avro needs named types parsed first.
func (r *Registry) References(ctx context.Context, s sr.Schema) ([]refSchema, error) {
	var out []refSchema
	seen := map[string]bool{}
	var walk func(refs []sr.SchemaReference, depth int) error
	walk = func(refs []sr.SchemaReference, depth int) error {
		if depth > maxRefDepth {
			return fmt.Errorf("schema references nest deeper than %d", maxRefDepth)
		}
		for _, ref := range refs {
			key := fmt.Sprintf("%s/%d", ref.Subject, ref.Version)
			if seen[key] {
				continue
			}
			seen[key] = true
			ss, err := r.Client.SchemaByVersion(ctx, ref.Subject, ref.Version)
			if err != nil {
				return fmt.Errorf("reference %s (subject %s version %d): %w", ref.Name, ref.Subject, ref.Version, err)
			}
			if err := walk(ss.References, depth+1); err != nil {
				return err
			}
			out = append(out, refSchema{name: ref.Name, text: ss.Schema.Schema})
		}
		return nil
	}
	return out, walk(s.References, 0)
}
