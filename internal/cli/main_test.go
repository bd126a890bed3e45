package cli

import (
	"os"
	"testing"

	"github.com/harmlog/harmlog/ingest"
)

// TestMain lets this test binary serve as the PDF worker process that
// ingest starts, as the harmlog binary does.
func TestMain(m *testing.M) {
	ingest.RunPDFWorkerIfRequested()
	os.Exit(m.Run())
}
