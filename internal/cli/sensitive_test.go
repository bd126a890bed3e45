package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestSensitiveExport: victims' names come in with `import claims` and go
// out with `export` only when --include-sensitive asks for them.
func TestSensitiveExport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "h.db")
	in := write(t, dir, "claims.jsonl", []byte(`{"date":"2020-10-08","place":"Barda","country_or_region":"Azerbaijan","killed_min":1,"killed_max":1,"claimant":"Officials","victim_names":["Ayla Sensitive"]}`+"\n"))
	if code, out, errs := run(t, "", "--db", db, "import", "claims", in, "--no-link"); code != ExitOK {
		t.Fatalf("import claims: %d\n%s\n%s", code, out, errs)
	}
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{"export", "claims", "--format", "jsonl"}, false},
		{[]string{"export", "claims", "--format", "json"}, false},
		{[]string{"export", "claims", "--format", "jsonl", "--include-sensitive"}, true},
		{[]string{"export", "claims", "--format", "json", "--include-sensitive"}, true},
		{[]string{"export", "claims", "--format", "csv", "--include-sensitive"}, false},
	} {
		code, out, errs := run(t, "", append([]string{"--db", db}, tc.args...)...)
		if code != ExitOK {
			t.Fatalf("%s: %d %s", strings.Join(tc.args, " "), code, errs)
		}
		if got := strings.Contains(out, "Ayla Sensitive"); got != tc.want {
			t.Errorf("harmlog %s: carries the name = %v, want %v\n%s", strings.Join(tc.args, " "), got, tc.want, out)
		}
	}
}
