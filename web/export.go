package web

import (
	"bytes"
	"mime"
	"net/http"
	"strings"

	"github.com/harmlog/harmlog/export"
)

// apiExport serves the same exports as `harmlog export`, as a download.
func (s *Server) apiExport(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	kind := r.PathValue("kind")
	format := q.Get("format")
	if format == "" {
		format = "csv"
	}
	fm, err := export.ParseFormat(kind, format)
	if err != nil {
		s.apiFail(w, r, invalid("%v", err))
		return
	}
	f := export.Filter{From: q.Get("from"), To: q.Get("to"), Country: strings.ToUpper(q.Get("country"))}
	for _, g := range strings.Split(q.Get("grade"), ",") {
		if g = strings.TrimSpace(g); g != "" {
			f.Grades = append(f.Grades, g)
		}
	}
	var buf bytes.Buffer
	if err := export.Write(r.Context(), s.cfg.Store, &buf, kind, fm, f); err != nil {
		s.apiFail(w, r, err)
		return
	}
	ctype, ext := "text/csv; charset=utf-8", "csv"
	switch format {
	case "json":
		ctype, ext = "application/json", "json"
	case "geojson":
		ctype, ext = "application/geo+json", "geojson"
	case "jsonl":
		ctype, ext = "application/x-ndjson", "jsonl"
	case "acled":
		ext = "acled.csv"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "harmlog-" + kind + "." + ext}))
	_, _ = w.Write(buf.Bytes())
}
