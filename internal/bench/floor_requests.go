package main

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// floorRequests times each request of list's floor on its own, in one
// process, so the scale table's floor row can be split into what each
// column costs the broker. It prints one "name<TAB>median" line per request.
func floorRequests(brokers []string, runs int) error {
	cl, err := kgo.NewClient(kgo.SeedBrokers(brokers...))
	if err != nil {
		return err
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	p, err := planFloor(ctx, cl)
	if err != nil {
		return err
	}
	held := map[int32]map[string][]int32{}
	for leader, parts := range p.byLeader {
		ends, err := listOffsets(ctx, cl.Broker(int(leader)), parts, -1)
		if err != nil {
			return err
		}
		held[leader] = heldPartitions(ends)
	}
	perLeader := func(parts map[int32]map[string][]int32, do func(*kgo.Broker, map[string][]int32) error) func() error {
		return func() error {
			var g errGroup
			for leader, ps := range parts {
				g.Go(func() error { return do(cl.Broker(int(leader)), ps) })
			}
			return g.Wait()
		}
	}
	steps := []struct {
		name string
		do   func() error
	}{
		{"Metadata, every topic (one broker)", func() error {
			_, err := kmsg.NewPtrMetadataRequest().RequestWith(ctx, cl.Broker(p.first))
			return err
		}},
		{"DescribeConfigs, list's two configs of every topic", func() error {
			_, err := p.configs.RequestWith(ctx, cl)
			return err
		}},
		{"ListOffsets, end offsets, every leader at once", perLeader(p.byLeader, func(b *kgo.Broker, ps map[string][]int32) error {
			_, err := listOffsets(ctx, b, ps, -1)
			return err
		})},
		{"ListOffsets, start offsets of the partitions that hold something", perLeader(held, func(b *kgo.Broker, ps map[string][]int32) error {
			_, err := listOffsets(ctx, b, ps, -2)
			return err
		})},
		{"DescribeLogDirs, the partitions that hold something", perLeader(held, func(b *kgo.Broker, ps map[string][]int32) error {
			_, err := logDirs(ctx, b, ps)
			return err
		})},
		{"all of them as list sends them (the floor, in process)", func() error { return sendFloor(ctx, cl) }},
	}
	for _, s := range steps {
		var times []time.Duration
		for range runs {
			start := time.Now()
			if err := s.do(); err != nil {
				return fmt.Errorf("%s: %w", s.name, err)
			}
			times = append(times, time.Since(start))
		}
		slices.Sort(times)
		fmt.Printf("%s\t%s\n", s.name, times[len(times)/2])
	}
	return nil
}

// errGroup runs functions at once and keeps the first error.
type errGroup struct {
	wg    sync.WaitGroup
	mu    sync.Mutex
	first error
}

func (g *errGroup) Go(f func() error) {
	g.wg.Go(func() {
		if err := f(); err != nil {
			g.mu.Lock()
			if g.first == nil {
				g.first = err
			}
			g.mu.Unlock()
		}
	})
}

func (g *errGroup) Wait() error {
	g.wg.Wait()
	return g.first
}
