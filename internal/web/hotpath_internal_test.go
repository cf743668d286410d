package web

import (
	"net/http"
	"testing"
)

// TestNamesCookie: a request whose Cookie headers do not name a cookie
// has none of that name (net/http's reading agrees); one that names it
// may have it.
func TestNamesCookie(t *testing.T) {
	for _, tt := range []struct {
		headers []string
		want    bool
	}{
		{nil, false},
		{[]string{"_csrf=abc"}, false},
		{[]string{"_csrf=abc; ruydad_session=tok"}, true},
		{[]string{"_csrf=abc", "ruydad_session=tok"}, true},
		{[]string{"ruydad_session"}, true}, // a cookie without a value, to net/http
		{[]string{"x=y"}, false},
		{[]string{"ruydad_session_old=1"}, true}, // named as a prefix: parsed, and not found there
	} {
		r, _ := http.NewRequest(http.MethodGet, "/", nil)
		r.Header["Cookie"] = tt.headers
		if got := namesCookie(r, sessionCookie); got != tt.want {
			t.Errorf("%q: %v, want %v", tt.headers, got, tt.want)
		}
		if _, err := r.Cookie(sessionCookie); err == nil && !namesCookie(r, sessionCookie) {
			t.Errorf("%q: net/http finds the session cookie, namesCookie does not", tt.headers)
		}
	}
}
