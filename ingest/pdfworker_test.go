//go:build linux

package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// objStmLoopPDF is a PDF whose catalog lies in an object stream that ends
// inside a hex string ("<0A1"). The library reads object streams by itself,
// so no check in ingest sees it first, and its lexer loops for ever.
func objStmLoopPDF() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	objstm := "1 0 <0A1"
	off2 := b.Len()
	fmt.Fprintf(&b, "2 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Length %d >>\nstream\n%s\nendstream\nendobj\n", len(objstm), objstm)
	off3 := b.Len()
	// Cross-reference stream, /W [1 2 1]: object 1 is the first object
	// of stream 2; objects 2 and 3 are at off2 and off3.
	rows := []byte{
		0, 0, 0, 0xff,
		2, 0, 2, 0,
		1, byte(off2 >> 8), byte(off2), 0,
		1, byte(off3 >> 8), byte(off3), 0,
	}
	fmt.Fprintf(&b, "3 0 obj\n<< /Type /XRef /Size 4 /W [1 2 1] /Root 1 0 R /Length %d >>\nstream\n%s\nendstream\nendobj\n", len(rows), rows)
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", off3)
	return b.Bytes()
}

// watchWorkers records the process ids of the workers Parse waited for
// until the test ends.
func watchWorkers(t *testing.T) *[]int {
	t.Helper()
	var pids []int
	workerHookMu.Lock()
	workerReaped = func(pid int) { pids = append(pids, pid) }
	workerHookMu.Unlock()
	t.Cleanup(func() {
		workerHookMu.Lock()
		workerReaped = nil
		workerHookMu.Unlock()
	})
	return &pids
}

// checkGone fails unless each process has been waited for: a process that
// runs, or a zombie nobody waited for, still has its id.
func checkGone(t *testing.T, pids []int) {
	t.Helper()
	for _, pid := range pids {
		if err := syscall.Kill(pid, 0); !errors.Is(err, syscall.ESRCH) {
			t.Errorf("worker %d still exists (kill 0: %v)", pid, err)
		}
	}
}

func TestPDFWorker(t *testing.T) {
	pids := watchWorkers(t)
	p, err := Parse("r.pdf", twoPagePDF(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(*pids) != 1 {
		t.Fatalf("%d workers ran, want 1", len(*pids))
	}
	checkGone(t, *pids)
	if p.Title != "Monitoring note 7: Eastfield" || p.Published != "2021-03-14" || !strings.Contains(p.Text, "\n\f\nPage two: café") {
		t.Errorf("got %+v", p)
	}
}

func TestPDFWorkerLoop(t *testing.T) {
	pids := watchWorkers(t)
	const timeout = 500 * time.Millisecond
	start := time.Now()
	_, err := Parse("loop.pdf", objStmLoopPDF(), Options{Timeout: timeout})
	d := time.Since(start)
	checkReason(t, err, "took longer than the 500ms limit")
	if d > timeout+2*time.Second {
		t.Errorf("took %v", d)
	}
	if len(*pids) != 1 {
		t.Fatalf("%d workers ran, want 1", len(*pids))
	}
	checkGone(t, *pids)
}

func TestPDFWorkerMemory(t *testing.T) {
	if raceEnabled {
		t.Skip("no address space limit with the race detector")
	}
	pids := watchWorkers(t)
	// One string token of 24 MB, which the library's lexer holds in memory
	// twice over.
	data := buildPDF(pdfSpec{pages: []string{"BT /F1 12 Tf (" + strings.Repeat("A", 24<<20) + ") Tj ET"}, flate: true})
	_, err := Parse("big.pdf", data, Options{MaxText: 32 << 20, MaxMemory: 16 << 20})
	checkReason(t, err, "PDF needs more than the 16 MB memory limit")
	checkGone(t, *pids)
}

func TestPDFWorkerFallback(t *testing.T) {
	pids := watchWorkers(t)
	t.Cleanup(func() {
		workerExecutable = defaultWorkerExecutable
		workerBroken.Store(false)
	})
	// An executable that ignores the protocol.
	workerExecutable = func() (string, error) { return "/bin/true", nil }
	p, err := Parse("r.pdf", twoPagePDF(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Text, "Eastfield") {
		t.Errorf("text %q", p.Text)
	}
	if !workerBroken.Load() {
		t.Errorf("the failed handshake was not noted")
	}
	// Later PDFs are parsed in process without trying again.
	if _, err := Parse("r.pdf", twoPagePDF(), Options{}); err != nil {
		t.Fatal(err)
	}
	if len(*pids) != 1 {
		t.Errorf("%d workers ran, want 1", len(*pids))
	}
	checkGone(t, *pids)
}

func TestWorkerDied(t *testing.T) {
	opt := Options{}.withDefaults()
	exit := func(code int) error {
		err := exec.Command("sh", "-c", fmt.Sprintf("exit %d", code)).Run()
		if err == nil && code != 0 {
			t.Fatal("sh exited 0")
		}
		return err
	}
	killed := exec.Command("sh", "-c", "kill -9 $$").Run()
	tests := []struct {
		stderr  string
		err     error
		tooMuch bool
		reason  string
	}{
		{"runtime: out of memory: cannot allocate 67108864-byte block (3932160 in use)\nfatal error: out of memory\n\ngoroutine 1", exit(2), false, "PDF needs more than the 1 GiB memory limit"},
		{"", killed, false, "PDF needs more than the 1 GiB memory limit"},
		{"runtime: goroutine stack exceeds 67108864-byte limit\nfatal error: stack overflow\n", exit(2), false, "malformed PDF (the PDF reader crashed: goroutine stack exceeds 67108864-byte limit)"},
		{"panic: boom\n\ngoroutine 1 [running]:\n", exit(2), false, "malformed PDF (the PDF reader crashed: boom)"},
		{"", exit(3), false, "malformed PDF (the PDF worker failed: exit status 3)"},
		{"", nil, false, "malformed PDF (the PDF worker gave no answer)"},
		{"", exit(1), true, "PDF text larger than the 20 MB limit"},
	}
	for _, tt := range tests {
		e := workerDied("x.pdf", opt, tt.tooMuch, tt.stderr, tt.err)
		if e.Reason != tt.reason || e.File != "x.pdf" {
			t.Errorf("workerDied(%q, %v) = %q, want %q", tt.stderr, tt.err, e.Reason, tt.reason)
		}
	}
}
