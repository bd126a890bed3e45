package cli

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/harmlog/harmlog/internal/sharedtest"
)

// cpuTime is the process's user and system CPU time so far.
func cpuTime(t *testing.T) time.Duration {
	t.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestImportACLEDAsiaSpeed imports the 10,194 rows of the shared ACLED Asia
// 2015 file with extraction and linking, as `harmlog import acled` does, and
// logs the wall and CPU time (the goal is under 20 s on the 2-core
// development machine). Run it with -v to see the figures.
func TestImportACLEDAsiaSpeed(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped under -short: imports 10,194 rows")
	}
	file := sharedtest.Path(t, "eval/dev/acled-asia-2015.csv")
	db := filepath.Join(t.TempDir(), "h.db")
	cpu0, start := cpuTime(t), time.Now()
	code, out, errs := run(t, "", "--db", db, "import", "acled", "-q", file)
	wall, cpu := time.Since(start), cpuTime(t)-cpu0
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	if !strings.Contains(out, "imported 10194 ") || !strings.Contains(out, "incidents from") {
		t.Errorf("summary:\n%s", out)
	}
	t.Logf("imported 10,194 ACLED rows with extraction and linking: %.1f s wall, %.1f s CPU (%.0f rows/s)\n%s",
		wall.Seconds(), cpu.Seconds(), 10194/wall.Seconds(), out)
}
