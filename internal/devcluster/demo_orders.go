package devcluster

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/hamba/avro/v2"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sr"
)

// The Avro half of the demo: orders, encoded with a registered schema in
// the registry's wire format, so that a tail shows them decoded.
const (
	DemoOrdersTopic      = "orders"
	DemoOrdersSubject    = DemoOrdersTopic + "-value"
	DemoOrdersPartitions = 3
	// DemoOrdersRate is orders per second: slow enough to read a tail.
	DemoOrdersRate = 5
)

// DemoOrderSchema is the Avro schema of the orders topic's values.
const DemoOrderSchema = `{
  "type": "record",
  "name": "Order",
  "namespace": "demo",
  "doc": "An order placed in the demo shop.",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "customer", "type": "string"},
    {"name": "items", "type": "int"},
    {"name": "total_cents", "type": "long"},
    {"name": "currency", "type": "string"},
    {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["PLACED", "PAID", "SHIPPED"]}},
    {"name": "coupon", "type": ["null", "string"], "default": null}
  ]
}`

// DemoOrder is one orders value.
type DemoOrder struct {
	ID         string  `avro:"id"`
	Customer   string  `avro:"customer"`
	Items      int     `avro:"items"`
	TotalCents int64   `avro:"total_cents"`
	Currency   string  `avro:"currency"`
	Status     string  `avro:"status"`
	Coupon     *string `avro:"coupon"`
}

// produceOrders registers the orders schema (an earlier run's registration
// is found again, with its ID) and writes orders until ctx ends.
func produceOrders(ctx context.Context, brokers []string, registryURL string) error {
	if err := createTopic(ctx, brokers, DemoOrdersTopic, DemoOrdersPartitions); err != nil {
		return err
	}
	rcl, err := sr.NewClient(sr.URLs(registryURL), sr.HTTPClient(&http.Client{Timeout: 10 * time.Second}))
	if err != nil {
		return err
	}
	rctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	ss, err := rcl.CreateSchema(rctx, DemoOrdersSubject, sr.Schema{Schema: DemoOrderSchema, Type: sr.TypeAvro})
	cancel()
	if err != nil {
		return fmt.Errorf("registering the %s schema: %w", DemoOrdersSubject, err)
	}
	schema, err := avro.Parse(DemoOrderSchema)
	if err != nil {
		return err
	}
	cl, err := kgo.NewClient(
		kgo.SeedBrokers(brokers...),
		kgo.DefaultProduceTopic(DemoOrdersTopic),
		kgo.ClientID("kafka-dev-demo-orders"),
	)
	if err != nil {
		return err
	}
	defer cl.Close()
	var header sr.ConfluentHeader
	rng := rand.New(rand.NewPCG(3, 4))
	seq := time.Now().Unix() % 100000 * 1000
	var failed error
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	paced(ctx, DemoOrdersRate, func(n int) {
		for range n {
			seq++
			o := demoOrder(rng, seq)
			b, err := header.AppendEncode(nil, ss.ID, nil)
			if err == nil {
				var payload []byte
				payload, err = avro.Marshal(schema, o)
				b = append(b, payload...)
			}
			if err != nil {
				failed = err
				stop()
				return
			}
			cl.Produce(ctx, &kgo.Record{Key: []byte(o.ID), Value: b}, nil)
		}
	})
	return failed
}

var (
	demoCustomers = []string{"ada", "grace", "linus", "barbara", "ken", "margaret", "dennis", "frances"}
	demoStatuses  = []string{"PLACED", "PLACED", "PAID", "SHIPPED"}
	demoCoupon    = "WELCOME10"
)

func demoOrder(rng *rand.Rand, seq int64) DemoOrder {
	o := DemoOrder{
		ID:         fmt.Sprintf("ord-%08d", seq),
		Customer:   demoCustomers[rng.IntN(len(demoCustomers))],
		Items:      1 + rng.IntN(5),
		Currency:   "USD",
		Status:     demoStatuses[rng.IntN(len(demoStatuses))],
		TotalCents: int64(499 + rng.IntN(20000)),
	}
	if rng.IntN(5) == 0 {
		o.Coupon = &demoCoupon
	}
	return o
}

// createTopic creates a demo topic; one kept by a persisted cluster from an
// earlier run is fine.
func createTopic(ctx context.Context, brokers []string, topic string, partitions int32) error {
	adm, err := kadm.NewOptClient(kgo.SeedBrokers(brokers...))
	if err != nil {
		return err
	}
	defer adm.Close()
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	retention := fmt.Sprint(demoRetentionMs)
	resp, err := adm.CreateTopic(ctx, partitions, -1, map[string]*string{"retention.ms": &retention}, topic)
	if err == nil {
		err = resp.Err
	}
	if errors.Is(err, kerr.TopicAlreadyExists) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("creating demo topic %s: %w", topic, err)
	}
	return nil
}
