package export

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/store"
)

// Source is what an export reads of a store.
type Source interface {
	IncidentsWithClaims(ctx context.Context, f store.IncidentFilter) ([]harmlog.Incident, error)
	EachClaim(ctx context.Context, f store.ClaimFilter, fn func(*harmlog.Claim) error) error
	Documents(ctx context.Context, f store.DocumentFilter) ([]harmlog.Document, error)
	Document(ctx context.Context, id int64, withOriginal bool) (*harmlog.Document, error)
}

// Filter selects what is exported: records whose dates overlap From–To
// (documents: published date); incidents and claims with a place in
// Country; incidents of Grades and the claims linked to them; documents
// with a claim so selected when Country or Grades is set.
// IncludeSensitive keeps the sensitive fields (victims' names, source
// contacts; see harmlog.Redact) in the JSON and JSONL forms; without it they
// are withheld. The CSV forms never carry them.
type Filter struct {
	From, To, Country string
	Grades            []string
	IncludeSensitive  bool
}

// Kinds are the kinds of record Write exports.
var Kinds = []string{"incidents", "claims", "documents"}

// Write exports the records of kind ("incidents", "claims" or
// "documents") that f selects from src to w in format fm, in a stable
// order: incidents by date then id, claims and documents by id.
func Write(ctx context.Context, src Source, w io.Writer, kind string, fm Format, f Filter) error {
	if !f.IncludeSensitive {
		src = redacted{src}
	}
	switch kind {
	case "incidents":
		return writeIncidents(ctx, src, w, fm, f)
	case "claims":
		return writeClaims(ctx, src, w, fm, f)
	case "documents":
		return writeDocuments(ctx, src, w, fm, f)
	}
	return fmt.Errorf("export: kind %q: want incidents, claims or documents", kind)
}

func writeIncidents(ctx context.Context, src Source, w io.Writer, fm Format, f Filter) error {
	incs, err := src.IncidentsWithClaims(ctx, store.IncidentFilter{From: f.From, To: f.To, Country: f.Country, Grades: f.Grades})
	if err != nil {
		return err
	}
	iw, err := NewIncidentWriter(w, fm)
	if err != nil {
		return err
	}
	for i := range incs {
		if err := iw.Write(&incs[i]); err != nil {
			return err
		}
	}
	return iw.Close()
}

// claimSelection walks the claims the filter selects, each with the
// incident it is linked to (0: none), in id order.
func claimSelection(ctx context.Context, src Source, f Filter, fn func(c *harmlog.Claim, incident int64) error) error {
	incs, err := src.IncidentsWithClaims(ctx, store.IncidentFilter{})
	if err != nil {
		return err
	}
	linked := map[int64]*harmlog.Incident{}
	for i := range incs {
		for _, m := range incs[i].Members {
			linked[m.ClaimID] = &incs[i]
		}
	}
	return src.EachClaim(ctx, store.ClaimFilter{From: f.From, To: f.To}, func(c *harmlog.Claim) error {
		inc := linked[c.ID]
		if len(f.Grades) > 0 && (inc == nil || !slices.Contains(f.Grades, inc.Grade)) {
			return nil
		}
		if f.Country != "" && !slices.ContainsFunc(c.Places, func(p harmlog.PlaceRef) bool { return p.Country == f.Country }) {
			return nil
		}
		var id int64
		if inc != nil {
			id = inc.ID
		}
		return fn(c, id)
	})
}

func writeClaims(ctx context.Context, src Source, w io.Writer, fm Format, f Filter) error {
	cw, err := NewClaimWriter(w, fm)
	if err != nil {
		return err
	}
	if err := claimSelection(ctx, src, f, cw.Write); err != nil {
		return err
	}
	return cw.Close()
}

func writeDocuments(ctx context.Context, src Source, w io.Writer, fm Format, f Filter) error {
	var keep map[int64]bool
	if f.Country != "" || len(f.Grades) > 0 {
		keep = map[int64]bool{}
		err := claimSelection(ctx, src, Filter{Country: f.Country, Grades: f.Grades}, func(c *harmlog.Claim, _ int64) error {
			keep[c.DocumentID] = true
			return nil
		})
		if err != nil {
			return err
		}
	}
	dw, err := NewDocumentWriter(w, fm)
	if err != nil {
		return err
	}
	const page = 1000
	for off := 0; ; off += page {
		docs, err := src.Documents(ctx, store.DocumentFilter{From: f.From, To: f.To, Limit: page, Offset: off})
		if err != nil {
			return err
		}
		for i := range docs {
			d := &docs[i]
			if keep != nil && !keep[d.ID] {
				continue
			}
			if fm == JSON {
				full, err := src.Document(ctx, d.ID, false)
				if err != nil {
					return err
				}
				d = full
			}
			if err := dw.Write(d); err != nil {
				return fmt.Errorf("document %d: %w", d.ID, err)
			}
		}
		if len(docs) < page {
			return dw.Close()
		}
	}
}

// redacted is a Source whose records come without their sensitive fields.
type redacted struct{ Source }

func (r redacted) IncidentsWithClaims(ctx context.Context, f store.IncidentFilter) ([]harmlog.Incident, error) {
	incs, err := r.Source.IncidentsWithClaims(ctx, f)
	for i := range incs {
		harmlog.Redact(&incs[i])
	}
	return incs, err
}

func (r redacted) EachClaim(ctx context.Context, f store.ClaimFilter, fn func(*harmlog.Claim) error) error {
	return r.Source.EachClaim(ctx, f, func(c *harmlog.Claim) error {
		harmlog.Redact(c)
		return fn(c)
	})
}

func (r redacted) Documents(ctx context.Context, f store.DocumentFilter) ([]harmlog.Document, error) {
	docs, err := r.Source.Documents(ctx, f)
	for i := range docs {
		harmlog.Redact(&docs[i])
	}
	return docs, err
}

func (r redacted) Document(ctx context.Context, id int64, withOriginal bool) (*harmlog.Document, error) {
	d, err := r.Source.Document(ctx, id, withOriginal)
	harmlog.Redact(d)
	return d, err
}
