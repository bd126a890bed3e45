package ingest

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// item is an Input as the tests compare it: name relative to the tree,
// and the content read or the error's reason.
type item struct{ name, body string }

func collectAll(t *testing.T, ctx context.Context, root string, paths []string, stdin io.Reader, max int64) []item {
	t.Helper()
	var out []item
	for in := range Collect(ctx, paths, stdin) {
		name := strings.TrimPrefix(filepath.ToSlash(in.Name), filepath.ToSlash(root)+"/")
		data, err := in.Read(ctx, max)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("%s: error %v is not *Error", in.Name, err)
			}
			if e.File != in.Name {
				t.Errorf("error names %q, input is %q", e.File, in.Name)
			}
			out = append(out, item{name, "ERR " + e.Reason})
			continue
		}
		out = append(out, item{name, string(data)})
	}
	return out
}

func TestCollect(t *testing.T) {
	root := writeTree(t, map[string]string{
		"b.txt":           "bee",
		"a.md":            "# A",
		"sub/c.html":      "<p>c</p>",
		"sub/deeper/d":    "d",
		".git/config":     "hidden folder",
		".hidden.txt":     "hidden file",
		"sub/.cache/x":    "hidden below",
		"big.txt":         strings.Repeat("x", 100),
		"sub/Z-upper.txt": "upper case sorts first",
	})
	tests := []struct {
		name  string
		paths []string
		stdin string
		want  []item
	}{
		{
			name:  "folder walked in order, hidden skipped",
			paths: []string{"."},
			want: []item{
				{"a.md", "# A"}, {"b.txt", "bee"}, {"big.txt", "ERR larger than the 64 bytes limit (100 bytes)"},
				{"sub/Z-upper.txt", "upper case sorts first"}, {"sub/c.html", "<p>c</p>"}, {"sub/deeper/d", "d"},
			},
		},
		{
			name:  "files, missing path and stdin keep their order",
			paths: []string{"b.txt", "missing.txt", "-", "sub/deeper"},
			stdin: "from stdin",
			want: []item{
				{"b.txt", "bee"}, {"missing.txt", "ERR no such file or folder"}, {"-", "from stdin"}, {"sub/deeper/d", "d"},
			},
		},
		{
			name:  "stdin twice",
			paths: []string{"-", "-"},
			stdin: "once",
			want:  []item{{"-", "once"}, {"-", "ERR standard input named twice"}},
		},
		{
			name:  "stdin over the limit",
			paths: []string{"-"},
			stdin: strings.Repeat("y", 65),
			want:  []item{{"-", "ERR larger than the 64 bytes limit"}},
		},
		{
			name:  "hidden file named explicitly is read",
			paths: []string{".hidden.txt"},
			want:  []item{{".hidden.txt", "hidden file"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			paths := make([]string, len(tt.paths))
			for i, p := range tt.paths {
				if p != "-" {
					p = filepath.Join(root, p)
				}
				paths[i] = p
			}
			got := collectAll(t, context.Background(), root, paths, strings.NewReader(tt.stdin), 64)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d inputs %q, want %d %q", len(got), got, len(tt.want), tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("input %d = %q, want %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// TestReadChecksSizeFirst checks that an input known to be too large is
// refused without being opened.
func TestReadChecksSizeFirst(t *testing.T) {
	in := Input{Name: "huge.pdf", Size: 1 << 40, Open: func() (io.ReadCloser, error) {
		t.Error("Open called for an input known to be too large")
		return nil, errors.New("unreachable")
	}}
	_, err := in.Read(context.Background(), 0)
	checkReason(t, err, "larger than the 50 MB limit (1099511627776 bytes)")
}

func TestCollectCancelled(t *testing.T) {
	root := writeTree(t, map[string]string{"a": "a", "b": "b"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var n int
	for in := range Collect(ctx, []string{root}, nil) {
		n++
		if !errors.Is(in.Err, context.Canceled) {
			t.Errorf("input %q: Err = %v, want context.Canceled", in.Name, in.Err)
		}
	}
	if n != 1 {
		t.Errorf("got %d inputs after cancel, want 1", n)
	}
}

func TestCollectStopsWhenAsked(t *testing.T) {
	root := writeTree(t, map[string]string{"a": "a", "b": "b", "c/d": "d"})
	var n int
	for range Collect(context.Background(), []string{root, root}, nil) {
		n++
		if n == 2 {
			break
		}
	}
	if n != 2 {
		t.Errorf("loop ran %d times, want 2", n)
	}
}
