package kafkatest

import (
	"slices"
	"testing"
)

func TestRealVersions(t *testing.T) {
	for env, want := range map[string][]string{
		"":      {DefaultKafkaVersion, Kafka3Version},
		"3.9":   {Kafka3Version},
		"4":     {DefaultKafkaVersion},
		"4.1.1": {"4.1.1"},
	} {
		t.Setenv(EnvKafkaVersion, env)
		if got := RealVersions(); !slices.Equal(got, want) {
			t.Errorf("%s=%q: RealVersions() = %v, want %v", EnvKafkaVersion, env, got, want)
		}
	}
}
