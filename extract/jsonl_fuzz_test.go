package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// FuzzRunJSONL checks the `extract --jsonl` contract on any input: no
// error, one output line per non-blank input line, in order, each a JSON
// object with claims and places arrays, and an error naming its line where
// the input line is not a valid input object.
func FuzzRunJSONL(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","text":"Officials said 3 civilians were killed in the shelling.","published":"2020-10-08"}`,
		"{\"id\":\"b\",\"text\":\"\"}\n\n{\"id\":1}\nnot json\n",
		`{"text":"x","published":"yesterday"}` + "\r\n" + `{"text":"` + strings.Repeat("9", 400) + ` killed"}`,
		"\xff\xfe{\"text\":\"\\ud800 killed\"}",
		`[{"text":"an array"}]`,
	} {
		f.Add([]byte(s))
	}
	ex := New(Options{})
	f.Fuzz(func(t *testing.T, in []byte) {
		var out bytes.Buffer
		if err := RunJSONL(context.Background(), bytes.NewReader(in), &out, ex, 2); err != nil {
			t.Fatalf("RunJSONL: %v", err)
		}
		var want []int // the numbers of the non-blank input lines
		for i, l := range bytes.SplitAfter(in, []byte("\n")) {
			if len(bytes.TrimSpace(l)) > 0 {
				want = append(want, i+1)
			}
		}
		lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
		if out.Len() == 0 {
			lines = nil
		}
		if len(lines) != len(want) {
			t.Fatalf("%d output lines for %d non-blank input lines:\n%s", len(lines), len(want), out.String())
		}
		for i, l := range lines {
			var o struct {
				Claims []json.RawMessage `json:"claims"`
				Places []json.RawMessage `json:"places"`
				Line   int               `json:"line"`
				Error  string            `json:"error"`
			}
			if err := json.Unmarshal([]byte(l), &o); err != nil {
				t.Fatalf("output line %d is not JSON: %v: %s", i+1, err, l)
			}
			if o.Claims == nil || o.Places == nil {
				t.Errorf("output line %d lacks the claims or places array: %s", i+1, l)
			}
			if o.Error != "" && o.Line != want[i] {
				t.Errorf("output line %d: error on line %d, want %d: %s", i+1, o.Line, want[i], l)
			}
		}
	})
}
