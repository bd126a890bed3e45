package imports

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/dataset"
	"github.com/harmlog/harmlog/extract"
	"github.com/harmlog/harmlog/gazetteer"
)

// Extractor finds the claims in a text; *extract.Extractor implements it.
type Extractor interface {
	Extract(text, published string) extract.Result
}

// Publisher names of the data sets, as documents and claims carry them.
const (
	PublisherACLED = "ACLED"
	PublisherUCDP  = "UCDP GED"
)

// MediaTypeRow is the media type of a data set row's document: the file's
// header line and the row's record, both exactly as the file has them.
const MediaTypeRow = "text/csv"

// codedPrefix starts the place id of a coded place that the gazetteer does
// not know near its coded coordinates: "coded:LAT,LON" keeps the linker from
// moving it to a namesake elsewhere, and meets only the same coordinates.
const codedPrefix = "coded:"

// DatasetOptions are the settings of one data set import.
type DatasetOptions struct {
	// Accept lists the formats the file may have; empty accepts any.
	Accept []dataset.Format
	// Norm normalises the coded claim's perpetrator; its Places, when set,
	// gives a coded place the gazetteer's id when the gazetteer knows the
	// place near the coded coordinates.
	Norm Normalizer
	// Extractor, when set, finds the machine claims in each row's text.
	Extractor Extractor
	Workers   int              // rows prepared in parallel; 0 means one per core
	Actor     string           // who imports, for the change log
	Now       func() time.Time // clock, for tests
}

// RowOutcome is what became of one row.
type RowOutcome struct {
	Line       int    // the line the row starts on
	EventID    string // the data set's id of the event
	DocumentID int64  // the stored document, new or existing
	Existed    bool   // the same row was imported before: nothing added
	Claims     int    // claims stored with it (coded and extracted)
	Err        error  // the row is malformed or could not be stored
}

// DatasetResult counts what a data set import did.
type DatasetResult struct {
	Format                   dataset.Format
	Stored, Existing, Failed int
	Claims                   int // claims stored, coded and extracted
	Failures                 []RowOutcome
}

// Dataset imports an ACLED or UCDP GED CSV file read from r (named name) as
// a stream: every row becomes a document (the file's header line, with
// UCDP's HXL tag row, and the row's record, byte for byte, so that the same row imported again is
// recognised by its SHA-256 and adds nothing) whose text is the row's notes
// or headlines, with the coded values as one imported claim (see Coded) and,
// when opt.Extractor is set, the machine claims found in the text. Rows are
// prepared on every core and stored by one writer in input order, each
// document in its own transaction; report is called for every row once its
// outcome is final. A row already stored is reported as such without being
// extracted again when s can look documents up by SHA-256. A malformed row is reported with its line and reason and
// does not stop the rest. The error is for the file as a whole (an unknown
// header, a read error, a cancelled ctx).
func Dataset(ctx context.Context, s Store, name string, r io.Reader, opt DatasetOptions, report func(RowOutcome)) (DatasetResult, error) {
	var res DatasetResult
	rd, err := dataset.NewReader(r)
	if err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	res.Format = rd.Format()
	if len(opt.Accept) > 0 && !containsFormat(opt.Accept, rd.Format()) {
		return res, fmt.Errorf("%s: the header is %s, not %s", name, rd.Format(), joinFormats(opt.Accept))
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	format := rd.Format()
	base := filepath.Base(name)

	type job struct {
		seq         int
		row         dataset.Row
		header, raw []byte
		err         error
	}
	type done struct {
		seq    int
		out    RowOutcome
		doc    *harmlog.Document
		claims []harmlog.Claim
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// At most window rows are between the reader and the writer, so memory
	// stays flat whatever the file's size and however slow one row is.
	window := opt.Workers * 8
	slots := make(chan struct{}, window)
	jobs := make(chan job, opt.Workers)
	results := make(chan done, window)
	readErr := make(chan error, 1)

	go func() {
		defer close(jobs)
		for seq := 0; ; seq++ {
			row, err := rd.Next()
			if errors.Is(err, io.EOF) {
				readErr <- nil
				return
			}
			var re *dataset.RowError
			if err != nil && !errors.As(err, &re) {
				readErr <- fmt.Errorf("%s: %w", name, err)
				return
			}
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				readErr <- ctx.Err()
				return
			}
			j := job{seq: seq, row: row, header: rd.Header(), raw: rd.Raw()}
			if re != nil {
				j.err, j.row.Line = fmt.Errorf("%s: %w", base, re), re.Line
			}
			jobs <- j
		}
	}()
	lookup, _ := s.(shaLookup)
	workersDone := make(chan struct{})
	for w := 0; w < opt.Workers; w++ {
		go func() {
			defer func() { workersDone <- struct{}{} }()
			for j := range jobs {
				d := done{seq: j.seq, out: RowOutcome{Line: j.row.Line, EventID: j.row.EventID, Err: j.err}}
				if j.err == nil && lookup != nil {
					// Stored before: no need to extract it again.
					sum := sha256.Sum256(append(append([]byte(nil), j.header...), j.raw...))
					if doc, err := lookup.DocumentBySHA(ctx, hex.EncodeToString(sum[:])); err == nil && doc != nil {
						d.out.DocumentID, d.out.Existed = doc.ID, true
						results <- d
						continue
					}
				}
				if j.err == nil {
					d.doc, d.claims, d.out.Err = prepareRow(format, base, j.header, j.raw, j.row, opt)
				}
				results <- d
			}
		}()
	}
	go func() {
		for w := 0; w < opt.Workers; w++ {
			<-workersDone
		}
		close(results)
	}()

	pending := map[int]done{}
	next := 0
	for d := range results {
		pending[d.seq] = d
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			out := p.out
			if out.Err == nil && !out.Existed && ctx.Err() == nil {
				id, existed, err := s.AddDocument(ctx, p.doc, p.claims, opt.Actor)
				if err != nil {
					out.Err = fmt.Errorf("%s: line %d: not stored: %w", base, out.Line, err)
				} else {
					out.DocumentID, out.Existed = id, existed
					if !existed {
						out.Claims = len(p.claims)
					}
				}
			} else if out.Err == nil && !out.Existed {
				out.Err = ctx.Err()
			}
			switch {
			case out.Err != nil:
				res.Failed++
				res.Failures = append(res.Failures, out)
			case out.Existed:
				res.Existing++
			default:
				res.Stored++
				res.Claims += out.Claims
			}
			if report != nil {
				report(out)
			}
			<-slots
		}
	}
	if err := <-readErr; err != nil {
		return res, err
	}
	return res, ctx.Err()
}

