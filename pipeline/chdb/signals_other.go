//go:build !linux

package chdb

import "syscall"

// signalState is a no-op outside Linux, where libchdb.so is not shipped.
type signalState struct{}

func saveSignals() *signalState { return &signalState{} }

func (s *signalState) restore() {}

func currentHandler(syscall.Signal) uintptr { return 0 }
