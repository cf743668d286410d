package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/web"
)

const pw = "گذرواژه-بلند-۱۲۳"

// withUsers adds an admin, an editor and a viewer.
func withUsers(t *testing.T, a *app) {
	t.Helper()
	for name, role := range map[string]domain.Role{"admin": domain.RoleAdmin, "editor": domain.RoleEditor, "viewer": domain.RoleViewer} {
		if _, err := uc(a.db).CreateUser(context.Background(), name, role, pw); err != nil {
			t.Fatal(err)
		}
	}
}

// login signs the app's client in and returns the response.
func (a *app) login(name, password string) *http.Response {
	a.t.Helper()
	_, doc := a.get("/login")
	tok, _ := doc.Find(`input[name="_csrf"]`).Attr("value")
	resp, _ := a.post("/login", url.Values{"_csrf": {tok}, "username": {name}, "password": {password}, "next": {"/agenda"}})
	return resp
}

func sessionCookie(resp *http.Response) *http.Cookie {
	for _, c := range resp.Cookies() {
		if c.Name == "ruydad_session" {
			return c
		}
	}
	return nil
}

func TestWritesNeedAnEditor(t *testing.T) {
	a := newBareApp(t)
	withUsers(t, a)
	event := url.Values{"title": {"جلسه"}, "kind": {"meeting"}, "start": {"1403/02/27"}}

	resp, err := a.http.Get(a.srv.URL + "/events/new")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login?next=%2Fevents%2Fnew") {
		t.Errorf("anonymous GET /events/new: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, doc := a.get("/login")
	tok, _ := doc.Find(`input[name="_csrf"]`).Attr("value")
	if resp, doc := a.post("/events", url.Values{"_csrf": {tok}, "title": event["title"], "kind": event["kind"], "start": event["start"]}); resp.StatusCode != http.StatusUnauthorized || doc.Find(`[data-testid="error"]`).Length() != 1 {
		t.Errorf("anonymous POST /events: %d", resp.StatusCode)
	}

	if resp := a.login("viewer", pw); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/agenda" {
		t.Fatalf("viewer login: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := a.post("/events", url.Values{"title": event["title"], "kind": event["kind"], "start": event["start"]}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("viewer POST /events: %d, want 403", resp.StatusCode)
	}
	if status, _ := a.get("/users"); status != http.StatusForbidden {
		t.Errorf("viewer /users: %d", status)
	}
	if n := a.countEvents(); n != 0 {
		t.Fatalf("%d events written without an editor", n)
	}

	if resp := a.login("editor", pw); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("editor login: %d", resp.StatusCode)
	}
	if resp, _ := a.post("/events", url.Values{"title": event["title"], "kind": event["kind"], "start": event["start"]}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("editor POST /events: %d", resp.StatusCode)
	}
	if status, _ := a.get("/users"); status != http.StatusForbidden {
		t.Errorf("editor /users: %d, want 403", status)
	}
	_, page := a.get("/calendar/1403/2")
	if page.Find(`[data-testid="me"]`).Text() != "editor" {
		t.Error("the header does not show who is signed in")
	}
}

func TestLoginSessionCookieRotationLogout(t *testing.T) {
	a := newApp(t)
	withUsers(t, a)
	bad := a.login("admin", "wrong-password-x")
	if bad.StatusCode != http.StatusUnauthorized {
		t.Errorf("wrong password: %d", bad.StatusCode)
	}
	first := a.login("admin", pw)
	c1 := sessionCookie(first)
	if c1 == nil || !c1.HttpOnly || c1.SameSite != http.SameSiteLaxMode || c1.Secure {
		t.Fatalf("session cookie %+v", c1)
	}
	second := a.login("admin", pw)
	c2 := sessionCookie(second)
	if c2 == nil || c2.Value == c1.Value {
		t.Fatal("the session was not rotated on login")
	}
	if _, err := a.db.SessionUser(context.Background(), c1.Value, time.Hour, time.Hour); err == nil {
		t.Error("the old session still works after a new login")
	}
	if status, _ := a.get("/users"); status != http.StatusOK {
		t.Errorf("admin /users: %d", status)
	}
	resp, _ := a.post("/logout", url.Values{})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout %d", resp.StatusCode)
	}
	if _, err := a.db.SessionUser(context.Background(), c2.Value, time.Hour, time.Hour); err == nil {
		t.Error("the session survives logout")
	}
	if status, _ := a.get("/users"); status != http.StatusSeeOther {
		t.Errorf("/users after logout: %d", status)
	}
}

