package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// csrfCookieOf returns the client's _csrf cookie value.
func (a *app) csrfCookieOf() string {
	u, _ := url.Parse(a.srv.URL)
	for _, c := range a.http.Jar.Cookies(u) {
		if c.Name == "_csrf" {
			return c.Value
		}
	}
	return ""
}

// postWith posts form to path with exactly the cookies given.
func (a *app) postWith(path string, form url.Values, cookies ...*http.Cookie) int {
	a.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, a.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for _, c := range cookies {
		req.AddCookie(c)
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		a.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// Issue 14: any 32-character value sent back in both the cookie and the
// field was accepted, so whoever could set a cookie for the site (a sibling
// subdomain, a network attacker on plain HTTP) could forge a post. The form
// token is now the server's HMAC of the cookie's id and the session.
func TestCSRFTokenIsSignedAndTiedToTheSession(t *testing.T) {
	a := newApp(t)
	withUsers(t, a)
	a.login("editor", pw)
	session := &http.Cookie{Name: "ruydad_session", Value: a.sessionValue()}
	event := func(tok string) url.Values {
		return url.Values{"_csrf": {tok}, "title": {"جلسه"}, "kind": {"meeting"}, "start": {"1403/02/27"}}
	}

	// A forged pair: the same made-up value as cookie and field.
	forged := strings.Repeat("A", 43)
	if st := a.postWith("/events", event(forged), session, &http.Cookie{Name: "_csrf", Value: forged}); st != http.StatusForbidden {
		t.Errorf("a forged cookie and field pair: %d, want 403", st)
	}
	// The browser's real cookie sent back as the field.
	real := &http.Cookie{Name: "_csrf", Value: a.csrfCookieOf()}
	if st := a.postWith("/events", event(real.Value), session, real); st != http.StatusForbidden {
		t.Errorf("the cookie's own value as the token: %d, want 403", st)
	}
	// The real token, of this browser and this session, works.
	tok := a.csrf()
	if st := a.postWith("/events", event(tok), session, real); st != http.StatusSeeOther {
		t.Errorf("the real token: %d, want 303", st)
	}
	// It is this browser's: with another browser's cookie it fails.
	other := newApp(t) // a second server only to get a well-formed cookie
	other.csrf()
	if st := a.postWith("/events", event(tok), session, &http.Cookie{Name: "_csrf", Value: other.csrfCookieOf()}); st != http.StatusForbidden {
		t.Errorf("the token with another browser's cookie: %d, want 403", st)
	}
	// And this session's: without the session (or with another) it fails.
	if st := a.postWith("/events", event(tok), real); st == http.StatusSeeOther {
		t.Errorf("the token without its session: %d", st)
	}
	if n := a.countEvents(); n != 1 {
		t.Errorf("%d events stored, want the one real post", n)
	}
}

// A login gives the browser a new CSRF id and token: a token from before
// (which a page of a visitor not yet signed in may have shown) is refused.
func TestLoginRotatesTheCSRFToken(t *testing.T) {
	a := newApp(t)
	withUsers(t, a)
	before, cookieBefore := a.loginToken(), a.csrfCookieOf()
	if resp := a.login("editor", pw); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %d", resp.StatusCode)
	}
	after, cookieAfter := a.csrf(), a.csrfCookieOf()
	if after == before || cookieAfter == cookieBefore || cookieAfter == "" {
		t.Errorf("login kept the CSRF id or token (cookie changed: %v, token changed: %v)", cookieAfter != cookieBefore, after != before)
	}
	if resp, _ := a.post("/events", url.Values{"_csrf": {before}, "title": {"جلسه"}, "kind": {"meeting"}, "start": {"1403/02/27"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("the token from before the login: %d, want 403", resp.StatusCode)
	}
	if resp, _ := a.post("/events", url.Values{"_csrf": {after}, "title": {"جلسه"}, "kind": {"meeting"}, "start": {"1403/02/27"}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the new token: %d, want 303", resp.StatusCode)
	}
}

// sessionValue returns the client's session cookie value.
func (a *app) sessionValue() string {
	u, _ := url.Parse(a.srv.URL)
	for _, c := range a.http.Jar.Cookies(u) {
		if c.Name == "ruydad_session" {
			return c.Value
		}
	}
	a.t.Fatal("the client is not signed in")
	return ""
}
