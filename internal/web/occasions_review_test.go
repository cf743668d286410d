package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/hijri"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/persian"
	"github.com/ruydad/ruydad/internal/web"
	"github.com/ruydad/ruydad/seeds"
)

// in1404 is 1404/03/11 10:00 in Tehran: Quds Day falls twice in 1404
// (1404/01/08 for 1446 and 1404/12/29 for 1447).
var in1404 = time.Date(2025, 6, 1, 10, 0, 0, 0, jalali.Tehran)

// occasionRows returns the rows of the occasions list at path by name.
func occasionRows(t *testing.T, a *app, path string) map[string]*goquery.Selection {
	t.Helper()
	status, doc := a.get(path)
	if status != http.StatusOK {
		t.Fatalf("%s: %d", path, status)
	}
	out := map[string]*goquery.Selection{}
	doc.Find(`table.occasions tbody tr`).Each(func(_ int, row *goquery.Selection) {
		name := strings.TrimSpace(row.Find("td").First().Contents().First().Text())
		out[name] = row
	})
	return out
}

// TestOccasionsMonthHasEveryOccurrence: a lunar occasion that falls twice
// in the Jalali year is listed under both months, with that month's day.
func TestOccasionsMonthHasEveryOccurrence(t *testing.T) {
	a := newAppWith(t, web.Config{Now: func() time.Time { return in1404 }})
	const quds = "روز جهانی قدس"
	for _, tt := range []struct {
		month, day, url string
	}{
		{"1", "۸ فروردین", "/calendar/1404/1/8"},
		{"12", "۲۹ اسفند", "/calendar/1404/12/29"},
	} {
		row := occasionRows(t, a, "/occasions?month="+tt.month)[quds]
		if row == nil {
			t.Errorf("month %s: %s is not listed", tt.month, quds)
			continue
		}
		link := row.Find("td").Eq(2).Find("a")
		if got := strings.TrimSpace(link.Text()); got != tt.day || link.AttrOr("href", "") != tt.url {
			t.Errorf("month %s: %s listed on %q (%s), want %q (%s)", tt.month, quds, got, link.AttrOr("href", ""), tt.day, tt.url)
		}
	}
	if row := occasionRows(t, a, "/occasions?month=6")[quds]; row != nil {
		t.Errorf("%s is listed in Shahrivar", quds)
	}
	row := occasionRows(t, a, "/occasions?month=all")[quds]
	if got := strings.TrimSpace(row.Find("td").Eq(2).Text()); got != "۸ فروردین و ۲۹ اسفند" {
		t.Errorf("the whole year lists %s on %q", quds, got)
	}
}

// TestNewOccasionOfAnotherYearIsListed: an occasion with no day this year
// (one-time next year, a yearly one from a later year) lands, once saved,
// on a list that shows it, under the month of its nearest day, marked as
// not this year; other months leave it out.
func TestNewOccasionOfAnotherYearIsListed(t *testing.T) {
	a := newAppWith(t, web.Config{Now: func() time.Time { return in1404 }})
	for _, tt := range []struct {
		name  string
		form  url.Values
		month string
		when  string // its ThisYear cell
		url   string
	}{
		{"نمایشگاه سال آینده", url.Values{"month": {"jalali-8"}, "rule": {"once"}, "day": {"۱۰"}, "year": {"۱۴۰۵"}},
			"8", "امسال رخ نمی‌دهد (۱۰ آبان ۱۴۰۵)", "/calendar/1405/8/10"},
		{"روز تازهٔ استان", url.Values{"month": {"jalali-9"}, "rule": {"date"}, "day": {"۵"}, "from_year": {"۱۴۰۶"}},
			"9", "امسال رخ نمی‌دهد (۵ آذر ۱۴۰۶)", "/calendar/1406/9/5"},
		{"همایش امسال", url.Values{"month": {"jalali-10"}, "rule": {"date"}, "day": {"۱"}},
			"10", "۱ دی", "/calendar/1404/10/1"},
	} {
		tt.form.Set("name", tt.name)
		resp, doc := a.post("/occasions", tt.form)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: %d %q", tt.name, resp.StatusCode, doc.Find(`p.error`).Text())
		}
		loc := resp.Header.Get("Location")
		u, _ := url.Parse(loc)
		if u.Query().Get("month") != tt.month {
			t.Errorf("%s: saved, then sent to %s; want the list of month %s", tt.name, loc, tt.month)
		}
		_, landed := a.get(loc)
		if !strings.Contains(landed.Find(`table.occasions tbody`).Text(), tt.name) {
			t.Errorf("%s: the list it lands on (%s) does not show it", tt.name, loc)
		}
		if got := landed.Find(`[data-testid="flash"]`).Text(); got != "مناسبت ذخیره شد." {
			t.Errorf("%s: the list says %q, want that it was saved", tt.name, got)
		}
		row := occasionRows(t, a, "/occasions?month="+tt.month)[tt.name]
		if row == nil {
			t.Errorf("%s: not under month %s", tt.name, tt.month)
			continue
		}
		cell := row.Find("td").Eq(2)
		if got := strings.TrimSpace(cell.Text()); got != tt.when || cell.Find("a").AttrOr("href", "") != tt.url {
			t.Errorf("%s: listed with %q (%s), want %q (%s)", tt.name, got, cell.Find("a").AttrOr("href", ""), tt.when, tt.url)
		}
		if row := occasionRows(t, a, "/occasions?month=3")[tt.name]; row != nil {
			t.Errorf("%s: listed under Khordad too", tt.name)
		}
		if row := occasionRows(t, a, "/occasions?month=all")[tt.name]; row == nil {
			t.Errorf("%s: not in the whole year's list", tt.name)
		}
	}
}

