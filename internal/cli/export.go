package cli

import (
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/harmlog/harmlog/export"
)

func (a *app) exportCmd() *cobra.Command {
	var f export.Filter
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
output is deterministic: incidents by date then id, claims and documents by id.

Sensitive fields (victims' names, source contacts) are left out unless
--include-sensitive is given; even then only the json and jsonl forms carry
them. Keep such files as carefully as the store.`,
		Args:      cobra.ExactArgs(1),
		ValidArgs: []string{"incidents", "claims", "documents"},
		RunE: func(cmd *cobra.Command, args []string) error {
			kind := args[0]
			fm, err := export.ParseFormat(kind, format)
			if err != nil {
				return &exitError{code: ExitUsage, err: err}
			}
			f.Grades = splitList(grades)
			ctx := cmd.Context()
			s, err := a.open(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			return a.writeOutput(output, func(w io.Writer) error {
				return export.Write(ctx, s, w, kind, fm, f)
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&format, "format", "csv", "csv, json, geojson, acled, or jsonl (claims)")
	fl.StringVar(&f.From, "from", "", "first date, YYYY-MM-DD")
	fl.StringVar(&f.To, "to", "", "last date, YYYY-MM-DD")
	fl.StringVar(&f.Country, "country", "", "ISO country code")
	fl.StringVar(&grades, "grade", "", "incident grades, comma-separated (confirmed,fair,weak,contested,discounted)")
	fl.StringVarP(&output, "output", "o", "-", "file to write, - for standard output")
	fl.BoolVar(&f.IncludeSensitive, "include-sensitive", false, "include victims' names and source contacts (json and jsonl only)")
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