// shaLookup is what a Store may offer to find a stored document by its
// SHA-256, so that a re-import skips extraction (*store.Store does).
type shaLookup interface {
	DocumentBySHA(ctx context.Context, sha string) (*harmlog.Document, error)
}

func containsFormat(fs []dataset.Format, f dataset.Format) bool {
	for _, x := range fs {
		if x == f {
			return true
		}
	}
	return false
}

func joinFormats(fs []dataset.Format) string {
	var s []string
	for _, f := range fs {
		s = append(s, string(f))
	}
	return strings.Join(s, " or ")
}

// prepareRow builds a row's document and claims: the coded claim first,
// then the machine claims of its text, which take the row's source as
// claimant and its dates when the text names none. It turns an extractor's
// panic into the row's error.
func prepareRow(f dataset.Format, file string, header, raw []byte, row dataset.Row, opt DatasetOptions) (doc *harmlog.Document, claims []harmlog.Claim, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, claims, err = nil, nil, fmt.Errorf("%s: line %d: extraction failed: %v", file, row.Line, r)
		}
	}()
	original := make([]byte, 0, len(header)+len(raw))
	original = append(append(original, header...), raw...)
	doc = RowDocument(f, file, original, row)
	doc.IngestedAt, doc.IngestedBy = opt.Now().UTC(), opt.Actor
	coded := Coded(f, row)
	opt.Norm.coded(&coded, row)
	claims = append(claims, coded)
	if opt.Extractor != nil && strings.TrimSpace(row.Text) != "" {
		res := opt.Extractor.Extract(doc.Text, doc.Published)
		for i := range res.Claims {
			c := res.Claims[i]
			c.Status = harmlog.StatusMachine
			if c.PartOf != nil {
				p := *c.PartOf + 1 // the coded claim comes first
				c.PartOf = &p
			}
			if (c.Date == nil || c.Date.IsZero()) && coded.Date != nil && c.Scope != harmlog.ScopeCumulative {
				// The text is the coders' account of the event they date:
				// a figure it gives without a date of its own is that day's.
				d := *coded.Date
				c.Date = &d
			}
			if c.Claimant == "" {
				// The notes retell the coders' source: without a claimant
				// of its own a figure is that source's, not a second one.
				c.Claimant = coded.Claimant
			}
			claims = append(claims, c)
		}
	}
	for i := range claims {
		claims[i].Index = i
	}
	return doc, claims, nil
}

// Publisher returns the publisher name of a data set format.
func Publisher(f dataset.Format) string {
	if f == dataset.UCDP {
		return PublisherUCDP
	}
	return PublisherACLED
}

// RowDocument returns the document of one row: original is the file's
// header line and the row's record exactly as the file has them, the text
// is the row's notes (ACLED) or headlines (UCDP), the publisher the data
// set and the published date the event's date (the dateline extraction
// resolves relative dates against).
func RowDocument(f dataset.Format, file string, original []byte, row dataset.Row) *harmlog.Document {
	title := fmt.Sprintf("%s %s: %s", Publisher(f), row.EventID, row.Location)
	if row.Country != "" {
		title += ", " + row.Country
	}
	if row.Date != "" {
		title += ", " + row.Date
	}
	return &harmlog.Document{
		Size:      int64(len(original)),
		MediaType: MediaTypeRow,
		Title:     title,
		Publisher: Publisher(f),
		Published: row.Date,
		Filename:  file + ":" + strconv.Itoa(row.Line),
		Text:      row.Text,
		Original:  original,
	}
}

