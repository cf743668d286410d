package web_test

import (
	"context"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/web"
)

var updateGolden = flag.Bool("update", false, "rewrite the month pages' golden files in testdata/month")

// seedVariedMonth stores about 500 events around Ordibehesht 1403 that
// exercise everything a month grid draws: one-day and multi-day events
// (some crossing week rows, one lasting months, one starting before the
// grid), timed ones, proposed and rejected ones, several kinds, provinces
// and organizations, titles that need escaping, weekly, monthly, yearly and
// Hijri yearly series with a skipped and a moved occurrence, and an event
// repeating an occasion (shown as the occasion).
func seedVariedMonth(t testing.TB, a *app) {
	t.Helper()
	ctx := context.Background()
	u := uc(a.db)
	provinces := []string{"همدان", "تهران", "فارس", ""}
	orgs := []string{"استانداری همدان", "شهرداری تهران", "", "دانشگاه شیراز"}
	first := jalali.MustNew(1403, 1, 25)
	for i := range 470 {
		start := first.AddDays((i * 7) % 45)
		e := domain.Event{Title: "رویداد آزمون " + jalali.FaNum(i), Kind: domain.Kinds[i%len(domain.Kinds)],
			Start: start, End: start.AddDays([]int{0, 0, 1, 2, 0, 5, 9}[i%7]),
			Province: provinces[i%4], Organization: orgs[(i/4)%4]}
		switch i % 5 {
		case 1:
			e.StartTime = "09:30"
		case 3:
			e.StartTime, e.EndTime = "14:00", "16:15"
		}
		if i%11 == 0 {
			e.Status = domain.StatusProposed
		}
		if i%29 == 0 {
			e.Status = domain.StatusRejected
		}
		if i%37 == 0 {
			e.Title = `جلسه <مدیران> & "شورا" 'ویژه'`
		}
		if e.Kind == domain.KindOccasion {
			e.Kind = domain.KindOther
		}
		if err := u.SaveEvent(ctx, &e); err != nil {
			t.Fatal(err)
		}
	}
	special := []domain.Event{
		{Title: "طرح چندماهه", Kind: domain.KindFestival, Start: jalali.MustNew(1402, 11, 20), End: jalali.MustNew(1403, 4, 2), Province: "همدان"},
		{Title: "روز ملی ارتباطات و روابط عمومی", Kind: domain.KindOccasion, Occasion: "pr-day", Start: jalali.MustNew(1403, 2, 27)},
		{Title: "جلسهٔ هفتگی", Kind: domain.KindMeeting, Start: jalali.MustNew(1403, 1, 4), StartTime: "08:00", EndTime: "09:00",
			Province: "همدان", Organization: "استانداری همدان",
			Repeat: domain.Repeat{Kind: domain.RepeatWeekly, Days: domain.WeekdaysOf(jalali.Saturday, jalali.Tuesday)}},
		{Title: "گزارش ماهانه", Kind: domain.KindPressConference, Start: jalali.MustNew(1402, 12, 5), Repeat: domain.Repeat{Kind: domain.RepeatMonthly}},
		{Title: "نشست فصلی", Kind: domain.KindConference, Start: jalali.MustNew(1403, 1, 26), End: jalali.MustNew(1403, 1, 27),
			Repeat: domain.Repeat{Kind: domain.RepeatMonthlyWeekday, Nth: -1}},
		{Title: "سالروز تأسیس", Kind: domain.KindCeremony, Start: jalali.MustNew(1399, 2, 14), Repeat: domain.Repeat{Kind: domain.RepeatYearly}},
		{Title: "سالگرد قمری", Kind: domain.KindCeremony, Start: jalali.MustNew(1400, 3, 1), End: jalali.MustNew(1400, 3, 2),
			Repeat: domain.Repeat{Kind: domain.RepeatYearlyHijri}, Province: "تهران"},
		{Title: "دوره پیشنهادی", Kind: domain.KindTraining, Status: domain.StatusProposed, Start: jalali.MustNew(1403, 2, 3),
			Repeat: domain.Repeat{Kind: domain.RepeatWeekly, Days: domain.WeekdaysOf(jalali.Monday), Count: 6}},
	}
	for i := range special {
		if err := u.SaveEvent(ctx, &special[i]); err != nil {
			t.Fatal(err)
		}
	}
	weekly := special[2]
	if err := u.SkipOccurrence(ctx, weekly, jalali.MustNew(1403, 2, 8)); err != nil {
		t.Fatal(err)
	}
	weekly, err := a.db.Event(ctx, weekly.ID)
	if err != nil {
		t.Fatal(err)
	}
	moved := weekly
	moved.Start, moved.End, moved.StartTime, moved.EndTime = jalali.MustNew(1403, 2, 16), jalali.MustNew(1403, 2, 16), "11:00", ""
	moved.Title = "جلسهٔ هفتگی (جابه‌جا)"
	if err := u.OverrideOccurrence(ctx, weekly, jalali.MustNew(1403, 2, 15), &moved); err != nil {
		t.Fatal(err)
	}
}

