package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/web"
	"github.com/ruydad/ruydad/views"
)

// routeAccess is who may use each route, as routes.go says on the route's
// line: a new route, or a route whose policy changes, must be entered here
// too.
var routeAccess = map[string]string{
	"GET /":                                "reader",
	"GET /setup":                           "public",
	"POST /setup":                          "public",
	"GET /login":                           "public",
	"POST /login":                          "public",
	"POST /logout":                         "public",
	"GET /account":                         "viewer",
	"POST /account/feed":                   "viewer",
	"GET /users":                           "admin",
	"POST /users":                          "admin",
	"POST /users/:id/role":                 "admin",
	"GET /users/:id/delete":                "admin",
	"POST /users/:id/delete":               "admin",
	"POST /settings/drafts":                "admin",
	"GET /healthz":                         "public",
	"GET /robots.txt":                      "reader",
	"GET /static/*":                        "public",
	"GET /calendar":                        "reader",
	"GET /calendar/:year":                  "reader",
	"GET /calendar/:year/:month":           "reader",
	"GET /calendar/:year/:month/:day":      "reader",
	"GET /calendar/:year/:month/:day/week": "reader",
	"GET /agenda":                          "reader",
	"GET /search":                          "reader",
	"GET /picker":                          "reader",
	"GET /picker/:year/:month":             "reader",
	"GET /calendar.ics":                    "reader",
	"GET /feeds/:token/calendar.ics":       "public",
	"GET /events/new":                      "editor",
	"POST /events":                         "editor",
	"GET /events/:id":                      "reader",
	"GET /events/:id/edit":                 "editor",
	"POST /events/:id":                     "editor",
	"GET /events/:id/delete":               "editor",
	"POST /events/:id/delete":              "editor",
	"POST /events/:id/restore":             "editor",
	"GET /trash":                           "editor",
	"GET /articles":                        "drafts",
	"GET /articles/new":                    "editor",
	"POST /articles":                       "editor",
	"GET /articles/:id":                    "drafts",
	"GET /review":                          "drafts",
	"POST /review":                         "editor",
	"GET /sources":                         "editor",
	"POST /sources":                        "editor",
	"POST /sources/:id/enabled":            "editor",
	"POST /sources/:id/fetch":              "editor",
	"GET /sources/:id/delete":              "editor",
	"POST /sources/:id/delete":             "editor",
	"GET /import":                          "editor",
	"POST /import":                         "editor",
	"GET /occasions":                       "reader",
	"GET /occasions/new":                   "editor",
	"POST /occasions":                      "editor",
	"POST /occasions/visibility":           "editor",
	"GET /occasions/:id/edit":              "editor",
	"POST /occasions/:id":                  "editor",
	"POST /occasions/:id/visibility":       "editor",
	"POST /occasions/:id/preparation":      "editor",
	"GET /occasions/:id/delete":            "editor",
	"POST /occasions/:id/delete":           "editor",
	"GET /hijri":                           "reader",
	"POST /hijri":                          "admin",
	"POST /hijri/:year/:month/unset":       "admin",
}

// routeList returns the server's GET and POST routes as "METHOD /path".
func routeList(t *testing.T, a *app, cfg web.Config) []string {
	t.Helper()
	cfg.Logger = discardLogger()
	var out []string
	for _, r := range web.New(uc(a.db), cfg).Routes() {
		if r.Method == http.MethodGet || r.Method == http.MethodPost {
			out = append(out, r.Method+" "+r.Path)
		}
	}
	sort.Strings(out)
	return out
}

// concrete fills a route's parameters with values that reach its handler.
func concrete(path string) string {
	return strings.NewReplacer(":id", "1", ":year", "1403", ":month", "2", ":day", "1", ":token", "no-such-token",
		"*", "app.css").Replace(path)
}

