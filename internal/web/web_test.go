package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	usecases "github.com/ruydad/ruydad/internal/app"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/crypto/bcrypt"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/sqlite"
	"github.com/ruydad/ruydad/internal/web"
	"github.com/ruydad/ruydad/seeds"
)

// fixedNow is 1403/02/20 10:00 in Tehran.
var fixedNow = time.Date(2024, 5, 9, 10, 0, 0, 0, jalali.Tehran)

// app is a real server over a real SQLite file built through the real
// migrations, with the built-in occasions loaded.
type app struct {
	t    testing.TB
	db   *sqlite.DB
	srv  *httptest.Server
	http *http.Client
}

// newApp is a server whose client is signed in as an administrator,
// "office": nobody writes anonymously, ever.
func newApp(t testing.TB) *app { return newAppWith(t, web.Config{}) }

// newBareApp is a server with no account, whose client is not signed in.
func newBareApp(t testing.TB) *app { return newBareAppWith(t, web.Config{}) }

// newPrivateApp is newBareApp with the calendar private.
func newPrivateApp(t testing.TB) *app { return newBareAppWith(t, web.Config{Private: true}) }

// newAppWith is newApp with cfg.
func newAppWith(t testing.TB, cfg web.Config) *app {
	a := newBareAppWith(t, cfg)
	a.signIn("office", domain.RoleAdmin)
	return a
}

// signIn adds an account called name with role (stored as given: its
// password hash matches no password, so no bcrypt is spent) and signs the
// client in as it, with a session of its own.
func (a *app) signIn(name string, role domain.Role) domain.User {
	a.t.Helper()
	ctx := context.Background()
	u := domain.User{Name: name, Role: role, PasswordHash: "-", FeedTokenHash: domain.HashToken(domain.NewToken()), CreatedAt: fixedNow}
	if err := a.db.CreateUser(ctx, &u); err != nil {
		a.t.Fatal(err)
	}
	token, err := a.db.CreateSession(ctx, u.ID)
	if err != nil {
		a.t.Fatal(err)
	}
	srvURL, _ := url.Parse(a.srv.URL)
	a.http.Jar.SetCookies(srvURL, []*http.Cookie{{Name: "ruydad_session", Value: token, Path: "/"}})
	return u
}

// newBareAppWith is newBareApp with cfg.
func newBareAppWith(t testing.TB, cfg web.Config) *app { return newAppOver(t, cfg, uc, nil) }

// newAppServer is newAppWith, with setup (when not nil) given the test
// server before it starts (its http.Server's timeouts, its listener).
func newAppServer(t testing.TB, cfg web.Config, setup func(*httptest.Server)) *app {
	a := newAppOver(t, cfg, uc, setup)
	a.signIn("office", domain.RoleAdmin)
	return a
}

// newAppOver is newBareAppWith, its use cases made by over (which may wrap
// the stores), with setup (when not nil) given the test server before it
// starts.
func newAppOver(t testing.TB, cfg web.Config, over func(*sqlite.DB) *usecases.App, setup func(*httptest.Server)) *app {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "web.db"))
	if err != nil {
		t.Fatal(err)
	}
	cat, err := domain.ParseCatalogue(seeds.Occasions, seeds.OfficialOccasions)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SeedOccasions(ctx, cat); err != nil {
		t.Fatal(err)
	}
	if cfg.Now == nil {
		cfg.Now = func() time.Time { return fixedNow }
	}
	if cfg.Logger == nil {
		cfg.Logger = discardLogger()
	}
	srv := httptest.NewUnstartedServer(nil)
	if cfg.BaseURL == "" {
		cfg.BaseURL = "http://" + srv.Listener.Addr().String() // srv.URL, once started
	}
	srv.Config.Handler = web.New(over(db), cfg)
	srv.Config.ConnContext = web.ConnContext
	if setup != nil {
		setup(srv)
	}
	srv.Start()
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	t.Cleanup(func() { srv.Close(); db.Close() })
	return &app{t: t, db: db, srv: srv, http: client}
}

