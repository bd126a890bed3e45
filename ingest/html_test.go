package ingest

import (
	"strings"
	"testing"
	"time"
)

func TestHTMLMeta(t *testing.T) {
	long := strings.Repeat("<p>Witnesses described a second strike on the same street about ten minutes after the first one, when neighbours had come out to help.</p>\n", 4)
	tests := []struct {
		name string
		page string
		want Parsed // Text is checked for containing want.Text
	}{
		{
			name: "json-ld only",
			page: `<html><head><script type="application/ld+json">[{"@type":"WebPage","name":"Page"},{"@type":["NewsArticle"],"headline":"Strike on Elm Street","datePublished":"2022-07-01","url":"https://news.example.net/elm","publisher":{"@type":"Organization","name":"Example News"}}]</script></head><body>` + long + `</body></html>`,
			want: Parsed{Title: "Strike on Elm Street", Publisher: "Example News", Published: "2022-07-01", URL: "https://news.example.net/elm", Text: "Witnesses described"},
		},
		{
			name: "meta date and locale",
			page: `<html><head><title>Report</title><meta name="date" content="08.10.2020"><meta property="og:locale" content="ru_RU"><link rel="canonical" href="javascript:void(0)"></head><body>` + long + `</body></html>`,
			want: Parsed{Title: "Report", Published: "2020-10-08", Language: "ru-RU", Text: "second strike"},
		},
		{
			name: "time element",
			page: `<!doctype html><html lang="hy"><body><article><time datetime="2020-10-04T10:00">4 Oct</time>` + long + `</article></body></html>`,
			want: Parsed{Published: "2020-10-04", Language: "hy", Text: "neighbours had come out"},
		},
		{
			name: "dateline fills what metadata lacks",
			page: `<html><body><p>YEREVAN, October 9, 2020 /NEWSDESK/. Four houses burnt down.</p></body></html>`,
			want: Parsed{Published: "2020-10-09", Publisher: "NEWSDESK", Text: "Four houses burnt down."},
		},
		{
			name: "article whose class mentions sharing is kept",
			page: `<html><body><div class="story has-share-buttons">` + long + `</div><div class="ad-slot">Buy a sofa</div><div class="social-share">Share this</div></body></html>`,
			want: Parsed{Text: "Witnesses described"},
		},
		{
			name: "commentary kept, related links dropped",
			page: `<html><body><div class="commentary-body"><p>Short analysis of the strike.</p></div><div class="related-links">Other stories</div></body></html>`,
			want: Parsed{Text: "Short analysis of the strike."},
		},
		{
			name: "short fragment in a text file",
			page: "<p>Short note: three people were hurt.</p>\n<p>Second &amp; last line.</p>",
			want: Parsed{Text: "Short note: three people were hurt.\n\nSecond & last line."},
		},
		{
			name: "boilerplate only around a short article",
			page: `<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><p>Two shops were damaged overnight, the mayor said.</p></article><footer>Contact us</footer></body></html>`,
			want: Parsed{Text: "Two shops were damaged overnight, the mayor said."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse("page.txt", []byte(tt.page), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if p.MediaType != TypeHTML {
				t.Errorf("MediaType = %q, want %q", p.MediaType, TypeHTML)
			}
			got := *p
			got.Text, got.MediaType = "", ""
			want := tt.want
			want.Text = ""
			if got != want {
				t.Errorf("metadata = %+v\nwant       %+v", got, want)
			}
			if !strings.Contains(p.Text, tt.want.Text) {
				t.Errorf("Text = %q, want it to contain %q", p.Text, tt.want.Text)
			}
			for _, junk := range []string{"Home", "Contact us", "<p>", "application/ld+json", "Buy a sofa", "Share this", "Other stories"} {
				if strings.Contains(p.Text, junk) {
					t.Errorf("Text keeps %q: %q", junk, p.Text)
				}
			}
		})
	}
}

// TestDeepHTMLBounded checks that deep nesting is refused quickly, whatever
// the element: the tree builder would take quadratic time on it.
func TestDeepHTMLBounded(t *testing.T) {
	tests := []struct {
		name string
		page string
	}{
		{"div", string(deepHTML(100000))},
		{"span unclosed", "<html><body>" + strings.Repeat("<span>", 100000)},
		{"bold", strings.Repeat("<b>", 100000) + "x"},
		{"table", strings.Repeat("<table><tr><td>", 20000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := Parse("deep.html", []byte(tt.page), Options{})
			checkReason(t, err, "HTML nested deeper than 512 elements")
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// TestParagraphsNotDeep checks that long runs of elements whose end tag may
// be left out (<p>, <li>) are not taken for deep nesting.
func TestParagraphsNotDeep(t *testing.T) {
	page := "<html><body><ul>" + strings.Repeat("<li>item ", 2000) + "</ul>" + strings.Repeat("<p>para ", 2000) + "</body></html>"
	p, err := Parse("list.html", []byte(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(p.Text, "para"); n != 2000 {
		t.Errorf("Text has %d paragraphs, want 2000", n)
	}
}
