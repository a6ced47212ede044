package devcluster

import (
	"fmt"
	"sync"
	"testing"
)

// Requests the policy counts partitions for may overlap, several on one
// connection (kgo pipelines them). Counting once slept each of them in
// kfake, and two sleeps on one connection raced inside kfake (seen under
// -race about once in 20 runs of this test); run it with -race -count=20.
func TestDevPolicyCountsOverlappingRequests(t *testing.T) {
	c, _, adm, ctx := startPolicyCluster(t)
	const workers, each = 16, 6
	var wg sync.WaitGroup
	errs := make(chan error, workers*each*2)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				name := fmt.Sprintf("race-%d-%d", w, i)
				if _, err := adm.CreateTopic(ctx, 2, 1, nil, name); err != nil {
					errs <- fmt.Errorf("creating %s: %w", name, err)
					continue
				}
				rs, err := adm.CreatePartitions(ctx, 1, name)
				if err == nil {
					err = rs[name].Err
				}
				if err != nil {
					errs <- fmt.Errorf("adding a partition to %s: %w", name, err)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for w := range workers {
		for i := range each {
			name := fmt.Sprintf("race-%d-%d", w, i)
			if n := len(c.PartitionInfos(name)); n != 3 {
				t.Errorf("%s has %d partitions, want 3", name, n)
			}
		}
	}
}
