package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// buildHarmlog compiles the binary once into a temporary folder.
func buildHarmlog(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "harmlog")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

var storedLine = regexp.MustCompile(`^stored\s+#(\d+)\s+(\S+)`)

// TestKilledIngestLosesNothing kills a real ingest process at random moments,
// again and again, then checks that verify passes and that every document
// the process reported as stored is in the store, whole.
func TestKilledIngestLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: builds the binary and kills it repeatedly")
	}
	bin := buildHarmlog(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	const files = 600
	for i := 0; i < files; i++ {
		text := fmt.Sprintf("date 2020-10-%02d By Kill Test Wire\n\nReport %d. Officials said %d civilians were killed and %d injured when shells hit the village of Test%d overnight.\n",
			1+i%28, i, i%7+1, i%11, i)
		if err := os.WriteFile(filepath.Join(in, fmt.Sprintf("r%04d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(dir, "kill.db")
	reported := map[string]string{} // sha-less: file name → document id
	var mu sync.Mutex
	rng := rand.New(rand.NewPCG(1, 2))
	kills := 0
	for round := 0; round < 8; round++ {
		ctx, cancel := context.WithCancel(context.Background())
		cmd := exec.CommandContext(ctx, bin, "--db", db, "ingest", in)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan struct{})
		firstStored := make(chan struct{})
		go func() {
			defer close(done)
			sc := bufio.NewScanner(stdout)
			seen := false
			for sc.Scan() {
				if m := storedLine.FindStringSubmatch(sc.Text()); m != nil {
					mu.Lock()
					reported[filepath.Base(m[2])] = m[1]
					mu.Unlock()
					if !seen {
						seen = true
						close(firstStored)
					}
				}
			}
		}()
		// Kill at a random moment once documents are being stored (or
		// after a while if the process stores nothing new, as in the last
		// rounds when the batch is complete).
		killed := false
		select {
		case <-firstStored:
			time.Sleep(time.Duration(rng.IntN(300)) * time.Millisecond)
			killed = cmd.Process.Kill() == nil
		case <-done:
		case <-time.After(20 * time.Second):
			killed = cmd.Process.Kill() == nil
		}
		<-done
		err = cmd.Wait()
		if killed && err != nil {
			kills++
		} else if err != nil {
			t.Fatalf("round %d: ingest failed without being killed: %v\n%s", round, err, stderr.String())
		}
		cancel()
	}
	if kills == 0 {
		t.Log("no round was killed mid-batch (the machine was fast); the test still checked the store")
	}
	// A final, unkilled run completes the batch. Should it hang, SIGQUIT
	// makes it print every goroutine's stack into the failure.
	fctx, fcancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer fcancel()
	final := exec.CommandContext(fctx, bin, "--db", db, "ingest", in)
	final.Cancel = func() error { return final.Process.Signal(syscall.SIGQUIT) }
	if out, err := final.CombinedOutput(); err != nil {
		t.Fatalf("final ingest: %v\n%s", err, out)
	}
	vout, err := exec.Command(bin, "--db", db, "verify").CombinedOutput()
	if err != nil {
		t.Fatalf("verify after %d kills: %v\n%s", kills, err, vout)
	}
	out, err := exec.Command(bin, "--db", db, "docs", "list", "--json").Output()
	if err != nil {
		t.Fatalf("docs list: %v", err)
	}
	var docs []struct {
		ID       int64  `json:"id"`
		Filename string `json:"filename"`
		Size     int64  `json:"size"`
	}
	if err := json.Unmarshal(out, &docs); err != nil {
		t.Fatalf("docs list --json: %v", err)
	}
	byName := map[string]int64{}
	for _, d := range docs {
		if _, dup := byName[filepath.Base(d.Filename)]; dup {
			t.Errorf("%s stored twice", d.Filename)
		}
		byName[filepath.Base(d.Filename)] = d.ID
	}
	if len(docs) != files {
		t.Errorf("store holds %d documents, want %d", len(docs), files)
	}
	for name, id := range reported {
		got, ok := byName[name]
		if !ok {
			t.Errorf("%s was reported stored as #%s but is missing", name, id)
		} else if fmt.Sprint(got) != id {
			t.Errorf("%s was reported stored as #%s but is #%d", name, id, got)
		}
	}
	t.Logf("%d kills, %d documents reported stored, %d in the store; verify: %s",
		kills, len(reported), len(docs), strings.TrimSpace(string(vout)))
}

// TestConcurrentIngests runs two ingest processes into one SQLite store at
// once: both must succeed and every document must be stored once.
func TestConcurrentIngests(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: builds the binary")
	}
	bin := buildHarmlog(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "shared.db")
	var dirs [2]string
	for p := range dirs {
		dirs[p] = filepath.Join(dir, fmt.Sprintf("in%d", p))
		if err := os.MkdirAll(dirs[p], 0o755); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 150; i++ {
			text := fmt.Sprintf("Batch %d report %d: %d people were injured by shelling.\n", p, i, i%9+1)
			if err := os.WriteFile(filepath.Join(dirs[p], fmt.Sprintf("d%03d.txt", i)), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Make sure the schema exists first, as a user's first command would.
	if out, err := exec.Command(bin, "--db", db, "migrate").CombinedOutput(); err != nil {
		t.Fatalf("migrate: %v\n%s", err, out)
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	outs := make([][]byte, 2)
	for p := range dirs {
		wg.Add(1)
		go func(p int) {
			defer wg.Done()
			outs[p], errs[p] = exec.Command(bin, "--db", db, "ingest", "-q", dirs[p]).CombinedOutput()
		}(p)
	}
	wg.Wait()
	for p := range dirs {
		if errs[p] != nil {
			t.Errorf("ingest %d failed: %v\n%s", p, errs[p], outs[p])
		} else if !strings.Contains(string(outs[p]), "ingested 150, already present 0, failed 0") {
			t.Errorf("ingest %d summary:\n%s", p, outs[p])
		}
	}
	out, err := exec.Command(bin, "--db", db, "docs", "list", "--json").Output()
	if err != nil {
		t.Fatal(err)
	}
	var docs []json.RawMessage
	if err := json.Unmarshal(out, &docs); err != nil {
		t.Fatal(err)
	}
	if len(docs) != 300 {
		t.Errorf("%d documents stored, want 300", len(docs))
	}
}
