package devcluster

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sync"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// refuseLargeBatches answers a produce request that carries a batch over
// MaxBatchBytes, on the wire or decompressed: that batch gets
// MESSAGE_TOO_LARGE with the limit, the request's other batches
// POLICY_VIOLATION, since kfake takes a request whole. Other requests go
// on to kfake.
func refuseLargeBatches(req *kmsg.ProduceRequest) (kmsg.Response, error, bool) {
	why := map[*kmsg.ProduceRequestTopicPartition]string{}
	for ti := range req.Topics {
		for pi := range req.Topics[ti].Partitions {
			p := &req.Topics[ti].Partitions[pi]
			if msg, over := overLimit(p.Records); over {
				why[p] = msg
			}
		}
	}
	if len(why) == 0 {
		return nil, nil, false
	}
	if req.Acks == 0 {
		return nil, nil, true // such a producer reads no answer
	}
	resp := req.ResponseKind().(*kmsg.ProduceResponse)
	resp.Version = req.Version
	for ti := range req.Topics {
		t := &req.Topics[ti]
		rt := kmsg.NewProduceResponseTopic()
		rt.Topic, rt.TopicID = t.Topic, t.TopicID
		for pi := range t.Partitions {
			p := &t.Partitions[pi]
			rp := kmsg.NewProduceResponseTopicPartition()
			rp.Partition = p.Partition
			msg := "not written: another batch in the request was over kafka dev's limit"
			rp.ErrorCode = kerr.PolicyViolation.Code
			if m, ok := why[p]; ok {
				msg = m
				rp.ErrorCode = kerr.MessageTooLarge.Code
			}
			rp.ErrorMessage = &msg
			rt.Partitions = append(rt.Partitions, rp)
		}
		resp.Topics = append(resp.Topics, rt)
	}
	return resp, nil, true
}

// boundedDecompressor decompresses at most MaxBatchBytes of a batch. kfake
// decompresses stored batches whole (for ListOffsets by time and for
// compaction) with no bound of its own, so a batch a few KiB on the wire
// that unpacks to GiBs (a zstd or gzip bomb) must not be stored. kgo
// builds its decompressor with the client's MaxDecompressBatchBytes; a
// client that never dials is the way to one.
var boundedDecompressor = sync.OnceValue(func() kgo.Decompressor {
	cl, err := kgo.NewClient(kgo.MaxDecompressBatchBytes(MaxBatchBytes))
	if err != nil {
		panic(err) // the options are constant and valid
	}
	defer cl.Close()
	return cl.OptValue(kgo.WithDecompressor).(kgo.Decompressor)
})

// overLimit says why records, a partition's record batches as produced,
// are over MaxBatchBytes, whether as they came or decompressed. Batches it
// cannot parse go on to kfake, which answers them as corrupt.
func overLimit(records []byte) (string, bool) {
	if len(records) > MaxBatchBytes {
		return fmt.Sprintf("kafka dev stores record batches of at most %d bytes, not %d", MaxBatchBytes, len(records)), true
	}
	for len(records) >= 12 {
		size := 12 + int(int32(binary.BigEndian.Uint32(records[8:12])))
		if size < 12 || size > len(records) {
			return "", false
		}
		var b kmsg.RecordBatch
		if b.ReadFrom(records[:size]) != nil {
			return "", false
		}
		records = records[size:]
		codec := kgo.CompressionCodecType(b.Attributes & 0x0007)
		if codec == kgo.CodecNone {
			continue
		}
		if _, err := boundedDecompressor().Decompress(b.Records, codec); errors.Is(err, kgo.ErrMaxDecompress) {
			return fmt.Sprintf("kafka dev stores record batches of at most %d bytes decompressed; this %d-byte %s batch decompresses to more",
				MaxBatchBytes, size, codecName(codec)), true
		}
	}
	return "", false
}

func codecName(c kgo.CompressionCodecType) string {
	switch c {
	case kgo.CodecGzip:
		return "gzip"
	case kgo.CodecSnappy:
		return "snappy"
	case kgo.CodecLz4:
		return "lz4"
	case kgo.CodecZstd:
		return "zstd"
	}
	return "compressed"
}
