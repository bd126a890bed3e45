// Package pipeline carries reports from bytes to stored evidence: it reads
// each input, hashes it, parses it (ingest), extracts its claims (extract)
// and stores the document with its claims in one transaction (through the
// Store interface defined here). Parsing and extraction run on every core;
// one writer stores results in input order, so that an outcome is reported
// only after its transaction has committed.
package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"sync"
	"time"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/extract"
	"github.com/harmlog/harmlog/ingest"
	"github.com/harmlog/harmlog/link"
)

// Store is what the pipeline needs of a store.
type Store interface {
	// AddDocument stores doc and its claims in one transaction; existed is
	// true (and nothing is written) when the same bytes are already stored.
	AddDocument(ctx context.Context, doc *harmlog.Document, claims []harmlog.Claim, actor string) (id int64, existed bool, err error)
}

// Extractor finds the claims in a document's text.
type Extractor interface {
	Extract(text, published string) extract.Result
}

// Options are the settings of one batch.
type Options struct {
	// Publisher, Published (YYYY-MM-DD) and URL, when set, override what the
	// document's metadata or dateline say.
	Publisher, Published, URL string
	Actor                     string           // who ingests, for the change log
	Parse                     ingest.Options   // size limits and timeouts
	Workers                   int              // parsers in parallel; 0 means one per core
	Now                       func() time.Time // clock, for tests
	// Attacher, when set, links each newly stored document's claims into
	// the stored incidents (incrementally: link.StoreAttacher) right after
	// the document commits. A failure leaves the document stored and is
	// reported in Outcome.LinkErr.
	Attacher Attacher
}

// Attacher links stored claims into the stored incidents without
// relinking the store; *link.StoreAttacher is one.
type Attacher interface {
	AttachClaims(ctx context.Context, claims []harmlog.Claim, actor string) ([]link.Attached, error)
}

// Outcome is what became of one input.
type Outcome struct {
	Name    string // the input's name (path, or "-" for stdin)
	ID      int64  // the stored document, new or existing
	SHA256  string
	Existed bool // the same bytes were already stored
	Claims  int  // claims stored with it
	Err     error
	// Linked is how many of its claims the Attacher linked into incidents
	// (joined or new); LinkErr is why linking failed, the document being
	// stored all the same.
	Linked  int
	LinkErr error
}

// Summary counts a batch's outcomes.
type Summary struct {
	Ingested, Existing, Failed int
	Failures                   []Outcome
}

// Pipeline ingests reports into a store.
type Pipeline struct {
	store Store
	ex    Extractor
	opt   Options
}

// New returns a pipeline writing to s; ex may be nil (no claims extracted).
func New(s Store, ex Extractor, opt Options) *Pipeline {
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.Actor == "" {
		opt.Actor = "cli"
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &Pipeline{store: s, ex: ex, opt: opt}
}

// prepared is an input made ready for storing.
type prepared struct {
	out    Outcome
	doc    *harmlog.Document
	claims []harmlog.Claim
}

// Run ingests every input and calls report for each, in input order, once
// its outcome is final (for a stored document: after the commit). It stops
// early only when ctx is cancelled.
func (p *Pipeline) Run(ctx context.Context, inputs iter.Seq[ingest.Input], report func(Outcome)) Summary {
	type job struct {
		seq int
		in  ingest.Input
	}
	jobs := make(chan job)
	results := make(chan struct {
		seq int
		p   prepared
	}, p.opt.Workers*2)

	var wg sync.WaitGroup
	for w := 0; w < p.opt.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- struct {
					seq int
					p   prepared
				}{j.seq, p.prepare(ctx, j.in)}
			}
		}()
	}
	go func() {
		defer close(jobs)
		seq := 0
		for in := range inputs {
			select {
			case jobs <- job{seq, in}:
				seq++
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	var sum Summary
	pending := map[int]prepared{}
	next := 0
	for r := range results {
		pending[r.seq] = r.p
		for {
			pr, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			out := p.store1(ctx, pr)
			switch {
			case out.Err != nil:
				sum.Failed++
				sum.Failures = append(sum.Failures, out)
			case out.Existed:
				sum.Existing++
			default:
				sum.Ingested++
			}
			if report != nil {
				report(out)
			}
		}
	}
	return sum
}

// One ingests a single report given as bytes (an HTTP upload, say).
func (p *Pipeline) One(ctx context.Context, name string, data []byte) Outcome {
	pr := p.prepareBytes(ctx, name, data)
	return p.store1(ctx, pr)
}

func (p *Pipeline) prepare(ctx context.Context, in ingest.Input) prepared {
	data, err := in.Read(ctx, p.opt.Parse.MaxBytes)
	if err != nil {
		return prepared{out: Outcome{Name: in.Name, Err: err}}
	}
	return p.prepareBytes(ctx, in.Name, data)
}

func (p *Pipeline) prepareBytes(ctx context.Context, name string, data []byte) prepared {
	sum := sha256.Sum256(data)
	out := Outcome{Name: name, SHA256: hex.EncodeToString(sum[:])}
	parsed, err := ingest.ParseContext(ctx, name, data, p.opt.Parse)
	if err != nil {
		out.Err = err
		return prepared{out: out}
	}
	doc := &harmlog.Document{
		SHA256:     out.SHA256,
		Size:       int64(len(data)),
		MediaType:  parsed.MediaType,
		Title:      parsed.Title,
		Publisher:  first(p.opt.Publisher, parsed.Publisher),
		Published:  first(p.opt.Published, parsed.Published),
		URL:        first(p.opt.URL, parsed.URL),
		Language:   parsed.Language,
		Filename:   filename(name),
		Text:       parsed.Text,
		IngestedAt: p.opt.Now().UTC(),
		IngestedBy: p.opt.Actor,
		Original:   data,
	}
	var claims []harmlog.Claim
	if p.ex != nil {
		claims, err = p.extract(doc)
		if err != nil {
			out.Err = err
			return prepared{out: out}
		}
	}
	return prepared{out: out, doc: doc, claims: claims}
}

// extract runs the extractor, turning a panic into an error naming the
// document so that one hostile text cannot stop a batch.
func (p *Pipeline) extract(doc *harmlog.Document) (claims []harmlog.Claim, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: extraction failed: %v", doc.Filename, r)
		}
	}()
	res := p.ex.Extract(doc.Text, doc.Published)
	for i := range res.Claims {
		c := &res.Claims[i]
		c.Status = harmlog.StatusMachine
		c.Index = i
	}
	return res.Claims, nil
}

func (p *Pipeline) store1(ctx context.Context, pr prepared) Outcome {
	out := pr.out
	if out.Err != nil || pr.doc == nil {
		if out.Err == nil {
			out.Err = errors.New("nothing to store")
		}
		return out
	}
	id, existed, err := p.store.AddDocument(ctx, pr.doc, pr.claims, p.opt.Actor)
	if err != nil {
		out.Err = fmt.Errorf("%s: not stored: %w", out.Name, err)
		return out
	}
	out.ID, out.Existed = id, existed
	if !existed {
		out.Claims = len(pr.claims)
		if p.opt.Attacher != nil && len(pr.claims) > 0 {
			att, err := p.opt.Attacher.AttachClaims(ctx, pr.claims, p.opt.Actor)
			out.Linked = len(att)
			if err != nil {
				out.LinkErr = fmt.Errorf("%s: stored, but not linked: %w", out.Name, err)
			}
		}
	}
	return out
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func filename(name string) string {
	if name == ingest.StdinName {
		return "stdin"
	}
	return name
}
