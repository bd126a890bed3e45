package web

import (
	"net/http/httptest"
	"strings"
	"testing"
)

func TestActor(t *testing.T) {
	tests := []struct {
		header, want string
	}{
		{"", "web"},
		{"alice", "web:alice"},
		{"  Ayşə Məmmədova ", "web:Ayşə Məmmədova"},
		{"bad\x01name", "web"},
		{strings.Repeat("x", 101), "web"},
		{"\xff\xfe", "web"},
	}
	for _, tc := range tests {
		r := httptest.NewRequest("POST", "/api/claims/1", nil)
		r.Header.Set(ActorHeader, tc.header)
		if got := actor(r); got != tc.want {
			t.Errorf("actor(%q) = %q, want %q", tc.header, got, tc.want)
		}
	}
}