// monthPages are the pages whose main part the golden files hold: months,
// filtered ones, a chosen day, and the week and day pages sharing the grid's
// cells.
var monthPages = []struct{ name, path string }{
	{"month", "/calendar/1403/2"},
	{"month-day", "/calendar/1403/2?day=16"},
	{"month-proposed", "/calendar/1403/2?proposed=1&day=10"},
	{"month-province", "/calendar/1403/2?province=%D9%87%D9%85%D8%AF%D8%A7%D9%86"},
	{"month-organization", "/calendar/1403/2?organization=%D8%B4%D9%87%D8%B1%D8%AF%D8%A7%D8%B1%DB%8C+%D8%AA%D9%87%D8%B1%D8%A7%D9%86"},
	{"month-kind", "/calendar/1403/2?kind=meeting"},
	{"month-farvardin", "/calendar/1403/1"},
	{"month-khordad", "/calendar/1403/3?day=2"},
	{"month-esfand", "/calendar/1402/12"},
	{"month-empty", "/calendar/1410/7"},
	{"month-next-farvardin", "/calendar/1404/1"},
	{"month-next-ordibehesht", "/calendar/1404/2?day=14&proposed=1"},
	{"week", "/calendar/1403/2/16/week"},
	{"day", "/calendar/1403/2/16"},
}

// TestMonthPagesGolden checks the month pages (and the week and day pages
// sharing their cells) render byte for byte as the golden files hold them,
// for an editor and for an anonymous reader of a calendar without accounts.
// go test ./internal/web -run TestMonthPagesGolden -update rewrites them.
func TestMonthPagesGolden(t *testing.T) {
	now := web.Config{Now: func() time.Time { return fixedNow }, BaseURL: "https://ruydad.example"}
	editor := newAppWith(t, now)
	seedVariedMonth(t, editor)
	anon := newBareAppWith(t, now)
	seedVariedMonth(t, anon)
	for _, who := range []struct {
		name string
		a    *app
	}{{"editor", editor}, {"anonymous", anon}} {
		for _, p := range monthPages {
			name := p.name + "-" + who.name
			got := mainPart(t, who.a, p.path)
			file := filepath.Join("testdata", "month", name+".html")
			if *updateGolden {
				if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("%s (%s): the page differs from %s at byte %d:\n got %.300q\nwant %.300q", name, p.path, file,
					firstDiff(got, string(want)), tail(got, firstDiff(got, string(want))), tail(string(want), firstDiff(got, string(want))))
			}
		}
	}
}

// mainPart returns the <main> element of the page at path (the layout
// around it holds the session's CSRF token).
func mainPart(t *testing.T, a *app, path string) string {
	t.Helper()
	resp, err := a.http.Get(a.srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: status %d, %v", path, resp.StatusCode, err)
	}
	s := string(b)
	i, j := strings.Index(s, "<main"), strings.LastIndex(s, "</main>")
	if i < 0 || j < i {
		t.Fatalf("%s: no <main> in %.200q", path, s)
	}
	return s[i : j+len("</main>")]
}

func firstDiff(a, b string) int {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

func tail(s string, i int) string { return s[max(i-80, 0):] }

// coldMonthAllocs is the most allocations a month page of 500 events may
// cost when it is not kept (issue 18: from about 27,000; 1,880 since the
// month reads whole only the events it shows; 860–970 since its body is
// written by hand and its layout made once).
const coldMonthAllocs = 1300

// TestColdMonthPageAllocs guards the allocations of a month page with 500
// events queried and rendered again on each request (a new day empties the
// kept bodies, as midnight in Tehran does), through the router, the
// middleware, SQLite and the templates.
func TestColdMonthPageAllocs(t *testing.T) {
	get := coldMonthPages(t, "/calendar/1403/2")
	get() // the calendar state, the statements: made once
	n := testing.AllocsPerRun(20, get)
	t.Logf("a cold month page of 500 events: %.0f allocations", n)
	if n > coldMonthAllocs {
		t.Errorf("a cold month page of 500 events: %.0f allocations, want at most %d", n, coldMonthAllocs)
	}
}

// coldMonthBytes is the most bytes a province's month page of 500 events
// may allocate when it is not kept, the copy of its body that is kept
// included: its events, their placing, its bars and cells are made in the
// slices of the page before (monthScratch): 274 KB, 425 KB before.
const coldMonthBytes = 330 << 10

// TestColdMonthPageBytes guards the bytes a province's month page of 500
// events allocates when it is not kept, over pages built one after the
// other (on average: a collection may empty the scratches kept).
func TestColdMonthPageBytes(t *testing.T) {
	get := coldMonthPages(t, "/calendar/1403/2?province="+url.QueryEscape("همدان"))
	get() // the calendar state, the statements, the series: made once
	const pages = 40
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range pages {
		get()
	}
	runtime.ReadMemStats(&after)
	n := (after.TotalAlloc - before.TotalAlloc) / pages
	t.Logf("a cold province month page of 500 events: %d KB allocated", n>>10)
	if n > coldMonthBytes {
		t.Errorf("a cold province month page of 500 events: %d KB allocated, want at most %d", n>>10, coldMonthBytes>>10)
	}
}

// coldMonthPages seeds a month of 500 events (seedMonth) and returns a
// function that asks for page (a page of that month) the next day each
// time, so that it is built again (a new day empties the kept bodies, as
// midnight in Tehran does).
func coldMonthPages(t *testing.T, page string) func() {
	var days atomic.Int64
	a := newAppWith(t, web.Config{Now: func() time.Time { return fixedNow.AddDate(0, 0, int(days.Load())) }})
	seedMonth(t, a, 500)
	h := a.srv.Config.Handler
	return func() {
		days.Add(1)
		w := &countingWriter{header: http.Header{}}
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, page, nil))
		if w.status != http.StatusOK || w.n < 50_000 {
			t.Fatalf("%s: status %d, %d bytes", page, w.status, w.n)
		}
	}
}
