package kafka

import (
	"strings"
	"testing"
)

// A huge range is refused before it is expanded: it used to allocate one
// int32 per partition and run out of memory.
func TestParsePartitionsCapsRanges(t *testing.T) {
	for _, s := range []string{"0-2000000000", "5,0-100000", "2147483647"} {
		allocs := testing.AllocsPerRun(1, func() {
			if _, err := ParsePartitions(s); err == nil || !strings.Contains(err.Error(), "99999") {
				t.Errorf("ParsePartitions(%q) = %v, want an error naming the limit", s, err)
			}
		})
		if allocs > 20 {
			t.Errorf("ParsePartitions(%q) made %v allocations", s, allocs)
		}
	}
	got, err := ParsePartitions("3,0-2,99998-99999")
	if err != nil || len(got) != 6 || got[5] != MaxPartition {
		t.Errorf("ParsePartitions within the cap = %v, %v", got, err)
	}
}
