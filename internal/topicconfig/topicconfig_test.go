package topicconfig

import (
	"strings"
	"testing"

	"github.com/twmb/franz-go/pkg/kadm"
)

func TestParseSettings(t *testing.T) {
	got, err := ParseSettings([]string{"cleanup.policy=compact,delete", "a=b=c", "empty="})
	if err != nil {
		t.Fatal(err)
	}
	want := []Setting{{"cleanup.policy", "compact,delete"}, {"a", "b=c"}, {"empty", ""}}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("setting %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	for _, bad := range []string{"novalue", "=5", " =5"} {
		if _, err := ParseSettings([]string{bad}); err == nil {
			t.Errorf("ParseSettings(%q) succeeded", bad)
		}
	}
}

func TestCheckKeys(t *testing.T) {
	if err := CheckKeys([]string{"retention.ms", "segment.ms"}, BuiltinKeys); err != nil {
		t.Fatal(err)
	}
	err := CheckKeys([]string{"retention.ms", "retenton.ms"}, BuiltinKeys)
	if err == nil || !strings.Contains(err.Error(), `"retenton.ms" (did you mean "retention.ms"?)`) {
		t.Fatalf("err = %v", err)
	}
	err = CheckKeys([]string{"zzzzzzzzzzzz"}, BuiltinKeys)
	if err == nil || strings.Contains(err.Error(), "did you mean") {
		t.Fatalf("err = %v", err)
	}
}

func ops(p Plan) string {
	var s []string
	for _, o := range p.Ops {
		if o.Op == kadm.DeleteConfig {
			s = append(s, "-"+o.Name)
		} else {
			s = append(s, o.Name+"="+*o.Value)
		}
	}
	return strings.Join(s, " ")
}

func TestPlans(t *testing.T) {
	week := KafkaDefaultRetentionMs
	deflt := State{RetentionMs: week, DefaultRetentionMs: week, Policy: "delete"}
	unlimited := State{RetentionMs: -1, RetentionOverride: true, DefaultRetentionMs: 86400000, Policy: "compact"}
	unlimitedNoDefault := State{RetentionMs: -1, RetentionOverride: true, Policy: "compact"}
	unlimitedByBroker := State{RetentionMs: -1, DefaultRetentionMs: -1, Policy: "compact"}
	mixed := State{RetentionMs: 3600000, RetentionOverride: true, DefaultRetentionMs: week, Policy: "compact,delete"}
	for _, tc := range []struct {
		name string
		plan Plan
		want string
	}{
		{"retention 36h", PlanRetention(deflt, 129600000), "retention.ms=129600000"},
		{"retention same as now", PlanRetention(deflt, week), ""},
		{"retention disable turns compaction on", PlanRetention(deflt, -1), "cleanup.policy=compact retention.ms=-1"},
		{"retention on a compacted topic keeps compaction", PlanRetention(unlimited, 3600000), "cleanup.policy=compact,delete retention.ms=3600000"},
		{"retention on mixed keeps mixed", PlanRetention(mixed, 7200000), "retention.ms=7200000"},
		{"compaction on keeps retention time", PlanCompaction(deflt, true), "cleanup.policy=compact,delete"},
		{"compaction on, already on", PlanCompaction(unlimited, true), ""},
		{"compaction off restores the broker default", PlanCompaction(unlimited, false), "cleanup.policy=delete -retention.ms"},
		{"compaction off, default unknown", PlanCompaction(unlimitedNoDefault, false), "cleanup.policy=delete retention.ms=604800000"},
		{"compaction off, broker default unlimited", PlanCompaction(unlimitedByBroker, false), "cleanup.policy=delete retention.ms=604800000"},
		{"compaction off on mixed keeps retention", PlanCompaction(mixed, false), "cleanup.policy=delete"},
		{"compaction off, already off", PlanCompaction(deflt, false), ""},
	} {
		if got := ops(tc.plan); got != tc.want {
			t.Errorf("%s: ops %q, want %q", tc.name, got, tc.want)
		}
	}
	if a := PlanCompaction(unlimited, false).After; a.RetentionMs != 86400000 || a.Compaction() {
		t.Errorf("after compaction off: %+v", a)
	}
}

