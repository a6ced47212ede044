package output

import (
	"fmt"
	"io"
	"testing"

	"github.com/kafka-cli/kafka/internal/iostreams"
)

// BenchmarkTable renders list's table for 5,000 topics.
func BenchmarkTable(b *testing.B) {
	ios, _, _, _ := iostreams.Test()
	cs := ios.ColorScheme()
	rows := make([][]string, 5000)
	for i := range rows {
		rows[i] = []string{fmt.Sprintf("topic-%05d", i), "10", "3", "7 days", "off", "1", "73 bytes", "0", "~0 bytes/s"}
	}
	header := []string{"Name", "Partitions", "Replication", "Retention", "Compaction", "Messages", "Size", "Msg/s In", "Bytes/s In"}
	for b.Loop() {
		if err := Table(io.Discard, cs, header, rows); err != nil {
			b.Fatal(err)
		}
	}
}
