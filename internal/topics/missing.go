package topics

import (
	"errors"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
)

// ErrNotFound means the topic does not exist.
var ErrNotFound = errors.New("topic not found")

// Unknown reports whether err is Kafka's answer about a topic it does not
// know, by name or by ID. It is the one place that decides "unknown topic".
func Unknown(err error) bool {
	return errors.Is(err, kerr.UnknownTopicOrPartition) || errors.Is(err, kerr.UnknownTopicID)
}

// Find returns name's entry in a metadata answer: ErrNotFound when the
// topic is missing or unknown, its error when it has one.
func Find(tds kadm.TopicDetails, name string) (kadm.TopicDetail, error) {
	td, ok := tds[name]
	switch {
	case !ok || Unknown(td.Err):
		return td, ErrNotFound
	case td.Err != nil:
		return td, td.Err
	}
	return td, nil
}
