//go:build !linux

package ingest

import (
	"errors"
	"os/exec"
)

// limitAddressSpace is only done on Linux; elsewhere the worker has only
// the Go runtime's soft memory limit.
func limitAddressSpace(max int64) error {
	return errors.New("not supported on this system")
}

func setWorkerAttr(cmd *exec.Cmd) {}

func killedBySystem(err error) bool { return false }
