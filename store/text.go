package store

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/harmlog/harmlog"
)

// checkText rejects what PostgreSQL text and jsonb cannot hold (a NUL byte,
// invalid UTF-8), on both dialects so they behave alike. The store does not
// repair text: claims' Start/End are byte offsets into it.
func checkText(field, v string) error {
	if i := strings.IndexByte(v, 0); i >= 0 {
		return errorf(EINVALID, "%s: NUL byte at offset %d (text fields must be UTF-8 without NUL; keep raw bytes in Original)", field, i)
	}
	if !utf8.ValidString(v) {
		for i, r := range v {
			if r == utf8.RuneError {
				if _, n := utf8.DecodeRuneInString(v[i:]); n == 1 {
					return errorf(EINVALID, "%s: invalid UTF-8 at offset %d", field, i)
				}
			}
		}
	}
	return nil
}

func checkDocumentText(d *harmlog.Document) error {
	for _, f := range []struct{ name, v string }{
		{"media_type", d.MediaType}, {"title", d.Title}, {"publisher", d.Publisher}, {"published", d.Published},
		{"url", d.URL}, {"language", d.Language}, {"filename", d.Filename}, {"text", d.Text}, {"ingested_by", d.IngestedBy},
	} {
		if err := checkText("document field "+f.name, f.v); err != nil {
			return err
		}
	}
	return nil
}

func checkClaimText(c *harmlog.Claim) error {
	fields := []struct{ name, v string }{
		{"victims", c.Victims}, {"scope", c.Scope}, {"perpetrator", c.Perpetrator}, {"perpetrator_words", c.PerpetratorWords},
		{"claimant", c.Claimant}, {"denied_by", c.DeniedBy}, {"ref", c.Ref}, {"note", c.Note},
	}
	if c.Date != nil {
		fields = append(fields, struct{ name, v string }{"date.from", c.Date.From}, struct{ name, v string }{"date.to", c.Date.To})
	}
	for i, w := range c.Weapons {
		fields = append(fields, struct{ name, v string }{fmt.Sprintf("weapons[%d]", i), w})
	}
	for i, w := range c.WeaponWords {
		fields = append(fields, struct{ name, v string }{fmt.Sprintf("weapon_words[%d]", i), w})
	}
	for i, d := range c.Damaged {
		fields = append(fields, struct{ name, v string }{fmt.Sprintf("damaged[%d]", i), d.Object + d.State})
	}
	for i, p := range c.Places {
		fields = append(fields, struct{ name, v string }{fmt.Sprintf("places[%d]", i), p.Name + p.ID + p.Country + p.Admin1})
	}
	for _, f := range fields {
		if err := checkText(fmt.Sprintf("claim %d field %s", c.Index, f.name), f.v); err != nil {
			return err
		}
	}
	return nil
}
