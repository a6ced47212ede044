package kafkatest

import (
	"fmt"
	mrand "math/rand/v2"
	"net"
	"os"
)

// freePorts reserves n loopback ports by listening on them at once, so no
// two are the same, then releases them for the brokers. They are drawn
// below the kernel's ephemeral range: a port from there (what listening
// on port 0 gives) can be handed to another test's listener or outgoing
// connection between its release here and the JVM's bind.
func freePorts(n int) ([]int, error) {
	lo, hi := 10000, ephemeralLow()-1
	if hi-lo < 1000 {
		lo, hi = 0, 0 // no room below: let the kernel choose
	}
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			l.Close()
		}
	}()
	ports := make([]int, 0, n)
	for tries := 0; len(ports) < n; tries++ {
		port := 0
		if hi > 0 && tries < 50*n {
			port = lo + mrand.IntN(hi-lo+1)
		}
		l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
		if err != nil {
			if port != 0 {
				continue
			}
			return nil, err
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// ephemeralLow is the first port of the kernel's ephemeral range.
func ephemeralLow() int {
	b, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range")
	if err == nil {
		var lo, hi int
		if _, err := fmt.Sscan(string(b), &lo, &hi); err == nil && lo > 0 {
			return lo
		}
	}
	return 32768 // Linux's default
}
