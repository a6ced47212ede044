package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// floorMain runs a bare franz-go client: the floor the broker sets, with no
// formatting or output work. Usage:
//
//	bench floor-consume BROKERS TOPIC
//	bench floor-produce BROKERS TOPIC FILE [keyed] [none] (keyed: keys user-0…user-999; none: no compression, else snappy)
//	bench floor-seed BROKERS TOPICS [TIMEOUT] (one record to each of topic-00000…)
//	bench floor-list BROKERS
//	bench floor-requests BROKERS (each of floor-list's requests alone, timed)
func floorMain(mode string, args []string) error {
	if mode == "floor-list" && len(args) == 1 {
		return floorList(strings.Split(args[0], ","))
	}
	if mode == "floor-requests" && len(args) == 1 {
		return floorRequests(strings.Split(args[0], ","), 7)
	}
	if len(args) < 2 {
		return fmt.Errorf("usage: %s BROKERS TOPIC [FILE]", mode)
	}
	brokers, topic := strings.Split(args[0], ","), args[1]
	switch mode {
	case "floor-consume":
		return floorConsume(brokers, topic)
	case "floor-seed":
		n, err := strconv.Atoi(args[1])
		if err != nil {
			return err
		}
		timeout := 5 * time.Minute
		if len(args) > 2 {
			if timeout, err = time.ParseDuration(args[2]); err != nil {
				return err
			}
		}
		return produceOnePerTopic(brokers, n, timeout)
	case "floor-produce":
		if len(args) < 3 {
			return fmt.Errorf("floor-produce needs a file")
		}
		return floorProduce(brokers, topic, args[2], slices.Contains(args[3:], "keyed"), !slices.Contains(args[3:], "none"))
	}
	return fmt.Errorf("unknown mode %s", mode)
}

// floorConsume reads every partition from the start to the end offsets as
// they stood at start, and discards the records.
func floorConsume(brokers []string, topic string) error {
	ctx := context.Background()
	adm, err := (&cluster{brokers: brokers}).admin()
	if err != nil {
		return err
	}
	ends, err := adm.ListEndOffsets(ctx, topic)
	adm.Close()
	if err != nil {
		return err
	}
	remaining := 0
	offsets := map[int32]kgo.Offset{}
	want := map[int32]int64{}
	ends.Each(func(o kadm.ListedOffset) {
		if o.Offset > 0 {
			remaining++
			want[o.Partition] = o.Offset
			offsets[o.Partition] = kgo.NewOffset().AtStart()
		}
	})
	cl, err := kgo.NewClient(kgo.SeedBrokers(brokers...),
		kgo.ConsumePartitions(map[string]map[int32]kgo.Offset{topic: offsets}))
	if err != nil {
		return err
	}
	defer cl.Close()
	for remaining > 0 {
		fs := cl.PollFetches(ctx)
		if err := fs.Err0(); err != nil {
			return err
		}
		fs.EachPartition(func(p kgo.FetchTopicPartition) {
			if n := len(p.Records); n > 0 && want[p.Partition] > 0 && p.Records[n-1].Offset+1 >= want[p.Partition] {
				want[p.Partition] = 0
				remaining--
			}
		})
	}
	return nil
}

// floorProduce writes each line of file as a record, asynchronously, with
// franz-go's defaults (acks=all, idempotent, sticky batches), compressed
// with snappy (franz-go's default) or not at all (kafka write's default).
func floorProduce(brokers []string, topic, file string, keyed, snappy bool) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	codec := kgo.SnappyCompression()
	if !snappy {
		codec = kgo.NoCompression()
	}
	cl, err := kgo.NewClient(kgo.SeedBrokers(brokers...), kgo.DefaultProduceTopic(topic), kgo.ProducerBatchCompression(codec))
	if err != nil {
		return err
	}
	defer cl.Close()
	var failed atomic.Int64
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	ctx := context.Background()
	for i := 0; sc.Scan(); i++ {
		rec := &kgo.Record{Value: append([]byte(nil), sc.Bytes()...)}
		if keyed {
			rec.Key = fmt.Appendf(nil, "user-%d", i%1000)
		}
		cl.Produce(ctx, rec, func(_ *kgo.Record, err error) {
			if err != nil {
				failed.Add(1)
			}
		})
	}
	if err := cl.Flush(ctx); err != nil {
		return err
	}
	if n := failed.Load(); n > 0 {
		return fmt.Errorf("%d records failed", n)
	}
	return sc.Err()
}
