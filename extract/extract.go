// Package extract finds the claims of harm in a text: who says how many
// people were killed, injured or went missing and what was damaged, where,
// when, by what weapons and by whose hand, each claim with the span of text
// that supports it, following shared/eval/GUIDELINES.md. It records claims
// with their attribution, never verdicts.
package extract

import (
	"sync"
	"time"
	"unsafe"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/gazetteer"
	"github.com/harmlog/harmlog/party"
)

// Places finds place names in a text with the gazetteer entries each may
// stand for; *gazetteer.Gazetteer implements it.
type Places interface {
	Scan(text string) []gazetteer.Mention
}

// contextScanner is Places that can rank each name's candidates in the
// given countries first; *gazetteer.Gazetteer implements it.
type contextScanner interface {
	ScanContext(text string, countries []string) []gazetteer.Mention
}

// Parties finds the parties to a conflict named in a text; *party.Registry
// implements it.
type Parties interface {
	Find(text string) []party.Mention
}

// Options configures an Extractor; every field is optional.
type Options struct {
	// Places resolves place names; without it claims and results carry no
	// places.
	Places Places
	// Parties names perpetrators; nil means party.Default().
	Parties Parties
}

// Result is what Extract finds in one text.
type Result struct {
	Claims []harmlog.Claim
	Places []harmlog.PlaceRef // every place mention, in text order, with Start/End
}

// Extractor extracts claims of harm. It is safe for concurrent use.
type Extractor struct {
	opts Options
	lex  *lexicon
	bufs sync.Pool // *buffers
	// partyCountry is the country of each party that has one, by name,
	// when Parties lists its parties: "Kiev" names Ukraine and its capital.
	partyCountry map[string]string
}

// partyLister is what an Extractor needs of Parties to know the parties'
// countries; *party.Registry implements it.
type partyLister interface {
	Parties() []harmlog.Party
}

// buffers are reused between calls to spare the allocator.
type buffers struct {
	toks  []token
	sents []int
	figs  []figure
	qs    []quantity
	used  []bool
	low   []byte
}

// lower returns text with ASCII letters lower-cased, in the buffer's
// memory: the result must not outlive the call that owns the buffer.
func (b *buffers) lower(text string) string {
	b.low = appendLower(b.low[:0], text)
	l := b.low
	if len(l) == 0 {
		return ""
	}
	return unsafe.String(&l[0], len(l))
}

// New returns an Extractor configured by opts.
func New(opts Options) *Extractor {
	if opts.Parties == nil {
		opts.Parties = party.Default()
	}
	ex := &Extractor{opts: opts, lex: newLexicon()}
	if pl, ok := opts.Parties.(partyLister); ok {
		ex.partyCountry = map[string]string{}
		for _, p := range pl.Parties() {
			if p.Country != "" {
				ex.partyCountry[p.Name] = p.Country
			}
		}
	}
	ex.bufs.New = func() any { return new(buffers) }
	return ex
}

// run is the state of one call of Extract.
type run struct {
	*Extractor
	text      string
	toks      []token
	sents     []int // first token of each sentence, plus len(toks)
	published time.Time
	cum       []uint8  // per sentence: 0 unread, else 1 | 2 (a running total) | 4 (plural attacks)
	spk       []spoken // per sentence: its speaker, once read
	seen      uint16   // the word class flags of all the text's words
	quoted    bool     // the text has a quotation mark
	blaming   []int    // sentences whose blame went to the claim before them (perpetrator)
}

// sentSpan returns the byte span of sentence si.
func (r *run) sentSpan(si int) (int, int) {
	a, b := r.sents[si], r.sents[si+1]
	return r.toks[a].s, r.toks[b-1].e
}

// Extract finds the claims of harm in text. published is the dateline as
// YYYY-MM-DD, used to resolve "yesterday" or "on Sunday"; it may be empty.
func (ex *Extractor) Extract(text, published string) Result {
	buf := ex.bufs.Get().(*buffers)
	defer ex.bufs.Put(buf)
	r := &run{Extractor: ex, text: text}
	if t, err := time.Parse("2006-01-02", published); err == nil {
		r.published = t
	}
	r.toks = tokenize(text, buf.lower(text), buf.toks[:0])
	for i := range r.toks {
		if t := &r.toks[i]; t.kind == tWord && ex.lex.filter.may(t.w) {
			t.f = ex.lex.flags[t.w]
			r.seen |= t.f
		} else if t.kind == tPunct && !r.quoted {
			switch t.w {
			case "\"", "\u201c", "\u201d", "\u00ab", "\u00bb":
				r.quoted = true
			}
		}
	}
	r.sents = append(sentences(r.toks, buf.sents[:0]), len(r.toks))
	buf.toks, buf.sents = r.toks, r.sents
	if cap(buf.used) < len(r.toks) {
		buf.used = make([]bool, len(r.toks))
	}
	used := buf.used[:len(r.toks)]
	figs := buf.figs[:0]
	qs := buf.qs
	for si := 0; si+1 < len(r.sents); si++ {
		figs, qs = r.sentenceFigures(r.toks, r.sents[si], r.sents[si+1], si, figs, qs, used)
	}
	buf.figs, buf.qs = figs, qs
	ctx := r.context()
	res := Result{Places: ctx.places}
	res.Claims = r.claims(figs, ctx)
	return res
}

// ExtractBatch extracts claims from many texts on all cores; published[i]
// is the dateline of texts[i] (published may be nil). Results are in input
// order.
func (ex *Extractor) ExtractBatch(texts, published []string, workers int) []Result {
	out := make([]Result, len(texts))
	if workers <= 0 {
		workers = defaultWorkers()
	}
	var wg sync.WaitGroup
	next := make(chan int, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				p := ""
				if i < len(published) {
					p = published[i]
				}
				out[i] = ex.Extract(texts[i], p)
			}
		}()
	}
	for i := range texts {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}
