package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/harmlog/harmlog/infographic"
	"github.com/harmlog/harmlog/web"
)

// chromiumNames are the names headless Chromium goes by, in the order
// they are looked for on PATH.
func chromiumNames() []string {
	return []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}
}

// pdfTimeout bounds one Chromium run.
const pdfTimeout = 2 * time.Minute

// findChromium returns the browser to print with: $HARMLOG_CHROMIUM when
// set, else the first of chromiumNames on PATH.
func findChromium(getenv func(string) string, lookPath func(string) (string, error)) (string, error) {
	if p := getenv("HARMLOG_CHROMIUM"); p != "" {
		if _, err := lookPath(p); err != nil {
			return "", fmt.Errorf("HARMLOG_CHROMIUM=%s: %w", p, err)
		}
		return p, nil
	}
	for _, n := range chromiumNames() {
		if p, err := lookPath(n); err == nil {
			return p, nil
		}
	}
	return "", errors.New("a PDF is printed by headless Chromium, and none was found (looked for chromium, chromium-browser, google-chrome on PATH, and $HARMLOG_CHROMIUM): install it (Debian: apt-get install chromium) or write -o FILE.html and print that from a browser")
}

// printPDF prints an HTML file to PDF with headless Chromium, in a
// throw-away profile, with no network services of its own.
func printPDF(ctx context.Context, chromium, html, pdf string) error {
	ctx, cancel := context.WithTimeout(ctx, pdfTimeout)
	defer cancel()
	profile, err := os.MkdirTemp("", "harmlog-chromium-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	abs, err := filepath.Abs(html)
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, chromium,
		"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--no-pdf-header-footer", "--user-data-dir="+profile, "--print-to-pdf="+pdf, "file://"+filepath.ToSlash(abs))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	// Chromium's helper processes may hold the output open after it is
	// killed; stop waiting for them.
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w\n%s", chromium, err, tail(out.Bytes(), 2000))
	}
	b, err := os.ReadFile(pdf)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		return fmt.Errorf("%s printed no PDF (%v)\n%s", chromium, err, tail(out.Bytes(), 2000))
	}
	return nil
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

func (a *app) reportCmd() *cobra.Command {
	var f summaryFlags
	cmd := &cobra.Command{
		Use:   "report [--from D] [--to D] [--country C] -o FILE.html|FILE.pdf",
		Short: "A printable report: the infographic, the tallies and every incident with its claims and source URLs",
		Long: `report writes one standalone HTML file (print style and infographic inline,
nothing fetched): the infographic, the totals, the tallies by alleged party and
by place, the figure and grade rules, and every civilian incident with each of
its claims (claimant, publisher, dates, figures, party alleged, review status,
source URL). Sensitive fields (victims' names, source contacts), analysts'
notes and document text are never in it.

With -o FILE.pdf the HTML is printed to PDF by headless Chromium (chromium,
chromium-browser or google-chrome on PATH, or $HARMLOG_CHROMIUM); without it
the command fails and says so.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format, err := outputFormat(f.out, "html", "pdf")
			if err != nil {
				return err
			}
			chromium := ""
			if format == "pdf" {
				if chromium, err = findChromium(a.io.Getenv, exec.LookPath); err != nil {
					return &exitError{code: ExitFailed, err: err}
				}
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
			var svg, html bytes.Buffer
			if err := c.WriteSVG(&svg, true); err != nil {
				return err
			}
			if err := web.WriteReport(&html, sum, svg.Bytes()); err != nil {
				return err
			}
			if format == "html" {
				if err := writeFileAtomic(f.out, html.Bytes()); err != nil {
					return &exitError{code: ExitFailed, err: fmt.Errorf("write %s: %w", f.out, err)}
				}
			} else {
				dir, err := os.MkdirTemp("", "harmlog-report-")
				if err != nil {
					return err
				}
				defer os.RemoveAll(dir)
				page, pdf := filepath.Join(dir, "report.html"), filepath.Join(dir, "report.pdf")
				if err := os.WriteFile(page, html.Bytes(), 0o600); err != nil {
					return err
				}
				if err := printPDF(cmd.Context(), chromium, page, pdf); err != nil {
					return &exitError{code: ExitFailed, err: fmt.Errorf("report PDF: %w", err)}
				}
				b, err := os.ReadFile(pdf)
				if err != nil {
					return err
				}
				if err := writeFileAtomic(f.out, b); err != nil {
					return &exitError{code: ExitFailed, err: fmt.Errorf("write %s: %w", f.out, err)}
				}
			}
			fmt.Fprintf(a.io.Out, "%s: report of %d civilian incident(s)\n", f.out, len(sum.Incidents))
			return nil
		},
	}
	f.add(cmd)
	return cmd
}