// TestOccasionFormKeepsOnlyTheRulesFields: the form sends a weekday with
// every rule; a day-of-month occasion is stored without it, so that a
// later catalogue bringing the same occasion keeps the office's own and
// does not add it twice.
func TestOccasionFormKeepsOnlyTheRulesFields(t *testing.T) {
	a := newApp(t)
	const name = "روز ملی نشریات دفتر"
	form := url.Values{"name": {name}, "month": {"jalali-8"}, "rule": {"date"}, "day": {"۱۲"}, "length": {"۱"},
		"offset": {"0"}, "weekday": {"6"}, "nth": {"۲"}}
	if resp, doc := a.post("/occasions", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("%d %q", resp.StatusCode, doc.Find(`p.error`).Text())
	}
	ctx := context.Background()
	all, err := a.db.Occasions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var mine domain.Occasion
	for _, o := range all {
		if o.Name == name {
			mine = o
		}
	}
	if mine.ID == 0 || mine.Weekday != 0 || mine.Nth != 0 || mine.Day != 12 {
		t.Fatalf("stored as %+v", mine.Recurrence)
	}
	// The next release's catalogue has it (spelt with ي).
	cat, err := domain.ParseCatalogue(seeds.Occasions, seeds.OfficialOccasions)
	if err != nil {
		t.Fatal(err)
	}
	next := domain.Occasion{Key: "press-day-next", Name: "روز ملي نشريات دفتر", Group: domain.GroupOfficial, Aliases: []string{},
		Recurrence: domain.Recurrence{Calendar: domain.CalJalali, Rule: domain.RuleDate, Month: 8, Day: 12, Length: 1}}
	rep, err := a.db.SeedOccasions(ctx, append(cat, next))
	if err != nil || rep.Kept != 1 || rep.Added != 0 {
		t.Fatalf("the upgrade: %+v, %v; want the office's own kept, nothing added", rep, err)
	}
	all, _ = a.db.Occasions(ctx)
	n := 0
	for _, o := range all {
		if persian.SearchKey(o.Name) == persian.SearchKey(name) {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%s is stored %d times", name, n)
	}
}

// veventOf returns the properties (lines unfolded) of the VEVENT uid in
// an iCalendar body.
func veventOf(t *testing.T, body []byte, uid string) map[string]string {
	t.Helper()
	text := strings.ReplaceAll(string(body), "\r\n ", "")
	i := strings.Index(text, "UID:"+uid+"\r\n")
	if i < 0 {
		t.Fatalf("no VEVENT %s in the feed", uid)
	}
	end := strings.Index(text[i:], "END:VEVENT")
	props := map[string]string{}
	for _, line := range strings.Split(text[i:i+end], "\r\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			props[k] = v
		}
	}
	return props
}

