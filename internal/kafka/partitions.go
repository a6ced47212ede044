package kafka

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

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
		for p := a; p <= b; p++ {
			out = append(out, int32(p))
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}
