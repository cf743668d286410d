package web_test

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/web"
)

// TestKeptMonthFollowsWrites: a month page kept rendered changes as soon as
// the data does, whoever writes it (here the store directly, as another
// process would), and for the year page too.
func TestKeptMonthFollowsWrites(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	count := func(path string) int {
		t.Helper()
		status, doc := a.get(path)
		if status != http.StatusOK {
			t.Fatalf("%s: %d", path, status)
		}
		return doc.Find(`[data-event-id]`).Length()
	}
	if n := count("/calendar/1403/2"); n != 0 {
		t.Fatalf("empty month shows %d events", n)
	}
	e := domain.Event{Title: "همایش روابط عمومی", Kind: domain.KindConference, Start: jalali.MustNew(1403, 2, 27)}
	if err := uc(a.db).SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	if n := count("/calendar/1403/2"); n != 1 {
		t.Errorf("after a create the month shows %d events, want 1", n)
	}
	_, doc := a.get("/calendar/1403")
	if doc.Find(`td[data-date="1403/02/27"] .dot`).Length() != 1 {
		t.Error("after a create the year page has no dot on 1403/02/27")
	}
	e.Start, e.End = jalali.MustNew(1403, 3, 15), jalali.MustNew(1403, 3, 15)
	if err := uc(a.db).SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	if n, m := count("/calendar/1403/2"), count("/calendar/1403/3"); n != 0 || m != 1 {
		t.Errorf("after moving the event: Ordibehesht %d, Khordad %d; want 0 and 1", n, m)
	}
	if err := uc(a.db).DeleteEvent(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	if n := count("/calendar/1403/3"); n != 0 {
		t.Errorf("after a delete the month shows %d events", n)
	}
	occ, _ := a.db.Occasions(ctx)
	if err := a.db.DeleteOccasion(ctx, occ[0].ID); err != nil {
		t.Fatal(err)
	}
	_, doc = a.get("/calendar/1403/1")
	for _, name := range doc.Find(`[data-testid="occasion"]`).Map(func(_ int, s *goquery.Selection) string { return s.Text() }) {
		if name == occ[0].Name {
			t.Errorf("deleted occasion %q still on the month page", name)
		}
	}
}

// TestKeptMonthIsPerVisitorOutside: the kept body is shared, the layout
// around it is each visitor's own.
func TestKeptMonthIsPerVisitorOutside(t *testing.T) {
	a := newBareApp(t)
	withUsers(t, a)
	_, anon := a.get("/calendar/1403/2")
	if anon.Find(`[data-testid="me"]`).Length() != 0 || anon.Find(`[data-testid="login-link"]`).Length() != 1 {
		t.Error("the anonymous page has no login link, or names a user")
	}
	if resp := a.login("editor", pw); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %d", resp.StatusCode)
	}
	_, mine := a.get("/calendar/1403/2")
	if mine.Find(`[data-testid="me"]`).Text() != "editor" || mine.Find(`[data-testid="logout"]`).Length() != 1 {
		t.Error("the signed-in page does not name its user")
	}
	if anon.Find(`td[data-date]`).Length() != mine.Find(`td[data-date]`).Length() || anon.Find("title").Text() != mine.Find("title").Text() {
		t.Error("the two visitors see different grids")
	}
	tok, _ := mine.Find(`form[action="/logout"] input[name="_csrf"]`).Attr("value")
	if tok == "" || tok != a.csrf() {
		t.Errorf("the logout form carries %q, not the visitor's own CSRF token", tok)
	}
}

// TestKeptMonthMovesAtMidnight: "today" is part of what is kept.
func TestKeptMonthMovesAtMidnight(t *testing.T) {
	var now atomic.Pointer[time.Time]
	first := time.Date(2024, 5, 9, 23, 59, 0, 0, jalali.Tehran) // 1403/02/20
	now.Store(&first)
	a := newAppWith(t, web.Config{Now: func() time.Time { return *now.Load() }})
	today := func() string {
		_, doc := a.get("/calendar/1403/2")
		d, _ := doc.Find(`td[aria-current="date"]`).Attr("data-date")
		return d
	}
	if d := today(); d != "1403/02/20" {
		t.Fatalf("today is %q, want 1403/02/20", d)
	}
	next := first.Add(2 * time.Minute)
	now.Store(&next)
	if d := today(); d != "1403/02/21" {
		t.Errorf("after midnight today is %q, want 1403/02/21", d)
	}
}

// TestKeptMonthFilteredApart: a filtered month is kept apart from the
// unfiltered one.
func TestKeptMonthFilteredApart(t *testing.T) {
	a := newApp(t)
	for _, e := range []domain.Event{
		{Title: "جلسه همدان", Kind: domain.KindMeeting, Start: jalali.MustNew(1403, 2, 3), Province: "همدان"},
		{Title: "جلسه تهران", Kind: domain.KindMeeting, Start: jalali.MustNew(1403, 2, 4), Province: "تهران"},
	} {
		if err := uc(a.db).SaveEvent(context.Background(), &e); err != nil {
			t.Fatal(err)
		}
	}
	for path, want := range map[string]int{"/calendar/1403/2": 2, "/calendar/1403/2?province=همدان": 1, "/calendar/1403/2?province=تهران": 1} {
		for range 2 {
			if _, doc := a.get(path); doc.Find(`[data-event-id]`).Length() != want {
				t.Errorf("%s shows %d events, want %d", path, doc.Find(`[data-event-id]`).Length(), want)
			}
		}
	}
	// The subscribe link names the configured base URL, whatever Host the
	// request names.
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	req, _ := http.NewRequest(http.MethodGet, a.srv.URL+"/calendar/1403/2", nil)
	req.Host = "calendar.example.ir"
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if href, _ := doc.Find(`a[href^="webcal://"]`).Attr("href"); href != "webcal://"+strings.TrimPrefix(a.srv.URL, "http://")+"/calendar.ics" {
		t.Errorf("subscribe link %q", href)
	}
}