// get fetches path and returns the status and parsed document.
func (a *app) get(path string) (int, *goquery.Document) {
	a.t.Helper()
	resp, doc := a.read(a.http.Get(a.srv.URL + path))
	return resp.StatusCode, doc
}

// read parses the page of a response, failing the test on any error.
func (a *app) read(resp *http.Response, err error) (*http.Response, *goquery.Document) {
	a.t.Helper()
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		a.t.Fatal(err)
	}
	return resp, doc
}

// csrf returns the token of this client's session, from the login form
// (which anyone may open).
func (a *app) csrf() string {
	a.t.Helper()
	_, doc := a.get("/login")
	tok, ok := doc.Find(`input[name="_csrf"]`).Attr("value")
	if !ok || tok == "" {
		a.t.Fatal("the login form has no _csrf field")
	}
	return tok
}

// post submits a form (with the session's CSRF token unless form sets one).
func (a *app) post(path string, form url.Values) (*http.Response, *goquery.Document) {
	a.t.Helper()
	if _, ok := form["_csrf"]; !ok {
		form.Set("_csrf", a.csrf())
	}
	return a.read(a.http.PostForm(a.srv.URL+path, form))
}

// countEvents returns how many events of any status the database holds in
// 1300..1500.
func (a *app) countEvents() int {
	all, err := a.db.EventsBetween(context.Background(), jalali.MustNew(1300, 1, 1), jalali.MustNew(1500, 1, 1),
		domain.EventFilter{Statuses: []domain.Status{domain.StatusConfirmed, domain.StatusProposed, domain.StatusRejected}})
	if err != nil {
		a.t.Fatal(err)
	}
	return len(all)
}

func TestMonthPageDayCells(t *testing.T) {
	a := newApp(t)
	for _, tt := range []struct {
		path, prefix string
		days         int
	}{
		{"/calendar/1403/12", "1403/12/", 30},
		{"/calendar/1404/12", "1404/12/", 29},
		{"/calendar/1403/1", "1403/01/", 31},
		{"/calendar/1403/7", "1403/07/", 30},
	} {
		status, doc := a.get(tt.path)
		if status != http.StatusOK {
			t.Fatalf("%s: status %d", tt.path, status)
		}
		cells := doc.Find("td[data-date]")
		in := cells.FilterFunction(func(_ int, s *goquery.Selection) bool {
			d, _ := s.Attr("data-date")
			return strings.HasPrefix(d, tt.prefix)
		})
		if in.Length() != tt.days || cells.Length()%7 != 0 {
			t.Errorf("%s: %d days of the month in %d cells, want %d in whole weeks", tt.path, in.Length(), cells.Length(), tt.days)
		}
		if first, _ := cells.First().Attr("data-date"); mustParse(t, first).Weekday() != jalali.Saturday {
			t.Errorf("%s: the grid starts on %s, not a Saturday", tt.path, first)
		}
	}
}

