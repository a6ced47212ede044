package cmd

import (
	"context"
	"strconv"
	"strings"

	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kafka-cli/kafka/internal/output"
)

// subjectDetailView is one subject: its versions, level and one schema.
type subjectDetailView struct {
	Subject       string `json:"subject" doc:"subject name"`
	Versions      []int  `json:"versions" doc:"registered version numbers, oldest first"`
	Compatibility string `json:"compatibility" doc:"compatibility level in force for the subject, such as BACKWARD"`
	Version       int    `json:"version" doc:"version shown: the latest, or --version"`
	ID            int    `json:"id" doc:"schema ID of that version"`
	Type          string `json:"type" doc:"schema type: AVRO, PROTOBUF or JSON"`
	Schema        string `json:"schema" doc:"schema text of that version"`
}

func runSchemaSubject(ctx context.Context, opts *schemasOptions, subject string) error {
	reg, err := opts.Registry()
	if err != nil {
		return err
	}
	ctx, cancel := reg.Bound(ctx)
	defer cancel()
	versions, err := reg.Client.SubjectVersions(ctx, subject)
	if err != nil {
		return reg.Explain(err)
	}
	version := -1 // latest
	if opts.Version > 0 {
		version = opts.Version
	}
	ss, err := reg.Client.SchemaByVersion(ctx, subject, version)
	if err != nil {
		return reg.Explain(err)
	}
	v := subjectDetailView{Subject: subject, Versions: versions, Version: ss.Version, ID: ss.ID, Type: typeName(ss.Type), Schema: ss.Schema.Schema}
	// A subject without a level of its own follows the global one.
	if res := reg.Client.Compatibility(sr.WithParams(ctx, sr.DefaultToGlobal), subject); len(res) == 1 {
		if res[0].Err != nil {
			return reg.Explain(res[0].Err)
		}
		v.Compatibility = res[0].Level.String()
	}
	if opts.JSON {
		return output.JSON(opts.IO.Out, v)
	}
	vs := make([]string, len(versions))
	for i, n := range versions {
		vs[i] = strconv.Itoa(n)
	}
	output.Section(opts.IO.Out, opts.IO.ColorScheme(), subject, []output.Field{
		{Key: "Versions", Value: strings.Join(vs, ", ")},
		{Key: "Compatibility", Value: v.Compatibility},
		{Key: "Version", Value: strconv.Itoa(v.Version)},
		{Key: "ID", Value: strconv.Itoa(v.ID)},
		{Key: "Type", Value: v.Type},
	})
	_, err = opts.IO.Out.Write([]byte(v.Schema + "\n"))
	return err
}