// Coded returns the claim a row's coded values make, before normalisation:
// status imported, scope incident, the event's dates, its place with the
// coded coordinates, killed as the coded fatalities (UCDP: from the lowest
// to the highest of low, best and high), the row's source as claimant and
// the data set as publisher. The alleged perpetrator is the data set's
// first actor only where the coding makes it the one who harmed: ACLED
// "Violence against civilians" and remote violence or explosions, UCDP
// one-sided violence; in battles both sides harm, so no perpetrator is set
// and the actors are kept in Note with the event type and precisions. Its
// span is the whole text; Ref is the data set's event id.
func Coded(f dataset.Format, row dataset.Row) harmlog.Claim {
	c := harmlog.Claim{
		Scope:     harmlog.ScopeIncident,
		Status:    harmlog.StatusImported,
		Victims:   harmlog.VictimsUnknown,
		Claimant:  claimant(f, row),
		Publisher: Publisher(f),
		Published: row.Date,
		Ref:       Publisher(f) + " " + row.EventID,
		End:       len(row.Text),
	}
	if row.Date != "" {
		end := row.DateEnd
		if end == "" {
			end = row.Date
		}
		c.Date = &harmlog.DateRange{From: row.Date, To: end}
	}
	lat, lon := row.Lat, row.Lon
	c.Places = []harmlog.PlaceRef{{Name: row.Location, Lat: &lat, Lon: &lon, Country: row.CountryCode, Admin1: row.Admin1}}
	lo, hi := row.Fatalities, row.Fatalities
	if f == dataset.UCDP {
		lo, hi = min(lo, row.Low, row.High), max(hi, row.Low, row.High)
	}
	c.Killed = harmlog.Between(lo, hi)

	et := strings.ToLower(row.EventType)
	harmer := strings.Contains(et, "violence against civilians") || strings.Contains(et, "remote violence") ||
		strings.Contains(et, "explosion") || et == "one-sided violence"
	switch {
	case strings.Contains(et, "violence against civilians") || et == "one-sided violence" ||
		strings.HasPrefix(strings.ToLower(row.Actor2), "civilians"):
		c.Victims = harmlog.VictimsCivilian
	case f == dataset.UCDP && row.CivilianDeaths > 0 && row.CivilianDeaths >= hi:
		c.Victims = harmlog.VictimsCivilian
	case f == dataset.UCDP && row.CivilianDeaths > 0:
		c.Victims = harmlog.VictimsMixed
	}
	if harmer && row.Actor1 != "" {
		c.PerpetratorWords = row.Actor1
	}
	var note []string
	add := func(k, v string) {
		if v != "" && v != "0" {
			note = append(note, k+": "+v)
		}
	}
	add("event type", row.EventType)
	add("admin1", row.Admin1)
	if row.Actor1 != "" || row.Actor2 != "" {
		add("actors", strings.Trim(row.Actor1+" / "+row.Actor2, " /"))
	}
	if f == dataset.UCDP {
		add("best", strconv.Itoa(row.Fatalities))
		add("low", strconv.Itoa(row.Low))
		add("high", strconv.Itoa(row.High))
		add("civilian deaths", strconv.Itoa(row.CivilianDeaths))
		add("source original", row.SourceOriginal)
	}
	add("geo precision", strconv.Itoa(row.GeoPrecision))
	add("date precision", strconv.Itoa(row.DatePrecision))
	c.Note = strings.Join(note, "; ")
	return c
}

// claimant is who the row's figures come from: ACLED's source; UCDP's
// original source, else the offices that published it.
func claimant(f dataset.Format, row dataset.Row) string {
	if f == dataset.UCDP && row.SourceOriginal != "" {
		return row.SourceOriginal
	}
	if row.Source != "" {
		return row.Source
	}
	return Publisher(f)
}

// coded normalises a coded claim: the perpetrator through the party
// registry, and the place through the gazetteer, accepted only near the
// coded coordinates (25 km at town precision, 50 km otherwise), taking its
// id and admin code; else the place gets a "coded:LAT,LON" id and keeps the
// data set's admin1 name.
func (n Normalizer) coded(c *harmlog.Claim, row dataset.Row) {
	if n.Parties != nil && c.PerpetratorWords != "" {
		if p, ok := n.Parties.Normalize(c.PerpetratorWords); ok {
			c.Perpetrator = p
		}
	}
	p := &c.Places[0]
	if n.Places != nil && p.Name != "" {
		var countries []string
		if p.Country != "" {
			countries = []string{p.Country}
		}
		if pl, ok := n.Places.Resolve(p.Name, countries...); ok {
			radius := 25.0
			if row.GeoPrecision >= 2 {
				radius = 50
			}
			if gazetteer.Distance(pl, gazetteer.Place{Lat: *p.Lat, Lon: *p.Lon}) <= radius {
				// The gazetteer's id and admin code, as extracted claims
				// have them; the coded coordinates stay.
				p.ID, p.Admin1 = pl.ID, pl.Admin1
				if p.Country == "" {
					p.Country = pl.Country
				}
				return
			}
		}
	}
	p.ID = codedPrefix + strconv.FormatFloat(*p.Lat, 'f', 4, 64) + "," + strconv.FormatFloat(*p.Lon, 'f', 4, 64)
}
