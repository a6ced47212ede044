// Package devcluster runs the embedded Kafka-protocol cluster behind
// `kafka dev`: franz-go's kfake on loopback, in memory or persisted to a
// directory, optionally fed by a demo producer and consumer group.
//
// It imports nothing of this module; cmd (kafka dev) and the bench command
// (its demo router lines) import it.
package devcluster

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"github.com/twmb/franz-go/pkg/kfake"
)

// Options configure a dev cluster.
type Options struct {
	// Port is the first broker's port; the others follow consecutively.
	// 0 picks free ports at random.
	Port int
	// Brokers is the number of brokers (default 3).
	Brokers int
	// DataDir persists the cluster's state; "" keeps it in memory.
	DataDir string
	// ClusterID names the cluster (default "kafka-dev").
	ClusterID string
}

// PortInUseError reports a broker port another process holds.
type PortInUseError struct{ Port int }

func (e *PortInUseError) Error() string {
	return fmt.Sprintf("port %d is already in use", e.Port)
}

// BrokerCountError reports a data directory written by a cluster with a
// different number of brokers: partitions led by missing brokers would
// come back leaderless.
type BrokerCountError struct {
	Dir       string
	Saved, Is int
}

func (e *BrokerCountError) Error() string {
	return fmt.Sprintf("the data in %s belongs to a %d-broker cluster, not %d", e.Dir, e.Saved, e.Is)
}

// DataDirError reports a data directory the cluster cannot write to. It
// names the directory once with the system's reason, where kfake would
// repeat both for every state file.
type DataDirError struct {
	Dir string
	Err error // the system's reason, e.g. syscall.EACCES
}

func (e *DataDirError) Error() string {
	return fmt.Sprintf("cannot write to %s: %s", e.Dir, e.Err)
}

func (e *DataDirError) Unwrap() error { return e.Err }

// checkWritable fails with a DataDirError unless dir exists (or can be
// made) and takes a new file.
func checkWritable(dir string) error {
	reason := func(err error) error {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return &DataDirError{Dir: dir, Err: pe.Err}
		}
		return &DataDirError{Dir: dir, Err: err}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return reason(err)
	}
	f, err := os.CreateTemp(dir, ".kafka-dev-probe-*")
	if err != nil {
		return reason(err)
	}
	f.Close()
	return os.Remove(f.Name())
}

// Cluster is a running dev cluster.
type Cluster struct {
	*kfake.Cluster
	opts Options
}

// metaFile records the broker count next to kfake's own state.
const metaFile = "kafka-dev.json"

type meta struct {
	Brokers int `json:"brokers"`
}

// SavedBrokers returns the broker count stored in dir by an earlier run, or
// 0 when dir holds no cluster yet.
func SavedBrokers(dir string) int {
	b, err := os.ReadFile(filepath.Join(dir, metaFile))
	if err != nil {
		return 0
	}
	var m meta
	if json.Unmarshal(b, &m) != nil {
		return 0
	}
	return m.Brokers
}

// Start starts the cluster. It binds 127.0.0.1 only.
func Start(o Options) (*Cluster, error) {
	if o.Brokers <= 0 {
		o.Brokers = 3
	}
	if o.ClusterID == "" {
		o.ClusterID = "kafka-dev"
	}
	busy := &busyPort{}
	kopts := []kfake.Opt{
		kfake.NumBrokers(o.Brokers),
		kfake.ClusterID(o.ClusterID),
		kfake.BrokerConfigs(map[string]string{
			// kfake applies retention and compaction on this ticker, whose
			// Kafka default is an hour; a dev cluster should honour
			// retention.ms within seconds.
			"log.cleaner.backoff.ms": "1000",
			// Topics created with the broker's default replication factor
			// must fit on the brokers there are.
			"default.replication.factor": strconv.Itoa(min(3, o.Brokers)),
		}),
		kfake.ListenFn(listenRecordingBusy(busy)),
	}
	// Heroku clusters never create topics on first use; neither does this
	// one (kfake's default is off; it stays off).
	if o.Port > 0 {
		ports := make([]int, o.Brokers)
		for i := range ports {
			ports[i] = o.Port + i
		}
		kopts = append(kopts, kfake.Ports(ports...))
	}
	if o.DataDir != "" {
		if saved := SavedBrokers(o.DataDir); saved != 0 && saved != o.Brokers {
			return nil, &BrokerCountError{Dir: o.DataDir, Saved: saved, Is: o.Brokers}
		}
		if err := checkWritable(o.DataDir); err != nil {
			return nil, err
		}
		kopts = append(kopts, kfake.DataDir(o.DataDir))
	}
	c, err := kfake.NewCluster(kopts...)
	if err != nil {
		if p := busy.get(); p != 0 {
			return nil, &PortInUseError{Port: p}
		}
		return nil, err
	}
	if err := addPolicy(c); err != nil {
		c.Close()
		return nil, err
	}
	if o.DataDir != "" {
		b, _ := json.Marshal(meta{Brokers: o.Brokers})
		if err := os.WriteFile(filepath.Join(o.DataDir, metaFile), b, 0o644); err != nil {
			c.Close()
			return nil, err
		}
	}
	return &Cluster{Cluster: c, opts: o}, nil
}

// URL is the cluster as a KAFKA_URL value.
func (c *Cluster) URL() string {
	addrs := c.ListenAddrs()
	for i, a := range addrs {
		addrs[i] = "kafka://" + a
	}
	return strings.Join(addrs, ",")
}

// busyPort remembers which port failed to bind because it was taken, so the
// error can name it rather than repeat the kernel's message.
type busyPort struct {
	mu   sync.Mutex
	port int
}

func (b *busyPort) get() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.port
}

func listenRecordingBusy(b *busyPort) func(network, address string) (net.Listener, error) {
	return func(network, address string) (net.Listener, error) {
		l, err := net.Listen(network, address)
		if err == nil {
			return &limitListener{Listener: l, max: MaxRequestBytes}, nil
		}
		if isAddrInUse(err) {
			if _, p, splitErr := net.SplitHostPort(address); splitErr == nil {
				n, _ := strconv.Atoi(p)
				b.mu.Lock()
				b.port = n
				b.mu.Unlock()
			}
		}
		return l, err
	}
}

func isAddrInUse(err error) bool {
	// Windows reports WSAEADDRINUSE, which is not syscall.EADDRINUSE there.
	return errors.Is(err, syscall.EADDRINUSE) ||
		strings.Contains(err.Error(), "address already in use") ||
		strings.Contains(err.Error(), "Only one usage of each socket address")
}