// TestFeedSequenceGrowsWhenAHijriMonthMoves: an administrator's correction
// of Shawwal 1448 moves Eid al-Fitr in the feed; its VEVENT keeps its UID,
// and its SEQUENCE grows and its LAST-MODIFIED moves to the correction's
// time, so that calendar apps take the new day.
func TestFeedSequenceGrowsWhenAHijriMonthMoves(t *testing.T) {
	a := newApp(t)
	const uid = "occasion-eid-fitr-h1448@ruydad"
	shawwal, _ := hijri.Official().Month(hijri.Month{Year: 1448, Month: 10})
	ramadan, _ := hijri.Official().Month(hijri.Month{Year: 1448, Month: 9})
	start := shawwal.Start.AddDays(-1) // Ramadan 29 days, not 30
	if ramadan.Length == 29 {
		start = shawwal.Start.AddDays(1)
	}
	_, bodyBefore := fetch(t, a, "/calendar.ics?from=1405&to=1406")
	before := veventOf(t, bodyBefore, uid)
	set := time.Now().UTC().Truncate(time.Second)
	resp, doc := a.post("/hijri", url.Values{"month": {"1448/10"}, "start": {start.String()}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("setting Shawwal's start: %d %s", resp.StatusCode, doc.Find(`[data-testid="hijri-error"]`).Text())
	}
	_, body := fetch(t, a, "/calendar.ics?from=1405&to=1406")
	after := veventOf(t, body, uid)
	gy, gm, gd := start.Gregorian()
	if got, want := after["DTSTART;VALUE=DATE"], fmt.Sprintf("%04d%02d%02d", gy, gm, gd); got != want || got == before["DTSTART;VALUE=DATE"] {
		t.Fatalf("DTSTART %s (was %s), want %s", got, before["DTSTART;VALUE=DATE"], want)
	}
	seqBefore, _ := strconv.Atoi(before["SEQUENCE"])
	seqAfter, err := strconv.Atoi(after["SEQUENCE"])
	if err != nil || seqAfter <= seqBefore {
		t.Errorf("SEQUENCE %s after the move, %s before: it must grow (RFC 5545 §3.8.7.4)", after["SEQUENCE"], before["SEQUENCE"])
	}
	modified, err := time.Parse("20060102T150405Z", after["LAST-MODIFIED"])
	if err != nil || modified.Before(set) { // (the seeding, before, may fall in the same second)
		t.Errorf("LAST-MODIFIED %s (was %s), want the correction's time, %s or later", after["LAST-MODIFIED"], before["LAST-MODIFIED"], set)
	}
	// Ashura 1448, months before Shawwal, did not move: its VEVENT is as it was.
	if a, b := veventOf(t, body, "occasion-ashura-h1448@ruydad"), veventOf(t, bodyBefore, "occasion-ashura-h1448@ruydad"); a["SEQUENCE"] != b["SEQUENCE"] ||
		a["LAST-MODIFIED"] != b["LAST-MODIFIED"] || a["DTSTART;VALUE=DATE"] != b["DTSTART;VALUE=DATE"] {
		t.Errorf("Ashura 1448 changed: %v, was %v", a, b)
	}
	// Removing the correction moves Eid back: its SEQUENCE grows again, it
	// does not fall back to what it was.
	time.Sleep(1100 * time.Millisecond) // SEQUENCE counts seconds
	if resp, doc := a.post("/hijri/1448/10/unset", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("removing Shawwal's start: %d %s", resp.StatusCode, doc.Find(`[data-testid="hijri-error"]`).Text())
	}
	_, bodyUnset := fetch(t, a, "/calendar.ics?from=1405&to=1406")
	unset := veventOf(t, bodyUnset, uid)
	if unset["DTSTART;VALUE=DATE"] != before["DTSTART;VALUE=DATE"] {
		t.Fatalf("DTSTART %s after the removal, want %s again", unset["DTSTART;VALUE=DATE"], before["DTSTART;VALUE=DATE"])
	}
	if seqUnset, err := strconv.Atoi(unset["SEQUENCE"]); err != nil || seqUnset <= seqAfter {
		t.Errorf("SEQUENCE %s after the removal, %d after the move: it must grow again", unset["SEQUENCE"], seqAfter)
	}
	// The removal's record is no correction on the /hijri page: Shawwal
	// follows the table again.
	if resp, page := fetch(t, a, "/hijri?year=1448"); resp.StatusCode != http.StatusOK || strings.Contains(string(page), "/hijri/1448/10/unset") {
		t.Errorf("/hijri after the removal: %d, still offers to remove Shawwal's correction", resp.StatusCode)
	}
}
