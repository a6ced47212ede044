package kafkatest

import "syscall"

// childAttr makes a broker die with the test binary, even when it is killed
// before RunMain can stop the cluster.
func childAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
