package topics

import (
	"context"
	"errors"
	"fmt"
	"net"
	"syscall"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

func TestRetryDial(t *testing.T) {
	other := errors.New("broker said no")
	for _, tc := range []struct {
		name      string
		errs      []error // returned by successive calls; nil after
		wantCalls int
		wantErr   error
	}{
		{"answers", nil, 1, nil},
		{"refused twice, then answers", []error{errRefused, errRefused}, 3, nil},
		{"other failure is not retried", []error{other, errRefused}, 1, other},
		{"refused every time gives up", []error{errRefused, errRefused, errRefused, errRefused, errRefused, errRefused}, 5, errRefused},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			_, err := RetryDial(context.Background(), func() (int, error) {
				calls++
				if calls <= len(tc.errs) {
					return 0, tc.errs[calls-1]
				}
				return 1, nil
			})
			if calls != tc.wantCalls || !errors.Is(err, tc.wantErr) {
				t.Fatalf("%d calls, err %v; want %d calls, err %v", calls, err, tc.wantCalls, tc.wantErr)
			}
		})
	}
}

// errRefused is how franz-go reports a broker that refused the connection.
var errRefused = fmt.Errorf("unable to dial: %w", &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED})

// shards is a request's failure on some brokers (all: on every one).
func shards(all bool, errs ...error) error {
	se := &kadm.ShardErrors{Name: "ListOffsets", AllFailed: all}
	for _, e := range errs {
		se.Errs = append(se.Errs, kadm.ShardError{Err: e})
	}
	return se
}

func TestDeadBrokersOnly(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{shards(false, errRefused), true},
		{shards(true, errRefused), false},
		{shards(false, errRefused, kerr.CoordinatorLoadInProgress), false},
		{errRefused, false},
		{nil, false},
	} {
		if got := DeadBrokersOnly(tc.err); got != tc.want {
			t.Errorf("DeadBrokersOnly(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}

// A request to a broker id the client does not know (one dropped from its
// metadata) counts as a broker gone, as a refused dial does.
func TestUnknownBrokerIsGone(t *testing.T) {
	c, err := kfake.NewCluster(kfake.NumBrokers(1))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err = cl.Broker(99).Request(ctx, kmsg.NewPtrMetadataRequest())
	if err == nil || !isDialError(err) {
		t.Fatalf("request to unknown broker 99: err %v, want it taken for a broker gone", err)
	}
	if isDialError(errors.New("unknown topic")) {
		t.Error("an unrelated error taken for a broker gone")
	}
}
