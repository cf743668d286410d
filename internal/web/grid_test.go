package web_test

import (
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// barDays returns the days the bars of event id cover on a month or week
// page, a day for each time one covers it: a bar sits in the cell of its
// first day in its row and spans w<N> columns.
func barDays(t *testing.T, doc *goquery.Document, id string) []string {
	t.Helper()
	var days []string
	doc.Find(`td[data-date] a.bar[data-event-id="` + id + `"]`).Each(func(_ int, bar *goquery.Selection) {
		first, err := jalali.Parse(bar.Closest("td").AttrOr("data-date", ""))
		if err != nil {
			t.Fatal(err)
		}
		span := 0
		for _, c := range strings.Fields(bar.AttrOr("class", "")) {
			if n, err := strconv.Atoi(strings.TrimPrefix(c, "w")); err == nil && c[0] == 'w' {
				span = n
			}
		}
		if span == 0 {
			t.Fatalf("bar %q has no span", bar.AttrOr("class", ""))
		}
		for i := range span {
			days = append(days, first.AddDays(i).String())
		}
	})
	return days
}

func saveEvents(t *testing.T, a *app, events ...*domain.Event) {
	t.Helper()
	for _, e := range events {
		if err := uc(a.db).SaveEvent(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
}

// TestMultiDayEventIsOneBarAWeekRow: an event of five days is one bar
// across them, or one a week row when it crosses a Friday, each marked as
// going on; its whole title, kind and days are in its tooltip and its
// text, and its kind's class colours it.
func TestMultiDayEventIsOneBarAWeekRow(t *testing.T) {
	a := newApp(t)
	title := "نمایشگاه بزرگ دستاوردهای روابط عمومی دستگاه‌های اجرایی استان"
	inWeek := domain.Event{Title: title, Kind: domain.KindFestival, Start: jalali.MustNew(1403, 2, 8), End: jalali.MustNew(1403, 2, 12)}
	across := domain.Event{Title: "دورهٔ آموزش خبرنویسی", Kind: domain.KindTraining, Start: jalali.MustNew(1403, 2, 19), End: jalali.MustNew(1403, 2, 23)}
	saveEvents(t, a, &inWeek, &across)
	_, doc := a.get("/calendar/1403/2")

	bar := doc.Find(`a.bar[data-event-id="` + itoa(inWeek.ID) + `"]`)
	if bar.Length() != 1 || !bar.HasClass("k-festival") || !bar.HasClass("w5") || bar.HasClass("before") || bar.HasClass("after") {
		t.Fatalf("the five-day event is %d bars, class %q; want one five columns wide, of its kind", bar.Length(), bar.AttrOr("class", ""))
	}
	want := []string{"1403/02/08", "1403/02/09", "1403/02/10", "1403/02/11", "1403/02/12"}
	if got := barDays(t, doc, itoa(inWeek.ID)); !slices.Equal(got, want) {
		t.Errorf("its bar covers %v, want %v", got, want)
	}
	if tip := bar.AttrOr("title", ""); !strings.Contains(tip, title) || !strings.Contains(tip, "جشنواره") || !strings.Contains(tip, "۸ تا ۱۲ اردیبهشت") {
		t.Errorf("its tooltip is %q", tip)
	}
	if text := bar.Text(); !strings.Contains(text, title) || !strings.Contains(bar.Find(".visually-hidden").Text(), "۸ تا ۱۲ اردیبهشت") {
		t.Errorf("its text is %q", text)
	}

	// 1403/02/19 is a Wednesday: three days in one row, two in the next.
	bars := doc.Find(`a.bar[data-event-id="` + itoa(across.ID) + `"]`)
	if bars.Length() != 2 || !bars.Eq(0).HasClass("after") || bars.Eq(0).HasClass("before") ||
		!bars.Eq(1).HasClass("before") || bars.Eq(1).HasClass("after") {
		t.Fatalf("the event across a Friday is %d bars: %q, %q", bars.Length(), bars.Eq(0).AttrOr("class", ""), bars.Eq(1).AttrOr("class", ""))
	}
	want = []string{"1403/02/19", "1403/02/20", "1403/02/21", "1403/02/22", "1403/02/23"}
	if got := barDays(t, doc, itoa(across.ID)); !slices.Equal(got, want) {
		t.Errorf("its bars cover %v, want %v", got, want)
	}
	if doc.Find(`[data-testid="legend-kind"].k-festival`).Text() != "جشنواره" || doc.Find(`[data-testid="legend-kind"]`).Length() != len(domain.Kinds) {
		t.Errorf("the legend names %d kinds", doc.Find(`[data-testid="legend-kind"]`).Length())
	}
}

// TestBarsShareLanesAndBusyDaysLinkTheRest: bars that do not overlap share
// a lane; a day with more events than four lanes hold shows three and a
// link to the rest, and so do the other days of a bar taken out of the
// fourth lane for it.
func TestBarsShareLanesAndBusyDaysLinkTheRest(t *testing.T) {
	a := newApp(t)
	day := func(d int) jalali.Date { return jalali.MustNew(1403, 2, d) }
	long := domain.Event{Title: "هفتهٔ فرهنگی", Kind: domain.KindFestival, Start: day(8), End: day(14)}
	a1 := domain.Event{Title: "جلسهٔ یک", Kind: domain.KindMeeting, Start: day(8), End: day(9)}
	a2 := domain.Event{Title: "جلسهٔ دو", Kind: domain.KindMeeting, Start: day(10), End: day(11)}
	saveEvents(t, a, &long, &a1, &a2)
	_, doc := a.get("/calendar/1403/2")
	lane := func(e domain.Event) string {
		for _, c := range strings.Fields(doc.Find(`a.bar[data-event-id="`+itoa(e.ID)+`"]`).AttrOr("class", "")) {
			if c[0] == 'l' {
				return c
			}
		}
		return ""
	}
	if lane(long) != "l1" || lane(a1) != "l2" || lane(a2) != "l2" {
		t.Errorf("lanes %s, %s, %s; want the week-long bar on top and the two meetings side by side under it", lane(long), lane(a1), lane(a2))
	}

	// Three more on the 12th and 13th and one on the 13th: five events
	// there. The fourth lane's bar (which also covers the 12th) gives way
	// to the link on both days.
	var extra []*domain.Event
	for i := range 4 {
		e := domain.Event{Title: "نشست " + jalali.FaNum(i+1), Kind: domain.KindPressConference, Start: day(12 + i/3), End: day(13)}
		extra = append(extra, &e)
	}
	saveEvents(t, a, extra...)
	_, doc = a.get("/calendar/1403/2")
	for d, want := range map[string]string{"1403/02/12": "و ۱ رویداد دیگر", "1403/02/13": "و ۲ رویداد دیگر", "1403/02/14": ""} {
		if got := doc.Find(`td[data-date="` + d + `"] [data-testid="more"]`).Text(); got != want {
			t.Errorf("%s: more link %q, want %q", d, got, want)
		}
	}
	if n := doc.Find(`a.bar.l4, a.bar.l5`).Length(); n != 0 {
		t.Errorf("%d bars in a fourth lane or lower beside a more link", n)
	}
}

// TestWeekPage: the week of a day, Saturday to Friday, with its all-day
// row and its timed events on the hours by their start and end; its links
// to the weeks around it and to the month and day.
func TestWeekPage(t *testing.T) {
	a := newApp(t)
	day := func(d int) jalali.Date { return jalali.MustNew(1403, 2, d) }
	meeting := domain.Event{Title: "جلسهٔ شورای اطلاع‌رسانی", Kind: domain.KindMeeting, Start: day(24), StartTime: "10:00", EndTime: "11:30"}
	early := domain.Event{Title: "صبحانهٔ کاری", Kind: domain.KindMeeting, Start: day(24), StartTime: "07:00"}
	overlap := domain.Event{Title: "مصاحبه", Kind: domain.KindMediaTour, Start: day(24), StartTime: "11:00", EndTime: "12:00"}
	fair := domain.Event{Title: "نمایشگاه", Kind: domain.KindFestival, Start: day(21), End: day(27)}
	saveEvents(t, a, &meeting, &early, &overlap, &fair)

	status, doc := a.get("/calendar/1403/2/25/week")
	if status != 200 {
		t.Fatalf("week page: %d", status)
	}
	if got := doc.Find(`[data-testid="week-title"]`).Text(); got != "۲۲ تا ۲۸ اردیبهشت ۱۴۰۳" {
		t.Errorf("title %q", got)
	}
	var dates []string
	doc.Find(`[data-testid="all-day"] td[data-date]`).Each(func(_ int, s *goquery.Selection) { dates = append(dates, s.AttrOr("data-date", "")) })
	if len(dates) != 7 || dates[0] != "1403/02/22" || dates[6] != "1403/02/28" {
		t.Errorf("the week's days are %v", dates)
	}
	if got := barDays(t, doc, itoa(fair.ID)); !slices.Equal(got, []string{"1403/02/22", "1403/02/23", "1403/02/24", "1403/02/25", "1403/02/26", "1403/02/27"}) {
		t.Errorf("the fair covers %v in the all-day row", got)
	}
	if !doc.Find(`a.bar[data-event-id="` + itoa(fair.ID) + `"]`).HasClass("before") {
		t.Error("the fair, begun the week before, is not marked as going on")
	}
	// The hours start at 07:00 for the early event: 10:00 is the seventh
	// half hour, and 10:00–11:30 three of them.
	col := doc.Find(`[data-testid="hours"] ul.tcol[data-date="1403/02/24"]`)
	place := func(e domain.Event) string {
		return col.Find(`a[data-event-id="`+itoa(e.ID)+`"]`).Parent().AttrOr("class", "")
	}
	for e, want := range map[*domain.Event]string{&meeting: "tb s7 n3 p1", &early: "tb s1 n2 p1", &overlap: "tb s9 n2 p2"} {
		if got := place(*e); got != want {
			t.Errorf("%s placed %q, want %q", e.Title, got, want)
		}
	}
	if got := doc.Find(`[data-testid="hours"] .axis .hour`).First().Text(); got != "۰۷:۰۰" {
		t.Errorf("the hours begin at %q", got)
	}
	if doc.Find(`[data-testid="all-day"] [data-event-id="`+itoa(meeting.ID)+`"]`).Length() != 0 {
		t.Error("a timed event is in the all-day row")
	}
	for sel, want := range map[string]string{
		`[data-testid="prev-week"]`: "/calendar/1403/2/15/week", `[data-testid="next-week"]`: "/calendar/1403/2/29/week",
		`[data-testid="this-week"]`:             "/calendar/1403/2/15/week", // today is 1403/02/20
		`[data-testid="views"] a[aria-current]`: "/calendar/1403/2/22/week",
	} {
		if got := doc.Find(sel).AttrOr("href", ""); got != want {
			t.Errorf("%s links to %q, want %q", sel, got, want)
		}
	}
	if status, _ := a.get("/calendar/1403/2/32/week"); status != 404 {
		t.Errorf("the week of a day that does not exist: %d", status)
	}

	// The day page: the same hours for one day, the all-day events listed.
	_, dayDoc := a.get("/calendar/1403/2/24")
	if got := dayDoc.Find(`[data-testid="hours"] a[data-event-id="`+itoa(meeting.ID)+`"]`).Parent().AttrOr("class", ""); got != "tb s7 n3 p1" {
		t.Errorf("the day page places the meeting %q", got)
	}
	if dayDoc.Find(`[data-event-id="`+itoa(fair.ID)+`"]`).Length() != 1 || dayDoc.Find("[data-event-id]").Length() != 4 {
		t.Errorf("the day page shows %d events", dayDoc.Find("[data-event-id]").Length())
	}
	if got := dayDoc.Find(`[data-testid="views"] a`).Eq(1).AttrOr("href", ""); got != "/calendar/1403/2/22/week" {
		t.Errorf("the day's week link is %q", got)
	}
}

// TestDayListUnderTheMonth: the month lists one day's events under the
// grid (for phones): today's, or the day its ?day= chooses; a day the
// month does not have is a 404.
func TestDayListUnderTheMonth(t *testing.T) {
	a := newApp(t)
	e := domain.Event{Title: "بازدید خبرنگاران", Kind: domain.KindVisit, Start: jalali.MustNew(1403, 2, 25)}
	saveEvents(t, a, &e)
	_, doc := a.get("/calendar/1403/2")
	if got := doc.Find(`[data-testid="day-list"] h2`).Text(); got != jalali.MustNew(1403, 2, 20).FormatLong() {
		t.Errorf("the list is of %q, want today", got)
	}
	pick := doc.Find(`td[data-date="1403/02/25"] [data-testid="pick-day"]`).AttrOr("href", "")
	if pick != "/calendar/1403/2?day=25#day-list" {
		t.Fatalf("the 25th picks %q", pick)
	}
	_, doc = a.get(strings.TrimSuffix(pick, "#day-list"))
	list := doc.Find(`[data-testid="day-list"]`)
	if !strings.Contains(list.Text(), "بازدید خبرنگاران") || list.Find(`a[href="/events/`+itoa(e.ID)+`"]`).Length() != 1 {
		t.Errorf("the 25th's list reads %q", list.Text())
	}
	if doc.Find(`[data-event-id="`+itoa(e.ID)+`"]`).Length() != 1 {
		t.Error("the event is counted twice: the list repeats its id")
	}
	_, filtered := a.get("/calendar/1403/2?kind=visit&day=25")
	if got := filtered.Find(`td[data-date="1403/02/26"] [data-testid="pick-day"]`).AttrOr("href", ""); got != "/calendar/1403/2?kind=visit&day=26#day-list" {
		t.Errorf("with a filter the 26th picks %q", got)
	}
	for q, want := range map[string]int{"?day=32": 404, "?day=x": 400} {
		if status, _ := a.get("/calendar/1403/2" + q); status != want {
			t.Errorf("%s: %d, want %d", q, status, want)
		}
	}
	if add := doc.Find(`td[data-date="1403/02/26"] [data-testid="add-on-day"]`).AttrOr("href", ""); add != "/events/new?date="+url.QueryEscape("1403/02/26") && add != "/events/new?date=1403/02/26" {
		t.Errorf("the 26th's + links to %q", add)
	}
}

// TestIconManifestAndPrintScript: every page links the favicon, the web app
// manifest and the print script, served from the binary with their types;
// the manifest names the app in Persian, right to left.
func TestIconManifestAndPrintScript(t *testing.T) {
	a := newApp(t)
	_, doc := a.get("/calendar/1403/2")
	for sel, want := range map[string]string{`link[rel="icon"]`: "/static/favicon.svg", `link[rel="manifest"]`: "/static/manifest.webmanifest",
		`script[src="/static/print.js"]`: "/static/print.js", `[data-testid="print"]`: ""} {
		if doc.Find(sel).Length() != 1 || want != "" && doc.Find(sel).AttrOr("href", doc.Find(sel).AttrOr("src", "")) != want {
			t.Errorf("%s: %d on the month page", sel, doc.Find(sel).Length())
		}
	}
	for file, typ := range map[string]string{"favicon.svg": "image/svg+xml", "manifest.webmanifest": "application/manifest+json", "print.js": "javascript"} {
		resp, err := a.http.Get(a.srv.URL + "/static/" + file)
		if err != nil {
			t.Fatal(err)
		}
		var manifest struct{ Name, ShortName, Lang, Dir, StartURL string }
		if file == "manifest.webmanifest" {
			if err := json.NewDecoder(resp.Body).Decode(&manifest); err != nil {
				t.Errorf("the manifest: %v", err)
			}
			if manifest.Dir != "rtl" || manifest.Lang != "fa-IR" || !strings.HasPrefix(manifest.Name, "رویداد") {
				t.Errorf("the manifest reads %+v", manifest)
			}
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), typ) {
			t.Errorf("%s: %d %s, want %s", file, resp.StatusCode, resp.Header.Get("Content-Type"), typ)
		}
	}
}

// TestHeaderAndFilterWording: the header has a search box, and the words
// are «اعمال فیلتر» and «درون‌ریزی (iCal)»; the filters fold, open while
// one is on.
func TestHeaderAndFilterWording(t *testing.T) {
	a := newApp(t)
	_, doc := a.get("/calendar/1403/2")
	search := doc.Find(`header [data-testid="header-search"]`)
	if search.AttrOr("action", "") != "/search" || search.Find(`input[name="q"]`).Length() != 1 {
		t.Error("the header has no search box")
	}
	if got := doc.Find(`[data-testid="filters"] button[type="submit"]`).Text(); got != "اعمال فیلتر" {
		t.Errorf("the filter button reads %q", got)
	}
	if got := doc.Find(`header nav.nav-wide a[href="/import"]`).Text(); got != "درون‌ریزی (iCal)" {
		t.Errorf("the import link reads %q", got)
	}
	if strings.Contains(doc.Text(), "صافی") || strings.Contains(doc.Text(), "ورود iCal") {
		t.Error("the old words are still on the page")
	}
	if _, open := doc.Find(`[data-testid="filters-fold"]`).Attr("open"); open {
		t.Error("the filters are open with none on")
	}
	_, doc = a.get("/calendar/1403/2?kind=meeting")
	if _, open := doc.Find(`[data-testid="filters-fold"]`).Attr("open"); !open {
		t.Error("the filters are folded while one is on")
	}
}
