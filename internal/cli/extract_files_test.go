package cli

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestExtractFilesInOrder checks that extract on many files, read and
// extracted on several workers, prints them in the order given, with the
// claims of each, and names the file it cannot read.
func TestExtractFilesInOrder(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i := range 40 {
		text := fmt.Sprintf("Shelling killed %d civilians on Sunday, officials said.\n", i%9+1)
		files = append(files, write(t, dir, fmt.Sprintf("r%02d.txt", i), []byte(text)))
	}
	missing := filepath.Join(dir, "missing.txt")
	files = append(files[:20:20], append([]string{missing}, files[20:]...)...)
	for _, workers := range []string{"1", "4"} {
		t.Run("workers="+workers, func(t *testing.T) {
			args := append([]string{"--db", filepath.Join(t.TempDir(), "h.db"), "extract", "--json", "--workers", workers}, files...)
			code, out, errs := run(t, "", args...)
			if code == 0 {
				t.Fatalf("exit 0 with an unreadable file\n%s", errs)
			}
			if !strings.Contains(errs, "missing.txt") {
				t.Errorf("stderr does not name the unreadable file:\n%s", errs)
			}
			dec := json.NewDecoder(strings.NewReader(out))
			for i := 0; ; i++ {
				var o struct {
					File   string `json:"file"`
					Claims []struct {
						Killed struct{ Min *int }
					} `json:"claims"`
				}
				if err := dec.Decode(&o); err != nil {
					if i != 40 {
						t.Fatalf("%d outputs, want 40 (%v)", i, err)
					}
					break
				}
				want := fmt.Sprintf("r%02d.txt", i)
				if filepath.Base(o.File) != want || len(o.Claims) != 1 || o.Claims[0].Killed.Min == nil || *o.Claims[0].Killed.Min != i%9+1 {
					t.Fatalf("output %d: file %s, claims %+v; want %s killing %d", i, o.File, o.Claims, want, i%9+1)
				}
			}
		})
	}
}
