package ingest

import (
	"testing"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		file string
		data string
		want string
	}{
		{"pdf magic", "x.txt", "%PDF-1.7\n...", TypePDF},
		{"doctype in txt", "page.txt", "<!DOCTYPE html><html><body>x</body></html>", TypeHTML},
		{"paragraph tag first", "note.txt", "  \n<p>Three people were hurt.</p>", TypeHTML},
		{"comment then html", "a", "<!-- saved page -->\n<html lang=en>", TypeHTML},
		{"xml prolog", "a.xhtml", "<?xml version=\"1.0\"?>\n<!DOCTYPE html>\n<html>", TypeHTML},
		{"utf16 html", "a.txt", "\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00", TypeHTML},
		{"bom html", "a.txt", "\ufeff<html>", TypeHTML},
		{"markdown by name", "r.md", "# Report\n\ntext", TypeMarkdown},
		{"markdown long name", "r.markdown", "text", TypeMarkdown},
		{"markdown opening with div", "r.md", "<div align=\"center\">logo</div>\n\n# Report", TypeMarkdown},
		{"markdown holding a whole page", "r.md", "<!doctype html><html><body>x</body></html>", TypeHTML},
		{"plain text", "r.txt", "Shelling reported in the morning.", TypeText},
		{"less-than in text", "r.txt", "<5 people were hurt", TypeText},
		{"tag-like word", "r.txt", "<pre-war figures> said", TypeText},
		{"html extension without tags", "r.html", "just words", TypeHTML},
		{"no extension", "README", "words", TypeText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect(tt.file, []byte(tt.data)); got != tt.want {
				t.Errorf("Detect(%q, %q) = %q, want %q", tt.file, tt.data, got, tt.want)
			}
		})
	}
}

func TestBinaryKind(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string
	}{
		{"png", "\x89PNG\r\n\x1a\n\x00\x00", "PNG image"},
		{"jpeg", "\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"},
		{"gzip", "\x1f\x8b\x08\x00", "gzip archive"},
		{"zip", "PK\x03\x04rest", "ZIP archive (or DOCX/ODT)"},
		{"old office", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "old Microsoft Office file (DOC/XLS)"},
		{"webp", "RIFF\x10\x00\x00\x00WEBPVP8 ", "WebP image"},
		{"mp4", "\x00\x00\x00\x18ftypmp42", "MP4/QuickTime media"},
		{"bzip2", "BZh91AY&SY\x00", "bzip2 archive"},
		{"text starting BZh", "BZh is not a word", ""},
		{"text starting BM", "BMW cars were burnt", ""},
		{"nul bytes", "abc\x00def", "NUL bytes"},
		{"utf16 with bom", "\xff\xfea\x00b\x00", ""},
		{"utf16le without bom", "a\x00b\x00c\x00d\x00e\x00", ""},
		{"utf16be without bom", "\x00a\x00b\x00c\x00d\x00e", ""},
		{"text", "plain words", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := BinaryKind([]byte(tt.data)); got != tt.want {
				t.Errorf("BinaryKind(%q) = %q, want %q", tt.data, got, tt.want)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string
	}{
		{"utf8", "Ganja – Gəncə", "Ganja – Gəncə"},
		{"utf8 bom dropped", "\xef\xbb\xbfabc", "abc"},
		{"utf16le bom", "\xff\xfeG\x00\x59\x01", "Gř"},
		{"utf16be bom", "\xfe\xff\x00G\x01\x59", "Gř"},
		{"utf16le no bom", "T\x00e\x00x\x00t\x00!\x00", "Text!"},
		{"latin1", "na\xefve caf\xe9", "naïve café"},
		{"windows-1252 quotes", "\x93quoted\x94 \x96 dash", "“quoted” – dash"},
		{"html declares windows-1251", "<html><head><meta charset=\"windows-1251\"></head><body>\xc3\xe0\xed\xe4\xe6\xe0</body></html>", "<html><head><meta charset=\"windows-1251\"></head><body>Ганджа</body></html>"},
		{"cyrillic windows-1251 text", "\xc2 \xe3\xee\xf0\xee\xe4\xe5 \xc3\xe0\xed\xe4\xe6\xe0 \xef\xee\xe3\xe8\xe1\xeb\xe8 \xec\xe8\xf0\xed\xfb\xe5 \xe6\xe8\xf2\xe5\xeb\xe8 \xe8 \xf0\xe0\xed\xe5\xed\xfb \xe4\xe5\xf2\xe8. \xd0\xe0\xea\xe5\xf2\xed\xfb\xe9 \xf3\xe4\xe0\xf0 \xef\xee \xe6\xe8\xeb\xfb\xec \xe4\xee\xec\xe0\xec.", "В городе Ганджа погибли мирные жители и ранены дети. Ракетный удар по жилым домам."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decode("x", []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("decode = %q, want %q", got, tt.want)
			}
		})
	}
}
