package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Two GeoNames rows (19 columns) as cities500.txt has them.
const sample = "587384\tAgdzhabedy\tAgdzhabedy\tAgcabadi,Aghjabadi,Agdzhabedy,Ağcabədi\t40.05015\t47.45937\tP\tPPLA\tAZ\t\t02\t\t\t\t43000\t\t-9\tAsia/Baku\t2023-01-01\n" +
	"146970\tXankandi\tXankandi\tKhankendi,Stepanakert, Xankəndi\t39.8177\t46.7528\tP\tPPL\tAZ\t\t61\t\t\t\t\t\t811\tAsia/Baku\t2023-01-01\n"

func TestWrite(t *testing.T) {
	tests := []struct {
		name, in, want string
		err            bool
	}{
		{"rows", sample, "587384\tAgdzhabedy\tAgdzhabedy\tAgcabadi,Aghjabadi,Ağcabədi\t40.05015\t47.45937\tAZ\t02\t43000\tPPLA\n" +
			"146970\tXankandi\tXankandi\tKhankendi,Stepanakert,Xankəndi\t39.8177\t46.7528\tAZ\t61\t0\tPPL\n", false},
		{"empty", "", "", false},
		{"short row", "1\tA\tA\n", "", true},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		_, err := write(&b, strings.NewReader(tt.in))
		if (err != nil) != tt.err {
			t.Errorf("%s: err = %v, want error %v", tt.name, err, tt.err)
		}
		if !tt.err && b.String() != tt.want {
			t.Errorf("%s: wrote\n%q\nwant\n%q", tt.name, b.String(), tt.want)
		}
	}
}

func TestConvertShards(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "cities500.txt")
	if err := os.WriteFile(in, []byte(sample), 0o644); err != nil {
		t.Fatal(err)
	}
	n, err := convert(in, dir, 2)
	if err != nil || n != 2 {
		t.Fatalf("convert = %d, %v; want 2 rows", n, err)
	}
	var all string
	for _, f := range []string{"places-0.tsv.gz", "places-1.tsv.gz"} {
		fh, err := os.Open(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(fh)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(zr)
		fh.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(b) > 0 && b[len(b)-1] != '\n' {
			t.Errorf("%s does not end at a row's end", f)
		}
		all += string(b)
	}
	if strings.Count(all, "\n") != 2 || !strings.HasPrefix(all, "587384\t") {
		t.Errorf("shards hold %q", all)
	}
}
