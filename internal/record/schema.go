package record

import "context"

// Schema says how a key or value was decoded from the registry's wire
// format; the zero value means it was not.
type Schema struct {
	ID     int
	Format string // "avro", "protobuf" or "json"
}

// Schemas is what tail attaches to a decoded record.
type Schemas struct{ Key, Value Schema }

type schemasKey struct{}

// WithSchemas attaches s to a record's context.
func WithSchemas(ctx context.Context, s *Schemas) context.Context {
	if ctx == nil {
		ctx = context.Background()
	}
	return context.WithValue(ctx, schemasKey{}, s)
}

// SchemasOf returns what WithSchemas attached, or nil.
func SchemasOf(ctx context.Context) *Schemas {
	if ctx == nil {
		return nil
	}
	s, _ := ctx.Value(schemasKey{}).(*Schemas)
	return s
}
