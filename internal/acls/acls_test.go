package acls

import (
	"slices"
	"testing"
)

func TestParseOperations(t *testing.T) {
	for _, tc := range []struct {
		in, resource string
		want         []string
	}{
		{"read,Write", Topic, []string{"read", "write"}},
		{"describe-configs, DESCRIBE_CONFIGS", Topic, []string{"describe_configs"}},
		{"all", Group, []string{"all"}},
		{"idempotent_write", Cluster, []string{"idempotent_write"}},
		{"read", "", []string{"read"}},
	} {
		got, err := ParseOperations(tc.in, tc.resource)
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("ParseOperations(%q, %q) = %v, %v; want %v", tc.in, tc.resource, got, err, tc.want)
		}
	}
	for _, tc := range []struct{ in, resource string }{
		{"", Topic}, {" , ", Topic}, {"fly", Topic}, {"any", Topic}, {"write", Group}, {"read", Cluster}, {"cluster_action", Topic},
	} {
		if got, err := ParseOperations(tc.in, tc.resource); err == nil {
			t.Errorf("ParseOperations(%q, %q) = %v, want an error", tc.in, tc.resource, got)
		}
	}
}

func TestCheckPrincipal(t *testing.T) {
	for _, ok := range []string{"User:alice", "User:*", "Group:ops"} {
		if err := CheckPrincipal(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"alice", "User:", ":alice", "User:al ice"} {
		if CheckPrincipal(bad) == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestSpecACLsNamesTheCluster(t *testing.T) {
	as := Spec{Principal: "User:a", Host: "*", Permission: Allow, Resource: Resource{Type: Cluster}, Pattern: Literal, Operations: []string{"alter", "describe"}}.ACLs()
	if len(as) != 2 || as[0].Name != ClusterName || as[1].Operation != "describe" {
		t.Errorf("ACLs = %+v", as)
	}
}
