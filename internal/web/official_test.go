package web_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/ruydad/ruydad/internal/jalali"
)

// sharedData is the calendar data beside the project (../shared/data).
var sharedData = filepath.Join("..", "..", "..", "shared", "data")

// officialData is what the data files say, read here with code of the
// test's own: the day each Hijri month began (by day number) and the
// official holidays.
type officialData struct {
	monthStarts []struct{ day, year, month int } // ascending
	holidays    map[jalali.Date]bool
}

func readOfficialData(t *testing.T) *officialData {
	t.Helper()
	d := &officialData{holidays: map[jalali.Date]bool{}}
	for _, name := range []string{"consolidated.txt", "official-1405.txt"} {
		f, err := os.Open(filepath.Join(sharedData, "qamari", name))
		if os.IsNotExist(err) {
			t.Skipf("%s is not beside the project", sharedData)
		}
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := strings.TrimPrefix(strings.TrimSpace(sc.Text()), "*")
			if line == "" || line[0] == '#' {
				continue
			}
			var y, m int
			var iso string
			if _, err := fmt.Sscanf(line, "%d/%d %s", &y, &m, &iso); err != nil {
				t.Fatalf("%s: %q: %v", name, line, err)
			}
			g, err := time.Parse(time.DateOnly, iso)
			if err != nil {
				t.Fatal(err)
			}
			d.monthStarts = append(d.monthStarts, struct{ day, year, month int }{int(g.Unix() / 86400), y, m})
		}
		f.Close()
	}
	d.readHolidays(t)
	return d
}

// hijri returns the Hijri date of day, "" outside the table.
func (d *officialData) hijri(day jalali.Date) string {
	n := day.Ordinal()
	for i := len(d.monthStarts) - 2; i >= 0; i-- {
		if s := d.monthStarts[i]; s.day <= n {
			return fmt.Sprintf("%04d/%02d/%02d", s.year, s.month, n-s.day+1)
		}
	}
	return ""
}

// lunarDay returns the Jalali day of Hijri y/m/day (day 0: the month's
// last day), false when the table does not have it.
func (d *officialData) lunarDay(y, m, day int) (jalali.Date, bool) {
	for i, s := range d.monthStarts[:len(d.monthStarts)-1] {
		if s.year != y || s.month != m {
			continue
		}
		length := d.monthStarts[i+1].day - s.day
		if day == 0 {
			day = length
		}
		if day > length {
			return jalali.Date{}, false
		}
		return jalali.FromOrdinal(s.day + day - 1), true
	}
	return jalali.Date{}, false
}

// readHolidays marks Iran's official holidays of 1402..1406 from
// official-calendar/events.json: solar ones on their month and day, lunar
// ones through the table (the end of a month: its last day).
func (d *officialData) readHolidays(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(sharedData, "official-calendar", "events.json"))
	if err != nil {
		t.Fatal(err)
	}
	var src struct {
		Data []struct {
			Type, Calendar, Rule string
			Holiday              bool
			Month, Day           int
		} `json:"data"`
	}
	if err := json.Unmarshal(data, &src); err != nil {
		t.Fatal(err)
	}
	for _, e := range src.Data {
		if e.Type != "Iran" || !e.Holiday {
			continue
		}
		switch {
		case e.Calendar == "Persian" && e.Rule == "simple":
			for y := 1402; y <= 1406; y++ {
				d.holidays[jalali.MustNew(y, e.Month, e.Day)] = true
			}
		case e.Calendar == "Hijri" && (e.Rule == "simple" || e.Rule == "end of month"):
			for y := 1443; y <= 1449; y++ {
				if day, ok := d.lunarDay(y, e.Month, e.Day); ok {
					d.holidays[day] = true
				}
			}
		default:
			t.Fatalf("a holiday by rule %s on the %s calendar: the test needs to learn it", e.Rule, e.Calendar)
		}
	}
}