func mustParse(t testing.TB, s string) jalali.Date {
	t.Helper()
	d, err := jalali.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestMonthPageOccasionsHolidaysToday(t *testing.T) {
	a := newApp(t)
	_, doc := a.get("/calendar/1403/2")
	day := func(d string) *goquery.Selection { return doc.Find(`td[data-date="` + d + `"]`) }
	if !strings.Contains(day("1403/02/27").Text(), "روز ملی ارتباطات و روابط عمومی") {
		t.Error("PR Day is not on 1403/02/27")
	}
	// هفتهٔ ارتباطات و روابط عمومی (21-27 Ordibehesht) is on the 26th; the day itself is not.
	if strings.Contains(day("1403/02/26").Text(), "روز ملی ارتباطات و روابط عمومی") {
		t.Error("PR Day leaks onto 1403/02/26")
	}
	if !day("1403/02/20").HasClass("today") {
		t.Error("today (1403/02/20) is not marked")
	}
	if !day("1403/02/21").HasClass("holiday") { // a Friday
		t.Error("Friday 1403/02/21 is not shown as a holiday")
	}
	if !strings.Contains(day("1403/02/27").Find(".greg").Text(), "۱۶ مه") {
		t.Errorf("1403/02/27 shows Gregorian %q, want ۱۶ مه", day("1403/02/27").Find(".greg").Text())
	}
	if got := doc.Find("h1").Text(); got != "اردیبهشت ۱۴۰۳" {
		t.Errorf("title %q", got)
	}
	if lang, _ := doc.Find("html").Attr("lang"); lang != "fa" {
		t.Error("html lang is not fa")
	}
	if dir, _ := doc.Find("html").Attr("dir"); dir != "rtl" {
		t.Error("html dir is not rtl")
	}

	_, doc = a.get("/calendar/1405/6") // Government Week, 2–8 Shahrivar, every year
	for d := 2; d <= 8; d++ {
		if !strings.Contains(doc.Find(`td[data-date="1405/06/0`+string(rune('0'+d))+`"]`).Text(), "هفته دولت") {
			t.Errorf("هفته دولت missing on 1405/06/%02d", d)
		}
	}
	_, doc = a.get("/calendar/1404/11")
	if !doc.Find(`td[data-date="1404/11/22"]`).HasClass("holiday") {
		t.Error("22 Bahman is not a holiday")
	}
}

func TestCreateEventAppearsOnItsDays(t *testing.T) {
	a := newApp(t)
	resp, _ := a.post("/events", url.Values{
		"title": {"تور رسانه‌ای هفته دولت"}, "kind": {"media_tour"}, "start": {"۱۴۰۳/۶/۲"}, "end": {"1403-06-04"},
		"start_time": {"۹:۳۰"}, "province": {"قزوین"},
	})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: status %d, want 303", resp.StatusCode)
	}
	loc := resp.Header.Get("Location")
	if !strings.HasPrefix(loc, "/events/") {
		t.Fatalf("create redirects to %q", loc)
	}
	id := strings.TrimPrefix(strings.SplitN(loc, "?", 2)[0], "/events/")
	_, doc := a.get("/calendar/1403/6")
	if got := barDays(t, doc, id); !slices.Equal(got, []string{"1403/06/02", "1403/06/03", "1403/06/04"}) {
		t.Errorf("event %s is drawn on %v, want 1403/06/02 to 1403/06/04", id, got)
	}
	status, ev := a.get("/events/" + id)
	if status != http.StatusOK || ev.Find(`[data-testid="event-title"]`).Text() != "تور رسانه‌ای هفته دولت" {
		t.Fatalf("event page: %d %q", status, ev.Find("h1").Text())
	}
	if w := ev.Find(`[data-testid="event-when"]`).Text(); !strings.Contains(w, "ساعت ۰۹:۳۰") || !strings.Contains(w, "۲ شهریور ۱۴۰۳") {
		t.Errorf("event when = %q", w)
	}
	_, day := a.get("/calendar/1403/6/3")
	if day.Find(`[data-event-id="`+id+`"]`).Length() != 1 {
		t.Error("event missing from its day page")
	}
}

