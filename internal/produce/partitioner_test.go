package produce

import (
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"testing"

	"github.com/twmb/franz-go/pkg/kgo"
)

// Kafka's UtilsTest.testMurmur2 vectors: what the Java client computes.
var javaMurmur2 = map[string]int32{
	"21":                         -973932308,
	"foobar":                     -790332482,
	"a-little-bit-long-string":   -985981536,
	"a-little-bit-longer-string": -1486304829,
	"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8": -58897971,
	"abc": 479470107,
}

func TestMurmur2JavaVectors(t *testing.T) {
	for k, want := range javaMurmur2 {
		if got := int32(murmur2([]byte(k))); got != want {
			t.Errorf("murmur2(%q) = %d, want %d", k, got, want)
		}
	}
}

// The murmur2 placement must equal franz-go's Kafka-compatible default, and
// crc32 must equal the IEEE checksum modulo n taken unsigned.
func TestHashersMatchReferences(t *testing.T) {
	mm, err := Hasher(Murmur2)
	if err != nil {
		t.Fatal(err)
	}
	crc, err := Hasher(CRC32)
	if err != nil {
		t.Fatal(err)
	}
	ref := kgo.StickyKeyPartitioner(nil).ForTopic("t")
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 20000 {
		key := make([]byte, rng.IntN(40))
		for j := range key {
			key[j] = byte(rng.UintN(256))
		}
		n := 1 + i%64
		if got, want := mm(key, n), ref.Partition(&kgo.Record{Key: key}, n); got != want {
			t.Fatalf("murmur2 %x mod %d: %d, franz-go says %d", key, n, got, want)
		}
		if got, want := crc(key, n), int(uint64(crc32.ChecksumIEEE(key))%uint64(n)); got != want {
			t.Fatalf("crc32 %x mod %d: %d, want %d", key, n, got, want)
		}
	}
	if _, err := Hasher("fnv"); err == nil {
		t.Error("unknown partitioner accepted")
	}
}

func TestPartitionerRoundRobinAndManual(t *testing.T) {
	mm, _ := Hasher(Murmur2)
	tp := NewPartitioner(mm, false).ForTopic("t")
	seen := map[int]int{}
	for range 60 {
		r := &kgo.Record{}
		if tp.RequiresConsistency(r) {
			t.Fatal("unkeyed record requires consistency")
		}
		seen[tp.Partition(r, 6)]++
	}
	for p := range 6 {
		if seen[p] != 10 {
			t.Errorf("round-robin gave partition %d %d of 60 records: %v", p, seen[p], seen)
		}
	}
	manual := NewPartitioner(mm, true).ForTopic("t")
	if p := manual.Partition(&kgo.Record{Key: []byte("k"), Partition: 4}, 6); p != 4 {
		t.Errorf("manual partition = %d, want 4", p)
	}
}

// franz-go asks again for a record that would start a new batch, after
// OnNewBatch: while records are spread, the second answer is the first,
// and after spreadFirst records a partition keeps them until a new batch.
func TestPartitionerSpreadsThenSticksPerBatch(t *testing.T) {
	mm, _ := Hasher(Murmur2)
	tp := NewPartitioner(mm, false).ForTopic("t")
	onb, ok := tp.(kgo.TopicPartitionerOnNewBatch)
	if !ok {
		t.Fatal("partitioner does not implement OnNewBatch")
	}
	seen := map[int]int{}
	for range spreadFirst / 6 * 6 {
		r := &kgo.Record{}
		p := tp.Partition(r, 6)
		onb.OnNewBatch() // each record starts a batch, as on an empty topic
		if again := tp.Partition(r, 6); again != p {
			t.Fatalf("asked again after OnNewBatch: partition %d, then %d", p, again)
		}
		seen[p]++
	}
	for p := range 6 {
		if seen[p] != spreadFirst/6 {
			t.Errorf("partition %d got %d of %d records: %v", p, seen[p], spreadFirst/6*6, seen)
		}
	}
	for range spreadFirst % 6 {
		tp.Partition(&kgo.Record{}, 6)
	}
	first := tp.Partition(&kgo.Record{}, 6)
	for range 50 {
		if p := tp.Partition(&kgo.Record{}, 6); p != first {
			t.Fatalf("after %d records, a batch moved from partition %d to %d without a new batch", spreadFirst, first, p)
		}
	}
	// A keyed record's retry between does not hold the unkeyed one back.
	onb.OnNewBatch()
	tp.Partition(&kgo.Record{Key: []byte("k")}, 6)
	next := tp.Partition(&kgo.Record{}, 6)
	if next != (first+1)%6 {
		t.Errorf("after a new batch, partition %d; want the next one, %d", next, (first+1)%6)
	}
}

func ExampleHasher() {
	h, _ := Hasher(Murmur2)
	fmt.Println(h([]byte("foobar"), 10))
	// Output: 6
}
