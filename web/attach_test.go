package web

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/harmlog/harmlog/store"
)

// TestUploadLinks: an uploaded report's incident claim is attached to the
// stored incidents as it is stored, joining the incident it matches, with
// no relink.
func TestUploadLinks(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	report := "date 2020-10-08 By Other Wire\n\nOfficials said on Wednesday that 3 civilians were killed when shells hit Barda.\n"
	ct, body := multipartBody(t, map[string]string{"barda.txt": report}, []string{"barda.txt"}, "file")
	res := f.do(t, "POST", "/api/documents", ct, body)
	text := readBody(t, res)
	var got []UploadResult
	if err := json.Unmarshal([]byte(text), &got); err != nil || len(got) != 1 || got[0].Error != "" || got[0].Claims == 0 {
		t.Fatalf("upload: %v %s", err, text)
	}
	claims, err := f.st.Claims(ctx, store.ClaimFilter{DocumentID: got[0].ID, Limit: 100})
	if err != nil || len(claims) == 0 {
		t.Fatalf("claims of the upload: %v %v", claims, err)
	}
	incs, err := f.st.IncidentsWithClaims(ctx, store.IncidentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	in := map[int64]int64{} // claim -> incident
	for _, inc := range incs {
		for _, m := range inc.Members {
			in[m.ClaimID] = inc.ID
		}
	}
	for _, c := range claims {
		if c.Scope != "incident" {
			continue
		}
		if in[c.ID] != f.inc {
			t.Errorf("uploaded claim %d (%s, %v) is in incident %d, want the stored Barda incident %d", c.ID, c.Date, c.Places, in[c.ID], f.inc)
		}
	}
}
