package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

// PDF worker protocol. The parent runs its own executable with
// workerEnv=1 and the argument workerArg, and writes to its stdin one line
// of JSON (workerRequest) followed by the PDF's bytes. The child writes
// workerMagic at once, before it reads anything, then one workerResult as
// JSON, and exits. A program that does not serve the protocol never writes
// workerMagic; workerArg, an unknown flag to it, should make it stop at
// once instead of running as it normally would.
const (
	workerEnv   = "HARMLOG_PDF_WORKER"
	workerArg   = "-harmlog-pdf-worker"
	workerMagic = "harmlog-pdf-worker/1\n"
)

// DefaultMaxMemory is the memory a PDF worker process may use on top of
// what it holds when it starts. The limit is on address space and the Go
// runtime takes that in steps of up to 64 MB, so small limits are rough.
const DefaultMaxMemory = 1 << 30

type workerRequest struct {
	MaxPages  int   `json:"max_pages"`
	MaxText   int   `json:"max_text"`
	MaxMemory int64 `json:"max_memory"`
	Timeout   int64 `json:"timeout_ns"`
}

type workerResult struct {
	Text      string `json:"text,omitempty"`
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"`
	Kind      string `json:"kind,omitempty"` // set on failure
	Reason    string `json:"reason,omitempty"`
}

// workerReady is set when this process called RunPDFWorkerIfRequested, which
// shows that its executable serves the protocol; workerBroken when a child
// answered without the handshake. Only a ready, unbroken process spawns
// workers: another executable, run with a PDF on its stdin, might do
// anything.
var workerReady, workerBroken atomic.Bool

var defaultWorkerExecutable = os.Executable

// Test hooks: the executable to run, and a function told each worker's
// process id once the worker has been waited for.
var (
	workerExecutable = defaultWorkerExecutable
	workerHookMu     sync.Mutex
	workerReaped     func(pid int)
)

// RunPDFWorkerIfRequested makes this process a PDF worker when the
// environment asks for one (HARMLOG_PDF_WORKER=1, set by Parse when it
// starts a worker): it serves one request on stdin and stdout and exits.
// Otherwise it returns at once, having noted that this executable can act
// as a worker. Call it first thing in main, before flags are parsed or
// anything is written to stdout, and in TestMain of test binaries that
// parse PDFs. A program that does not call it parses PDFs in process, where
// a runaway loop in the PDF library cannot be stopped (see parsePDF).
func RunPDFWorkerIfRequested() {
	if os.Getenv(workerEnv) != "1" {
		workerReady.Store(true)
		return
	}
	os.Exit(serveWorker(os.Stdin, os.Stdout))
}

// serveWorker answers one request: it applies the memory limits, reads the
// request and the PDF from in, and writes the handshake and the result to
// out. It returns the exit code.
func serveWorker(in io.Reader, out io.Writer) int {
	if _, err := io.WriteString(out, workerMagic); err != nil {
		return 1
	}
	br := bufio.NewReader(in)
	line, err := br.ReadBytes('\n')
	var req workerRequest
	if err == nil {
		err = json.Unmarshal(line, &req)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "harmlog pdf worker: bad request:", err)
		return 1
	}
	if req.MaxMemory <= 0 {
		req.MaxMemory = DefaultMaxMemory
	}
	debug.SetMemoryLimit(req.MaxMemory)
	debug.SetMaxStack(64 << 20)
	if err := limitAddressSpace(req.MaxMemory); err != nil {
		fmt.Fprintln(os.Stderr, "harmlog pdf worker: no memory limit:", err)
	}
	if req.Timeout > 0 {
		// The parent kills the worker at the time limit; should the parent
		// be gone, the worker stops by itself a little later.
		time.AfterFunc(time.Duration(req.Timeout)+5*time.Second, func() { os.Exit(3) })
	}
	data, err := io.ReadAll(br)
	if err != nil {
		fmt.Fprintln(os.Stderr, "harmlog pdf worker: reading the PDF:", err)
		return 1
	}
	opt := Options{MaxPages: req.MaxPages, MaxText: req.MaxText}.withDefaults()
	var res workerResult
	p, err := extractPDF(context.Background(), "", data, opt)
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			e = fail("", KindMalformed, "malformed PDF (%s)", oneLine(err.Error()))
		}
		res.Kind, res.Reason = e.Kind, e.Reason
	} else {
		res.Text, res.Title, res.Published = p.Text, p.Title, p.Published
	}
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(res); err != nil {
		return 1
	}
	return 0
}

