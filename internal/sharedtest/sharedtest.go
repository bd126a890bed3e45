// Package sharedtest finds ../shared, the read-only folder of third-party
// reports and evaluation data that sits beside a harmlog checkout on the
// developers' machines and in CI. Tests that read it skip, saying so, where
// it is absent (a user's own clone); the binary never uses this package.
package sharedtest

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the shared folder: $HARMLOG_SHARED if set, else the folder
// "shared" beside the module root. It returns "" when there is none.
func Dir() string {
	if d := os.Getenv("HARMLOG_SHARED"); d != "" {
		return d
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			s := filepath.Join(filepath.Dir(d), "shared")
			if fi, err := os.Stat(s); err == nil && fi.IsDir() {
				return s
			}
			return ""
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// Path returns the path of rel inside the shared folder, or skips the test,
// saying so, when the shared folder or that file is absent.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	d := Dir()
	if d == "" {
		tb.Skipf("skipped: ../shared is absent (a user's own clone); %s is needed", rel)
	}
	p := filepath.Join(d, rel)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("skipped: %s is absent: %v", p, err)
	}
	return p
}
