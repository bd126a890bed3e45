package cli

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/harmlog/harmlog/store"
)

func (a *app) docsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "docs",
		Short: "List and show stored documents",
	}
	var asJSON bool
	var limit, offset int
	list := &cobra.Command{
		Use:   "list",
		Short: "List stored documents with their metadata",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			s, err := a.open(c.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			if limit <= 0 {
				limit = math.MaxInt32
			}
			docs, err := s.Documents(c.Context(), store.DocumentFilter{Limit: limit, Offset: offset})
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.io.Out, docs)
			}
			tw := tabwriter.NewWriter(a.io.Out, 2, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tPUBLISHED\tPUBLISHER\tTYPE\tSIZE\tSHA-256\tTITLE")
			for _, d := range docs {
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%.12s\t%s\n", d.ID, orDash(d.Published), orDash(clip(d.Publisher, 28)),
					d.MediaType, d.Size, d.SHA256, orDash(clip(firstNonEmpty(d.Title, d.Filename), 60)))
			}
			return tw.Flush()
		},
	}
	list.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	list.Flags().IntVar(&limit, "limit", 0, "show at most this many (0: all)")
	list.Flags().IntVar(&offset, "offset", 0, "skip this many")

	var showJSON, original bool
	show := &cobra.Command{
		Use:   "show ID",
		Short: "Show a document's text and metadata, or its original bytes",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			id, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil || id <= 0 {
				return &exitError{code: ExitUsage, err: fmt.Errorf("docs show: %q is not a document id (a positive whole number)", args[0])}
			}
			s, err := a.open(c.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			d, err := s.Document(c.Context(), id, original)
			if err != nil {
				return err
			}
			if original {
				_, err := a.io.Out.Write(d.Original)
				return err
			}
			if showJSON {
				return writeJSON(a.io.Out, d)
			}
			fmt.Fprintf(a.io.Out, "document %d\n", d.ID)
			for _, kv := range [][2]string{
				{"title", d.Title}, {"publisher", d.Publisher}, {"published", d.Published}, {"url", d.URL},
				{"media type", d.MediaType}, {"language", d.Language}, {"file", d.Filename},
				{"size", strconv.FormatInt(d.Size, 10) + " bytes"}, {"sha256", d.SHA256},
				{"ingested", d.IngestedAt.UTC().Format("2006-01-02 15:04:05 UTC") + " by " + d.IngestedBy},
			} {
				if kv[1] != "" {
					fmt.Fprintf(a.io.Out, "%-11s %s\n", kv[0]+":", kv[1])
				}
			}
			fmt.Fprintf(a.io.Out, "\n%s\n", d.Text)
			return nil
		},
	}
	show.Flags().BoolVar(&showJSON, "json", false, "print JSON")
	show.Flags().BoolVar(&original, "original", false, "write the original bytes exactly as ingested")
	cmd.AddCommand(list, show)
	return cmd
}

func writeJSON(w interface{ Write([]byte) (int, error) }, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// clip shortens s to n runes for tables.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
