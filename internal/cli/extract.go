package cli

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/extract"
	"github.com/harmlog/harmlog/ingest"
)

func (a *app) extractCmd() *cobra.Command {
	var asJSON, asJSONL bool
	var workers int
	cmd := &cobra.Command{
		Use:   "extract [FILE...]",
		Short: "Show the claims harmlog finds in reports, without storing anything",
		Long: `extract reads reports (any format ingest takes; standard input when no FILE is
given) and prints each claim it finds with the words that support it.

--json prints one JSON object per file ({"file", "claims", "places"}).
--jsonl follows the contract of GUIDELINES.md: it reads one JSON object a line on
standard input, {"id", "text", "published"}, and writes one line per input, in
order, {"id", "claims", "places"}; a line that is not valid input gets an output
line with "line" and "error" and the run goes on.`,
		RunE: func(cmd *cobra.Command, files []string) error {
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
			if asJSONL {
				if len(files) > 0 {
					return &exitError{code: ExitUsage, err: fmt.Errorf("extract --jsonl reads standard input; no FILE arguments")}
				}
				return extract.RunJSONL(ctx, a.io.In, a.io.Out, ex, workers)
			}
			if len(files) == 0 {
				files = []string{ingest.StdinName}
			}
			bad := 0
			err = extractFiles(ctx, ex, files, a.io.In, workers, func(e extracted) error {
				if e.err != nil {
					fmt.Fprintf(a.io.Err, "failed  %v\n", e.err)
					bad++
					return nil
				}
				if asJSON {
					out := extract.NewOutput(e.name, e.res)
					return writeJSON(a.io.Out, struct {
						File string `json:"file"`
						extract.Output
					}{e.name, out})
				}
				printClaims(a.io.Out, e.name, e.p, e.res)
				return nil
			})
			if err != nil {
				return err
			}
			if bad > 0 {
				return failed(ExitFailed)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON, one object per file")
	cmd.Flags().BoolVar(&asJSONL, "jsonl", false, "read the JSON-lines contract on standard input, write one line per input")
	cmd.Flags().IntVar(&workers, "workers", 0, "files or lines read and extracted at once (0: one per core)")
	return cmd
}

// extracted is one input of extract: its text and claims, or why it failed.
type extracted struct {
	name string
	p    *ingest.Parsed
	res  extract.Result
	err  error
}

// extractFiles reads, parses and extracts the inputs on workers goroutines
// (one per core when workers <= 0) and calls fn with each, in input order.
// It stops at the first error fn returns, or when ctx is done.
func extractFiles(ctx context.Context, ex *extract.Extractor, files []string, stdin io.Reader, workers int, fn func(extracted) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type job struct {
		in  ingest.Input
		out chan extracted
	}
	jobs := make(chan *job, workers)
	order := make(chan *job, 4*workers) // bounds the inputs read ahead
	go func() {
		defer close(jobs)
		defer close(order)
		for in := range ingest.Collect(ctx, files, stdin) {
			j := &job{in: in, out: make(chan extracted, 1)}
			select {
			case order <- j:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range workers {
		go func() {
			for j := range jobs {
				e := extracted{name: j.in.Name}
				data, err := j.in.Read(ctx, 0)
				if err == nil {
					e.p, err = ingest.ParseContext(ctx, j.in.Name, data, ingest.Options{})
				}
				if e.err = err; err == nil {
					e.res = ex.Extract(e.p.Text, e.p.Published)
				}
				j.out <- e
			}
		}()
	}
	for j := range order {
		select {
		case e := <-j.out:
			if err := fn(e); err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return ctx.Err()
}

// printClaims writes the claims of one document for people: each with its
// figures, context and the quote that supports it.
func printClaims(w io.Writer, name string, p *ingest.Parsed, res extract.Result) {
	fmt.Fprintf(w, "== %s", name)
	if p.Published != "" || p.Publisher != "" {
		fmt.Fprintf(w, "  (%s)", strings.TrimSpace(p.Published+" "+p.Publisher))
	}
	fmt.Fprintf(w, ": %d claim(s)\n", len(res.Claims))
	for i, c := range res.Claims {
		fmt.Fprintf(w, "\n[%d] %s\n", i, summary(c))
		fmt.Fprintf(w, "    \"%s\"  (bytes %d–%d)\n", quote(p.Text, c.Start, c.End), c.Start, c.End)
	}
	if len(res.Places) > 0 {
		fmt.Fprint(w, "\nplaces:")
		for _, pl := range res.Places {
			fmt.Fprintf(w, " %s", pl.Name)
			if pl.ID != "" {
				fmt.Fprintf(w, " (%s)", pl.ID)
			}
			fmt.Fprint(w, ";")
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)
}

// summary is one line of a claim's figures and context.
func summary(c harmlog.Claim) string {
	var parts []string
	add := func(k string, r *harmlog.Range) {
		if r != nil {
			parts = append(parts, k+" "+r.String())
		}
	}
	add("killed", c.Killed)
	add("injured", c.Injured)
	add("missing", c.Missing)
	for _, d := range c.Damaged {
		parts = append(parts, fmt.Sprintf("%s %s %s", d.Range.String(), d.Object, d.State))
	}
	if c.Victims != "" {
		parts = append(parts, "victims "+c.Victims)
	}
	if c.Scope != "" {
		parts = append(parts, c.Scope)
	}
	if c.PartOf != nil {
		parts = append(parts, fmt.Sprintf("part of [%d]", *c.PartOf))
	}
	if c.Date != nil && !c.Date.IsZero() {
		d := c.Date.From
		if c.Date.To != c.Date.From {
			d = orDash(c.Date.From) + "…" + orDash(c.Date.To)
		}
		parts = append(parts, "date "+d)
	}
	if len(c.Places) > 0 {
		var names []string
		for _, p := range c.Places {
			names = append(names, p.Name)
		}
		parts = append(parts, "at "+strings.Join(names, ", "))
	}
	if len(c.Weapons) > 0 {
		parts = append(parts, "weapons "+strings.Join(c.Weapons, ", "))
	}
	if c.Perpetrator != "" {
		parts = append(parts, "alleged perpetrator "+c.Perpetrator)
	}
	if c.Denied {
		parts = append(parts, "DENIAL")
	}
	if c.Update {
		parts = append(parts, "update")
	}
	parts = append(parts, "claimant "+orDash(c.Claimant))
	return strings.Join(parts, "; ")
}

// quote returns text[start:end] on one line, shortened in the middle.
func quote(text string, start, end int) string {
	if start < 0 || end > len(text) || start >= end {
		return ""
	}
	q := strings.Join(strings.Fields(text[start:end]), " ")
	if r := []rune(q); len(r) > 240 {
		q = string(r[:170]) + " … " + string(r[len(r)-60:])
	}
	return q
}
