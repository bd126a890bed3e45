package extract

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/harmlog/harmlog"
)

// Input is one line of `harmlog extract --jsonl` input.
type Input struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	Published string `json:"published"`
}

// Output is one line of `harmlog extract --jsonl` output, as
// GUIDELINES.md specifies it. A line that could not be read yields an Output
// with Line and Error set and no claims.
type Output struct {
	ID     string          `json:"id"`
	Claims []harmlog.Claim `json:"claims"`
	Places []PlaceMention  `json:"places"`
	Line   int             `json:"line,omitempty"`  // input line number, on error only
	Error  string          `json:"error,omitempty"` // why the line was not read
}

// PlaceMention is a place of the text with its span; unlike a claim's
// places, start and end are always written.
type PlaceMention struct {
	harmlog.PlaceRef
	Start int `json:"start"`
	End   int `json:"end"`
}

// NewOutput builds the output line for one document.
func NewOutput(id string, res Result) Output {
	out := Output{ID: id, Claims: res.Claims, Places: make([]PlaceMention, len(res.Places))}
	if out.Claims == nil {
		out.Claims = []harmlog.Claim{}
	}
	for i, p := range res.Places {
		out.Places[i] = PlaceMention{PlaceRef: p, Start: p.Start, End: p.End}
	}
	return out
}

// RunJSONL reads documents from r, one JSON object a line
// ({"id", "text", "published"}), extracts their claims with workers
// goroutines (0 means one per core) and writes one JSON object a line to w,
// in input order. Blank lines are skipped. A line that is not a valid input
// object does not stop the run: its output line carries "line" (the input
// line number) and "error", with empty claims and places. RunJSONL returns
// the first read or write error, or ctx's error if it is cancelled.
func RunJSONL(ctx context.Context, r io.Reader, w io.Writer, ex *Extractor, workers int) error {
	if workers <= 0 {
		workers = defaultWorkers()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type job struct {
		line int
		data []byte
		out  chan []byte
	}
	jobs := make(chan *job, workers*4)
	order := make(chan *job, workers*16)
	readErr := make(chan error, 1)
	go func() {
		defer close(jobs)
		defer close(order)
		br := bufio.NewReaderSize(r, 1<<20)
		line := 0
		for {
			data, err := br.ReadBytes('\n')
			if len(data) > 0 {
				line++
				if len(bytes.TrimSpace(data)) > 0 {
					j := &job{line: line, data: data, out: make(chan []byte, 1)}
					select {
					case order <- j:
					case <-ctx.Done():
						readErr <- ctx.Err()
						return
					}
					select {
					case jobs <- j:
					case <-ctx.Done():
						readErr <- ctx.Err()
						return
					}
				}
			}
			if err == io.EOF {
				readErr <- nil
				return
			}
			if err != nil {
				readErr <- fmt.Errorf("extract: reading line %d: %w", line+1, err)
				return
			}
		}
	}()
	for i := 0; i < workers; i++ {
		go func() {
			for j := range jobs {
				j.out <- ex.jsonLine(j.line, j.data)
			}
		}()
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	for j := range order {
		var b []byte
		select {
		case b = <-j.out:
		case <-ctx.Done():
			return ctx.Err()
		}
		if _, err := bw.Write(b); err != nil {
			cancel()
			return fmt.Errorf("extract: writing output of line %d: %w", j.line, err)
		}
	}
	if err := <-readErr; err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("extract: writing output: %w", err)
	}
	return ctx.Err()
}

// jsonLine extracts the claims of one input line and returns its output
// line, newline included.
func (ex *Extractor) jsonLine(line int, data []byte) []byte {
	var in Input
	var out Output
	if err := json.Unmarshal(data, &in); err != nil {
		out = Output{Claims: []harmlog.Claim{}, Places: []PlaceMention{}, Line: line,
			Error: fmt.Sprintf("line %d: %v", line, err)}
	} else if in.Text == "" && !bytes.Contains(data, []byte(`"text"`)) {
		out = Output{ID: in.ID, Claims: []harmlog.Claim{}, Places: []PlaceMention{}, Line: line,
			Error: fmt.Sprintf("line %d: no \"text\" field", line)}
	} else {
		out = NewOutput(in.ID, ex.Extract(in.Text, in.Published))
	}
	b, err := json.Marshal(out)
	if err != nil {
		b, _ = json.Marshal(Output{ID: in.ID, Claims: []harmlog.Claim{}, Places: []PlaceMention{}, Line: line,
			Error: fmt.Sprintf("line %d: %v", line, errors.Unwrap(err))})
	}
	return append(b, '\n')
}
