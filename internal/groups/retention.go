package groups

import (
	"context"
	"strconv"

	"github.com/twmb/franz-go/pkg/kadm"

	"github.com/kafka-cli/kafka/internal/topics"
)

// Retention is a topic's retention.ms and retention.bytes; -1 is
// unlimited (or unknown). Size is each partition's size on its leader, in
// bytes, which retention.bytes limits; absent when unknown.
type Retention struct {
	Ms, Bytes int64
	Size      map[int32]int64
}

// Retentions reads the retention of g's topics and their partitions'
// sizes: one DescribeConfigs, one metadata request and one DescribeLogDirs
// per broker. A failure leaves the limits or sizes unknown rather than
// failing the command: they only feed an estimate.
func Retentions(ctx context.Context, adm *kadm.Client, g *Group) map[string]Retention {
	out := map[string]Retention{}
	if len(g.Topics) == 0 {
		return out
	}
	sums, _, err := topics.Describe(ctx, adm, topics.Options{Configs: true, Sizes: true}, g.Topics...)
	if err != nil {
		return out
	}
	for _, s := range sums {
		r := Retention{Ms: -1, Bytes: -1, Size: map[int32]int64{}}
		for _, c := range s.Configs {
			n, err := strconv.ParseInt(c.MaybeValue(), 10, 64)
			if err != nil {
				continue
			}
			switch c.Key {
			case "retention.ms":
				r.Ms = n
			case "retention.bytes":
				r.Bytes = n
			}
		}
		for _, p := range s.Partitions {
			// DescribeLogDirs denied or unanswered leaves 0: unknown.
			if p.Err == nil && p.SizeBytes > 0 {
				r.Size[p.Partition] = p.SizeBytes
			}
		}
		out[s.Name] = r
	}
	return out
}