// send makes a request with the client's cookies: a form post (with
// token as _csrf) for POST, else a GET.
func (a *app) send(method, path, token string) (*http.Response, *goquery.Document) {
	a.t.Helper()
	if method == http.MethodPost {
		return a.read(a.http.PostForm(a.srv.URL+path, url.Values{"_csrf": {token}}))
	}
	return a.read(a.http.Get(a.srv.URL + path))
}

// loginToken returns the client's CSRF token, from the login page (open to
// anyone).
func (a *app) loginToken() string {
	a.t.Helper()
	_, doc := a.get("/login")
	return doc.Find(`input[name="_csrf"]`).AttrOr("value", "")
}

func TestEveryRouteHasItsAccess(t *testing.T) {
	a := newApp(t)
	got := routeList(t, a, web.Config{})
	var want []string
	for r := range routeAccess {
		want = append(want, r)
	}
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("routes:\n%s\nrouteAccess knows:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestPrivateCalendarOpensOnlyPublicRoutes: on a private calendar an
// anonymous visitor reaches only what signing in needs, the health check,
// the static files and the secret feeds; any other page sends them to the
// login page, a feed or a post answers 401. So does a path no route takes.
func TestPrivateCalendarOpensOnlyPublicRoutes(t *testing.T) {
	a := newPrivateApp(t)
	withUsers(t, a)
	token := a.loginToken()
	for _, route := range routeList(t, a, web.Config{Private: true}) {
		method, path, _ := strings.Cut(route, " ")
		resp, doc := a.send(method, concrete(path), token)
		blocked := resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/login?next=") ||
			resp.StatusCode == http.StatusUnauthorized && doc.Find(`[data-testid="error"]`).Length() == 1
		if public := routeAccess[route] == "public"; blocked == public {
			t.Errorf("%s (%s), anonymous on a private calendar: %d %s", route, routeAccess[route], resp.StatusCode, resp.Header.Get("Location"))
		}
		if method == http.MethodGet && strings.HasSuffix(path, ".ics") && routeAccess[route] != "public" && resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s, anonymous on a private calendar: %d, want 401 (a calendar app has no login page to follow)", route, resp.StatusCode)
		}
	}
	if resp, _ := a.send(http.MethodGet, "/events/1.ics", ""); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("an event's .ics, anonymous on a private calendar: %d, want 401", resp.StatusCode)
	}
	if resp, _ := a.send(http.MethodGet, "/no/such/page", ""); resp.StatusCode != http.StatusSeeOther ||
		!strings.HasPrefix(resp.Header.Get("Location"), "/login?next=") {
		t.Errorf("a path no route takes, anonymous on a private calendar: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := a.send(http.MethodPost, "/no/such/page", token); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("a post no route takes, anonymous on a private calendar: %d, want 401", resp.StatusCode)
	}
}

// TestRolesOfEveryRoute: signed in, a viewer reaches every page and post
// but an editor's and an admin's, an editor every one but an admin's.
func TestRolesOfEveryRoute(t *testing.T) {
	a := newApp(t)
	withUsers(t, a)
	allowed := map[string][]string{"viewer": {"public", "reader", "viewer"}, "editor": {"public", "reader", "drafts", "viewer", "editor"}}
	for _, who := range []string{"viewer", "editor"} {
		if resp := a.login(who, pw); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("login %s: %d", who, resp.StatusCode)
		}
		token := a.loginToken()
		for _, route := range routeList(t, a, web.Config{}) {
			if route == "POST /logout" || route == "POST /login" {
				continue // they would end the session the next routes need
			}
			method, path, _ := strings.Cut(route, " ")
			resp, doc := a.send(method, concrete(path), token)
			refused := resp.StatusCode == http.StatusForbidden && doc.Find(`[data-testid="error"] h1`).Text() == "دسترسی ندارید"
			if refused == contains(allowed[who], routeAccess[route]) {
				t.Errorf("%s (%s), signed in as %s: %d", route, routeAccess[route], who, resp.StatusCode)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// TestBodyLimitsByRoute: each form post reads a body up to its route's
// limit (an article 3 MB, an .ics upload 6 MB, any other form 256 KB) and
// answers a larger one with the Persian 413 page, whether its length is
// announced or not.
func TestBodyLimitsByRoute(t *testing.T) {
	a := newApp(t)
	for _, tt := range []struct {
		path  string
		limit int
	}{
		{"/events", 256 << 10},
		{"/events/1", 256 << 10},
		{"/occasions", 256 << 10},
		{"/review", 256 << 10},
		{"/login", 256 << 10},
		{"/articles", 3 << 20},
		{"/import", 6 << 20},
	} {
		for _, size := range []int{tt.limit - 1<<10, tt.limit + 1} {
			for _, chunked := range []bool{false, true} {
				// A stale token: a body within the limit is read, then refused
				// for its token (403); nothing is stored.
				body := "_csrf=stale&text=" + strings.Repeat("a", size-len("_csrf=stale&text="))
				var r io.Reader = strings.NewReader(body)
				if chunked {
					r = io.MultiReader(r) // no length for the client to announce
				}
				req, _ := http.NewRequest(http.MethodPost, a.srv.URL+tt.path, r)
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				resp, err := a.http.Do(req)
				if err != nil {
					t.Fatalf("%s, %d bytes: %v", tt.path, size, err)
				}
				doc, _ := goquery.NewDocumentFromReader(resp.Body)
				resp.Body.Close()
				want := http.StatusForbidden
				if size > tt.limit {
					want = http.StatusRequestEntityTooLarge
				}
				if resp.StatusCode != want {
					t.Errorf("%s, %d bytes (chunked %v): %d, want %d", tt.path, size, chunked, resp.StatusCode, want)
				}
				if want == http.StatusRequestEntityTooLarge && doc.Find(`[data-testid="error"] h1`).Text() != "داده‌ها بیش از اندازه است" {
					t.Errorf("%s, %d bytes: the 413 page says %q", tt.path, size, doc.Find(`[data-testid="error"] h1`).Text())
				}
			}
		}
	}
}

// TestUnroutedRequests: a path no route takes is a 404 and a method its
// routes do not take a 405, after the checks of a page and a form: a post
// without its CSRF token is refused first.
func TestUnroutedRequests(t *testing.T) {
	a := newApp(t)
	token := a.loginToken()
	for _, tt := range []struct {
		method, path, token string
		want                int
	}{
		{http.MethodGet, "/no/such/page", "", http.StatusNotFound},
		{http.MethodPost, "/no/such/page", token, http.StatusNotFound},
		{http.MethodPost, "/no/such/page", "", http.StatusForbidden},
		{http.MethodPost, "/calendar/1403/2", token, http.StatusMethodNotAllowed},
		{http.MethodPost, "/calendar/1403/2", "", http.StatusForbidden},
		{http.MethodGet, "/events", "", http.StatusMethodNotAllowed},
	} {
		resp, _ := a.send(tt.method, tt.path, tt.token)
		if resp.StatusCode != tt.want {
			t.Errorf("%s %s (token %v): %d, want %d", tt.method, tt.path, tt.token != "", resp.StatusCode, tt.want)
		}
		if resp.StatusCode == http.StatusMethodNotAllowed && resp.Header.Get("Allow") == "" {
			t.Errorf("%s %s: a 405 without Allow", tt.method, tt.path)
		}
	}
}

// TestURLsReachTheirRoutes: every address views builds, for handlers and
// templates alike, is taken by the route meant to take it.
func TestURLsReachTheirRoutes(t *testing.T) {
	a := newApp(t)
	e := web.New(uc(a.db), web.Config{Logger: discardLogger()})
	get, post := http.MethodGet, http.MethodPost
	d := jalali.MustNew(1403, 2, 27)
	for _, tt := range []struct {
		method, url, route string
	}{
		{get, views.HomeURL, "/"},
		{get, views.SetupURL, "/setup"},
		{post, views.SetupURL, "/setup"},
		{get, views.LoginURL, "/login"},
		{post, views.LoginURL, "/login"},
		{get, views.LoginNextURL("/calendar/1403/2?kind=meeting"), "/login"},
		{post, views.LogoutURL, "/logout"},
		{get, views.AccountURL, "/account"},
		{post, views.AccountFeedURL, "/account/feed"},
		{get, views.UsersURL, "/users"},
		{post, views.UsersURL, "/users"},
		{post, views.UserRoleURL(7), "/users/:id/role"},
		{get, views.UserDeleteURL(7), "/users/:id/delete"},
		{post, views.UserDeleteURL(7), "/users/:id/delete"},
		{get, views.StaticURL("app.css"), "/static/*"},
		{get, views.CalendarURL, "/calendar"},
		{get, views.YearURL(1403), "/calendar/:year"},
		{get, views.MonthURL(1403, 2), "/calendar/:year/:month"},
		{get, views.DayURL(d), "/calendar/:year/:month/:day"},
		{get, views.AgendaURL, "/agenda"},
		{get, views.SearchURL, "/search"},
		{get, views.FeedURL, "/calendar.ics"},
		{get, views.UserFeedURL("AbC-_9"), "/feeds/:token/calendar.ics"},
		{get, views.NewEventURL, "/events/new"},
		{get, views.NewEventOnURL(d), "/events/new"},
		{post, views.EventsURL, "/events"},
		{get, views.EventURL(12), "/events/:id"},
		{get, views.EventICSURL(12), "/events/:id"},
		{post, views.EventURL(12), "/events/:id"},
		{get, views.EventEditURL(12), "/events/:id/edit"},
		{get, views.EventDeleteURL(12), "/events/:id/delete"},
		{post, views.EventDeleteURL(12), "/events/:id/delete"},
		{post, views.EventRestoreURL(12), "/events/:id/restore"},
		{get, views.TrashURL, "/trash"},
		{post, views.DraftsSettingURL, "/settings/drafts"},
		{get, views.ArticlesURL, "/articles"},
		{post, views.ArticlesURL, "/articles"},
		{get, views.NewArticleURL, "/articles/new"},
		{get, views.ArticleURL(3), "/articles/:id"},
		{get, views.ReviewURL, "/review"},
		{post, views.ReviewURL, "/review"},
		{get, views.ImportURL, "/import"},
		{post, views.ImportURL, "/import"},
		{get, views.OccasionsURL, "/occasions"},
		{post, views.OccasionsURL, "/occasions"},
		{get, views.NewOccasionURL, "/occasions/new"},
		{post, views.OccasionsVisibilityURL, "/occasions/visibility"},
		{post, views.OccasionURL(5), "/occasions/:id"},
		{get, views.OccasionEditURL(5), "/occasions/:id/edit"},
		{post, views.OccasionVisibilityURL(5), "/occasions/:id/visibility"},
		{get, views.OccasionDeleteURL(5), "/occasions/:id/delete"},
		{post, views.OccasionDeleteURL(5), "/occasions/:id/delete"},
		{get, views.HijriURL, "/hijri"},
		{get, views.HijriYearURL(1403), "/hijri"},
		{post, views.HijriURL, "/hijri"},
		{post, views.HijriUnsetURL(1446, 9), "/hijri/:year/:month/unset"},
	} {
		u, err := url.Parse(tt.url)
		if err != nil || u.IsAbs() || u.Host != "" {
			t.Errorf("%s is not a path: %v", tt.url, err)
			continue
		}
		c := e.NewContext(httptest.NewRequest(tt.method, tt.url, nil), nil)
		e.Router().Find(tt.method, u.Path, c)
		if c.Path() != tt.route {
			t.Errorf("%s %s reaches route %q, want %q", tt.method, tt.url, c.Path(), tt.route)
		}
	}
}
