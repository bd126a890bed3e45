package infographic

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"image/png"
	"io"
	"slices"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/rasterizer"
	"github.com/tdewolff/canvas/renderers/svg"
	"github.com/tdewolff/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// Width is the width of an infographic, in pixels of the PNG and user
// units of the SVG; the height follows from the content.
const Width = 1080

// fontFamily names the Go fonts in the SVG, with fallbacks for viewers that
// do not have them (the PNG is drawn with the Go fonts themselves).
const fontFamily = "Go,'Go Regular','DejaVu Sans',Arial,sans-serif"

// fonts loads the Go fonts (embedded in golang.org/x/image), so that no
// system font is needed.
func fonts() (*canvas.FontFamily, error) {
	ff := canvas.NewFontFamily(fontFamily)
	if err := ff.LoadFont(goregular.TTF, 0, canvas.FontRegular); err != nil {
		return nil, fmt.Errorf("infographic: load Go Regular: %w", err)
	}
	if err := ff.LoadFont(gobold.TTF, 0, canvas.FontBold); err != nil {
		return nil, fmt.Errorf("infographic: load Go Bold: %w", err)
	}
	return ff, nil
}

// Sheet is a drawn infographic: one layout that renders to SVG and PNG.
type Sheet struct {
	c    *canvas.Canvas
	used [2]map[rune]bool // the characters drawn in the regular and the bold face
}

// Size is the sheet's width and height, in pixels.
func (sh *Sheet) Size() (float64, float64) { return sh.c.Size() }

// WriteSVG renders the sheet as SVG. Text stays text (it can be read,
// searched and translated); with embedFonts the Go fonts, cut down to the
// characters drawn, are embedded, so that every viewer lays the text out as
// the PNG has it; without, viewers use Go or a fallback sans-serif.
func (sh *Sheet) WriteSVG(w io.Writer, embedFonts bool) error {
	var buf bytes.Buffer
	wd, ht := sh.c.Size()
	r := svg.New(&buf, wd, ht, &svg.Options{SizeUnits: "px", EmbedFonts: false, ImageEncoding: canvas.Lossless})
	sh.c.RenderTo(r)
	if err := r.Close(); err != nil {
		return fmt.Errorf("infographic: write SVG: %w", err)
	}
	out := buf.Bytes()
	if embedFonts {
		style, err := sh.fontStyle()
		if err != nil {
			return err
		}
		// After the opening tag: <svg ...>.
		i := bytes.IndexByte(out, '>') + 1
		out = slices.Concat(out[:i], style, out[i:])
	}
	out = append(out, '\n')
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("infographic: write SVG: %w", err)
	}
	return nil
}

// fontStyle is a <style> with the Go fonts as data URLs, subset to the
// characters drawn, regular then bold.
func (sh *Sheet) fontStyle() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("<style>")
	for i, f := range []struct {
		ttf    []byte
		weight string
	}{{goregular.TTF, ""}, {gobold.TTF, "font-weight:700;"}} {
		sub, err := subset(f.ttf, sh.used[i])
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&b, "@font-face{font-family:Go;%ssrc:url(data:font/ttf;base64,%s)}", f.weight, base64.StdEncoding.EncodeToString(sub))
	}
	b.WriteString("</style>")
	return b.Bytes(), nil
}

// subset cuts a TrueType font down to the glyphs of runes (and .notdef).
func subset(ttf []byte, runes map[rune]bool) ([]byte, error) {
	sf, err := font.ParseSFNT(ttf, 0)
	if err != nil {
		return nil, fmt.Errorf("infographic: parse font: %w", err)
	}
	ids := []uint16{0}
	for r := range runes {
		if id := sf.GlyphIndex(r); id != 0 {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	sub, err := sf.Subset(ids, font.SubsetOptions{Tables: font.KeepMinTables})
	if err != nil {
		return nil, fmt.Errorf("infographic: subset font: %w", err)
	}
	out := sub.Write()
	if err := pinModified(out, ttf); err != nil {
		return nil, fmt.Errorf("infographic: subset font: %w", err)
	}
	return out, nil
}

// pinModified sets the 'head' table's modified date of a written font to
// that of the font it was cut from, and recomputes the table's checksum
// and the font's checksum adjustment. The subsetter stamps the time of
// writing there, which made two renders of the same data differ.
func pinModified(sub, orig []byte) error {
	headOf := func(b []byte) (off, length, dir int, ok bool) {
		if len(b) < 12 {
			return 0, 0, 0, false
		}
		n := int(binary.BigEndian.Uint16(b[4:]))
		for i := 0; i < n; i++ {
			rec := 12 + 16*i
			if rec+16 > len(b) {
				return 0, 0, 0, false
			}
			if string(b[rec:rec+4]) == "head" {
				off, length = int(binary.BigEndian.Uint32(b[rec+8:])), int(binary.BigEndian.Uint32(b[rec+12:]))
				return off, length, rec, off >= 0 && length >= 54 && off+length <= len(b)
			}
		}
		return 0, 0, 0, false
	}
	so, sl, sdir, ok1 := headOf(sub)
	oo, _, _, ok2 := headOf(orig)
	if !ok1 || !ok2 {
		return fmt.Errorf("no readable head table")
	}
	copy(sub[so+28:so+36], orig[oo+28:oo+36]) // modified: LONGDATETIME at offset 28
	sum := func(b []byte) uint32 {
		var s uint32
		for i := 0; i < len(b); i += 4 {
			var w [4]byte
			copy(w[:], b[i:min(i+4, len(b))])
			s += binary.BigEndian.Uint32(w[:])
		}
		return s
	}
	binary.BigEndian.PutUint32(sub[so+8:], 0) // checkSumAdjustment is left out of both sums
	binary.BigEndian.PutUint32(sub[sdir+4:], sum(sub[so:so+sl]))
	binary.BigEndian.PutUint32(sub[so+8:], 0xB1B0AFBA-sum(sub))
	return nil
}

// WritePNG renders the sheet as PNG, one pixel per unit: Width pixels
// wide.
func (sh *Sheet) WritePNG(w io.Writer) error {
	img := rasterizer.Draw(sh.c, canvas.DPMM(1), canvas.DefaultColorSpace)
	if err := png.Encode(w, img); err != nil {
		return fmt.Errorf("infographic: write PNG: %w", err)
	}
	return nil
}