// TestOfficialCalendarOnMonthPages: on every month page of 1403 to 1405,
// each day's data-hijri is the Hijri date the table of month starts gives,
// and a day is marked a holiday exactly when it is a Friday or an official
// holiday of Iran's calendar (both read from ../shared/data by this test's
// own code, not typed in).
func TestOfficialCalendarOnMonthPages(t *testing.T) {
	data := readOfficialData(t)
	a := newApp(t)
	checked, holidays := 0, 0
	for y := 1403; y <= 1405; y++ {
		for m := 1; m <= 12; m++ {
			status, doc := a.get(fmt.Sprintf("/calendar/%d/%d", y, m))
			if status != http.StatusOK {
				t.Fatalf("%d/%d: %d", y, m, status)
			}
			doc.Find(`td.day:not(.out)`).Each(func(_ int, cell *goquery.Selection) {
				day := mustParse(t, cell.AttrOr("data-date", ""))
				if got, want := cell.AttrOr("data-hijri", ""), data.hijri(day); got != want {
					t.Errorf("%s: data-hijri %q, want %q", day, got, want)
				}
				want := day.Weekday() == jalali.Friday || data.holidays[day]
				if got := cell.HasClass("holiday"); got != want {
					t.Errorf("%s (%s): holiday %v, want %v; occasions %q", day, day.Weekday(), got, want,
						cell.Find(`[data-testid="occasion"]`).Text())
				}
				checked++
				if data.holidays[day] {
					holidays++
				}
			})
		}
	}
	if checked != 366+365+365 {
		t.Errorf("%d days checked in 1403..1405", checked)
	}
	if holidays < 3*25 {
		t.Errorf("only %d official holidays in three years", holidays)
	}
}

// TestOfficialOccasionsOnTheirDays: lunar and rule-based occasions on the
// days the table and the rules give, in the cell and in the list under the
// grid.
func TestOfficialOccasionsOnTheirDays(t *testing.T) {
	data := readOfficialData(t)
	a := newApp(t)
	ashura, _ := data.lunarDay(1446, 1, 10)
	fitr, _ := data.lunarDay(1446, 10, 1)
	reza1446, _ := data.lunarDay(1446, 2, 0) // the last day of Safar, 29 or 30
	reza1447, _ := data.lunarDay(1447, 2, 0)
	for _, tt := range []struct {
		day  jalali.Date
		name string
	}{
		{ashura, "عاشورای حسینی"},
		{jalali.MustNew(1403, 4, 26), "عاشورای حسینی"}, // the issue's own figure
		{fitr, "عید سعید فطر"},
		{jalali.MustNew(1404, 1, 11), "عید سعید فطر"},
		{reza1446, "شهادت حضرت امام رضا"},
		{reza1447, "شهادت حضرت امام رضا"},
		{secondFriday(1403, 7), "قالیشویان اردهال"},
		{secondFriday(1404, 7), "قالیشویان اردهال"},
		{jalali.MustNew(1403, 9, 30), "شب یلدا"},
		{jalali.MustNew(1403, 9, 25), "روز پژوهش"},
		{jalali.MustNew(1403, 9, 7), "روز نیروی دریایی"},
		{jalali.MustNew(1403, 6, 2), "هفته دولت"},
		{jalali.MustNew(1403, 6, 8), "هفته دولت"},
	} {
		_, doc := a.get(fmt.Sprintf("/calendar/%d/%d", tt.day.Year, tt.day.Month))
		cell := doc.Find(`td.day[data-date="` + tt.day.String() + `"]`)
		if !strings.Contains(cell.Find(`[data-testid="occasion"]`).Text(), tt.name) {
			t.Errorf("%s: %q not in its cell (%q)", tt.day, tt.name, cell.Find(`[data-testid="occasion"]`).Text())
		}
		if !strings.Contains(doc.Find(`[data-testid="month-occasions"]`).Text(), tt.name) {
			t.Errorf("%s: %q not listed under the month", tt.day, tt.name)
		}
	}
	// Imam Reza's martyrdom is Safar's last day whether it has 29 or 30.
	lengths := map[int]bool{}
	for hy := 1440; hy <= 1448; hy++ {
		first, _ := data.lunarDay(hy, 2, 1)
		last, _ := data.lunarDay(hy, 2, 0)
		lengths[first.DaysUntil(last)+1] = true
		_, doc := a.get(fmt.Sprintf("/calendar/%d/%d/%d", last.Year, last.Month, last.Day))
		if !strings.Contains(doc.Find(`[data-testid="occasion"]`).Text(), "شهادت حضرت امام رضا") {
			t.Errorf("Safar %d ends on %s, without Imam Reza's martyrdom", hy, last)
		}
	}
	if !lengths[29] || !lengths[30] {
		t.Errorf("Safar had %v days in 1440..1448: the test does not see both lengths", lengths)
	}
	_, doc := a.get("/calendar/1403/4")
	if got := doc.Find(`[data-testid="hijri-span"]`).Text(); got != "ذی‌الحجه ۱۴۴۵ – محرم ۱۴۴۶" {
		t.Errorf("Tir 1403 spans %q", got)
	}
	if got := doc.Find(`td.day[data-date="1403/04/26"] [data-testid="hijri"]`).Text(); got != "۱۰" {
		t.Errorf("26 Tir 1403's Hijri day shows %q", got)
	}
	_, day := a.get("/calendar/1403/4/26")
	if got := day.Find(`[data-testid="hijri"]`).Text(); got != "۱۰ محرم ۱۴۴۶" {
		t.Errorf("the day page of Ashura says %q", got)
	}
	if !day.Find(`[data-testid="day-title"]`).HasClass("holiday") {
		t.Error("the day page of Ashura is not marked a holiday")
	}
	_, year := a.get("/calendar/1403")
	if year.Find(`td[data-date="1403/04/26"]`).AttrOr("data-hijri", "") != "1446/01/10" || !year.Find(`td[data-date="1403/04/26"]`).HasClass("holiday") {
		t.Error("the year page lacks Ashura's Hijri date or holiday mark")
	}
}