// TestBusyDayListsSomeAndLinksTheRest: a day cell lists at most four
// events; a busier day lists three and a link to the day page, which lists
// them all (keeping the filter).
func TestBusyDayListsSomeAndLinksTheRest(t *testing.T) {
	a := newApp(t)
	for i := range 6 {
		e := domain.Event{Title: "جلسه " + jalali.FaNum(i+1), Kind: domain.KindMeeting, Start: jalali.MustNew(1403, 2, 10), Province: "همدان"}
		if err := uc(a.db).SaveEvent(context.Background(), &e); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 4 {
		e := domain.Event{Title: "نشست " + jalali.FaNum(i+1), Kind: domain.KindMeeting, Start: jalali.MustNew(1403, 2, 11), Province: "همدان"}
		if err := uc(a.db).SaveEvent(context.Background(), &e); err != nil {
			t.Fatal(err)
		}
	}
	_, doc := a.get("/calendar/1403/2?province=همدان")
	busy := doc.Find(`td[data-date="1403/02/10"]`)
	more := busy.Find(`[data-testid="more"]`)
	if n := busy.Find("[data-event-id]").Length(); n != 3 || more.Text() != "و ۳ رویداد دیگر" {
		t.Errorf("the six-event day lists %d events and %q, want 3 and «و ۳ رویداد دیگر»", n, more.Text())
	}
	href, _ := more.Attr("href")
	if href != "/calendar/1403/2/10?province=%D9%87%D9%85%D8%AF%D8%A7%D9%86" {
		t.Errorf("more links to %q", href)
	}
	full := doc.Find(`td[data-date="1403/02/11"]`)
	if n := full.Find("[data-event-id]").Length(); n != 4 || full.Find(`[data-testid="more"]`).Length() != 0 {
		t.Errorf("the four-event day lists %d events and a more link: %d", n, full.Find(`[data-testid="more"]`).Length())
	}
	if _, day := a.get(href); day.Find("[data-event-id]").Length() != 6 {
		t.Errorf("the day page lists %d events, want 6", day.Find("[data-event-id]").Length())
	}
}

func TestInvalidDateIs422AndStoresNothing(t *testing.T) {
	a := newApp(t)
	for _, start := range []string{"1404/12/30", "1403/07/31", "1403/13/01", "دیروز", ""} {
		resp, doc := a.post("/events", url.Values{"title": {"جلسه شورا"}, "kind": {"meeting"}, "start": {start}})
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("start %q: status %d, want 422", start, resp.StatusCode)
		}
		if msg := doc.Find(`[data-testid="error-start"]`).Text(); msg == "" {
			t.Errorf("start %q: no Persian message beside the field", start)
		}
		if v, _ := doc.Find(`input[name="title"]`).Attr("value"); v != "جلسه شورا" {
			t.Errorf("start %q: the form lost the title: %q", start, v)
		}
		// Shown again as typed, its digits Persian.
		if v, _ := doc.Find(`input[name="start"]`).Attr("value"); v != jalali.FaDigits(start) {
			t.Errorf("start %q: the form lost the typed date: %q", start, v)
		}
	}
	resp, doc := a.post("/events", url.Values{"title": {""}, "kind": {"party"}, "start": {"1403/01/02"}, "end": {"1403/01/01"}, "start_time": {"25:00"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for _, f := range []string{"title", "kind", "end", "start_time"} {
		if doc.Find(`[data-testid="error-`+f+`"]`).Length() != 1 {
			t.Errorf("no error beside %s", f)
		}
	}
	if n := a.countEvents(); n != 0 {
		t.Errorf("%d events stored after invalid posts", n)
	}
}

func TestPostWithoutCSRFIsRejected(t *testing.T) {
	a := newApp(t)
	a.csrf() // the client has a token cookie, but the forms below do not carry it
	for _, tok := range []string{"", "forged-token-forged-token-forged-token"} {
		resp, doc := a.post("/events", url.Values{"_csrf": {tok}, "title": {"x"}, "kind": {"meeting"}, "start": {"1403/02/27"}})
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("token %q: status %d, want 403", tok, resp.StatusCode)
		}
		if doc.Find(`[data-testid="alert"]`).Length() != 1 || doc.Find(`[data-testid="event-form"]`).Length() != 1 {
			t.Error("403 is not the event form again with a Persian alert")
		}
	}
	// No cookie at all (a cross-site form post, which brings no session
	// either): refused as any anonymous write is.
	resp, err := http.PostForm(a.srv.URL+"/events", url.Values{"_csrf": {"abc"}, "title": {"x"}, "kind": {"meeting"}, "start": {"1403/02/27"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("cookie-less post: status %d, want 401", resp.StatusCode)
	}
	// A post with nothing typed in it gets the error page.
	if resp, doc := a.post("/review", url.Values{"_csrf": {""}, "act": {"confirm"}}); resp.StatusCode != http.StatusForbidden || doc.Find(`[data-testid="error"]`).Length() != 1 {
		t.Errorf("review post without a token: %d, want the Persian 403 page", resp.StatusCode)
	}
	if n := a.countEvents(); n != 0 {
		t.Errorf("%d events stored without a valid token", n)
	}
}

func TestHTMLInTitleIsEscaped(t *testing.T) {
	a := newApp(t)
	title := `<script>alert("x")</script><b>همایش</b>`
	resp, _ := a.post("/events", url.Values{"title": {title}, "kind": {"conference"}, "start": {"1403/02/27"},
		"description": {`<img src=x onerror=alert(1)>`}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for _, path := range []string{strings.SplitN(resp.Header.Get("Location"), "?", 2)[0], "/calendar/1403/2", "/calendar/1403/2/27"} {
		r, err := a.http.Get(a.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(r.Body)
		r.Body.Close()
		if strings.Contains(string(body), "<script>") || strings.Contains(string(body), "<b>همایش") || strings.Contains(string(body), "<img src=x") {
			t.Errorf("%s renders user HTML as markup", path)
		}
		if !strings.Contains(string(body), "&lt;script&gt;") {
			t.Errorf("%s does not show the title as text", path)
		}
	}
}

func TestEditAndDelete(t *testing.T) {
	a := newApp(t)
	e := domain.Event{Title: "نشست خبری", Kind: domain.KindPressConference, Start: jalali.MustNew(1403, 2, 25)}
	if err := uc(a.db).SaveEvent(context.Background(), &e); err != nil {
		t.Fatal(err)
	}
	id := itoa(e.ID)
	_, form := a.get("/events/" + id + "/edit")
	if v, _ := form.Find(`input[name="title"]`).Attr("value"); v != "نشست خبری" {
		t.Fatalf("edit form title %q", v)
	}
	resp, _ := a.post("/events/"+id, url.Values{"title": {"نشست خبری استاندار"}, "kind": {"press_conference"}, "start": {"1403/02/26"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("update status %d", resp.StatusCode)
	}
	got, _ := a.db.Event(context.Background(), e.ID)
	if got.Title != "نشست خبری استاندار" || got.Start != jalali.MustNew(1403, 2, 26) || got.UID != e.UID || got.Sequence != 1 {
		t.Errorf("after edit: %+v", got)
	}
	resp, _ = a.post("/events/"+id, url.Values{"title": {"x"}, "kind": {"press_conference"}, "start": {"1404/12/30"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bad edit status %d", resp.StatusCode)
	}
	if still, _ := a.db.Event(context.Background(), e.ID); still.Title != "نشست خبری استاندار" {
		t.Errorf("a rejected edit changed the event: %+v", still)
	}
	resp, _ = a.post("/events/"+id+"/delete", url.Values{})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete status %d", resp.StatusCode)
	}
	if status, _ := a.get("/events/" + id); status != http.StatusGone {
		t.Errorf("deleted event page: %d, want 410", status)
	}
	if _, doc := a.get("/calendar/1403/2"); doc.Find(`[data-event-id="`+id+`"]`).Length() != 0 {
		t.Error("deleted event still on the calendar")
	}
}

func TestBadPathsAreNot500(t *testing.T) {
	a := newApp(t)
	for path, want := range map[string]int{
		"/calendar/1403/13":            404,
		"/calendar/99999/1":            404,
		"/calendar/1403/0":             404,
		"/calendar/abc/1":              400,
		"/calendar/1404/12/30":         404,
		"/calendar/1403/12/30":         200,
		"/calendar/۱۴۰۳/۲":             200,
		"/events/abc":                  404,
		"/events/999999":               404,
		"/events/-1/edit":              404,
		"/nope":                        404,
		"/calendar?year=1403&month=13": 404,
		"/calendar?year=x&month=1":     400,
	} {
		status, doc := a.get(path)
		if status != want {
			t.Errorf("%s: %d, want %d", path, status, want)
		}
		if status >= 400 && doc.Find(`[data-testid="error"]`).Length() != 1 {
			t.Errorf("%s: no Persian error page", path)
		}
	}
}

func TestRootJumpAndNavigation(t *testing.T) {
	a := newApp(t)
	resp, err := a.http.Get(a.srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); loc != "/calendar/1403/2" {
		t.Errorf("/ redirects to %q, want the current month /calendar/1403/2", loc)
	}
	_, doc := a.get("/calendar/1403/12")
	if href, _ := doc.Find(`[data-testid="next-month"]`).Attr("href"); href != "/calendar/1404/1" {
		t.Errorf("next month of Esfand 1403 = %q", href)
	}
	if href, _ := doc.Find(`[data-testid="prev-month"]`).Attr("href"); href != "/calendar/1403/11" {
		t.Errorf("previous month of Esfand 1403 = %q", href)
	}
	resp, err = a.http.Get(a.srv.URL + "/calendar?year=۱۴۱۰&month=7")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != "/calendar/1410/7" {
		t.Errorf("jump: %d %q", resp.StatusCode, loc)
	}
}

func TestYearlyEventAndAgenda(t *testing.T) {
	a := newApp(t)
	e := domain.Event{Title: "سالروز تأسیس اداره", Kind: domain.KindCeremony, Start: jalali.MustNew(1400, 2, 22), Repeat: domain.Repeat{Kind: domain.RepeatYearly}}
	if err := uc(a.db).SaveEvent(context.Background(), &e); err != nil {
		t.Fatal(err)
	}
	_, doc := a.get("/calendar/1410/2")
	if doc.Find(`td[data-date="1410/02/22"] [data-event-id="`+itoa(e.ID)+`"]`).Length() != 1 {
		t.Error("yearly event missing in 1410")
	}
	_, agenda := a.get("/agenda")
	if agenda.Find(`[data-event-id="`+itoa(e.ID)+`"]`).Length() != 1 {
		t.Error("yearly event (in two days) missing from the agenda")
	}
	text := agenda.Text()
	for _, want := range []string{"امروز", "پس‌فردا", "روز ملی ارتباطات و روابط عمومی"} {
		if !strings.Contains(text, want) {
			t.Errorf("agenda lacks %q", want)
		}
	}
}

func TestOccasionsEditable(t *testing.T) {
	a := newApp(t)
	all, _ := a.db.Occasions(context.Background())
	var pr domain.Occasion
	for _, o := range all {
		if o.Key == "pr-day" {
			pr = o
		}
	}
	resp, _ := a.post("/occasions/"+itoa(pr.ID), url.Values{"name": {"روز روابط عمومی"}, "month": {"2"}, "day": {"۲۸"}, "length": {"1"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("update occasion: %d", resp.StatusCode)
	}
	_, doc := a.get("/calendar/1403/2")
	if !strings.Contains(doc.Find(`td[data-date="1403/02/28"]`).Text(), "روز روابط عمومی") {
		t.Error("edited occasion not on its new day")
	}
	resp, doc = a.post("/occasions/"+itoa(pr.ID), url.Values{"name": {"x"}, "month": {"7"}, "day": {"31"}, "length": {"1"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || doc.Find(".error").Length() == 0 {
		t.Errorf("31 Mehr accepted: %d", resp.StatusCode)
	}
}

func TestStaticFontAndHealth(t *testing.T) {
	a := newApp(t)
	for path, ctype := range map[string]string{"/static/fonts/Vazirmatn-Regular.woff2": "font/woff2", "/static/app.css": "text/css", "/healthz": "text/plain"} {
		resp, err := a.http.Get(a.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), ctype) {
			t.Errorf("%s: %d %s", path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestYearView(t *testing.T) {
	a := newApp(t)
	e := domain.Event{Title: "همایش", Kind: domain.KindConference, Start: jalali.MustNew(1403, 8, 10), End: jalali.MustNew(1403, 8, 11)}
	if err := uc(a.db).SaveEvent(context.Background(), &e); err != nil {
		t.Fatal(err)
	}
	status, doc := a.get("/calendar/1403")
	if status != 200 || doc.Find("section.mini").Length() != 12 {
		t.Fatalf("year page %d with %d months", status, doc.Find("section.mini").Length())
	}
	if n := doc.Find("td[data-date]").Length(); n != 366 {
		t.Errorf("1403 shows %d days, want 366 (a leap year)", n)
	}
	for _, d := range []string{"1403/08/10", "1403/08/11"} {
		if doc.Find(`td[data-date="`+d+`"] .dot`).Length() != 1 {
			t.Errorf("no event dot on %s", d)
		}
	}
	if doc.Find(`td[data-date="1403/08/12"] .dot`).Length() != 0 {
		t.Error("a dot on a day without events")
	}
	if title, _ := doc.Find(`td[data-date="1403/02/27"] a`).Attr("title"); !strings.Contains(title, "روابط عمومی") {
		t.Errorf("PR Day title %q", title)
	}
	if !doc.Find(`td[data-date="1403/01/01"]`).HasClass("holiday") {
		t.Error("Nowruz is not a holiday")
	}
	if _, doc = a.get("/calendar/1404"); doc.Find("td[data-date]").Length() != 365 {
		t.Error("1404 is not 365 days")
	}
	if status, _ := a.get("/calendar/0"); status != 404 {
		t.Errorf("/calendar/0: %d", status)
	}
}

func TestPickerFragmentAndEnhancedFields(t *testing.T) {
	a := newApp(t)
	status, doc := a.get("/picker/1403/12")
	if status != 200 || doc.Find("button.picker-day").Length() != 30 {
		t.Fatalf("picker 1403/12: %d with %d days", status, doc.Find("button.picker-day").Length())
	}
	if v, _ := doc.Find("button.picker-day").Last().Attr("data-value"); v != "۱۴۰۳/۱۲/۳۰" {
		t.Errorf("last day value %q", v)
	}
	if m, _ := doc.Find(".picker-nav").Last().Attr("data-month"); m != "1404/1" {
		t.Errorf("next month %q", m)
	}
	if doc.Find("html").Length() == 1 && doc.Find("header.top").Length() != 0 {
		t.Error("the fragment carries the page layout")
	}
	if _, doc = a.get("/picker"); doc.Find("button.picker-day.today").Length() != 1 {
		t.Error("this month's fragment does not mark today")
	}
	if status, _ = a.get("/picker/1403/13"); status != 404 {
		t.Errorf("/picker/1403/13: %d", status)
	}
	_, form := a.get("/events/new")
	if form.Find("input[data-jalali-date]").Length() != 3 || form.Find(`script[src="/static/datepicker.js"]`).Length() != 1 {
		t.Error("the event form's date fields are not enhanced")
	}
	resp, err := a.http.Get(a.srv.URL + "/static/datepicker.js")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "javascript") {
		t.Errorf("datepicker.js: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

func TestBodyLimitsAndFieldLengths(t *testing.T) {
	a := newApp(t)
	big := strings.Repeat("ا", 200<<10) // 400 KB of text in an event form
	resp, doc := a.post("/events", url.Values{"title": {"x"}, "kind": {"meeting"}, "start": {"1403/01/01"}, "description": {big}})
	if resp.StatusCode != http.StatusRequestEntityTooLarge || doc.Find(`[data-testid="error"]`).Length() != 1 {
		t.Errorf("a 400 KB event form: %d, want the Persian 413 page", resp.StatusCode)
	}
	huge := strings.Repeat("خبر ", 1<<20) // 4 MB article
	if resp, _ := a.post("/articles", url.Values{"text": {huge}}); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a 4 MB article: %d, want 413", resp.StatusCode)
	}
	long := strings.Repeat("ب", 301)
	if resp, doc := a.post("/events", url.Values{"title": {long}, "kind": {"meeting"}, "start": {"1403/01/01"}, "location": {strings.Repeat("ج", 201)}}); resp.StatusCode != http.StatusUnprocessableEntity ||
		doc.Find(`[data-testid="error-title"]`).Length() != 1 || doc.Find(`[data-testid="error-location"]`).Length() != 1 {
		t.Errorf("overlong fields: %d", resp.StatusCode)
	}
	if n := a.countEvents(); n != 0 {
		t.Errorf("%d events stored", n)
	}
}

// uc returns the use cases over db, as the server calls them.
func uc(db *sqlite.DB) *usecases.App {
	return usecases.Over(db, usecases.Options{Logger: discardLogger(), PasswordCost: bcrypt.MinCost})
}
