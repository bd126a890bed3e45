// Package evaluate measures extraction against a coded data set, as
// shared/eval/GUIDELINES.md counts it: killed exact match on documents coded
// above zero and on all documents, place@25km on town-precise rows, and
// throughput, with a list of the worst misses to read.
package evaluate

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"time"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/dataset"
	"github.com/harmlog/harmlog/extract"
)

// Extractor is what evaluate measures; *extract.Extractor implements it.
type Extractor interface {
	Extract(text, published string) extract.Result
}

// Options tunes a run.
type Options struct {
	Misses int     // how many worst misses to keep; 0 means 20
	Radius float64 // place radius in km; 0 means 25
	Limit  int     // stop after this many rows; 0 means all
}

// Miss is one document whose killed total differs from the coded figure.
type Miss struct {
	Line   int
	Coded  int
	Got    int
	Text   string
	Claims []harmlog.Claim
}

// PlaceMiss is one town-precise document with no extracted place near the
// coded one.
type PlaceMiss struct {
	Line     int
	Location string // the coded place name
	Lat, Lon float64
	Text     string
	Found    []harmlog.PlaceRef
}

// Report holds the figures of one run.
type Report struct {
	File       string
	Format     dataset.Format
	Docs       int // well-formed rows read
	BadRows    int // malformed rows skipped
	Coded      int // rows coded with fatalities > 0
	ExactAll   int // rows whose killed total equals the coded figure
	ExactCoded int // of those, rows coded > 0
	NoneFound  int // rows coded > 0 whose killed total is 0: the text gave no figure the extractor read
	PlaceDocs  int // rows coded to a town (geo precision 1)
	PlaceHits  int // of those, rows with an extracted place within Radius
	Bytes      int64
	Elapsed    time.Duration // time spent in Extract alone, one goroutine
	Misses     []Miss        // worst misses first
	PlaceMiss  []PlaceMiss   // the first place misses, in input order
}

func share(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// ExactAllShare is killed exact match over all documents.
func (r *Report) ExactAllShare() float64 { return share(r.ExactAll, r.Docs) }

// ExactCodedShare is killed exact match over documents coded above zero.
func (r *Report) ExactCodedShare() float64 { return share(r.ExactCoded, r.Coded) }

// PlaceShare is place@radius over town-precise documents.
func (r *Report) PlaceShare() float64 { return share(r.PlaceHits, r.PlaceDocs) }

// DocsPerSecond is extraction throughput in documents.
func (r *Report) DocsPerSecond() float64 { return float64(r.Docs) / r.Elapsed.Seconds() }

// MBPerSecond is extraction throughput in megabytes (10^6 bytes) of text.
func (r *Report) MBPerSecond() float64 { return float64(r.Bytes) / 1e6 / r.Elapsed.Seconds() }

// KilledTotal is the evaluation's figure for a document: the sum over claims
// with no part_of and incident scope of killed.min, or killed.max where min
// is unknown.
func KilledTotal(claims []harmlog.Claim) int {
	n := 0
	for _, c := range claims {
		if c.PartOf != nil || c.Scope != harmlog.ScopeIncident || c.Killed == nil {
			continue
		}
		n += c.Killed.Low()
	}
	return n
}

// File opens path and runs Run over it.
func File(ctx context.Context, path string, ex Extractor, opt Options) (*Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	defer f.Close()
	rep, err := Run(ctx, f, ex, opt)
	if rep != nil {
		rep.File = path
	}
	return rep, err
}

// Run reads a data set from r and measures ex on every row.
func Run(ctx context.Context, r io.Reader, ex Extractor, opt Options) (*Report, error) {
	if opt.Misses == 0 {
		opt.Misses = 20
	}
	if opt.Radius == 0 {
		opt.Radius = 25
	}
	rd, err := dataset.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	rep := &Report{Format: rd.Format()}
	var misses []Miss
	err = dataset.Each(rd, func(row dataset.Row) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if opt.Limit > 0 && rep.Docs >= opt.Limit {
			return io.EOF
		}
		start := time.Now()
		res := ex.Extract(row.Text, row.Date)
		rep.Elapsed += time.Since(start)
		rep.Docs++
		rep.Bytes += int64(len(row.Text))
		got := KilledTotal(res.Claims)
		if row.Fatalities > 0 {
			rep.Coded++
			if got == 0 {
				rep.NoneFound++
			}
		}
		if got == row.Fatalities {
			rep.ExactAll++
			if row.Fatalities > 0 {
				rep.ExactCoded++
			}
		} else {
			misses = append(misses, Miss{Line: row.Line, Coded: row.Fatalities, Got: got, Text: row.Text, Claims: res.Claims})
		}
		if row.GeoPrecision == 1 {
			rep.PlaceDocs++
			hit := false
			for _, p := range res.Places {
				if p.Lat != nil && p.Lon != nil && Distance(*p.Lat, *p.Lon, row.Lat, row.Lon) <= opt.Radius {
					hit = true
					break
				}
			}
			if hit {
				rep.PlaceHits++
			} else if len(rep.PlaceMiss) < opt.Misses {
				rep.PlaceMiss = append(rep.PlaceMiss, PlaceMiss{Line: row.Line, Location: row.Location,
					Lat: row.Lat, Lon: row.Lon, Text: row.Text, Found: res.Places})
			}
		}
		return nil
	}, func(*dataset.RowError) { rep.BadRows++ })
	if err != nil && err != io.EOF {
		return rep, fmt.Errorf("evaluate: %w", err)
	}
	sort.SliceStable(misses, func(i, j int) bool {
		return abs(misses[i].Got-misses[i].Coded) > abs(misses[j].Got-misses[j].Coded)
	})
	if len(misses) > opt.Misses {
		misses = misses[:opt.Misses]
	}
	rep.Misses = misses
	return rep, nil
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Distance is the great-circle distance in km between two points.
func Distance(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

// Write prints the report for people: the figures, then the worst misses.
func (r *Report) Write(w io.Writer) error {
	_, err := fmt.Fprintf(w, "%s (%s): %d documents, %d malformed rows skipped\n"+
		"killed exact match: %.3f on %d documents coded > 0 (%d with no figure found), %.3f on all %d\n"+
		"place@25km: %.3f on %d town-precise documents\n"+
		"throughput: %.0f docs/s, %.2f MB/s (one goroutine, extraction only)\n",
		r.File, r.Format, r.Docs, r.BadRows, r.ExactCodedShare(), r.Coded, r.NoneFound, r.ExactAllShare(), r.Docs,
		r.PlaceShare(), r.PlaceDocs, r.DocsPerSecond(), r.MBPerSecond())
	if err != nil {
		return err
	}
	if len(r.Misses) > 0 {
		fmt.Fprintf(w, "\nworst misses:\n")
	}
	for _, m := range r.Misses {
		if _, err := fmt.Fprintf(w, "line %d: coded %d, got %d: %q\n", m.Line, m.Coded, m.Got, clip(m.Text)); err != nil {
			return err
		}
	}
	if len(r.PlaceMiss) > 0 {
		fmt.Fprintf(w, "\nplace misses:\n")
	}
	for _, m := range r.PlaceMiss {
		var found []string
		for _, p := range m.Found {
			found = append(found, fmt.Sprintf("%s (%s)", p.Name, p.Country))
		}
		if _, err := fmt.Fprintf(w, "line %d: coded %s (%.3f, %.3f), found %v: %q\n", m.Line, m.Location, m.Lat, m.Lon, found, clip(m.Text)); err != nil {
			return err
		}
	}
	return nil
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}
