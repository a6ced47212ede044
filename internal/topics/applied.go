package topics

import (
	"context"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
)

// appliedWait bounds how long DescribeApplied waits for a change to show:
// a value the broker normalises never matches what was sent.
const appliedWait = 2 * time.Second

// DescribeApplied reads a topic's configs back after AlterConfigs with ops,
// until they show the change: a real broker applies an accepted change a
// moment later, and reading at once can show the old value. After
// appliedWait, or at ctx's deadline, it returns what the broker says then.
// A missing topic is ErrNotFound, as from DescribeConfigs.
func DescribeApplied(ctx context.Context, adm *kadm.Client, name string, ops []kadm.AlterConfig) (kadm.ResourceConfig, error) {
	wait, cancel := context.WithTimeout(ctx, appliedWait)
	defer cancel()
	for {
		rc, err := DescribeConfigs(ctx, adm, name)
		if err != nil || applied(rc.Configs, ops) {
			return rc, err
		}
		select {
		case <-wait.Done():
			return rc, nil
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// applied reports whether configs show every op: a set key has the value
// sent (or a hidden one), an unset key is no longer set on the topic.
func applied(configs []kadm.Config, ops []kadm.AlterConfig) bool {
	byKey := make(map[string]kadm.Config, len(configs))
	for _, c := range configs {
		byKey[c.Key] = c
	}
	for _, op := range ops {
		c, ok := byKey[op.Name]
		switch op.Op {
		case kadm.SetConfig:
			if !ok || (c.Value != nil && op.Value != nil && *c.Value != *op.Value) {
				return false
			}
		case kadm.DeleteConfig:
			if c.Source.String() == "DYNAMIC_TOPIC_CONFIG" {
				return false
			}
		}
	}
	return true
}
