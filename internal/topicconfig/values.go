package topicconfig

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// valueType is what a config key accepts, as Apache Kafka's topic
// ConfigDef declares it (type and validator). Values are checked before
// any request because some brokers (kfake among them) store whatever they
// are given, and a value Kafka cannot parse would then read back as
// something else ("abc" for retention.ms shows as unlimited).
type valueType struct {
	kind     string // "int" (32-bit), "long", "double", "bool", "enum", "list"
	min, max float64
	values   []string // enum and list members
}

func intRange(lo, hi int64) valueType {
	return valueType{kind: "int", min: float64(lo), max: float64(hi)}
}
func longRange(lo, hi int64) valueType {
	return valueType{kind: "long", min: float64(lo), max: float64(hi)}
}

func intAtLeast(lo int64) valueType  { return intRange(lo, math.MaxInt32) }
func longAtLeast(lo int64) valueType { return longRange(lo, math.MaxInt64) }

var boolean = valueType{kind: "bool"}

// valueTypes holds every key of BuiltinKeys whose value Kafka checks; the
// throttled-replicas lists and message.format.version are free text here
// and are left to the broker.
var valueTypes = map[string]valueType{
	"cleanup.policy":                      {kind: "list", values: []string{"compact", "delete"}},
	"compression.type":                    {kind: "enum", values: []string{"uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"}},
	"compression.gzip.level":              intRange(-1, 9),
	"compression.lz4.level":               intRange(1, 17),
	"compression.zstd.level":              intRange(-131072, 22),
	"delete.retention.ms":                 longAtLeast(0),
	"file.delete.delay.ms":                longAtLeast(0),
	"flush.messages":                      longAtLeast(1),
	"flush.ms":                            longAtLeast(0),
	"index.interval.bytes":                intAtLeast(0),
	"local.retention.bytes":               longAtLeast(-2),
	"local.retention.ms":                  longAtLeast(-2),
	"max.compaction.lag.ms":               longAtLeast(1),
	"max.message.bytes":                   intAtLeast(0),
	"message.downconversion.enable":       boolean,
	"message.timestamp.after.max.ms":      longAtLeast(0),
	"message.timestamp.before.max.ms":     longAtLeast(0),
	"message.timestamp.difference.max.ms": longAtLeast(0),
	"message.timestamp.type":              {kind: "enum", values: []string{"CreateTime", "LogAppendTime"}},
	"min.cleanable.dirty.ratio":           {kind: "double", min: 0, max: 1},
	"min.compaction.lag.ms":               longAtLeast(0),
	"min.insync.replicas":                 intAtLeast(1),
	"preallocate":                         boolean,
	"remote.log.copy.disable":             boolean,
	"remote.log.delete.on.disable":        boolean,
	"remote.storage.enable":               boolean,
	"retention.bytes":                     longAtLeast(math.MinInt64),
	"retention.ms":                        longAtLeast(-1),
	"segment.bytes":                       intAtLeast(14),
	"segment.index.bytes":                 intAtLeast(4),
	"segment.jitter.ms":                   longAtLeast(0),
	"segment.ms":                          longAtLeast(1),
	"unclean.leader.election.enable":      boolean,
}

// CheckValue returns an error naming the key, the value and what is
// allowed when value is not valid for key. Keys whose type is not known
// pass.
func CheckValue(key, value string) error {
	vt, ok := valueTypes[key]
	if !ok {
		return nil
	}
	if allowed := vt.check(strings.TrimSpace(value)); allowed != "" {
		return fmt.Errorf("invalid value %q for config %s: %s", value, key, allowed)
	}
	return nil
}

// check returns "" when v is valid, or what is allowed.
func (vt valueType) check(v string) string {
	switch vt.kind {
	case "bool":
		if !strings.EqualFold(v, "true") && !strings.EqualFold(v, "false") {
			return "use true or false"
		}
	case "enum":
		for _, m := range vt.values {
			if v == m {
				return ""
			}
		}
		return "use one of " + strings.Join(vt.values, ", ")
	case "list":
		parts := strings.Split(v, ",")
		for _, p := range parts {
			if !contains(vt.values, strings.TrimSpace(p)) {
				return "use " + strings.Join(vt.values, ", ") + ", or both separated by a comma"
			}
		}
	case "double":
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(f) || f < vt.min || f > vt.max {
			return fmt.Sprintf("use a number from %g to %g", vt.min, vt.max)
		}
	default: // int, long
		bits := 64
		if vt.kind == "int" {
			bits = 32
		}
		n, err := strconv.ParseInt(v, 10, bits)
		if err != nil || float64(n) < vt.min || float64(n) > vt.max {
			return vt.rangeText()
		}
	}
	return ""
}

func (vt valueType) rangeText() string {
	switch {
	case vt.min == float64(math.MinInt64):
		return "use a whole number"
	case vt.max == float64(math.MaxInt32) || vt.max == float64(math.MaxInt64):
		return fmt.Sprintf("use a whole number of at least %d (up to %d)", int64(vt.min), int64(vt.max))
	default:
		return fmt.Sprintf("use a whole number from %d to %d", int64(vt.min), int64(vt.max))
	}
}

func contains(list []string, s string) bool {
	for _, m := range list {
		if m == s {
			return true
		}
	}
	return false
}
