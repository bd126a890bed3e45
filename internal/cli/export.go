package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/export"
	"github.com/harmlog/harmlog/store"
)

// exportFilter is what the export flags select.
type exportFilter struct {
	from, to, country string
	grades            []string
}

func (a *app) exportCmd() *cobra.Command {
	var f exportFilter
	var format, grades, output string
	cmd := &cobra.Command{
		Use:   "export incidents|claims|documents --format csv|json|geojson|acled [--from D] [--to D] [--country CC] [--grade G,...] [-o FILE]",
		Short: "Write incidents, claims or documents as CSV, JSON, GeoJSON or ACLED-compatible CSV",
		Long: `export writes the store's incidents, claims or documents to FILE (-o; standard output
when absent or -):

  csv      stable columns, documented in the README
  json     every field (incidents with their claims; documents with their text)
  geojson  a FeatureCollection of Points, one per place with coordinates, longitude
           first (RFC 7946), for QGIS and Leaflet (incidents and claims)
  acled    ACLED's current lower-case column set, filled where harmlog knows the value
           (incidents and claims)
  jsonl    claims only: the flat form that "harmlog import claims" reads back

--from and --to keep records whose dates overlap the period (documents: published
date); --country keeps incidents and claims with a place in that country (ISO
code); --grade keeps incidents of those grades and the claims linked to them;
for documents, --country and --grade keep documents with a claim selected. The
output is deterministic: incidents by date then id, claims and documents by id.`,
		Args:      cobra.ExactArgs(1),
		ValidArgs: []string{"incidents", "claims", "documents"},
		RunE: func(cmd *cobra.Command, args []string) error {
			kind := args[0]
			fm, err := export.ParseFormat(kind, format)
			if err != nil {
				return &exitError{code: ExitUsage, err: err}
			}
			f.grades = splitList(grades)
			ctx := cmd.Context()
			s, err := a.open(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			return a.writeOutput(output, func(w io.Writer) error {
				switch kind {
				case "incidents":
					return exportIncidents(ctx, s, w, fm, f)
				case "claims":
					return exportClaims(ctx, s, w, fm, f)
				}
				return exportDocuments(ctx, s, w, fm, f)
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&format, "format", "csv", "csv, json, geojson, acled, or jsonl (claims)")
	fl.StringVar(&f.from, "from", "", "first date, YYYY-MM-DD")
	fl.StringVar(&f.to, "to", "", "last date, YYYY-MM-DD")
	fl.StringVar(&f.country, "country", "", "ISO country code")
	fl.StringVar(&grades, "grade", "", "incident grades, comma-separated (confirmed,fair,weak,contested,discounted)")
	fl.StringVarP(&output, "output", "o", "-", "file to write, - for standard output")
	return cmd
}

// writeOutput runs write on standard output, or on a new file at path that
// replaces path only when write succeeded.
func (a *app) writeOutput(path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(a.io.Out)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return &exitError{code: ExitFailed, err: err}
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return &exitError{code: ExitFailed, err: err}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return &exitError{code: ExitFailed, err: err}
	}
	return nil
}

func exportIncidents(ctx context.Context, s *store.Store, w io.Writer, fm export.Format, f exportFilter) error {
	incs, err := s.IncidentsWithClaims(ctx, store.IncidentFilter{From: f.from, To: f.to, Country: f.country, Grades: f.grades})
	if err != nil {
		return err
	}
	iw, err := export.NewIncidentWriter(w, fm)
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
func claimSelection(ctx context.Context, s *store.Store, f exportFilter, fn func(c *harmlog.Claim, incident int64) error) error {
	incs, err := s.IncidentsWithClaims(ctx, store.IncidentFilter{})
	if err != nil {
		return err
	}
	linked := map[int64]*harmlog.Incident{}
	for i := range incs {
		for _, m := range incs[i].Members {
			linked[m.ClaimID] = &incs[i]
		}
	}
	return s.EachClaim(ctx, store.ClaimFilter{From: f.from, To: f.to}, func(c *harmlog.Claim) error {
		inc := linked[c.ID]
		if len(f.grades) > 0 && (inc == nil || !slices.Contains(f.grades, inc.Grade)) {
			return nil
		}
		if f.country != "" && !slices.ContainsFunc(c.Places, func(p harmlog.PlaceRef) bool { return p.Country == f.country }) {
			return nil
		}
		var id int64
		if inc != nil {
			id = inc.ID
		}
		return fn(c, id)
	})
}

func exportClaims(ctx context.Context, s *store.Store, w io.Writer, fm export.Format, f exportFilter) error {
	cw, err := export.NewClaimWriter(w, fm)
	if err != nil {
		return err
	}
	if err := claimSelection(ctx, s, f, cw.Write); err != nil {
		return err
	}
	return cw.Close()
}

func exportDocuments(ctx context.Context, s *store.Store, w io.Writer, fm export.Format, f exportFilter) error {
	var keep map[int64]bool
	if f.country != "" || len(f.grades) > 0 {
		keep = map[int64]bool{}
		err := claimSelection(ctx, s, exportFilter{country: f.country, grades: f.grades}, func(c *harmlog.Claim, _ int64) error {
			keep[c.DocumentID] = true
			return nil
		})
		if err != nil {
			return err
		}
	}
	dw, err := export.NewDocumentWriter(w, fm)
	if err != nil {
		return err
	}
	const page = 1000
	for off := 0; ; off += page {
		docs, err := s.Documents(ctx, store.DocumentFilter{From: f.from, To: f.to, Limit: page, Offset: off})
		if err != nil {
			return err
		}
		for i := range docs {
			d := &docs[i]
			if keep != nil && !keep[d.ID] {
				continue
			}
			if fm == export.JSON {
				full, err := s.Document(ctx, d.ID, false)
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