func TestStateOf(t *testing.T) {
	v, d := "-1", "86400000"
	s := StateOf([]kadm.Config{
		{Key: "retention.ms", Value: &v, Source: 1, Synonyms: []kadm.ConfigSynonym{{Key: "retention.ms", Value: &v, Source: 1}, {Key: "log.retention.ms", Value: &d, Source: 4}}},
	})
	if s.RetentionMs != -1 || !s.RetentionOverride || s.DefaultRetentionMs != 86400000 || s.Policy != "delete" {
		t.Fatalf("state %+v", s)
	}
}

func FuzzParseSettings(f *testing.F) {
	for _, s := range []string{"retention.ms=1000", "cleanup.policy=compact,delete", "novalue", "=5", "a==b", " k = v ", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, arg string) {
		got, err := ParseSettings([]string{arg})
		if err != nil {
			return
		}
		k, v := got[0].Key, got[0].Value
		if k == "" || strings.TrimSpace(k) != k || !strings.Contains(arg, k) || !strings.HasSuffix(arg, "="+v) {
			t.Fatalf("ParseSettings(%q) = %q, %q", arg, k, v)
		}
	})
}

func TestCheckValue(t *testing.T) {
	for _, c := range []struct{ key, value, want string }{
		{"retention.ms", "abc", "whole number of at least -1"},
		{"retention.ms", "-2", "at least -1"},
		{"retention.ms", "1.5", "whole number"},
		{"max.message.bytes", "3000000000", "up to 2147483647"},
		{"min.insync.replicas", "0", "at least 1"},
		{"compression.gzip.level", "10", "from -1 to 9"},
		{"min.cleanable.dirty.ratio", "1.5", "from 0 to 1"},
		{"min.cleanable.dirty.ratio", "NaN", "from 0 to 1"},
		{"preallocate", "yes", "true or false"},
		{"cleanup.policy", "compacted", "compact, delete"},
		{"cleanup.policy", "", "compact, delete"},
		{"compression.type", "brotli", "uncompressed, zstd, lz4, snappy, gzip, producer"},
		{"message.timestamp.type", "createtime", "CreateTime, LogAppendTime"},
	} {
		err := CheckValue(c.key, c.value)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.key) ||
			!strings.Contains(err.Error(), `"`+c.value+`"`) {
			t.Errorf("CheckValue(%s, %q) = %v, want an error naming key, value and %q", c.key, c.value, err, c.want)
		}
	}
	for _, c := range []struct{ key, value string }{
		{"retention.ms", "-1"}, {"retention.ms", "86400000"}, {"retention.bytes", "-1"},
		{"cleanup.policy", "compact,delete"}, {"cleanup.policy", "delete"}, {"preallocate", "TRUE"},
		{"compression.type", "zstd"}, {"min.cleanable.dirty.ratio", "0.5"}, {"message.timestamp.type", "LogAppendTime"},
		{"local.retention.ms", "-2"}, {"compression.zstd.level", "-5"}, {"unknown.key", "anything"},
	} {
		if err := CheckValue(c.key, c.value); err != nil {
			t.Errorf("CheckValue(%s, %q) = %v", c.key, c.value, err)
		}
	}
	if _, err := ParseSettings([]string{"retention.ms=abc"}); err == nil {
		t.Error("ParseSettings accepted retention.ms=abc")
	}
}

func TestValueTypesAreBuiltinKeys(t *testing.T) {
	for k := range valueTypes {
		if err := CheckKeys([]string{k}, BuiltinKeys); err != nil {
			t.Errorf("valueTypes has %s: %v", k, err)
		}
	}
}
