package chdb

import (
	"syscall"
	"unsafe"
)

// kernelSigaction mirrors the kernel's struct sigaction for rt_sigaction on
// linux/amd64 and linux/arm64.
type kernelSigaction struct {
	handler  uintptr
	flags    uint64
	restorer uintptr
	mask     uint64
}

// takenSignals are the signals chdb_connect installs its own handlers for.
// With those handlers in place a nil dereference in Go kills the process
// (exit 139, no stack trace) instead of becoming a recoverable panic.
var takenSignals = []syscall.Signal{
	syscall.SIGSEGV, syscall.SIGBUS, syscall.SIGFPE, syscall.SIGILL,
	syscall.SIGABRT, syscall.SIGTRAP, syscall.SIGSYS, syscall.SIGTSTP,
}

// signalState is a saved set of signal dispositions.
type signalState struct {
	sigs []syscall.Signal
	acts []kernelSigaction
	ok   []bool
}

func sigaction(sig syscall.Signal, act, old *kernelSigaction) error {
	_, _, errno := syscall.RawSyscall6(syscall.SYS_RT_SIGACTION, uintptr(sig),
		uintptr(unsafe.Pointer(act)), uintptr(unsafe.Pointer(old)), 8, 0, 0)
	if errno != 0 {
		return errno
	}
	return nil
}

// saveSignals records the current (Go runtime) handlers of takenSignals.
func saveSignals() *signalState {
	s := &signalState{sigs: takenSignals, acts: make([]kernelSigaction, len(takenSignals)), ok: make([]bool, len(takenSignals))}
	for i, sig := range s.sigs {
		s.ok[i] = sigaction(sig, nil, &s.acts[i]) == nil
	}
	return s
}

// restore puts the saved handlers back.
func (s *signalState) restore() {
	for i, sig := range s.sigs {
		if s.ok[i] {
			_ = sigaction(sig, &s.acts[i], nil)
		}
	}
}

// currentHandler returns the current handler address of sig (for tests).
func currentHandler(sig syscall.Signal) uintptr {
	var a kernelSigaction
	_ = sigaction(sig, nil, &a)
	return a.handler
}
