package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/web"
)

// TestHeadAnswersWhereGetDoes: every GET route answers HEAD with GET's
// status and headers and no body.
func TestHeadAnswersWhereGetDoes(t *testing.T) {
	a := newApp(t)
	e := domain.Event{Title: "نشست خبری", Kind: domain.KindPressConference, Start: jalali.MustNew(1403, 2, 27)}
	if err := uc(a.db).SaveEvent(context.Background(), &e); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]int{
		"/healthz": 200, "/calendar.ics": 200, "/events/" + itoa(e.ID) + ".ics": 200, "/events/" + itoa(e.ID): 200,
		"/calendar/1403/2": 200, "/calendar/1403": 200, "/agenda": 200, "/static/app.css": 200, "/robots.txt": 200,
		"/events/999999": 404, "/logout": 405,
	} {
		head, err := a.http.Head(a.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(head.Body)
		head.Body.Close()
		get, err := a.http.Get(a.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		full, _ := io.ReadAll(get.Body)
		get.Body.Close()
		if head.StatusCode != want || get.StatusCode != want || len(body) != 0 {
			t.Errorf("HEAD %s: %d with %d bytes (GET %d), want %d and no body", path, head.StatusCode, len(body), get.StatusCode, want)
		}
		if head.Header.Get("Content-Type") != get.Header.Get("Content-Type") {
			t.Errorf("HEAD %s: Content-Type %q, GET's %q", path, head.Header.Get("Content-Type"), get.Header.Get("Content-Type"))
		}
		if cl := head.Header.Get("Content-Length"); cl != "" && cl != strconv.Itoa(len(full)) {
			t.Errorf("HEAD %s: Content-Length %s, GET's body is %d bytes", path, cl, len(full))
		}
	}
}

// TestEveryGetRouteAnswersHead guards routes added later: each GET route
// is registered for HEAD too.
func TestEveryGetRouteAnswersHead(t *testing.T) {
	a := newApp(t)
	e := web.New(uc(a.db), web.Config{Logger: discardLogger()})
	head := map[string]bool{}
	for _, r := range e.Routes() {
		if r.Method == http.MethodHead {
			head[r.Path] = true
		}
	}
	n := 0
	for _, r := range e.Routes() {
		if r.Method == http.MethodGet {
			n++
			if !head[r.Path] {
				t.Errorf("GET %s has no HEAD route", r.Path)
			}
		}
	}
	if n < 20 {
		t.Errorf("only %d GET routes found", n)
	}
}

// resubmit posts the form found by sel in doc again, with every field as
// the page shows it, the _csrf token included.
func (a *app) resubmit(doc *goquery.Document, sel string) *http.Response {
	a.t.Helper()
	form := doc.Find(sel)
	action, _ := form.Attr("action")
	v := url.Values{}
	form.Find("input[name], textarea[name], select[name]").Each(func(_ int, f *goquery.Selection) {
		name, _ := f.Attr("name")
		switch {
		case goquery.NodeName(f) == "textarea":
			v.Set(name, f.Text())
		case goquery.NodeName(f) == "select":
			val, _ := f.Find("option[selected]").Attr("value")
			v.Set(name, val)
		default:
			if typ, _ := f.Attr("type"); typ == "checkbox" {
				if _, on := f.Attr("checked"); !on {
					return
				}
			}
			val, _ := f.Attr("value")
			v.Set(name, val)
		}
	})
	resp, err := a.http.PostForm(a.srv.URL+action, v)
	if err != nil {
		a.t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

// TestCSRFFailureShowsTheFormAgain: a form whose token went stale (or whose
// cookie is gone) comes back with what was typed, a Persian alert and a
// fresh token, and sending it again works.
func TestCSRFFailureShowsTheFormAgain(t *testing.T) {
	a := newApp(t)
	// A browser whose CSRF cookie is gone (cleared, or expired while the
	// form stayed open), still signed in.
	session := &http.Cookie{Name: "ruydad_session", Value: a.sessionValue(), Path: "/"}
	a.http.Jar, _ = cookiejar.New(nil)
	srvURL, _ := url.Parse(a.srv.URL)
	a.http.Jar.SetCookies(srvURL, []*http.Cookie{session})
	text := strings.Repeat("همایش روابط عمومی استان در ۲۷ اردیبهشت ۱۴۰۳ برگزار می‌شود. ", 200)
	resp, doc := a.post("/articles", url.Values{"_csrf": {"stale-token-stale-token-stale-token"}, "text": {text}, "title": {"همایش"},
		"source": {"ایرنا"}, "published": {"۱۴۰۳/۰۲/۲۰"}})
	if resp.StatusCode != http.StatusForbidden || doc.Find(`[data-testid="alert"]`).Length() != 1 {
		t.Fatalf("stale article form: %d, want 403 with the alert", resp.StatusCode)
	}
	if got := doc.Find(`textarea[name="text"]`).Text(); got != text {
		t.Errorf("the article's text came back as %d bytes, want the %d typed", len(got), len(text))
	}
	if n, _ := a.db.CountArticles(context.Background()); n != 0 {
		t.Fatalf("%d articles stored from a form that failed the CSRF check", n)
	}
	if resp := a.resubmit(doc, `[data-testid="article-form"]`); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("sending the article form again: %d, want 303", resp.StatusCode)
	}

	e := domain.Event{Title: "جلسه", Kind: domain.KindMeeting, Start: jalali.MustNew(1403, 2, 25)}
	if err := uc(a.db).SaveEvent(context.Background(), &e); err != nil {
		t.Fatal(err)
	}
	resp, doc = a.post("/events/"+itoa(e.ID), url.Values{"_csrf": {"x"}, "title": {"جلسهٔ شورا"}, "kind": {"meeting"}, "start": {"۱۴۰۳/۰۲/۲۶"}})
	if resp.StatusCode != http.StatusForbidden || doc.Find(`[data-testid="alert"]`).Length() != 1 {
		t.Fatalf("stale edit form: %d", resp.StatusCode)
	}
	if v, _ := doc.Find(`input[name="title"]`).Attr("value"); v != "جلسهٔ شورا" {
		t.Errorf("the edit form came back with title %q", v)
	}
	if resp := a.resubmit(doc, `[data-testid="event-form"]`); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("sending the edit form again: %d, want 303", resp.StatusCode)
	}
	if got, _ := a.db.Event(context.Background(), e.ID); got.Title != "جلسهٔ شورا" || got.Start != jalali.MustNew(1403, 2, 26) {
		t.Errorf("after sending again: %q on %v", got.Title, got.Start)
	}

	resp, doc = a.post("/occasions", url.Values{"_csrf": {"x"}, "name": {"روز کتاب"}, "month": {"8"}, "day": {"۲۴"}, "length": {"1"}})
	if resp.StatusCode != http.StatusForbidden || doc.Find(`[data-testid="alert"]`).Length() != 1 {
		t.Fatalf("stale occasion form: %d", resp.StatusCode)
	}
	if v, _ := doc.Find(`input[name="name"]`).Attr("value"); v != "روز کتاب" {
		t.Errorf("the occasion form came back with name %q", v)
	}
	resp, doc = a.post("/login", url.Values{"_csrf": {"x"}, "username": {"maryam"}, "password": {"secret-secret"}})
	if v, _ := doc.Find(`input[name="username"]`).Attr("value"); resp.StatusCode != http.StatusForbidden || v != "maryam" {
		t.Errorf("stale login form: %d with username %q", resp.StatusCode, v)
	}
}

// TestFormFieldsAreValidUTF8: bytes that are not UTF-8 become U+FFFD in
// every form's fields, not only the event form's.
func TestFormFieldsAreValidUTF8(t *testing.T) {
	a := newApp(t)
	bad := "خبر\xff\xfe"
	path, _ := postArticle(t, a, url.Values{"text": {"همایش روز ملی ارتباطات\xff در ۲۷ اردیبهشت ۱۴۰۳"}, "title": {bad}, "source": {bad},
		"province": {bad}, "no_date": {"1"}})
	id, _ := strconv.ParseInt(strings.TrimPrefix(path, "/articles/"), 10, 64)
	art, err := a.db.Article(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	for name, v := range map[string]string{"text": art.Text, "title": art.Title, "source": art.Source, "province": art.Province} {
		if !utf8.ValidString(v) || !strings.Contains(v, "\uFFFD") {
			t.Errorf("article %s stored as %q", name, v)
		}
	}
	resp, _ := a.post("/occasions", url.Values{"name": {bad}, "month": {"8"}, "day": {"24"}, "length": {"1"}, "description": {bad}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("occasion: %d", resp.StatusCode)
	}
	all, _ := a.db.Occasions(context.Background())
	found := false
	for _, o := range all {
		if strings.HasPrefix(o.Name, "خبر") {
			found = utf8.ValidString(o.Name) && utf8.ValidString(o.Description)
		}
	}
	if !found {
		t.Error("the occasion's name or description is not valid UTF-8")
	}
	status, doc := a.get("/calendar/1403/2?province=%FF")
	if v, _ := doc.Find(`#flt-province`).Attr("value"); status != 200 || v != "\uFFFD" {
		t.Errorf("?province=%%FF: %d, the filter shows %q", status, v)
	}
}

// TestDatesWithBidiMarks: a date copied from Persian text, wrapped in RLM or
// LRM, reads as typed.
func TestDatesWithBidiMarks(t *testing.T) {
	a := newApp(t)
	resp, doc := a.post("/events", url.Values{"title": {"جلسه"}, "kind": {"meeting"}, "start": {"\u200f۱۴۰۳/۰۲/۲۷\u200f"},
		"end": {"\u200e1403/02/28\u200e"}, "start_time": {"\u200f۹:۳۰"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("dates in bidi marks: %d, %q", resp.StatusCode, doc.Find(".error").Text())
	}
	path, _ := postArticle(t, a, url.Values{"text": {"خبر"}, "published": {"\u200f۱۴۰۳/۰۲/۲۰\u200f"}})
	if _, doc := a.get(path); !strings.Contains(doc.Find(".sub").Text(), "۲۰ اردیبهشت ۱۴۰۳") {
		t.Errorf("the article's publication date was not read: %q", doc.Find(".sub").Text())
	}
	resp, _ = a.post("/occasions", url.Values{"name": {"روز کتاب"}, "month": {"8"}, "day": {"\u200f۲۴"}, "length": {"1"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("occasion day in bidi marks: %d", resp.StatusCode)
	}
}

// TestEditFormDatesInPersianDigits: the edit form shows the stored dates
// the way the other forms write them.
func TestEditFormDatesInPersianDigits(t *testing.T) {
	a := newApp(t)
	e := domain.Event{Title: "همایش", Kind: domain.KindConference, Start: jalali.MustNew(1405, 9, 29), End: jalali.MustNew(1405, 9, 30)}
	if err := uc(a.db).SaveEvent(context.Background(), &e); err != nil {
		t.Fatal(err)
	}
	_, doc := a.get("/events/" + itoa(e.ID) + "/edit")
	start, _ := doc.Find(`input[name="start"]`).Attr("value")
	end, _ := doc.Find(`input[name="end"]`).Attr("value")
	if start != "۱۴۰۵/۰۹/۲۹" || end != "۱۴۰۵/۰۹/۳۰" {
		t.Errorf("the edit form shows %q–%q, want ۱۴۰۵/۰۹/۲۹–۱۴۰۵/۰۹/۳۰", start, end)
	}
	if _, doc = a.get("/events/new?date=1405/9/29"); doc.Find(`input[name="start"]`).AttrOr("value", "") != "۱۴۰۵/۰۹/۲۹" {
		t.Errorf("the new form from a day shows %q", doc.Find(`input[name="start"]`).AttrOr("value", ""))
	}
}

// TestPagersStopAtTheSupportedYears: at 1000/01 and 3000/12 the month,
// year, day and picker pagers offer no way out of the supported years.
func TestPagersStopAtTheSupportedYears(t *testing.T) {
	a := newApp(t)
	for _, tt := range []struct {
		path, gone, kept string
	}{
		{"/calendar/1000/1", `[data-testid="prev-month"]`, `[data-testid="next-month"]`},
		{"/calendar/3000/12", `[data-testid="next-month"]`, `[data-testid="prev-month"]`},
		{"/calendar/1000", `[data-testid="prev-year"]`, `[data-testid="next-year"]`},
		{"/calendar/3000", `[data-testid="next-year"]`, `[data-testid="prev-year"]`},
		{"/calendar/1000/1/1", `[data-testid="prev"]`, `[data-testid="next"]`},
		{"/calendar/3000/12/" + strconv.Itoa(jalali.MonthLength(3000, 12)), `[data-testid="next"]`, `[data-testid="prev"]`},
	} {
		status, doc := a.get(tt.path)
		if status != http.StatusOK || doc.Find(tt.gone).Length() != 0 || doc.Find(tt.kept).Length() != 1 {
			t.Errorf("%s: %d, %s shown %d times, %s %d times", tt.path, status, tt.gone, doc.Find(tt.gone).Length(), tt.kept, doc.Find(tt.kept).Length())
		}
		if href, ok := doc.Find(tt.kept).Attr("href"); ok {
			if status, _ := a.get(href); status != http.StatusOK {
				t.Errorf("%s: %s links to %s, which answers %d", tt.path, tt.kept, href, status)
			}
		}
	}
	_, doc := a.get("/picker/1000/1")
	if _, off := doc.Find(".picker-nav").First().Attr("disabled"); !off {
		t.Error("the picker of 1000/01 offers the month before")
	}
	_, doc = a.get("/picker/3000/12")
	if _, off := doc.Find(".picker-nav").Last().Attr("disabled"); !off {
		t.Error("the picker of 3000/12 offers the month after")
	}
}