// parsePDF extracts a PDF's text and metadata (see extractPDF) in a worker
// process: a child running this executable, killed at the time limit and
// killed by the system when it passes opt.MaxMemory, so that a PDF on which
// the library loops for ever or allocates without bound costs no more than
// the limits. Starting the worker adds a few milliseconds per PDF.
//
// When this executable cannot act as a worker (RunPDFWorkerIfRequested was
// not called, or a child did not answer the handshake), or the child cannot
// be started, parsePDF falls back to parsing in a goroutine of this process
// and returns at the time limit; but no time limit can stop a goroutine,
// so a loop in the library that does not read the file then spins on,
// using a CPU, until the process ends. Loops on hex strings cut short at
// the end of a content stream or CMap are caught before the library runs
// either way (see endsInHexString).
func parsePDF(ctx context.Context, name string, data []byte, opt Options) (*Parsed, error) {
	if ctx.Err() != nil {
		return nil, stopped(ctx, name, opt)
	}
	if workerReady.Load() && !workerBroken.Load() {
		p, err := parsePDFWorker(ctx, name, data, opt)
		if err != errNoWorker {
			return p, err
		}
	}
	return parsePDFInProcess(ctx, name, data, opt)
}

// parsePDFInProcess runs extractPDF in a goroutine and gives up on it when
// ctx is done, leaving it to run on.
func parsePDFInProcess(ctx context.Context, name string, data []byte, opt Options) (*Parsed, error) {
	type result struct {
		p   *Parsed
		err error
	}
	done := make(chan result, 1)
	go func() {
		p, err := extractPDF(ctx, name, data, opt)
		done <- result{p, err}
	}()
	select {
	case r := <-done:
		return r.p, r.err
	case <-ctx.Done():
		return nil, stopped(ctx, name, opt)
	}
}

// errNoWorker is parsePDFWorker's error when no worker answered, and the
// PDF should be parsed in process.
var errNoWorker = errors.New("no PDF worker")

// parsePDFWorker parses a PDF in a worker process.
func parsePDFWorker(ctx context.Context, name string, data []byte, opt Options) (*Parsed, error) {
	exe, err := workerExecutable()
	if err != nil {
		return nil, errNoWorker
	}
	req, _ := json.Marshal(workerRequest{MaxPages: opt.MaxPages, MaxText: opt.MaxText, MaxMemory: opt.MaxMemory, Timeout: int64(opt.Timeout)})
	cmd := exec.CommandContext(ctx, exe, workerArg)
	cmd.Env = append(os.Environ(), workerEnv+"=1", "GOMAXPROCS=1")
	cmd.Stdin = io.MultiReader(bytes.NewReader(req), strings.NewReader("\n"), bytes.NewReader(data))
	// JSON writes valid text in at most twice its size (newlines become
	// "\n"; tidyPDFText leaves no other control characters); the title and
	// date come from strings in the file.
	stdout := &cappedBuffer{max: 2*int64(opt.MaxText) + 4*int64(len(data)) + 64<<10}
	stderr := &headBuffer{max: 4 << 10}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.WaitDelay = time.Second
	setWorkerAttr(cmd)
	if err := cmd.Start(); err != nil {
		return nil, errNoWorker
	}
	waitErr := cmd.Wait()
	workerHookMu.Lock()
	if workerReaped != nil {
		workerReaped(cmd.Process.Pid)
	}
	workerHookMu.Unlock()

	if ctx.Err() != nil {
		return nil, stopped(ctx, name, opt)
	}
	out := stdout.Bytes()
	if !bytes.HasPrefix(out, []byte(workerMagic)) {
		// Not a worker: the executable ignored the protocol. (A child
		// killed outright might have been one, so that is not remembered.)
		if !killedBySystem(waitErr) {
			workerBroken.Store(true)
		}
		return nil, errNoWorker
	}
	var res workerResult
	if err := json.Unmarshal(out[len(workerMagic):], &res); err == nil {
		if res.Kind != "" {
			reason := res.Reason
			if reason == "" || !utf8.ValidString(reason) || strings.ContainsAny(reason, "\r\n") {
				reason = "malformed PDF (" + oneLine(reason) + ")"
			}
			return nil, fail(name, res.Kind, "%s", reason)
		}
		return &Parsed{MediaType: TypePDF, Text: res.Text, Title: res.Title, Published: res.Published}, nil
	}
	return nil, workerDied(name, opt, stdout.over, stderr.String(), waitErr)
}

