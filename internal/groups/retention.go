package groups

import (
	"context"
	"strconv"

	"github.com/twmb/franz-go/pkg/kadm"
)

// Retention is a topic's retention.ms and retention.bytes; -1 is
// unlimited (or unknown).
type Retention struct {
	Ms, Bytes int64
}

// Retentions reads the retention of g's topics in one DescribeConfigs. A
// failure leaves the limits unknown rather than failing the command: they
// only feed an estimate.
func Retentions(ctx context.Context, adm *kadm.Client, g *Group) map[string]Retention {
	out := map[string]Retention{}
	if len(g.Topics) == 0 {
		return out
	}
	rcs, err := adm.DescribeTopicConfigs(ctx, g.Topics...)
	if err != nil {
		return out
	}
	for _, rc := range rcs {
		if rc.Err != nil {
			continue
		}
		r := Retention{Ms: -1, Bytes: -1}
		for _, c := range rc.Configs {
			if c.Value == nil {
				continue
			}
			n, err := strconv.ParseInt(*c.Value, 10, 64)
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
		out[rc.Name] = r
	}
	return out
}
