package cmd

import (
	"context"
	"fmt"

	"github.com/kafka-cli/kafka/internal/clierr"
	"github.com/kafka-cli/kafka/internal/devcluster"
	"github.com/kafka-cli/kafka/internal/devregistry"
	"github.com/kafka-cli/kafka/internal/kafka"
	"github.com/kafka-cli/kafka/internal/tui"
)

// demoOptions is the demo workload --demo runs, stalled from the start
// with --demo-stall, with its orders schema registered at registryURL.
func demoOptions(o *devOptions, registryURL string) devcluster.DemoOptions {
	ctl := &devcluster.DemoControl{}
	ctl.SetStalled(o.DemoStall)
	return devcluster.DemoOptions{Rate: o.DemoRate, Control: ctl, RegistryURL: registryURL}
}

// demoLine says what the demo does, for the banner.
func demoLine(o *devOptions) string {
	s := fmt.Sprintf("Demo: %s gets %d messages/s; group %s reads %s messages/s, so its lag grows; group %s keeps up",
		devcluster.DemoTopic, o.DemoRate, devcluster.DemoGroup, halfRate(o.DemoRate), devcluster.DemoAuditGroup)
	if o.DemoStall {
		s += " but for one stalled member"
	}
	return fmt.Sprintf("%s.\n      %s gets %d Avro-encoded orders/s, with schema %s.", s,
		devcluster.DemoOrdersTopic, devcluster.DemoOrdersRate, devcluster.DemoOrdersSubject)
}

// runDevTop runs the demo on the started cluster c and shows it in kafka
// top in the foreground, until q, Ctrl-C or a demo failure.
func runDevTop(ctx context.Context, o *devOptions, c *devcluster.Cluster, reg *devregistry.Registry) error {
	defer c.Close()
	cfg := &kafka.Config{Brokers: c.ListenAddrs(), Source: "kafka dev"}
	var cl *kafka.Client
	defer func() {
		if cl != nil {
			cl.Close()
		}
	}()
	demo := demoOptions(o, reg.URL())
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	demoDone := make(chan error, 1)
	go func() { demoDone <- devcluster.RunDemo(ctx, c.ListenAddrs(), demo) }()
	if o.started != nil {
		o.started(c, reg)
	}
	ctl := demo.Control
	top := &topOptions{
		IO:       o.IO,
		Interval: defaultTopInterval,
		Client: func() (*kafka.Client, error) {
			var err error
			cl, err = kafka.NewClient(cfg, kafka.ClientOptions{Timeout: o.Timeout()})
			return cl, err
		},
		Note: "From another terminal: export KAFKA_URL=" + c.URL() + " " + registryEnv + "=" + reg.URL(),
		Actions: []tui.Action{{Key: "x", Help: "stall " + devcluster.DemoAuditGroup, Do: func() string {
			if ctl.Toggle() {
				return "audit-2 stalled: it reads and commits nothing but keeps its partitions; x resumes it"
			}
			return "audit-2 resumed"
		}}},
	}
	uiDone := make(chan error, 1)
	go func() { uiDone <- runTop(ctx, top) }()
	select {
	case err := <-uiDone:
		cancel()
		<-demoDone
		if err != nil {
			return err
		}
	case err := <-demoDone:
		failed := err != nil && ctx.Err() == nil
		cancel()
		<-uiDone
		if failed {
			return clierr.Failuref("dev cluster demo failed: %s", err)
		}
	}
	fmt.Fprintln(o.IO.Out, "Stopped.")
	return nil
}
