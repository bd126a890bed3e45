//go:build race

package ingest

// raceEnabled tells whether the race detector is on; see limitAddressSpace.
const raceEnabled = true
