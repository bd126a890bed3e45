package imports

import (
	"context"
	"crypto/sha256"
	"strings"
	"testing"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/party"
)

// memStore keeps documents by SHA-256 in memory, as the store dedups them.
type memStore struct{ docs map[[32]byte]int64 }

func (m *memStore) AddDocument(_ context.Context, doc *harmlog.Document, claims []harmlog.Claim, _ string) (int64, bool, error) {
	sum := sha256.Sum256(doc.Original)
	if id, ok := m.docs[sum]; ok {
		return id, true, nil
	}
	id := int64(len(m.docs) + 1)
	m.docs[sum] = id
	return id, false, nil
}

// FuzzDataset imports arbitrary files: no panic, every row accounted for
// once, every failure naming a line, and a second import adding nothing.
func FuzzDataset(f *testing.F) {
	f.Add(acledLower)
	f.Add(acledUpper)
	f.Add(ucdpHXL)
	f.Fuzz(func(t *testing.T, in string) {
		s := &memStore{docs: map[[32]byte]int64{}}
		opt := DatasetOptions{Norm: Normalizer{Parties: party.Default()}, Extractor: stubExtractor{}, Workers: 2}
		n := 0
		res, err := Dataset(context.Background(), s, "f.csv", strings.NewReader(in), opt, func(RowOutcome) { n++ })
		if err != nil {
			return
		}
		if n != res.Stored+res.Existing+res.Failed {
			t.Fatalf("%d outcomes reported, result %+v", n, res)
		}
		for _, fl := range res.Failures {
			if fl.Line < 1 || !strings.Contains(fl.Err.Error(), "line ") {
				t.Fatalf("failure without a line: %+v", fl)
			}
		}
		again, err := Dataset(context.Background(), s, "f.csv", strings.NewReader(in), opt, nil)
		if err != nil || again.Stored != 0 || again.Existing != res.Stored+res.Existing {
			t.Fatalf("re-import stored %d (%v), first import %+v", again.Stored, err, res)
		}
	})
}
