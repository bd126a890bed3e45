package ingest

import (
	"os"
	"testing"
)

// TestMain lets the test binary serve as the PDF worker that Parse starts.
func TestMain(m *testing.M) {
	RunPDFWorkerIfRequested()
	os.Exit(m.Run())
}
