package ingest

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"syscall"
)

// limitAddressSpace caps this process's address space at what it has
// mapped now plus max bytes, so that an allocation past them fails and the
// Go runtime ends the process. The cap is relative because a Go program
// reserves about a gigabyte of address space before it allocates anything.
func limitAddressSpace(max int64) error {
	if raceEnabled {
		// The race detector's runtime needs address space of its own.
		return errors.New("not with the race detector")
	}
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return err
	}
	var now uint64
	for _, line := range bytes.Split(status, []byte("\n")) {
		if rest, ok := bytes.CutPrefix(line, []byte("VmSize:")); ok {
			kb, err := strconv.ParseUint(string(bytes.TrimSuffix(bytes.TrimSpace(rest), []byte(" kB"))), 10, 64)
			if err != nil {
				return err
			}
			now = kb << 10
		}
	}
	if now == 0 {
		return errors.New("no VmSize in /proc/self/status")
	}
	lim := now + uint64(max)
	return syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: lim, Max: lim})
}

// setWorkerAttr has the system kill the worker should its parent die, and
// puts it in a process group of its own, so that a Ctrl-C at the terminal
// reaches the parent, which stops it, rather than the worker. (Linux sends
// the death signal when the thread that started the worker ends, which Go
// does only for a goroutine that ends locked to its thread; the worker's
// own timer, set from the request, ends it in any case.)
func setWorkerAttr(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL, Setpgid: true}
}

// killedBySystem tells whether the worker was killed outright, which,
// when Parse did not kill it, means the kernel's out-of-memory killer.
func killedBySystem(err error) bool {
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		return false
	}
	ws, ok := ee.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
}
