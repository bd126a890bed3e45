package weapons

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestVocabularyGolden renders the vocabulary as the table analysts read
// (testdata/vocabulary.md); refresh with go test -update.
func TestVocabularyGolden(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("# Weapon vocabulary\n\nGenerated from weapons.Vocabulary() by `go test -update`; the Norm is what claims record.\n\n")
	b.WriteString("| norm | definition | trigger words |\n|---|---|---|\n")
	for _, term := range Vocabulary() {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", term.Norm, strings.ReplaceAll(term.Definition, "|", "/"), strings.Join(term.Words, ", "))
	}
	path := filepath.Join("testdata", "vocabulary.md")
	if *update {
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("%s is stale: run go test -update and review the diff", path)
	}
}
