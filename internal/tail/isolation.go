package tail

import (
	"fmt"

	"github.com/twmb/franz-go/pkg/kgo"
)

// Isolation is which records of transactions tail reads.
type Isolation string

// The --isolation values, named as Kafka's isolation.level with dashes.
const (
	// ReadCommitted skips records of aborted transactions and stops at
	// the last stable offset, as Kafka's consumers do by default.
	ReadCommitted Isolation = "read-committed"
	// ReadUncommitted shows every record, aborted or still open.
	ReadUncommitted Isolation = "read-uncommitted"
)

// ParseIsolation reads an --isolation value.
func ParseIsolation(s string) (Isolation, error) {
	switch i := Isolation(s); i {
	case ReadCommitted, ReadUncommitted:
		return i, nil
	}
	return "", fmt.Errorf("invalid --isolation %q: use read-committed or read-uncommitted", s)
}

// Opt is the client option for the level.
func (i Isolation) Opt() kgo.Opt {
	if i == ReadUncommitted {
		return kgo.FetchIsolationLevel(kgo.ReadUncommitted())
	}
	return kgo.FetchIsolationLevel(kgo.ReadCommitted())
}
