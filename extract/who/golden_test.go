package who

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestGolden runs Attribute and Denials over testdata/*.txt, documents
// written for the tests, and compares the spans with the .golden files
// people review; refresh with go test -update.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/*.txt: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		var out bytes.Buffer
		for _, s := range Attribute(text) {
			fmt.Fprintf(&out, "said   %d-%d %q chain=%q cue=%q\n       %q\n", s.Start, s.End, s.Claimant, s.Chain, s.Cue, text[s.Start:s.End])
		}
		for _, s := range Denials(text) {
			fmt.Fprintf(&out, "denied %d-%d %q chain=%q cue=%q\n       %q\n", s.Start, s.End, s.Claimant, s.Chain, s.Cue, text[s.Start:s.End])
		}
		golden := f[:len(f)-len(".txt")] + ".golden"
		if *update {
			if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if !bytes.Equal(out.Bytes(), want) {
			t.Errorf("%s differs from %s:\n%s", f, golden, out.String())
		}
	}
}
