//go:build !linux

package kafkatest

import "syscall"

func childAttr() *syscall.SysProcAttr { return nil }
