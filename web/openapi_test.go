package web

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestOpenAPIMatchesRoutes keeps /api/openapi.json true: every API route
// of the server is described, with its method, and nothing else is.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	srv, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := assets.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi %q, want 3.x", doc.OpenAPI)
	}
	var described, served []string
	for path, ops := range doc.Paths {
		for method := range ops {
			described = append(described, strings.ToUpper(method)+" "+path)
		}
	}
	for _, r := range srv.Routes() {
		if strings.HasPrefix(r.Pattern, "/api/") {
			served = append(served, r.Method+" "+r.Pattern)
		}
	}
	slices.Sort(described)
	slices.Sort(served)
	if len(served) == 0 {
		t.Fatal("the server has no API routes")
	}
	for _, s := range served {
		if !slices.Contains(described, s) {
			t.Errorf("%s is served but not in openapi.json", s)
		}
	}
	for _, d := range described {
		if !slices.Contains(served, d) {
			t.Errorf("%s is in openapi.json but not served", d)
		}
	}
}
