package extract

import (
	"time"

	"github.com/harmlog/harmlog/internal/benchutil"
)

// cpuTime is the CPU time this process has used, so that benchmarks can
// report throughput per CPU second beside wall time.
func cpuTime() time.Duration { return benchutil.CPUTime() }
