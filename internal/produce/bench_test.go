package produce

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

// benchLines is stdin as 'kafka write' sees it: JSON lines of about 200
// bytes, like Heroku router logs.
func benchLines(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, `{"at":"info","method":"GET","path":"/api/v1/items/%d?page=2","host":"app.example.com","request_id":"%08x-1b2c-4d5e-8f90-a1b2c3d4e5f6","fwd":"203.0.113.7","dyno":"web.%d","connect":1,"service":%d,"status":200,"bytes":%d}`+"\n",
			i, i, i%8+1, i%97, 1000+i%5000)
	}
	return b.Bytes()
}

// BenchmarkWrite compares Writer (what 'kafka write' runs) with a bare
// franz-go async producer reading the same lines, against an in-process
// kfake with 8 partitions. Both use franz-go's defaults otherwise (snappy,
// acks=all, idempotence). Run:
//
//	go test ./internal/produce -run '^$' -bench Write -benchtime 3x
func BenchmarkWrite(b *testing.B) {
	const n = 200_000
	input := benchLines(n)
	b.Run("bare-franz-go", func(b *testing.B) {
		benchProduce(b, input, n, nil, func(ctx context.Context, cl *kgo.Client) {
			var failed atomic.Int64
			sc := bufio.NewScanner(bytes.NewReader(input))
			for sc.Scan() {
				v := append([]byte(nil), sc.Bytes()...)
				cl.Produce(ctx, &kgo.Record{Topic: "bench", Value: v}, func(_ *kgo.Record, err error) {
					if err != nil {
						failed.Add(1)
					}
				})
			}
			if err := cl.Flush(ctx); err != nil || failed.Load() > 0 {
				b.Fatalf("flush: %v, %d failed", err, failed.Load())
			}
		})
	})
	b.Run("kafka-write", func(b *testing.B) {
		mm, _ := Hasher(Murmur2)
		benchProduce(b, input, n, []kgo.Opt{kgo.RecordPartitioner(NewPartitioner(mm, false))}, func(ctx context.Context, cl *kgo.Client) {
			w := NewWriter(cl, Options{Topic: "bench", Partition: -1, MaxMessageBytes: DefaultMaxMessageBytes, Timeout: 30 * time.Second})
			if err := w.ReadFrom(ctx, ctx, bytes.NewReader(input), DefaultMaxMessageBytes); err != nil {
				b.Fatal(err)
			}
			w.Flush(ctx)
			if res := w.Result(); res.Failed > 0 || res.Written != n {
				b.Fatalf("wrote %d, failed %d: %v", res.Written, res.Failed, res.Err)
			}
		})
	})
}

func benchProduce(b *testing.B, input []byte, n int, opts []kgo.Opt, produce func(context.Context, *kgo.Client)) {
	var elapsed time.Duration
	for range b.N {
		b.StopTimer()
		c := kafkatest.NewCluster(b, kfake.SeedTopics(8, "bench"))
		cl := kafkatest.Client(b, c, opts...)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		b.StartTimer()
		start := time.Now()
		produce(ctx, cl)
		elapsed += time.Since(start)
		b.StopTimer()
		cancel()
		cl.Close()
		c.Close()
	}
	b.ReportMetric(float64(n*b.N)/elapsed.Seconds(), "records/s")
	b.SetBytes(int64(len(input)))
}
