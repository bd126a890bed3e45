package export

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/store"
)

// memSource is a Source over records in memory; it hands out copies, as a
// store does.
type memSource struct {
	claims []harmlog.Claim
	docs   []harmlog.Document
}

func (m memSource) IncidentsWithClaims(context.Context, store.IncidentFilter) ([]harmlog.Incident, error) {
	var members []harmlog.Link
	for i := range m.claims {
		c := m.claims[i]
		members = append(members, harmlog.Link{ClaimID: c.ID, IncidentID: 1, Claim: &c})
	}
	return []harmlog.Incident{{ID: 1, Key: "k", Grade: harmlog.GradeWeak, Members: members}}, nil
}

func (m memSource) EachClaim(_ context.Context, _ store.ClaimFilter, fn func(*harmlog.Claim) error) error {
	for _, c := range m.claims {
		if err := fn(&c); err != nil {
			return err
		}
	}
	return nil
}

func (m memSource) Documents(_ context.Context, f store.DocumentFilter) ([]harmlog.Document, error) {
	if f.Offset > 0 {
		return nil, nil
	}
	return append([]harmlog.Document(nil), m.docs...), nil
}

func (m memSource) Document(_ context.Context, id int64, _ bool) (*harmlog.Document, error) {
	d := m.docs[id-1]
	return &d, nil
}

// TestSensitiveFields: victims' names and source contacts leave the store
// only with IncludeSensitive, and only in the JSON forms.
func TestSensitiveFields(t *testing.T) {
	const name, contact = "Ayla Sensitive", "witness +994 00 000"
	src := memSource{
		claims: []harmlog.Claim{{ID: 1, DocumentID: 1, Killed: harmlog.Exact(1), VictimNames: []string{name}}},
		docs:   []harmlog.Document{{ID: 1, Title: "d", SourceContact: contact}},
	}
	for _, tc := range []struct {
		kind   string
		format Format
		secret string
		inJSON bool // carried when included
	}{
		{"claims", JSON, name, true},
		{"claims", JSONL, name, true},
		{"claims", CSV, name, false},
		{"claims", GeoJSON, name, false},
		{"claims", ACLED, name, false},
		{"incidents", JSON, name, true},
		{"incidents", CSV, name, false},
		{"documents", JSON, contact, true},
		{"documents", CSV, contact, false},
	} {
		for _, include := range []bool{false, true} {
			var buf bytes.Buffer
			if err := Write(context.Background(), src, &buf, tc.kind, tc.format, Filter{IncludeSensitive: include}); err != nil {
				t.Fatalf("%s %s: %v", tc.kind, tc.format, err)
			}
			got := strings.Contains(buf.String(), tc.secret)
			if want := include && tc.inJSON; got != want {
				t.Errorf("%s as %s, include %v: carries %q = %v, want %v\n%s", tc.kind, tc.format, include, tc.secret, got, want, buf.String())
			}
		}
	}
	if src.claims[0].VictimNames == nil || src.docs[0].SourceContact == "" {
		t.Error("exporting redacted the source's own records")
	}
}
