package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/harmlog/harmlog/extract"
	"github.com/harmlog/harmlog/gazetteer"
	"github.com/harmlog/harmlog/ingest"
	"github.com/harmlog/harmlog/pipeline"
	"github.com/harmlog/harmlog/store"
)

func (a *app) ingestCmd() *cobra.Command {
	var opt pipeline.Options
	var maxBytes int64
	var quiet, noLink bool
	cmd := &cobra.Command{
		Use:   "ingest [--publisher NAME] [--published YYYY-MM-DD] [--url URL] PATH...",
		Short: "Store reports as evidence and extract their claims",
		Long: `ingest stores each report (text, Markdown, HTML or PDF; the type is detected from
the content) byte for byte with its SHA-256, reads its text and metadata, extracts
its claims and stores them, each document in its own transaction.

PATH is a file, a folder (read recursively, skipping hidden files; a symbolic
link in it is followed only to a file inside it) or - for standard input. The same bytes
are never stored twice: the existing document is reported. A file that cannot be
read gets one line naming it and the reason; the rest of the batch is stored and
the exit status is 1.

Each new document's incident claims are linked into the stored incidents as it
is stored: a claim joins the incident it matches or starts a new one, without
relinking the store (harmlog link does a full relink); analysts' pinned links
stay where they are. --no-link stores the claims unlinked.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, paths []string) error {
			if opt.Published != "" {
				if _, err := time.Parse("2006-01-02", opt.Published); err != nil {
					return &exitError{code: ExitUsage, err: fmt.Errorf("--published %q: want a date as YYYY-MM-DD", opt.Published)}
				}
			}
			opt.Parse.MaxBytes = maxBytes
			ctx := cmd.Context()
			s, err := a.open(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			ex, err := a.extractor(ctx, s)
			if err != nil {
				return err
			}
			if !noLink {
				gz, err := a.gazetteer(ctx, s)
				if err != nil {
					return err
				}
				opt.Attacher = a.attacher(s, gz)
			}
			sum := a.runIngest(ctx, s, ex, opt, ingest.Collect(ctx, paths, a.io.In), quiet)
			if sum.Failed > 0 {
				return failed(ExitFailed)
			}
			return ctx.Err()
		},
	}
	f := cmd.Flags()
	f.BoolVar(&noLink, "no-link", false, "store the claims without linking them into incidents")
	f.StringVar(&opt.Publisher, "publisher", "", "publisher of every document in this batch (overrides the metadata)")
	f.StringVar(&opt.Published, "published", "", "publication date, YYYY-MM-DD (overrides the metadata)")
	f.StringVar(&opt.URL, "url", "", "URL the documents came from")
	f.Int64Var(&maxBytes, "max-bytes", ingest.DefaultMaxBytes, "largest file accepted, in bytes")
	f.BoolVarP(&quiet, "quiet", "q", false, "print only failures and the summary")
	return cmd
}

// extractor builds the claim extractor: the embedded gazetteer with the
// store's own places and aliases, and the store's parties.
func (a *app) extractor(ctx context.Context, s *store.Store) (*extract.Extractor, error) {
	gz, err := a.gazetteer(ctx, s)
	if err != nil {
		return nil, err
	}
	return extract.New(extract.Options{Places: gz}), nil
}

// gazetteer loads the embedded gazetteer with the store's user places,
// once per invocation.
func (a *app) gazetteer(ctx context.Context, s *store.Store) (*gazetteer.Gazetteer, error) {
	if a.gz != nil {
		return a.gz, nil
	}
	places, err := s.UserPlaces(ctx)
	if err != nil {
		return nil, err
	}
	aliases, err := s.PlaceAliases(ctx)
	if err != nil {
		return nil, err
	}
	var opts []gazetteer.Option
	for _, p := range places {
		opts = append(opts, gazetteer.WithPlaces(gazetteer.Place{
			ID: p.PlaceID(), Name: p.Name, Lat: p.Lat, Lon: p.Lon, Country: p.Country,
			Admin1: p.Admin1, Population: int(p.Population), Feature: p.Kind,
		}))
	}
	for _, al := range aliases {
		opts = append(opts, gazetteer.WithAliases(gazetteer.Alias{ID: al.PlaceID, Alias: al.Alias}))
	}
	gz, err := gazetteer.Load(opts...)
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	a.gz = gz
	return gz, nil
}

// runIngest runs the pipeline, printing one line per input (or a progress
// bar on a terminal) and the summary.
func (a *app) runIngest(ctx context.Context, s *store.Store, ex pipeline.Extractor, opt pipeline.Options, inputs func(func(ingest.Input) bool), quiet bool) pipeline.Summary {
	p := pipeline.New(s, ex, opt)
	var bar *progressbar.ProgressBar
	if a.io.IsTerminal && !quiet {
		bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(a.io.Err),
			progressbar.OptionSetDescription("ingesting"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("docs"),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond),
		)
	}
	sum := p.Run(ctx, inputs, func(o pipeline.Outcome) {
		if bar != nil {
			_ = bar.Add(1)
		}
		switch {
		case o.Err != nil:
			if bar != nil {
				_ = bar.Clear()
			}
			fmt.Fprintf(a.io.Err, "failed  %v\n", o.Err)
		case quiet || bar != nil:
		case o.Existed:
			fmt.Fprintf(a.io.Out, "exists  #%d  %s  (same SHA-256 %.12s…)\n", o.ID, o.Name, o.SHA256)
		default:
			fmt.Fprintf(a.io.Out, "stored  #%d  %s  sha256:%.12s…  %d claim(s)\n", o.ID, o.Name, o.SHA256, o.Claims)
		}
		if o.LinkErr != nil {
			fmt.Fprintf(a.io.Err, "failed  %v\n", o.LinkErr)
		}
	})
	if bar != nil {
		_ = bar.Finish()
	}
	fmt.Fprintf(a.io.Out, "ingested %d, already present %d, failed %d\n", sum.Ingested, sum.Existing, sum.Failed)
	for _, f := range sum.Failures {
		fmt.Fprintf(a.io.Err, "  %v\n", f.Err)
	}
	return sum
}