// secondFriday finds, day by day, the second Friday of a Jalali month.
func secondFriday(y, m int) jalali.Date {
	n := 0
	for d := jalali.MustNew(y, m, 1); ; d = d.Next() {
		if d.Weekday() == jalali.Friday {
			if n++; n == 2 {
				return d
			}
		}
	}
}

// TestHijriCorrectionMovesEidAlFitr: an administrator sets the first day
// of Shawwal 1448 a day earlier than the table, and Eid al-Fitr moves on
// the month page, the day page and in the feed (its ETag moves too); a
// start too far from the table is refused with a Persian reason, and
// removing the correction puts Eid back.
func TestHijriCorrectionMovesEidAlFitr(t *testing.T) {
	data := readOfficialData(t)
	a := newApp(t)
	table, _ := data.lunarDay(1448, 10, 1)
	earlier := table.AddDays(-1)
	eidOn := func(day jalali.Date) bool {
		_, doc := a.get(fmt.Sprintf("/calendar/%d/%d", day.Year, day.Month))
		cell := doc.Find(`td.day[data-date="` + day.String() + `"]`)
		return strings.Contains(cell.Find(`[data-testid="occasion"]`).Text(), "عید سعید فطر") && cell.HasClass("holiday") &&
			cell.AttrOr("data-hijri", "") == "1448/10/01"
	}
	feedEid := func() (string, string) {
		resp, body := fetch(t, a, "/calendar.ics?from=1405&to=1406")
		i := strings.Index(string(body), "UID:occasion-eid-fitr-h1448@ruydad")
		if i < 0 {
			t.Fatal("no Eid al-Fitr 1448 in the feed")
		}
		rest := string(body[i:])
		j := strings.Index(rest, "DTSTART;VALUE=DATE:")
		return rest[j+len("DTSTART;VALUE=DATE:") : j+len("DTSTART;VALUE=DATE:")+8], resp.Header.Get("ETag")
	}
	if !eidOn(table) || eidOn(earlier) {
		t.Fatalf("before the correction Eid al-Fitr 1448 is not on %s alone", table)
	}
	before, etag := feedEid()
	gy, gm, gd := table.Gregorian()
	if before != fmt.Sprintf("%04d%02d%02d", gy, gm, gd) {
		t.Fatalf("the feed has Eid on %s, the table on %s", before, table.ISO())
	}

	resp, doc := a.post("/hijri", url.Values{"month": {"1448/10"}, "start": {jalali.FaDigits(earlier.String())}, "note": {"ستاد استهلال"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("setting the month start: %d %s", resp.StatusCode, doc.Find(`[data-testid="hijri-error"]`).Text())
	}
	if !eidOn(earlier) || eidOn(table) {
		t.Error("the month page did not move Eid al-Fitr a day earlier")
	}
	_, day := a.get(fmt.Sprintf("/calendar/%d/%d/%d", earlier.Year, earlier.Month, earlier.Day))
	if got := day.Find(`[data-testid="hijri"]`).Text(); got != "۱ شوال ۱۴۴۸" || !strings.Contains(day.Find(`[data-testid="occasion"]`).Text(), "عید سعید فطر") {
		t.Errorf("the day page says %q, occasions %q", got, day.Find(`[data-testid="occasion"]`).Text())
	}
	after, etag2 := feedEid()
	gy, gm, gd = earlier.Gregorian()
	if after != fmt.Sprintf("%04d%02d%02d", gy, gm, gd) || etag2 == etag {
		t.Errorf("the feed has Eid on %s (ETag %s, was %s), want %s and a new ETag", after, etag2, etag, earlier.ISO())
	}
	_, list := a.get("/hijri?year=1448")
	row := list.Find(`tr[data-month="1448/10"]`)
	if !row.HasClass("corrected") || !strings.Contains(row.Text(), "ستاد استهلال") {
		t.Errorf("the Hijri page does not show the correction: %q", row.Text())
	}

	resp, doc = a.post("/hijri", url.Values{"month": {"1448/10"}, "start": {table.AddDays(3).String()}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.Find(`[data-testid="hijri-error"]`).Text(), "بیش از دو روز") {
		t.Errorf("a start three days off: %d %q", resp.StatusCode, doc.Find(`[data-testid="hijri-error"]`).Text())
	}
	if !eidOn(earlier) {
		t.Error("a refused correction changed the stored one")
	}
	resp, doc = a.post("/hijri", url.Values{"month": {"1448/10"}, "start": {"۱۴۰۵/۱۳/۰۱"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || doc.Find(`[data-testid="hijri-error"]`).Text() == "" {
		t.Errorf("an impossible date: %d", resp.StatusCode)
	}
	if resp, _ := a.post("/hijri/1448/10/unset", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("removing the correction: %d", resp.StatusCode)
	}
	if !eidOn(table) || eidOn(earlier) {
		t.Error("removing the correction did not put Eid al-Fitr back")
	}
}

// TestHijriCorrectionNeedsAnAdmin: once accounts exist, only an admin may
// set a month's start.
func TestHijriCorrectionNeedsAnAdmin(t *testing.T) {
	a := newApp(t)
	withUsers(t, a)
	a.login("editor", pw)
	if resp, _ := a.post("/hijri", url.Values{"month": {"1448/10"}, "start": {"1405/12/18"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("an editor set a month start: %d", resp.StatusCode)
	}
	_, doc := a.get("/hijri?year=1448")
	if doc.Find(`form[action="/hijri"]`).Length() != 0 {
		t.Error("an editor is offered the correction form")
	}
	a.login("admin", pw)
	if resp, _ := a.post("/hijri", url.Values{"month": {"1448/10"}, "start": {"1405/12/18"}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the admin could not set a month start: %d", resp.StatusCode)
	}
}
