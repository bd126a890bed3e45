package claimsio

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func TestVictimNames(t *testing.T) {
	tests := []struct {
		line    string
		want    []string
		wantErr string
	}{
		{`{"victim_names":["Ayla Q.","Bo R."]}`, []string{"Ayla Q.", "Bo R."}, ""},
		{`{"victim_names":" Ayla Q. ; ;Bo R. "}`, []string{"Ayla Q.", "Bo R."}, ""},
		{`{"victim_names":[]}`, nil, ""},
		{`{"victim_names":null}`, nil, ""},
		{`{}`, nil, ""},
		{`{"victim_names":[1,2]}`, nil, "line 1: victim_names: want an array of strings or a string, got [1,2]"},
		{`{"victim_names":{"a":1}}`, nil, `line 1: victim_names: want an array of strings or a string, got {"a":1}`},
	}
	for _, tt := range tests {
		c, err := NewReader(strings.NewReader(tt.line)).Next()
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("%s: err %v, want %q", tt.line, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(c.VictimNames, tt.want) {
			t.Errorf("%s: VictimNames %q, %v; want %q", tt.line, c.VictimNames, err, tt.want)
			continue
		}
		// Written and read back, the names survive; without names the
		// field is not written at all.
		var buf bytes.Buffer
		w := NewWriter(&buf)
		if err := w.Write(c); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		if got := strings.Contains(buf.String(), "victim_names"); got != (len(tt.want) > 0) {
			t.Errorf("%s: written line %s", tt.line, buf.String())
		}
		back, err := NewReader(&buf).Next()
		if err != nil || !reflect.DeepEqual(back.VictimNames, tt.want) {
			t.Errorf("%s: read back %q, %v", tt.line, back.VictimNames, err)
		}
	}
}
