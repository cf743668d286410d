package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/web"
)

const setupToken = "setup-token-printed-on-the-console-0123456789"

// First run: a fresh install lets nobody write; the holder of the setup
// token the server printed makes the first administrator at /setup, once,
// and is signed in as them (issue 14, "First run").
func TestFirstRunSetup(t *testing.T) {
	a := newBareAppWith(t, web.Config{SetupToken: setupToken})
	event := func() url.Values {
		return url.Values{"title": {"جلسه"}, "kind": {"meeting"}, "start": {"1403/02/27"}}
	}

	_, home := a.get("/calendar/1403/2")
	if banner := home.Find(`[data-testid="setup-banner"]`); banner.Length() != 1 || banner.Find(`a[href="/setup"]`).Length() != 1 {
		t.Error("a fresh install does not point to /setup")
	}
	if resp, _ := a.post("/events", event()); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("an anonymous write on a fresh install: %d, want 401", resp.StatusCode)
	}
	if status, _ := a.get("/events/new"); status != http.StatusSeeOther {
		t.Errorf("the new event form on a fresh install: %d, want a redirect to the login", status)
	}

	status, page := a.get("/setup?token=" + setupToken)
	if v, _ := page.Find(`input[name="token"]`).Attr("value"); status != http.StatusOK || v != setupToken {
		t.Fatalf("/setup from the printed link: %d, token field %q", status, v)
	}
	form := func(name, password, token string) url.Values {
		return url.Values{"username": {name}, "password": {password}, "token": {token}}
	}
	resp, doc := a.post("/setup", form("maryam", pw, "not-the-token"))
	if resp.StatusCode != http.StatusForbidden || doc.Find(`[data-testid="error-token"]`).Length() != 1 {
		t.Errorf("a wrong token: %d", resp.StatusCode)
	}
	resp, doc = a.post("/setup", form("\u0430dmin", "short", setupToken))
	if resp.StatusCode != http.StatusUnprocessableEntity || doc.Find(`[data-testid="error-username"]`).Length() != 1 ||
		doc.Find(`[data-testid="error-password"]`).Length() != 1 {
		t.Errorf("a bad name and password: %d", resp.StatusCode)
	}
	if n, _ := a.db.CountUsers(context.Background()); n != 0 {
		t.Fatalf("%d accounts after refused setups", n)
	}
	resp, _ = a.post("/setup", form("maryam", pw, setupToken))
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/users?done=setup" || sessionCookie(resp) == nil {
		t.Fatalf("the setup: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	u, err := a.db.UserByName(context.Background(), "maryam")
	if err != nil || u.Role != domain.RoleAdmin {
		t.Fatalf("the first administrator: %+v, %v", u, err)
	}
	if status, doc := a.get("/users?done=setup"); status != http.StatusOK || doc.Find(`[data-testid="flash"]`).Length() != 1 ||
		doc.Find(`[data-testid="setup-banner"]`).Length() != 0 {
		t.Errorf("after the setup, /users: %d", status)
	}
	if resp, _ := a.post("/events", event()); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the new administrator writes: %d", resp.StatusCode)
	}
	// The token worked once: /setup is gone.
	if status, _ := a.get("/setup?token=" + setupToken); status != http.StatusNotFound {
		t.Errorf("/setup after the setup: %d, want 404", status)
	}
	if resp, _ := a.post("/setup", form("reza", pw, setupToken)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a second setup: %d, want 404", resp.StatusCode)
	}
	if resp := a.login("maryam", pw); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the administrator's password: %d", resp.StatusCode)
	}
}

// Without a token from the server, /setup is not there, even on a fresh
// install.
func TestNoSetupWithoutAToken(t *testing.T) {
	a := newBareApp(t)
	if status, _ := a.get("/setup"); status != http.StatusNotFound {
		t.Errorf("/setup without a token: %d", status)
	}
	if resp, _ := a.post("/setup", url.Values{"username": {"maryam"}, "password": {pw}, "token": {""}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("posting /setup without a token: %d", resp.StatusCode)
	}
}

// Issue 14, item 4: with every account deleted (two admins deleting each
// other, or --force), the app was open to anonymous writes again. Once an
// account has existed, writing needs one, /setup stays closed, and the
// pages say how to make an administrator on the command line.
func TestDeletingEveryAccountNeverReopens(t *testing.T) {
	a := newBareAppWith(t, web.Config{SetupToken: setupToken})
	withUsers(t, a)
	ctx := context.Background()
	users, _ := a.db.Users(ctx)
	for _, u := range users {
		if err := uc(a.db).DeleteUser(ctx, u.ID, true); err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := a.db.CountUsers(ctx); n != 0 {
		t.Fatalf("%d accounts left", n)
	}
	event := url.Values{"title": {"جلسه"}, "kind": {"meeting"}, "start": {"1403/02/27"}}
	if resp, _ := a.post("/events", event); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("an anonymous write with every account deleted: %d, want 401", resp.StatusCode)
	}
	if resp, _ := a.post("/hijri", url.Values{"year": {"1448"}, "month": {"10"}, "start": {"1405/12/19"}}); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("an anonymous Hijri correction with every account deleted: %d, want 401", resp.StatusCode)
	}
	if n := a.countEvents(); n != 0 {
		t.Errorf("%d events written", n)
	}
	if status, _ := a.get("/setup?token=" + setupToken); status != http.StatusNotFound {
		t.Errorf("/setup once accounts have existed: %d, want 404", status)
	}
	_, page := a.get("/calendar/1403/2")
	banner := page.Find(`[data-testid="no-admin-banner"]`)
	if banner.Length() != 1 || !strings.Contains(banner.Text(), "./ruydad user add NAME --role admin") ||
		page.Find(`[data-testid="setup-banner"]`).Length() != 0 {
		t.Errorf("the page does not say how to make an administrator: %q", banner.Text())
	}
}