// workerDied is the error for a worker that ended without an answer, from
// what it wrote to stderr and how it ended.
func workerDied(name string, opt Options, tooMuch bool, stderr string, waitErr error) *Error {
	e := &Error{File: name, Kind: KindMalformed, Err: waitErr}
	switch why := crashReason(stderr); {
	case tooMuch:
		e.Kind, e.Reason = KindLimit, fmt.Sprintf("PDF text larger than the %s limit", humanBytes(int64(opt.MaxText)))
	case outOfMemory(stderr) || killedBySystem(waitErr):
		e.Kind, e.Reason = KindLimit, "PDF needs more than the "+memBytes(opt.MaxMemory)+" memory limit"
	case why != "":
		e.Reason = "malformed PDF (the PDF reader crashed: " + why + ")"
	case waitErr != nil:
		e.Reason = "malformed PDF (the PDF worker failed: " + oneLine(waitErr.Error()) + ")"
	default:
		e.Reason = "malformed PDF (the PDF worker gave no answer)"
	}
	return e
}

// outOfMemory tells whether a Go program's dying words say it ran out of
// memory: an allocation or a new thread failed under the address space
// limit.
func outOfMemory(stderr string) bool {
	return strings.Contains(stderr, "out of memory") ||
		strings.Contains(stderr, "cannot allocate memory") ||
		strings.Contains(stderr, "failed to create new OS thread")
}

// crashReason is the first line of a Go program's panic or fatal error.
func crashReason(stderr string) string {
	for l := range strings.Lines(stderr) {
		for _, p := range []string{"fatal error: ", "panic: ", "runtime: "} {
			if strings.HasPrefix(l, p) {
				return oneLine(strings.TrimPrefix(l, p))
			}
		}
	}
	return ""
}

// memBytes renders a memory limit: "1 GiB", else as humanBytes does.
func memBytes(n int64) string {
	if n >= 1<<30 && n%(1<<30) == 0 {
		return fmt.Sprintf("%d GiB", n>>30)
	}
	return humanBytes(n)
}

// cappedBuffer keeps the first max bytes written to it and fails writes
// past them, which ends the copy from the child's stdout.
type cappedBuffer struct {
	bytes.Buffer
	max  int64
	over bool
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if int64(b.Len()+len(p)) > b.max {
		b.over = true
		return 0, errors.New("worker output too large")
	}
	return b.Buffer.Write(p)
}

// headBuffer keeps the first max bytes written to it, where a Go
// program's panic or fatal error message begins.
type headBuffer struct {
	bytes.Buffer
	max int
}

func (b *headBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.Len(); room > 0 {
		b.Buffer.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}
