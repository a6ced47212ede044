package cmd

import (
	"strings"
	"testing"

	"github.com/kafka-cli/kafka/internal/iostreams"
	"github.com/kafka-cli/kafka/internal/kafka"
)

// Every view writes units one way (words.go): fields spell rates out, counts
// agree with their noun and carry thousands separators.
func TestViewsShareUnitsAndWording(t *testing.T) {
	cs := iostreams.NewColorScheme(false)
	var info strings.Builder
	printInfo(&info, cs, &kafka.Config{}, infoView{
		Brokers: make([]brokerView, 1), Status: statusAvailable, Topics: 1, Partitions: 1200, Replicas: 3600,
		ConsumerGroups: 1, ConsumerGroupMembers: 1,
		MessagesPerSec: 2000, ConsumedMessagesPerSec: 100, BytesInPerSec: 220000, BytesOutPerSec: 2048,
	})
	var group strings.Builder
	if err := printGroupDetail(&group, cs, groupDetailView{Group: "g", Members: 1500, Lag: 10, ConsumeRate: 1, ProduceRate: 5}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Messages:        2,000 messages/second in, 100 messages/second consumed\n",
		"Traffic:         215 KB/second in / ~2 KB/second out (estimated)\n",
		"Consumer Groups: 1 group, 1 member\n",
		"Partitions:      1,200 partitions, 3,600 replicas\n",
	} {
		if !strings.Contains(info.String(), want) {
			t.Errorf("info lacks %q:\n%s", want, info.String())
		}
	}
	for _, want := range []string{"Members:     1,500\n", "Consuming: 1 messages/second\n", "Catch-up:  falling behind by 4 messages/second\n"} {
		if !strings.Contains(group.String(), want) {
			t.Errorf("group lacks %q:\n%s", want, group.String())
		}
	}
	for _, s := range []string{info.String(), group.String()} {
		if strings.Contains(s, "(s)") || strings.Contains(s, "messages/s ") || strings.Contains(s, "msg/s") {
			t.Errorf("mixed units or (s):\n%s", s)
		}
	}
	if got := countNoun(1, "argument"); got != "1 argument" {
		t.Errorf("countNoun(1) = %q", got)
	}
}
