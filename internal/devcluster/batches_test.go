package devcluster

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// A batch small on the wire that decompresses to a GiB (a compression bomb)
// is refused with MESSAGE_TOO_LARGE and the limit, without kafka dev
// unpacking it whole or storing it.
func TestDevRefusesDecompressionBombs(t *testing.T) {
	c, cl, adm, _ := startPolicyCluster(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	created, err := adm.CreateTopic(ctx, 1, 1, nil, "bomb")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		codec kgo.CompressionCodecType
		size  int64
	}{
		{"zstd", kgo.CodecZstd, 1 << 30},
		{"gzip", kgo.CodecGzip, 1 << 30},
	} {
		t.Run(tc.name, func(t *testing.T) {
			batch := bombBatch(t, tc.codec, tc.size)
			t.Logf("%s bomb: %d bytes on the wire, %d decompressed", tc.name, len(batch), tc.size)
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			req := kmsg.NewPtrProduceRequest()
			req.Acks, req.TimeoutMillis = -1, 10_000
			rt := kmsg.NewProduceRequestTopic()
			rt.Topic, rt.TopicID = "bomb", created.ID // newer versions name it by ID
			rp := kmsg.NewProduceRequestTopicPartition()
			rp.Records = batch
			rt.Partitions = append(rt.Partitions, rp)
			req.Topics = append(req.Topics, rt)
			resp, err := req.RequestWith(ctx, cl)
			if err != nil {
				t.Fatal(err)
			}
			runtime.ReadMemStats(&after)
			got := resp.Topics[0].Partitions[0]
			msg := ""
			if got.ErrorMessage != nil {
				msg = *got.ErrorMessage
			}
			if err := kerr.ErrorForCode(got.ErrorCode); !errors.Is(err, kerr.MessageTooLarge) || !strings.Contains(msg, "at most 8388608 bytes decompressed") {
				t.Fatalf("a %s bomb: %v (%q), want MESSAGE_TOO_LARGE with the limit", tc.name, err, msg)
			}
			// The test process holds the cluster: what refusing cost shows
			// in its total allocation.
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 128<<20 {
				t.Errorf("refusing the %s bomb allocated %d MiB", tc.name, grew>>20)
			}
			if hw := c.PartitionInfo("bomb", 0).HighWatermark; hw != 0 {
				t.Errorf("the bomb was stored: high watermark %d", hw)
			}
		})
	}
	// An ordinary compressed batch still goes through.
	zcl, err := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...), kgo.ProducerBatchCompression(kgo.ZstdCompression()))
	if err != nil {
		t.Fatal(err)
	}
	defer zcl.Close()
	if err := zcl.ProduceSync(ctx, &kgo.Record{Topic: "bomb", Value: bytes.Repeat([]byte("x"), 512<<10)}).FirstErr(); err != nil {
		t.Fatalf("a 512 KiB zstd record: %v", err)
	}
}

// bombBatch is a record batch of one record whose value is size zero
// bytes. Both codecs decode concatenated frames as one stream, so the
// value is one compressed chunk of zeros repeated: cheap to build, and the
// test never holds it decompressed either.
func bombBatch(t *testing.T, codec kgo.CompressionCodecType, size int64) []byte {
	t.Helper()
	const chunk = 4 << 20
	size -= size % chunk
	var body []byte
	body = append(body, 0)                 // attributes
	body = binary.AppendVarint(body, 0)    // timestamp delta
	body = binary.AppendVarint(body, 0)    // offset delta
	body = binary.AppendVarint(body, -1)   // null key
	body = binary.AppendVarint(body, size) // value length
	tail := binary.AppendVarint(nil, 0)    // no headers
	head := binary.AppendVarint(nil, int64(len(body))+size+int64(len(tail)))

	compress := func(b []byte) []byte {
		var out bytes.Buffer
		var w io.WriteCloser
		switch codec {
		case kgo.CodecZstd:
			zw, err := zstd.NewWriter(&out, zstd.WithEncoderLevel(zstd.SpeedFastest))
			if err != nil {
				t.Fatal(err)
			}
			w = zw
		default:
			w = gzip.NewWriter(&out)
		}
		w.Write(b)
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	compressed := compress(append(head, body...))
	zeros := compress(make([]byte, chunk))
	for range size / chunk {
		compressed = append(compressed, zeros...)
	}
	compressed = append(compressed, compress(tail)...)

	now := time.Now().UnixMilli()
	b := kmsg.RecordBatch{
		Magic: 2, Attributes: int16(codec), FirstTimestamp: now, MaxTimestamp: now,
		ProducerID: -1, ProducerEpoch: -1, FirstSequence: -1, NumRecords: 1, Records: compressed,
	}
	raw := b.AppendTo(nil)
	binary.BigEndian.PutUint32(raw[8:12], uint32(len(raw)-12))
	binary.BigEndian.PutUint32(raw[17:21], crc32.Checksum(raw[21:], crc32.MakeTable(crc32.Castagnoli)))
	return raw
}
