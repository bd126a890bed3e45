// Package benchutil helps benchmarks report figures that a busy shared
// machine does not skew: throughput per CPU second beside wall time.
package benchutil
