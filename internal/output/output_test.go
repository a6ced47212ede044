package output

import (
	"strings"
	"testing"

	"github.com/kafka-cli/kafka/internal/iostreams"
)

func TestTableBorderlessNoTrailingSpaces(t *testing.T) {
	var b strings.Builder
	err := Table(&b, iostreams.NewColorScheme(false), []string{"Name", "retention.ms"},
		[][]string{{"router", "1"}, {"a", "604800000"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "Name    retention.ms\nrouter  1\na       604800000\n"
	if b.String() != want {
		t.Errorf("table:\n%q\nwant\n%q", b.String(), want)
	}
}

func TestSectionAlignsValues(t *testing.T) {
	var b strings.Builder
	Section(&b, iostreams.NewColorScheme(false), "router", []Field{{"Partitions", "8"}, {"Replication Factor", "3"}})
	want := "=== router\nPartitions:         8\nReplication Factor: 3\n"
	if b.String() != want {
		t.Errorf("section:\n%q\nwant\n%q", b.String(), want)
	}
}

type inner struct {
	Key string `json:"key" doc:"the key"`
}

type outer struct {
	Name  string  `json:"name" doc:"a name"`
	Size  *int64  `json:"size" doc:"a size"`
	Items []inner `json:"items" doc:"the items"`
	skip  int
}

func TestJSONDocFromTags(t *testing.T) {
	got := JSONDoc([]outer{})
	for _, want := range []string{
		"an array of objects:",
		"  name (string): a name",
		"  size (number or null): a size",
		"  items (array of object): the items",
		"    key (string): the key",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("JSONDoc lacks %q:\n%s", want, got)
		}
	}
	_ = outer{}.skip
}
