package kafka

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/kafka-cli/kafka/internal/clierr"
)

// PartitionCeiling is the most partitions create and partitions give a
// topic without --force: far more than a topic needs (Kafka advises a few
// thousand per broker), and a typo such as 100000000 would exhaust a small
// cluster or kafka dev.
const PartitionCeiling = 10_000

// MaxPartition is the highest partition number a partition list may name.
// No topic comes near it (Kafka advises well under 100,000 partitions per
// cluster), and the cap keeps a range such as 0-2000000000 from being
// expanded into gigabytes before any topic is looked at.
const MaxPartition = 99_999

// MissingPartition is the error for a partition a topic does not have,
// wherever one is named (tail -p, write --partition, consumer-groups reset
// --partition): a not-found, exit 3, as a missing topic is, since only the
// cluster can tell. topic is the name as the user typed it.
func MissingPartition(topic string, p int32, count int) error {
	if count == 0 {
		return clierr.NotFoundf("topic %q has no partition %d (it has no partitions)", topic, p)
	}
	return clierr.NotFoundf("topic %q has no partition %d (it has %d, 0-%d)", topic, p, count, count-1)
}

// ParsePartitions reads a partition list such as "0,2,5-7" (tail -p,
// consumer-groups reset --partition) into sorted partition numbers, each
// once.
func ParsePartitions(s string) ([]int32, error) {
	var out []int32
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		lo, hi, isRange := strings.Cut(f, "-")
		a, err1 := strconv.ParseInt(lo, 10, 32)
		b := a
		var err2 error
		if isRange {
			b, err2 = strconv.ParseInt(hi, 10, 32)
		}
		if f == "" || err1 != nil || err2 != nil || a < 0 || b < a {
			return nil, fmt.Errorf("invalid partition list %q: use numbers and ranges such as 0,2,5-7", s)
		}
		if b > MaxPartition {
			return nil, fmt.Errorf("partition %d in %q is beyond any topic: partition numbers go up to %d at most", b, s, MaxPartition)
		}
		for p := a; p <= b; p++ {
			out = append(out, int32(p))
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}
