package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/harmlog/harmlog/basemap"
	"github.com/harmlog/harmlog/infographic"
	"github.com/harmlog/harmlog/store"
)

// summaryFlags are the flags infographic and report share.
type summaryFlags struct {
	opts       infographic.Options
	generated  string
	out        string
	embedFonts bool
}

func (f *summaryFlags) add(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.opts.From, "from", "", "first date, YYYY-MM-DD (an incident's first date)")
	fl.StringVar(&f.opts.To, "to", "", "last date, YYYY-MM-DD")
	fl.StringVar(&f.opts.Country, "country", "", "ISO country code (or region) an incident's places must name")
	fl.StringVar(&f.generated, "generated", "", "the generation time printed, RFC 3339 or YYYY-MM-DD (default: now); the same data and time give the same bytes")
	fl.StringVarP(&f.out, "output", "o", "", "the file to write; its extension picks the format")
}

// summary opens the store and summarises what the flags select.
func (a *app) summary(ctx context.Context, f *summaryFlags) (*infographic.Summary, error) {
	f.opts.Country = strings.ToUpper(f.opts.Country)
	f.opts.Generated = time.Now().UTC().Truncate(time.Minute)
	if f.generated != "" {
		t, err := time.Parse(time.RFC3339, f.generated)
		if err != nil {
			t, err = time.Parse(time.DateOnly, f.generated)
		}
		if err != nil {
			return nil, &exitError{code: ExitUsage, err: fmt.Errorf("--generated %q: want RFC 3339 (2026-01-02T15:04:05Z) or YYYY-MM-DD", f.generated)}
		}
		f.opts.Generated = t.UTC()
	}
	s, err := a.open(ctx)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	incs, err := s.IncidentsWithClaims(ctx, store.IncidentFilter{})
	if err != nil {
		return nil, err
	}
	sum, err := infographic.Summarize(incs, f.opts)
	if err != nil {
		return nil, &exitError{code: ExitUsage, err: err}
	}
	return sum, nil
}

// basemap loads the country outlines under the infographic's map.
func (a *app) basemap() (infographic.Basemap, error) {
	m, err := basemap.Load()
	if err != nil {
		return nil, fmt.Errorf("load the basemap: %w", err)
	}
	return m, nil
}

// outputFormat checks -o and returns its extension's format.
func outputFormat(out string, formats ...string) (string, error) {
	if out == "" {
		return "", &exitError{code: ExitUsage, err: fmt.Errorf("-o FILE is required (FILE.%s)", strings.Join(formats, ", FILE."))}
	}
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(out), "."))
	for _, f := range formats {
		if ext == f {
			return f, nil
		}
	}
	return "", &exitError{code: ExitUsage, err: fmt.Errorf("-o %s: want a file ending .%s", out, strings.Join(formats, " or ."))}
}

// writeFileAtomic writes data beside path and renames it into place, so
// that path is never half-written.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func (a *app) infographicCmd() *cobra.Command {
	var f summaryFlags
	cmd := &cobra.Command{
		Use:   "infographic [--from D] [--to D] [--country C] [--by party|place] -o FILE.svg|FILE.png",
		Short: "A one-page, shareable summary of the civilian harm recorded, as SVG or PNG",
		Long: `infographic draws one portrait page, 1080 pixels wide (readable on a phone):
the period and country, the civilian incidents on a map (coloured by grade,
contested ones ringed), civilians killed and injured by alleged party and by
place as low–high bars (dark to the sum of the lowest figures, pale to the sum
of the highest), incidents and killed per day, the grade rules, the number of
independent sources, the generation time and the data cut-off (the latest
date published or claimed). The same colours and rules apply to every party.
--by party or --by place draws that one breakdown with more rows; without it
both are drawn. The format follows -o's extension. The same data and the same
--generated time give the same bytes.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, err := outputFormat(f.out, "svg", "png")
			if err != nil {
				return err
			}
			if f.opts.By != infographic.ByParty && f.opts.By != infographic.ByPlace && f.opts.By != infographic.ByBoth {
				return &exitError{code: ExitUsage, err: fmt.Errorf("--by %q: want party or place", f.opts.By)}
			}
			sum, err := a.summary(cmd.Context(), &f)
			if err != nil {
				return err
			}
			bm, err := a.basemap()
			if err != nil {
				return err
			}
			c, err := infographic.Draw(sum, bm)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if format == "png" {
				err = c.WritePNG(&buf)
			} else {
				err = c.WriteSVG(&buf, f.embedFonts)
			}
			if err != nil {
				return err
			}
			if err := writeFileAtomic(f.out, buf.Bytes()); err != nil {
				return &exitError{code: ExitFailed, err: fmt.Errorf("write %s: %w", f.out, err)}
			}
			w, h := c.Size()
			fmt.Fprintf(a.io.Out, "%s: %s %.0f×%.0f, %d civilian incident(s)\n", f.out, strings.ToUpper(format), w, h, len(sum.Incidents))
			return nil
		},
	}
	f.add(cmd)
	cmd.Flags().StringVar(&f.opts.By, "by", "", "draw one breakdown with more rows: party or place (default: both)")
	cmd.Flags().BoolVar(&f.embedFonts, "embed-fonts", true, "embed the Go fonts (cut to the characters drawn) in an SVG, so that it looks the same everywhere")
	return cmd
}
