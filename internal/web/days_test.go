package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/sqlite"
	"github.com/ruydad/ruydad/internal/web"
)

// busyDay is the day seedBusyDay fills: a Tuesday.
var busyDay = jalali.MustNew(1403, 2, 18)

// seedBusyDay stores n confirmed events on day, as a national day
// holds them: a quarter some hours of the day (from 8:00 to 16:30,
// overlapping), some begun days before, the others all day; and one
// proposed event, which a reader does not see.
func seedBusyDay(t testing.TB, db *sqlite.DB, day jalali.Date, n int) {
	t.Helper()
	err := db.BulkFill(context.Background(), func(b *sqlite.Bulk) error {
		for i := range n {
			e := domain.Event{UID: fmt.Sprintf("busy-%05d@ruydad", i), Title: "رویداد شلوغ " + jalali.FaNum(i+1),
				Kind: domain.Kinds[i%10], Start: day, End: day, Province: dayProvinces[i%len(dayProvinces)],
				Status: domain.StatusConfirmed, Precision: domain.PrecisionDay, Confidence: 1, CreatedAt: fixedNow, UpdatedAt: fixedNow}
			switch i % 8 {
			case 0, 1:
				h := 8 + i%9
				e.StartTime, e.EndTime = fmt.Sprintf("%02d:%02d", h, 30*(i%2)), fmt.Sprintf("%02d:00", h+1+i%3)
			case 2:
				e.Start = day.AddDays(-1 - i%4)
			}
			if i == n-1 {
				e.Status = domain.StatusProposed
			}
			if err := b.Event(&e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// busyPage requests path from h and returns its document.
func busyPage(t *testing.T, h http.Handler, path string) *goquery.Document {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
	if w.Code != http.StatusOK {
		t.Fatalf("%s: status %d", path, w.Code)
	}
	doc, err := goquery.NewDocumentFromReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestBusyDayPage: a day of 400 events draws a bounded part of its timed
// events on the hours (four side by side at most), lists the others
// (all-day ones and the timed ones left out) fifty a page with links to
// the other pages, says so, and offers the filter to narrow the day; the
// week draws as many and links the day for the others.
func TestBusyDayPage(t *testing.T) {
	a := newBareApp(t)
	seedBusyDay(t, a.db, busyDay, 401) // the last proposed
	h := a.srv.Config.Handler
	day := "/calendar/1403/2/18"
	doc := busyPage(t, h, day)
	blocks := doc.Find(`[data-testid="hours"] li`)
	if blocks.Length() == 0 || blocks.Length() > 24 {
		t.Errorf("the hours draw %d events, want 1 to 24", blocks.Length())
	}
	blocks.Each(func(_ int, s *goquery.Selection) {
		if c := s.AttrOr("class", ""); !strings.Contains(c, " p1") && !strings.Contains(c, " p2") && !strings.Contains(c, " p3") && !strings.Contains(c, " p4") {
			t.Errorf("a timed event in place %q", c)
		}
	})
	listed := 400 - blocks.Length()
	pages := (listed + 49) / 50
	busy := doc.Find(`[data-testid="day-busy"]`).Text()
	if want := "این روز ۴۰۰ رویداد دارد: " + jalali.FaNum(blocks.Length()) + " رویداد روی ساعت‌ها و " + jalali.FaNum(listed) +
		" رویداد در این فهرست، هر صفحه ۵۰ رویداد. برای یافتن زودتر، رویدادها را به استان، سازمان یا نوع محدود کنید."; busy != want {
		t.Errorf("the busy day says %q, want %q", busy, want)
	}
	if doc.Find(`[data-testid="filters"]`).AttrOr("action", "") != day {
		t.Error("a busy day offers no filter of itself")
	}
	seen := map[string]bool{}
	blocks.Each(func(_ int, s *goquery.Selection) { seen[s.Find("a").AttrOr("href", "")] = true })
	for p := 1; p <= pages; p++ {
		path := day
		if p > 1 {
			path += "?page=" + fmt.Sprint(p)
		}
		doc := busyPage(t, h, path)
		items := doc.Find(`ul.event-list li`)
		if want := min(50, listed-(p-1)*50); items.Length() != want {
			t.Errorf("page %d lists %d events, want %d", p, items.Length(), want)
		}
		items.Each(func(_ int, s *goquery.Selection) {
			u := s.Find("a").AttrOr("href", "")
			if seen[u] {
				t.Errorf("%s shown twice", u)
			}
			seen[u] = true
		})
		if got := doc.Find(`[data-testid="day-pages"] [aria-current]`).Text(); got != "صفحهٔ "+jalali.FaNum(p)+" از "+jalali.FaNum(pages) {
			t.Errorf("page %d says %q", p, got)
		}
		if next := doc.Find(`[data-testid="next-page"]`).AttrOr("href", ""); p < pages && next != day+"?page="+fmt.Sprint(p+1) || p == pages && next != "" {
			t.Errorf("page %d links the next as %q", p, next)
		}
	}
	if len(seen) != 400 {
		t.Errorf("the day's pages show %d events, want its 400 (the proposed one left out)", len(seen))
	}
	for q, want := range map[string]int{"?page=" + fmt.Sprint(pages+1): 404, "?page=0": 404, "?page=x": 400} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, day+q, nil))
		if w.Code != want {
			t.Errorf("%s: status %d, want %d", q, w.Code, want)
		}
	}
	// A filter narrows the day, and its pages keep it.
	doc = busyPage(t, h, day+"?province="+dayProvinces[0])
	if doc.Find(`[data-testid="day-busy"]`).Length() != 0 || doc.Find(`[data-testid="filters"]`).Length() != 1 {
		t.Error("a day narrowed to a province's 13 events is still busy, or hides its filter")
	}
	week := busyPage(t, h, "/calendar/1403/2/18/week")
	col := week.Find(`ul.tcol[data-date="1403/02/18"] li`).Length()
	if col == 0 || col > 24 {
		t.Errorf("the week draws %d timed events of the day", col)
	}
	more := week.Find(`[data-testid="timed-more"] a`)
	if more.Length() != 1 || more.AttrOr("href", "") != day || !strings.Contains(more.Text(), "و "+jalali.FaNum(100-col)+" رویداد ساعت‌دار دیگر") {
		t.Errorf("the week links the day's other timed events as %q (%q)", more.Text(), more.AttrOr("href", ""))
	}
	if bars := week.Find(`td[data-date="1403/02/18"] a.bar`).Length(); bars > 4 {
		t.Errorf("the week's all-day row shows %d bars on the day", bars)
	}
}

// TestBusyDayAllocs guards the work of a day page and of a week page
// whatever a day holds: 4,000 events on a day cost about what 400 do, in
// allocations through the router, SQLite and the templates (issue 18: a
// national day of 270 events cost 5,100 allocations, 10 times as many
// events 10 times as many).
func TestBusyDayAllocs(t *testing.T) {
	if testing.Short() {
		t.Skip("fills 4,400 events")
	}
	allocs := func(n int) (day, week float64) {
		a := newBareAppWith(t, web.Config{})
		seedBusyDay(t, a.db, busyDay, n)
		h := a.srv.Config.Handler
		get := func(path string) func() {
			return func() {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
				if w.Code != http.StatusOK {
					t.Fatalf("%s: %d", path, w.Code)
				}
			}
		}
		return testing.AllocsPerRun(20, get("/calendar/1403/2/18")), testing.AllocsPerRun(20, get("/calendar/1403/2/18/week"))
	}
	day400, week400 := allocs(400)
	day4000, week4000 := allocs(4000)
	t.Logf("allocations: day %.0f → %.0f, week %.0f → %.0f (400 → 4,000 events)", day400, day4000, week400, week4000)
	for _, c := range []struct {
		name       string
		small, big float64
		most       float64
	}{{"day", day400, day4000, 2000}, {"week", week400, week4000, 1200}} {
		if c.big > c.small*1.1+50 || c.big > c.most {
			t.Errorf("a %s page costs %.0f allocations with 400 events on a day, %.0f with 4,000 (at most %.0f)", c.name, c.small, c.big, c.most)
		}
	}
}

// TestBusyAgendaDay: the agenda lists ten events of a busy day and links
// the day's page for the others.
func TestBusyAgendaDay(t *testing.T) {
	a := newBareApp(t)
	seedBusyDay(t, a.db, jalali.MustNew(1403, 2, 26), 41) // today is 1403/02/20; the last proposed
	doc := busyPage(t, a.srv.Config.Handler, "/agenda")
	var day *goquery.Selection
	doc.Find(".agenda-day").Each(func(_ int, s *goquery.Selection) {
		if s.Find("h3 a").AttrOr("href", "") == "/calendar/1403/2/26" {
			day = s
		}
	})
	if day == nil {
		t.Fatal("the agenda lists no 1403/02/26")
	}
	// Of its 40 events, the 5 begun days before are listed on their first
	// day.
	if n := day.Find("ul.event-list li").Length(); n != 10 {
		t.Errorf("the busy day lists %d events, want 10", n)
	}
	more := day.Find(`[data-testid="agenda-more"]`)
	if more.AttrOr("href", "") != "/calendar/1403/2/26" || more.Text() != "و ۲۵ رویداد دیگر" {
		t.Errorf("the busy day links the others as %q (%q)", more.Text(), more.AttrOr("href", ""))
	}
	// The agenda is kept until the data changes.
	e := domain.Event{Title: "رویداد تازه", Kind: domain.KindMeeting, Start: jalali.MustNew(1403, 2, 26)}
	if err := uc(a.db).SaveEvent(context.Background(), &e); err != nil {
		t.Fatal(err)
	}
	doc = busyPage(t, a.srv.Config.Handler, "/agenda")
	if got := doc.Find(`[data-testid="agenda-more"]`).Text(); got != "و ۲۶ رویداد دیگر" {
		t.Errorf("after an event is added, the busy day links the others as %q", got)
	}
}
