package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hamba/avro/v2"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sr"

	"github.com/kafka-cli/kafka/internal/devcluster"
)

// routerSchema is the router lines' Avro schema, field for field.
const routerSchema = `{"type":"record","name":"RouterLine","namespace":"bench","fields":[
 {"name":"at","type":"string"},{"name":"method","type":"string"},{"name":"path","type":"string"},
 {"name":"host","type":"string"},{"name":"request_id","type":"string"},{"name":"fwd","type":"string"},
 {"name":"dyno","type":"string"},{"name":"connect","type":"string"},{"name":"service","type":"string"},
 {"name":"status","type":"int"},{"name":"bytes","type":"int"},{"name":"protocol","type":"string"}]}`

type routerRecord struct {
	At        string `avro:"at" json:"at"`
	Method    string `avro:"method" json:"method"`
	Path      string `avro:"path" json:"path"`
	Host      string `avro:"host" json:"host"`
	RequestID string `avro:"request_id" json:"request_id"`
	Fwd       string `avro:"fwd" json:"fwd"`
	Dyno      string `avro:"dyno" json:"dyno"`
	Connect   string `avro:"connect" json:"connect"`
	Service   string `avro:"service" json:"service"`
	Status    int    `avro:"status" json:"status"`
	Bytes     int    `avro:"bytes" json:"bytes"`
	Protocol  string `avro:"protocol" json:"protocol"`
}

// benchSchema loads the same router lines twice, as JSON text and Avro in
// the registry's wire format, and times tail --json over each.
func benchSchema(c *config) (string, error) {
	cl, err := startCluster(c, 3)
	if err != nil {
		return "", err
	}
	defer cl.stop()
	for _, t := range []string{"json", "avro"} {
		if err := createTopic(cl, t, 8); err != nil {
			return "", err
		}
	}
	load := time.Now()
	if err := loadSchemaTopics(cl, c.records); err != nil {
		return "", err
	}
	fmt.Fprintf(os.Stderr, "loaded %d records twice in %s\n", c.records, time.Since(load).Round(time.Millisecond))
	settle("loading")

	b := strings.Join(cl.brokers, ",")
	readers := []command{
		{"`kafka tail json --json` (JSON text)", []string{c.kafka, "-b", b, "tail", "json", "--from", "beginning", "--no-follow", "--json"}},
		{"`kafka tail avro --json` (Avro, decoded)", []string{c.kafka, "-b", b, "--schema-registry", cl.registry, "tail", "avro", "--from", "beginning", "--no-follow", "--json"}},
	}
	results, err := alternate("schema", c.runs, readers)
	if err != nil {
		return "", err
	}
	var out strings.Builder
	fmt.Fprintf(&out, "## schema: tail --json over %s small Avro records vs the same as JSON text (8 partitions) to /dev/null\n\n", fmtCount(c.records))
	ratioTable(&out, "reader", "JSON text", readers, results)
	out.WriteString("\nCPU is the client's (user + system), not the broker's. " + othersNote + " Target: Avro ≤ 2× JSON text, peak RSS ≤ 64 MiB.\n")
	return out.String(), nil
}

// loadSchemaTopics registers the schema with kafka dev's registry and
// writes n router lines to json as text and to avro encoded.
func loadSchemaTopics(cl *cluster, n int) error {
	ctx := context.Background()
	rc, err := sr.NewClient(sr.URLs(cl.registry), sr.HTTPClient(&http.Client{Timeout: 10 * time.Second}))
	if err != nil {
		return err
	}
	ss, err := rc.CreateSchema(ctx, "avro-value", sr.Schema{Schema: routerSchema, Type: sr.TypeAvro})
	if err != nil {
		return fmt.Errorf("registering the schema: %w", err)
	}
	schema := avro.MustParse(routerSchema)
	p, err := kgo.NewClient(kgo.SeedBrokers(cl.brokers...))
	if err != nil {
		return err
	}
	defer p.Close()
	var failed atomic.Int64
	done := func(_ *kgo.Record, err error) {
		if err != nil {
			failed.Add(1)
		}
	}
	var header sr.ConfluentHeader
	r := rand.New(rand.NewPCG(1, 2))
	for range n {
		line, err := json.Marshal(devcluster.NewRouterLine(r))
		if err != nil {
			return err
		}
		var rec routerRecord
		if err := json.Unmarshal(line, &rec); err != nil {
			return err
		}
		v, err := header.AppendEncode(nil, ss.ID, nil)
		if err != nil {
			return err
		}
		payload, err := avro.Marshal(schema, rec)
		if err != nil {
			return err
		}
		p.Produce(ctx, &kgo.Record{Topic: "json", Value: line}, done)
		p.Produce(ctx, &kgo.Record{Topic: "avro", Value: append(v, payload...)}, done)
	}
	if err := p.Flush(ctx); err != nil {
		return err
	}
	if f := failed.Load(); f > 0 {
		return fmt.Errorf("%d records failed", f)
	}
	return nil
}
