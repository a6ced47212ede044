package kafka

import (
	"fmt"
	"testing"

	"github.com/kafka-cli/kafka/internal/kafkatest"
)

func FuzzParsePartitions(f *testing.F) {
	for _, s := range []string{"0", "0,2,5-7", "0-2000000000", "7-3", "-1", ",", "1,,2", " 3 ", "99999", "100000", "0-99999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// A list names at most MaxPartition+1 partitions (400 KB), grown by
		// doubling.
		kafkatest.AllocBound(t, kafkatest.InputBound(len(s))+16*(MaxPartition+1), fmt.Sprintf("ParsePartitions(%q)", s), func() {
			ps, err := ParsePartitions(s)
			if err != nil {
				return
			}
			for i, p := range ps {
				if p < 0 || p > MaxPartition || (i > 0 && p <= ps[i-1]) {
					t.Fatalf("ParsePartitions(%q) = %v: out of range or not sorted and unique", s, ps)
				}
			}
		})
	})
}