func TestSessionIdleExpiry(t *testing.T) {
	a := newApp(t)
	withUsers(t, a)
	c := sessionCookie(a.login("editor", pw))
	ctx := context.Background()
	if _, err := a.db.SessionUser(ctx, c.Value, 12*time.Hour, 30*24*time.Hour); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(13 * time.Hour)
	a.db.SetClock(func() time.Time { return later })
	defer a.db.SetClock(time.Now)
	if status, _ := a.get("/events/new"); status != http.StatusSeeOther {
		t.Errorf("after 13 idle hours /events/new: %d, want a redirect to login", status)
	}
}

func TestLoginRateLimit(t *testing.T) {
	a := newApp(t)
	withUsers(t, a)
	for i := 0; i < 5; i++ {
		if r := a.login("editor", "not-the-password"); r.StatusCode != http.StatusUnauthorized {
			t.Fatalf("attempt %d: %d", i, r.StatusCode)
		}
	}
	if r := a.login("editor", pw); r.StatusCode != http.StatusTooManyRequests {
		t.Errorf("after 5 failures the right password: %d, want 429", r.StatusCode)
	}
	if r := a.login("admin", pw); r.StatusCode != http.StatusSeeOther {
		t.Errorf("another account from the same address: %d", r.StatusCode)
	}
}

func TestUserAdminPages(t *testing.T) {
	a := newBareApp(t)
	withUsers(t, a)
	a.login("admin", pw)
	if resp, doc := a.post("/users", url.Values{"username": {"x"}, "role": {"editor"}, "password": {"short"}}); resp.StatusCode != http.StatusUnprocessableEntity || doc.Find("p.error").Length() < 2 {
		t.Errorf("bad user: %d", resp.StatusCode)
	}
	if resp, _ := a.post("/users", url.Values{"username": {"reza"}, "role": {"editor"}, "password": {pw}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add user: %d", resp.StatusCode)
	}
	if resp, _ := a.post("/users", url.Values{"username": {"REZA"}, "role": {"viewer"}, "password": {pw}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("duplicate name: %d", resp.StatusCode)
	}
	reza, _ := a.db.UserByName(context.Background(), "reza")
	if resp, _ := a.post("/users/"+itoa(reza.ID)+"/role", url.Values{"role": {"viewer"}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("set role: %d", resp.StatusCode)
	}
	admin, _ := a.db.UserByName(context.Background(), "admin")
	if resp, _ := a.post("/users/"+itoa(admin.ID)+"/role", url.Values{"role": {"editor"}}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("demoting the last admin: %d", resp.StatusCode)
	}
	if resp, _ := a.post("/users/"+itoa(admin.ID)+"/delete", url.Values{}); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("deleting oneself: %d", resp.StatusCode)
	}
	if resp, _ := a.post("/users/"+itoa(reza.ID)+"/delete", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("delete user: %d", resp.StatusCode)
	}
}

func TestPrivateCalendarAndSecretFeed(t *testing.T) {
	a := newPrivateApp(t)
	withUsers(t, a)
	resp, err := a.http.Get(a.srv.URL + "/calendar/1403/2")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("private month, anonymous: %d", resp.StatusCode)
	}
	if r, _ := fetch(t, a, "/calendar.ics"); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("private feed, anonymous: %d", r.StatusCode)
	}
	if r, _ := fetch(t, a, "/static/app.css"); r.StatusCode != http.StatusOK {
		t.Errorf("stylesheet in private mode: %d", r.StatusCode)
	}
	a.login("viewer", pw)
	if status, _ := a.get("/calendar/1403/2"); status != http.StatusOK {
		t.Errorf("private month, viewer: %d", status)
	}
	_, doc := a.post("/account/feed", url.Values{})
	feed, _ := doc.Find(`[data-testid="feed-url"]`).Attr("value")
	path := strings.TrimPrefix(feed, a.srv.URL)
	a.post("/logout", url.Values{})
	r, body := fetch(t, a, path)
	if r.StatusCode != 200 || !strings.HasPrefix(string(body), "BEGIN:VCALENDAR") {
		t.Fatalf("secret feed %s: %d", path, r.StatusCode)
	}
	a.login("viewer", pw)
	if resp, _ := a.post("/account/feed", url.Values{}); resp.StatusCode != http.StatusOK {
		t.Fatalf("reset feed: %d", resp.StatusCode)
	}
	if r, _ := fetch(t, a, path); r.StatusCode != http.StatusNotFound {
		t.Errorf("revoked feed URL: %d, want 404", r.StatusCode)
	}
	// Only the token's hash is kept: the account page cannot show it
	// again, and says so.
	if _, doc := a.get("/account"); doc.Find(`[data-testid="feed-url"]`).Length() != 0 || doc.Find(`[data-testid="feed-hidden"]`).Length() != 1 {
		t.Error("the account page shows a feed URL, or does not say why it cannot")
	}
}

