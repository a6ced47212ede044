package topicconfig

import (
	"strconv"
	"strings"

	"github.com/twmb/franz-go/pkg/kadm"
)

// KafkaDefaultRetentionMs is Kafka's shipped log.retention.ms (7 days). It
// is the retention restored when compaction is turned off on a topic whose
// time retention is unlimited and the broker's own default is unknown or
// itself unlimited: a topic must never be left growing without bound.
const KafkaDefaultRetentionMs int64 = 7 * 24 * 60 * 60 * 1000

// State is a topic's retention and cleanup settings, as described.
type State struct {
	RetentionMs int64 // negative means unlimited
	// RetentionOverride reports whether retention.ms is set on the topic
	// itself rather than inherited from the broker.
	RetentionOverride bool
	// DefaultRetentionMs is what retention.ms falls back to without the
	// topic override; 0 when the broker did not say.
	DefaultRetentionMs int64
	Policy             string // cleanup.policy as described, e.g. "delete"
}

// Compaction reports whether cleanup.policy includes compact.
func (s State) Compaction() bool { return hasPolicy(s.Policy, "compact") }

// StateOf reads the retention and cleanup settings from described configs.
func StateOf(cfgs []kadm.Config) State {
	s := State{RetentionMs: KafkaDefaultRetentionMs, Policy: "delete"}
	for _, c := range cfgs {
		switch c.Key {
		case "cleanup.policy":
			s.Policy = c.MaybeValue()
		case "retention.ms":
			if v, err := strconv.ParseInt(c.MaybeValue(), 10, 64); err == nil {
				s.RetentionMs = v
			}
			s.RetentionOverride = c.Source.String() == "DYNAMIC_TOPIC_CONFIG"
			if !s.RetentionOverride {
				s.DefaultRetentionMs = s.RetentionMs
			}
			for _, syn := range c.Synonyms {
				if syn.Source.String() == "DYNAMIC_TOPIC_CONFIG" || syn.Value == nil {
					continue
				}
				if v, err := strconv.ParseInt(*syn.Value, 10, 64); err == nil && s.DefaultRetentionMs == 0 {
					s.DefaultRetentionMs = v
				}
			}
		}
	}
	return s
}

// Plan is the set of config changes one command makes, and what they mean.
type Plan struct {
	Ops []kadm.AlterConfig
	// After is the state once Ops are applied.
	After State
}

// Changed reports whether the plan alters anything.
func (p Plan) Changed() bool { return len(p.Ops) > 0 }

// PlanRetention sets time retention (ms > 0) or disables it (ms < 0), with
// Heroku's semantics on a cluster that supports mixed cleanup policies:
// disabling retention turns compaction on (the topic would otherwise grow
// forever); a retention time keeps compaction as it was, giving
// "compact,delete" when it was on.
func PlanRetention(s State, ms int64) Plan {
	after := s
	after.RetentionMs = ms
	after.RetentionOverride = true
	switch {
	case ms < 0:
		after.Policy = "compact"
	case s.Compaction():
		after.Policy = "compact,delete"
	default:
		after.Policy = "delete"
	}
	return diff(s, after)
}

// PlanCompaction turns compaction on or off with Heroku's mixed-policy
// semantics. On: time retention is kept, so a topic with a retention time
// becomes "compact,delete" and one with unlimited retention "compact". Off:
// the policy becomes "delete", and a topic whose retention was unlimited
// gets a retention back (the broker's default, or Kafka's 7 days when that
// default is unknown or unlimited) so it does not grow without bound.
func PlanCompaction(s State, on bool) Plan {
	after := s
	switch {
	case on && s.RetentionMs >= 0:
		after.Policy = "compact,delete"
	case on:
		after.Policy = "compact"
	default:
		after.Policy = "delete"
		if s.RetentionMs < 0 {
			if s.RetentionOverride && s.DefaultRetentionMs > 0 {
				after.RetentionMs = s.DefaultRetentionMs
				after.RetentionOverride = false
			} else {
				after.RetentionMs = KafkaDefaultRetentionMs
				after.RetentionOverride = true
			}
		}
	}
	if on == s.Compaction() {
		// Already in the requested mode: leave a hand-set policy alone.
		after.Policy = s.Policy
	}
	return diff(s, after)
}

func diff(before, after State) Plan {
	p := Plan{After: after}
	if !samePolicy(before.Policy, after.Policy) {
		v := after.Policy
		p.Ops = append(p.Ops, kadm.AlterConfig{Op: kadm.SetConfig, Name: "cleanup.policy", Value: &v})
	} else {
		p.After.Policy = before.Policy
	}
	switch {
	case before.RetentionMs == after.RetentionMs && before.RetentionOverride == after.RetentionOverride:
	case !after.RetentionOverride:
		p.Ops = append(p.Ops, kadm.AlterConfig{Op: kadm.DeleteConfig, Name: "retention.ms"})
	case before.RetentionMs != after.RetentionMs:
		v := strconv.FormatInt(after.RetentionMs, 10)
		p.Ops = append(p.Ops, kadm.AlterConfig{Op: kadm.SetConfig, Name: "retention.ms", Value: &v})
	default:
		p.After.RetentionOverride = before.RetentionOverride
	}
	return p
}

func hasPolicy(policy, p string) bool {
	for _, part := range strings.Split(policy, ",") {
		if strings.TrimSpace(part) == p {
			return true
		}
	}
	return false
}

func samePolicy(a, b string) bool {
	return hasPolicy(a, "compact") == hasPolicy(b, "compact") && hasPolicy(a, "delete") == hasPolicy(b, "delete")
}
