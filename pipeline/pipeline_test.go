package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"
	"sync"
	"testing"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/extract"
	"github.com/harmlog/harmlog/ingest"
)

// memStore is an in-process Store that dedups by SHA-256 like the real one.
type memStore struct {
	mu     sync.Mutex
	bySHA  map[string]int64
	docs   []*harmlog.Document
	claims map[int64][]harmlog.Claim
	fail   string // a file name whose AddDocument fails
}

func newMemStore() *memStore {
	return &memStore{bySHA: map[string]int64{}, claims: map[int64][]harmlog.Claim{}}
}

func (m *memStore) AddDocument(_ context.Context, d *harmlog.Document, cs []harmlog.Claim, _ string) (int64, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if d.Filename == m.fail {
		return 0, false, errors.New("disk full")
	}
	if id, ok := m.bySHA[d.SHA256]; ok {
		return id, true, nil
	}
	m.docs = append(m.docs, d)
	id := int64(len(m.docs))
	m.bySHA[d.SHA256] = id
	m.claims[id] = cs
	return id, false, nil
}

// fakeExtractor finds one claim per text, or panics on demand.
type fakeExtractor struct{}

func (fakeExtractor) Extract(text, published string) extract.Result {
	if strings.Contains(text, "PANIC") {
		panic("hostile text")
	}
	return extract.Result{Claims: []harmlog.Claim{{Killed: harmlog.Exact(len(text)), Claimant: published}}}
}

func inputs(files map[string]string, order []string) iter.Seq[ingest.Input] {
	return func(yield func(ingest.Input) bool) {
		for _, name := range order {
			data, ok := files[name]
			in := ingest.Input{Name: name, Size: int64(len(data)), Open: func() (io.ReadCloser, error) {
				return io.NopCloser(strings.NewReader(data)), nil
			}}
			if !ok {
				in = ingest.Input{Name: name, Err: fmt.Errorf("%s: no such file or folder", name)}
			}
			if !yield(in) {
				return
			}
		}
	}
}

func TestRunOrderAndOutcomes(t *testing.T) {
	files := map[string]string{
		"a.txt":     "date 2020-10-08 By Wire\n\nFirst report.\n",
		"b.txt":     "Second report.\n",
		"dup.txt":   "Second report.\n", // same bytes as b.txt
		"empty.txt": "",
		"panic.txt": "PANIC in this text\n",
		"full.txt":  "This one meets a full disk.\n",
	}
	order := []string{"a.txt", "b.txt", "missing.txt", "dup.txt", "empty.txt", "panic.txt", "full.txt"}
	for _, workers := range []int{1, 2, 8} {
		t.Run(fmt.Sprint("workers=", workers), func(t *testing.T) {
			st := newMemStore()
			st.fail = "full.txt"
			p := New(st, fakeExtractor{}, Options{Workers: workers, Actor: "test", Publisher: ""})
			var got []string
			sum := p.Run(context.Background(), inputs(files, order), func(o Outcome) {
				switch {
				case o.Err != nil:
					got = append(got, o.Name+": failed")
				case o.Existed:
					got = append(got, fmt.Sprintf("%s: exists #%d", o.Name, o.ID))
				default:
					got = append(got, fmt.Sprintf("%s: stored #%d with %d claim(s)", o.Name, o.ID, o.Claims))
				}
			})
			want := []string{
				"a.txt: stored #1 with 1 claim(s)",
				"b.txt: stored #2 with 1 claim(s)",
				"missing.txt: failed",
				"dup.txt: exists #2",
				"empty.txt: failed",
				"panic.txt: failed",
				"full.txt: failed",
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("outcomes, in input order:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if sum.Ingested != 2 || sum.Existing != 1 || sum.Failed != 4 || len(sum.Failures) != 4 {
				t.Errorf("summary %+v", sum)
			}
			for _, f := range sum.Failures {
				if !strings.Contains(f.Err.Error(), f.Name) {
					t.Errorf("failure %q does not name its file %s", f.Err, f.Name)
				}
			}
			// The dateline filled the published date, which reached the extractor.
			if d := st.docs[0]; d.Published != "2020-10-08" || d.Publisher != "Wire" || st.claims[1][0].Claimant != "2020-10-08" {
				t.Errorf("document 1: published %q publisher %q; claim %+v", d.Published, d.Publisher, st.claims[1][0])
			}
			if c := st.claims[1][0]; c.Status != harmlog.StatusMachine || c.Index != 0 {
				t.Errorf("claims are stored as machine extractions in order: %+v", c)
			}
		})
	}
}

func TestOverridesAndOriginal(t *testing.T) {
	st := newMemStore()
	p := New(st, nil, Options{Publisher: "Flag Agency", Published: "2021-01-02", URL: "https://example.org/r"})
	orig := "date 2020-10-08 By Wire\r\n\r\nCaf\xe9 text in Latin-1.\r\n"
	o := p.One(context.Background(), "-", []byte(orig))
	if o.Err != nil {
		t.Fatal(o.Err)
	}
	d := st.docs[0]
	if d.Publisher != "Flag Agency" || d.Published != "2021-01-02" || d.URL != "https://example.org/r" || d.Filename != "stdin" {
		t.Errorf("overrides not applied: %+v", d)
	}
	if string(d.Original) != orig || d.Size != int64(len(orig)) {
		t.Errorf("the original must be kept byte for byte")
	}
	if !strings.Contains(d.Text, "Café") {
		t.Errorf("text not decoded: %q", d.Text)
	}
	if len(st.claims[1]) != 0 {
		t.Errorf("no extractor, yet claims were stored: %v", st.claims[1])
	}
}

func TestCancelStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	endless := func(yield func(ingest.Input) bool) {
		for i := 0; ; i++ {
			data := fmt.Sprintf("report %d\n", i)
			if !yield(ingest.Input{Name: fmt.Sprint(i), Size: int64(len(data)), Open: func() (io.ReadCloser, error) {
				return io.NopCloser(strings.NewReader(data)), nil
			}}) {
				return
			}
		}
	}
	n := 0
	New(newMemStore(), nil, Options{Workers: 2}).Run(ctx, endless, func(Outcome) {
		n++
		if n == 50 {
			cancel()
		}
	})
	if n < 50 {
		t.Errorf("stopped after %d outcomes, before the cancel", n)
	}
}
