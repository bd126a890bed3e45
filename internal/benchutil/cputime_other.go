//go:build !unix

package benchutil

import "time"

// CPUTime is not measured on this system: 0, and benchmarks omit their CPU
// metric.
func CPUTime() time.Duration { return 0 }
