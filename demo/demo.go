// Package demo holds harmlog's own demo data set, embedded in the binary:
// short reports written for harmlog in its own words about civilian harm in
// the 2020 Nagorno-Karabakh war, each citing the public sources of its
// figures, and the flat claims of nk2020-claims.jsonl (facts and figures with
// their source URLs; see README.md in this folder for where they come from).
package demo

import (
	"embed"
	"io/fs"
)

//go:embed reports/* nk2020-claims.jsonl
var files embed.FS

// Reports is the folder of demo reports (text, Markdown and HTML).
func Reports() fs.FS {
	sub, err := fs.Sub(files, "reports")
	if err != nil {
		panic(err) // the folder is embedded at build time
	}
	return sub
}

// Claims returns the demo claims in the flat JSONL form of `harmlog import claims`.
func Claims() []byte {
	b, err := files.ReadFile("nk2020-claims.jsonl")
	if err != nil {
		panic(err) // embedded at build time
	}
	return b
}
