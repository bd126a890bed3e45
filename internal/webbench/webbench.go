// Package webbench fills a store with synthetic evidence for the web app's
// load bench (scripts/bench-web.sh) and the web package's benchmarks:
// claims from link/synth, stored in documents through the store's API,
// linked into incidents by the real linker and saved. The same Config
// always gives the same store contents.
package webbench

import (
	"context"
	"fmt"
	"strings"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/link"
	"github.com/harmlog/harmlog/link/synth"
)

// Store is what Fill needs of a store; *store.Store has it.
type Store interface {
	AddDocument(ctx context.Context, doc *harmlog.Document, claims []harmlog.Claim, actor string) (int64, bool, error)
	SaveIncidents(ctx context.Context, incs []harmlog.Incident, actor string) error
}

// Config sets the size of the synthetic data set.
type Config struct {
	Seed      uint64
	Incidents int // true incidents generated (the linker finds about as many)
	// ClaimsPerDocument groups claims into stored documents (200 when 0).
	ClaimsPerDocument int
	// Progress, when set, is called after each stored document with the
	// claims stored so far and the total.
	Progress func(done, total int)
}

// Stats says what Fill stored.
type Stats struct {
	Documents, Claims, Incidents int
	Grades                       map[string]int
}

// Actor is who the change log records for Fill's writes.
const Actor = "webbench"

// Fill generates cfg's claims (three synthetic conflicts over two years,
// 3,000 places each), stores them in documents, links them and saves the
// incidents. Run it on an empty store: documents already stored are kept
// as they are and their claims are not linked twice, but the incidents are
// those of this run's claims only.
func Fill(ctx context.Context, s Store, cfg Config) (Stats, error) {
	if cfg.Incidents <= 0 {
		return Stats{}, fmt.Errorf("webbench: Incidents is %d: want at least 1", cfg.Incidents)
	}
	per := cfg.ClaimsPerDocument
	if per <= 0 {
		per = 200
	}
	gen := synth.Generate(synth.Config{Seed: cfg.Seed, Incidents: cfg.Incidents, Places: 3000, Countries: 3, Days: 730, Resolved: 0.5})
	claims := make([]harmlog.Claim, len(gen))
	for i := range gen {
		c := gen[i].Claim
		// The perpetrator as an importer would normalise it: the party.
		if p, ok := strings.CutSuffix(c.PerpetratorWords, " forces"); ok {
			c.Perpetrator = p
		}
		claims[i] = c
	}
	st := Stats{Grades: map[string]int{}}
	for start := 0; start < len(claims); start += per {
		batch := claims[start:min(start+per, len(claims))]
		n := start / per
		text := fmt.Sprintf("Synthetic claims %d to %d of the harmlog web bench (seed %d, %d incidents).\n", start+1, start+len(batch), cfg.Seed, cfg.Incidents)
		doc := &harmlog.Document{
			Original: []byte(text), Text: text, MediaType: "text/plain", Language: "en",
			Title: fmt.Sprintf("Web bench batch %d", n+1), Filename: fmt.Sprintf("webbench-%d-%d.txt", cfg.Seed, n+1),
			Publisher: "harmlog webbench", Published: batch[0].Published,
		}
		_, existed, err := s.AddDocument(ctx, doc, batch, Actor)
		if err != nil {
			return st, fmt.Errorf("webbench: storing batch %d: %w", n+1, err)
		}
		if !existed {
			st.Documents++
			st.Claims += len(batch)
		}
		if cfg.Progress != nil {
			cfg.Progress(start+len(batch), len(claims))
		}
	}
	stored := claims[:0:0]
	for _, c := range claims {
		if c.ID != 0 {
			stored = append(stored, c)
		}
	}
	incs := link.Link(stored, link.Options{}).Incidents()
	if err := s.SaveIncidents(ctx, incs, Actor); err != nil {
		return st, fmt.Errorf("webbench: saving %d incidents: %w", len(incs), err)
	}
	st.Incidents = len(incs)
	for _, inc := range incs {
		st.Grades[inc.Grade]++
	}
	return st, nil
}