// Issue 14, item 8: a password of 73 to 200 bytes (37 Persian letters and
// more) was a 500 when an admin added the account.
func TestLongPersianPasswordOverHTTP(t *testing.T) {
	a := newApp(t)
	withUsers(t, a)
	a.login("admin", pw)
	long := strings.Repeat("رمز بلند دفتر ", 8) // 104 letters and spaces, 184 bytes
	if resp, _ := a.post("/users", url.Values{"username": {"sara"}, "role": {"editor"}, "password": {long}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("adding an account with a %d-byte password: %d", len(long), resp.StatusCode)
	}
	if resp := a.login("sara", long); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("signing in with it: %d", resp.StatusCode)
	}
	if resp := a.login("sara", long[:72]); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("signing in with its first 72 bytes: %d", resp.StatusCode)
	}
}

// Issue 14: a look-alike of another account's name (a Cyrillic «а» in
// «аdmin») is refused with its own Persian sentence.
func TestLookAlikeUserNameRefused(t *testing.T) {
	a := newApp(t)
	withUsers(t, a)
	a.login("admin", pw)
	resp, doc := a.post("/users", url.Values{"username": {"\u0430dmin"}, "role": {"admin"}, "password": {pw}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.Find("p.error").Text(), "یک خط") {
		t.Errorf("a Cyrillic а in admin: %d %q", resp.StatusCode, doc.Find("p.error").Text())
	}
	if _, err := a.db.UserByName(context.Background(), "\u0430dmin"); err == nil {
		t.Error("the look-alike account was stored")
	}
}

// Issue 14, item 7: next=/%09/evil.example/phish led off the site after a
// login (the browser drops the tab from the Location).
func TestLoginRedirectStaysOnTheSite(t *testing.T) {
	a := newApp(t)
	withUsers(t, a)
	for _, next := range []string{"/\t/evil.example/phish", "/\\evil.example", "//evil.example", "https://evil.example/"} {
		_, doc := a.get("/login?next=" + url.QueryEscape(next))
		if v, _ := doc.Find(`input[name="next"]`).Attr("value"); v != "/" {
			t.Errorf("the login form keeps next %q as %q", next, v)
		}
		tok, _ := doc.Find(`input[name="_csrf"]`).Attr("value")
		resp, _ := a.post("/login", url.Values{"_csrf": {tok}, "username": {"viewer"}, "password": {pw}, "next": {next}})
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != "/" {
			t.Errorf("login with next %q: %d to %q, want 303 to /", next, resp.StatusCode, loc)
		}
	}
}

// Issue 14: the request log showed every private feed URL whole, and with
// it the secret that opens the user's calendar.
func TestRequestLogHidesFeedTokens(t *testing.T) {
	var log strings.Builder
	var mu sync.Mutex
	a := newAppWith(t, web.Config{Logger: slog.New(slog.NewTextHandler(lockedWriter{&mu, &log}, nil))})
	withUsers(t, a)
	viewer, _ := a.db.UserByName(context.Background(), "viewer")
	token, err := a.db.ResetFeedToken(context.Background(), viewer.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/feeds/" + token + "/calendar.ics", "/feeds/" + token, "/feeds/" + token + "/x/y"} {
		r, _ := fetch(t, a, path)
		if path == "/feeds/"+token+"/calendar.ics" && r.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", path, r.StatusCode)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if strings.Contains(log.String(), token) || !strings.Contains(log.String(), "path=/feeds/[secret]/calendar.ics") {
		t.Errorf("the log names the feed token (or not the redacted path):\n%s", log.String())
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
