// Package imports brings structured data into a store: a file of claims
// in the flat JSONL form (claimsio) becomes one evidence document (its bytes
// hashed and kept like any report) whose claims point at their own lines;
// each row of an ACLED or UCDP GED file becomes a document with an imported
// claim of its coded values beside the claims extracted from its text.
// Weapons, perpetrators and places are normalised on the way in, through
// the same vocabulary, party registry and gazetteer that extraction uses.
package imports

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/claimsio"
	"github.com/harmlog/harmlog/extract/weapons"
	"github.com/harmlog/harmlog/gazetteer"
	"github.com/harmlog/harmlog/party"
)

// Store is what an import needs of a store.
type Store interface {
	AddDocument(ctx context.Context, doc *harmlog.Document, claims []harmlog.Claim, actor string) (id int64, existed bool, err error)
}

// Normalizer maps the words of a structured claim to harmlog's
// vocabularies. A nil field leaves that part as it is.
type Normalizer struct {
	Places  *gazetteer.Gazetteer
	Parties *party.Registry
}

// Claim normalises c in place: weapon words to the weapons vocabulary,
// the alleged perpetrator to a party, and its places through the gazetteer
// (keeping the name as given, and the other side's toponym as Alt).
func (n Normalizer) Claim(c *harmlog.Claim) {
	if len(c.Weapons) == 0 && len(c.WeaponWords) > 0 {
		seen := map[string]bool{}
		for _, w := range c.WeaponWords {
			for _, m := range weapons.Find(w) {
				if !seen[m.Norm] {
					seen[m.Norm] = true
					c.Weapons = append(c.Weapons, m.Norm)
				}
			}
		}
	}
	if n.Parties != nil && c.PerpetratorWords != "" && c.Perpetrator == "" {
		if p, ok := n.Parties.Normalize(c.PerpetratorWords); ok {
			c.Perpetrator = p
		}
	}
	if n.Places != nil {
		for i := range c.Places {
			p := &c.Places[i]
			if p.ID != "" {
				continue
			}
			var countries []string
			if p.Country != "" {
				countries = []string{p.Country}
			}
			pl, ok := resolveNamed(n.Places, p.Name, countries)
			if !ok && p.Alt != "" {
				pl, ok = resolveNamed(n.Places, p.Alt, countries)
			}
			if ok {
				ref := pl.Ref()
				p.ID, p.Lat, p.Lon, p.Admin1 = ref.ID, ref.Lat, ref.Lon, ref.Admin1
				if p.Country == "" {
					p.Country = ref.Country
				}
			}
		}
	}
}

// resolveNamed resolves name, but only to a place that the name's head
// (before any comma, bracket or semicolon) itself names: "Gashalti village,
// Naftalan" must not become Naftalan just because the village is missing
// from the gazetteer; left unresolved, the linker still compares its name.
func resolveNamed(g *gazetteer.Gazetteer, name string, countries []string) (gazetteer.Place, bool) {
	pl, ok := g.Resolve(name, countries...)
	if !ok {
		return pl, false
	}
	head := name
	if i := strings.IndexAny(head, ",(;/"); i > 0 {
		head = head[:i]
	}
	h := " " + gazetteer.Fold(head) + " "
	for _, n := range pl.Names {
		if f := gazetteer.Fold(n); f != "" && strings.Contains(h, " "+f+" ") {
			return pl, true
		}
	}
	if f := gazetteer.Fold(pl.Name); f != "" && strings.Contains(h, " "+f+" ") {
		return pl, true
	}
	return pl, false
}

// Result is what an import did.
type Result struct {
	DocumentID int64
	Existed    bool    // the same file was imported before: nothing added
	Claims     int     // claims stored
	Bad        []error // lines not imported, each naming its line and field
}

// Claims imports a claims file (the flat JSONL form) named name with the
// bytes data. The file is stored as a document and each good line as an
// imported claim whose span is its line; bad lines are reported in
// Result.Bad and do not stop the rest. The same bytes imported again add
// nothing.
func Claims(ctx context.Context, s Store, name string, data []byte, norm Normalizer, actor string) (Result, error) {
	var res Result
	if len(data) == 0 {
		return res, fmt.Errorf("%s: empty file", name)
	}
	if !utf8.Valid(data) {
		return res, fmt.Errorf("%s: not UTF-8 text", name)
	}
	// Byte offset of each line, so that a claim can point at its line.
	starts := []int{0}
	for i, b := range data {
		if b == '\n' && i+1 < len(data) {
			starts = append(starts, i+1)
		}
	}
	lineSpan := func(line int) (int, int) {
		if line < 1 || line > len(starts) {
			return 0, 0
		}
		start := starts[line-1]
		end := len(data)
		if line < len(starts) {
			end = starts[line] - 1
		}
		return start, end
	}
	r := claimsio.NewReader(bytes.NewReader(data))
	var claims []harmlog.Claim
	for {
		c, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var le *claimsio.LineError
			if errors.As(err, &le) {
				res.Bad = append(res.Bad, fmt.Errorf("%s: %w", name, err))
				continue
			}
			return res, fmt.Errorf("%s: %w", name, err)
		}
		c.Start, c.End = lineSpan(r.Line())
		c.Status = harmlog.StatusImported
		norm.Claim(&c)
		claims = append(claims, c)
	}
	sum := sha256.Sum256(data)
	doc := &harmlog.Document{
		SHA256:     hex.EncodeToString(sum[:]),
		Size:       int64(len(data)),
		MediaType:  "application/x-ndjson",
		Title:      "claims imported from " + filepath.Base(name),
		Filename:   name,
		Text:       string(data),
		IngestedAt: time.Now().UTC(),
		IngestedBy: actor,
		Original:   data,
	}
	id, existed, err := s.AddDocument(ctx, doc, claims, actor)
	if err != nil {
		return res, fmt.Errorf("%s: not stored: %w", name, err)
	}
	res.DocumentID, res.Existed = id, existed
	if !existed {
		res.Claims = len(claims)
	}
	return res, nil
}
