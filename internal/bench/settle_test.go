package main

import (
	"runtime"
	"testing"
	"time"
)

func TestCPUBusyIsAShare(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc/stat")
	}
	idle, total, err := cpuTimes()
	if err != nil {
		t.Fatal(err)
	}
	if idle == 0 || total <= idle {
		t.Fatalf("idle %d of total %d jiffies: not a reading of /proc/stat's cpu line", idle, total)
	}
	busy, err := cpuBusy(200 * time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if busy < 0 || busy > 1 {
		t.Fatalf("busy share %v, want within [0, 1]", busy)
	}
}
