package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/hijri"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/web"
)

// inAzar1405 is a clock on 14 Azar 1405: a date typed without its year is
// in 1405.
var inAzar1405 = time.Date(2026, 12, 5, 10, 0, 0, 0, jalali.Tehran)

// storedEvents returns every event the database holds in 1300..1500.
func (a *app) storedEvents() []domain.Event {
	all, err := a.db.EventsBetween(context.Background(), jalali.MustNew(1300, 1, 1), jalali.MustNew(1500, 1, 1),
		domain.EventFilter{Statuses: []domain.Status{domain.StatusConfirmed, domain.StatusProposed, domain.StatusRejected}})
	if err != nil {
		a.t.Fatal(err)
	}
	return all
}

// Dates and times typed as people write them are stored as the day and
// time they name; a date without its year is in the server clock's year.
func TestEventFormReadsTypedDatesAndTimes(t *testing.T) {
	azar25 := jalali.MustNew(1405, 9, 25)
	for _, tt := range []struct {
		start, startTime, endTime string
		want                      jalali.Date
		wantStart, wantEnd        string
	}{
		{"۲۵ آذر", "۱۲ و نیم", "", azar25, "12:30", ""},
		{"۲۵ آذر ۱۴۰۵", "۸ صبح", "۵ بعدازظهر", azar25, "08:00", "17:00"},
		{"1405.9.25", "۱۲", "۹ شب", azar25, "12:00", "21:00"},
		{"۱۴۰۵-۰۹-۲۵", "۱۲ و ربع", "۱۲ و ۴۵ دقیقه", azar25, "12:15", "12:45"},
		{"25/09/1405", "٩:٣٠", "۵ عصر", azar25, "09:30", "17:00"},
		{"۱۴۰۵/۹/۲۵", "", "", azar25, "", ""},
		{"چهارشنبه ۲۵ آذر ۱۴۰۵", "", "", azar25, "", ""},
		{"۱ ارديبهشت ۱۴۰۶", "", "", jalali.MustNew(1406, 2, 1), "", ""},
		{"2026-12-16", "", "", azar25, "", ""},
	} {
		a := newAppWith(t, web.Config{Now: func() time.Time { return inAzar1405 }})
		resp, doc := a.post("/events", url.Values{"title": {"جلسه"}, "kind": {"meeting"}, "start": {tt.start},
			"start_time": {tt.startTime}, "end_time": {tt.endTime}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Errorf("%q %q %q: status %d, %q", tt.start, tt.startTime, tt.endTime, resp.StatusCode, doc.Find(".error").Text())
			continue
		}
		got := a.storedEvents()
		if len(got) != 1 || got[0].Start != tt.want || got[0].End != tt.want || got[0].StartTime != tt.wantStart || got[0].EndTime != tt.wantEnd {
			t.Errorf("%q %q %q stored %+v; want %v %s–%s", tt.start, tt.startTime, tt.endTime, got, tt.want, tt.wantStart, tt.wantEnd)
			continue
		}
		// The edit form shows the date and times in Persian digits.
		_, edit := a.get(strings.SplitN(resp.Header.Get("Location"), "?", 2)[0] + "/edit")
		for name, want := range map[string]string{"start": tt.want.FormatNumeric(), "start_time": jalali.FaDigits(tt.wantStart),
			"end_time": jalali.FaDigits(tt.wantEnd)} {
			if v, _ := edit.Find(`input[name="` + name + `"]`).Attr("value"); v != want {
				t.Errorf("%q: the edit form shows %s as %q, want %q", tt.start, name, v, want)
			}
		}
	}
}

// A date that cannot be read and a day that does not exist get two
// different messages, and neither stores anything; the form comes back with
// what was typed, in Persian digits.
func TestEventFormTellsUnreadableDatesFromNonexistentDays(t *testing.T) {
	a := newAppWith(t, web.Config{Now: func() time.Time { return inAzar1405 }})
	for _, tt := range []struct{ field, typed, msg, shown string }{
		{"start", "۲۵ آذرر", "تاریخ خوانده نشد؛ مثلاً ۲۵ آذر ۱۴۰۵ بنویسید.", "۲۵ آذرر"},
		{"start", "فردا", "تاریخ خوانده نشد؛ مثلاً ۲۵ آذر ۱۴۰۵ بنویسید.", "فردا"},
		{"start", "۳۱ مهر", "۳۱ مهر وجود ندارد؛ مهر ۳۰ روز دارد.", "۳۱ مهر"},
		{"start", "1405/7/31", "۳۱ مهر وجود ندارد؛ مهر ۳۰ روز دارد.", "۱۴۰۵/۷/۳۱"},
		{"start", "۳۰ اسفند ۱۴۰۴", "۱۴۰۴ کبیسه نیست؛ اسفند ۲۹ روز دارد.", "۳۰ اسفند ۱۴۰۴"},
		{"start", "1405/13/1", "ماه ۱۳ وجود ندارد؛ سال دوازده ماه دارد.", "۱۴۰۵/۱۳/۱"},
		{"start", "2025-02-29", "۲۰۲۵ کبیسه نیست؛ فوریه ۲۸ روز دارد.", "۲۰۲۵-۰۲-۲۹"},
		{"start", "سه‌شنبه ۲۵ آذر", "۲۵ آذر ۱۴۰۵ چهارشنبه است؛ روز هفته یا تاریخ را درست بنویسید.", "سه‌شنبه ۲۵ آذر"},
		{"end", "۳۱ آذر", "۳۱ آذر وجود ندارد؛ آذر ۳۰ روز دارد.", "۳۱ آذر"},
		{"end", "آخر آذر", "تاریخ پایان خوانده نشد؛ مثلاً ۲۶ آذر ۱۴۰۵ بنویسید، یا خالی بگذارید.", "آخر آذر"},
		{"start_time", "۱۲ و", "ساعت شروع خوانده نشد؛ مثلاً ۹:۳۰، ۹ و نیم یا ۵ عصر بنویسید.", "۱۲ و"},
		{"start_time", "25:00", "ساعت شروع خوانده نشد؛ مثلاً ۹:۳۰، ۹ و نیم یا ۵ عصر بنویسید.", "۲۵:۰۰"},
	} {
		form := url.Values{"title": {"جلسه"}, "kind": {"meeting"}, "start": {"۲۰ آذر"}}
		form.Set(tt.field, tt.typed)
		resp, doc := a.post("/events", form)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s %q: status %d, want 422", tt.field, tt.typed, resp.StatusCode)
			continue
		}
		if msg := doc.Find(`[data-testid="error-` + tt.field + `"]`).Text(); msg != tt.msg {
			t.Errorf("%s %q: message %q, want %q", tt.field, tt.typed, msg, tt.msg)
		}
		if v, _ := doc.Find(`input[name="` + tt.field + `"]`).Attr("value"); v != tt.shown {
			t.Errorf("%s %q: shown again as %q, want %q", tt.field, tt.typed, v, tt.shown)
		}
	}
	if n := a.countEvents(); n != 0 {
		t.Errorf("%d events stored after refused forms", n)
	}
}

// A form refused for another field shows its dates and times read, in
// Persian digits.
func TestRefusedEventFormShowsDatesRead(t *testing.T) {
	a := newAppWith(t, web.Config{Now: func() time.Time { return inAzar1405 }})
	_, doc := a.post("/events", url.Values{"title": {""}, "kind": {"meeting"}, "start": {"25 آذر"}, "end": {"1405.9.26"},
		"start_time": {"12 و نیم"}, "end_time": {"5 عصر"}})
	for name, want := range map[string]string{"start": "۱۴۰۵/۰۹/۲۵", "end": "۱۴۰۵/۰۹/۲۶", "start_time": "۱۲:۳۰", "end_time": "۱۷:۰۰"} {
		if v, _ := doc.Find(`input[name="` + name + `"]`).Attr("value"); v != want {
			t.Errorf("%s shown again as %q, want %q", name, v, want)
		}
	}
	if doc.Find(`[data-testid="error-title"]`).Length() != 1 {
		t.Error("no message beside the missing title")
	}
}

// The article form's publication date is read like the event's, with the
// same two messages.
func TestArticleFormReadsTypedPublicationDates(t *testing.T) {
	a := newAppWith(t, web.Config{Now: func() time.Time { return inAzar1405 }})
	text := "نشست خبری استانداری همدان فردا برگزار می‌شود."
	for _, tt := range []struct{ typed, msg string }{
		{"۳۰ اسفند ۱۴۰۴", "۱۴۰۴ کبیسه نیست؛ اسفند ۲۹ روز دارد."},
		{"دیروز", "تاریخ انتشار خوانده نشد؛ مثلاً ۲۵ آذر ۱۴۰۵ بنویسید، یا خالی بگذارید."},
	} {
		resp, doc := a.post("/articles", url.Values{"text": {text}, "published": {tt.typed}})
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("published %q: status %d", tt.typed, resp.StatusCode)
		}
		if msg := doc.Find(`[data-testid="error-published"]`).Text(); msg != tt.msg {
			t.Errorf("published %q: message %q, want %q", tt.typed, msg, tt.msg)
		}
	}
	resp, _ := a.post("/articles", url.Values{"text": {text}, "published": {"۲۵ آذر"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("published ۲۵ آذر: status %d", resp.StatusCode)
	}
	_, page := a.get(strings.SplitN(resp.Header.Get("Location"), "?", 2)[0])
	if got := page.Find(`[data-testid="article-published"]`).Text(); !strings.Contains(got, "۲۵ آذر ۱۴۰۵") {
		t.Errorf("published ۲۵ آذر shows as %q", got)
	}
}

// The picker's month starts at the first "at" that reads (the field's text
// as typed, then the page the form came from), with its day chosen, and
// lists the months and years it can jump to.
func TestPickerStartsAtTheTypedDate(t *testing.T) {
	a := newAppWith(t, web.Config{Now: func() time.Time { return inAzar1405 }})
	for _, tt := range []struct {
		query, title, chosen string
	}{
		{"?at=" + url.QueryEscape("۲۵ آذر"), "آذر ۱۴۰۵", "۱۴۰۵/۰۹/۲۵"},
		{"?at=" + url.QueryEscape("1404.2.3"), "اردیبهشت ۱۴۰۴", "۱۴۰۴/۰۲/۰۳"},
		{"?at=" + url.QueryEscape("فردا") + "&at=1403/7/9", "مهر ۱۴۰۳", "۱۴۰۳/۰۷/۰۹"},
		{"?at=1403/7", "مهر ۱۴۰۳", ""},
		{"?at=" + url.QueryEscape("۳۱ مهر"), "آذر ۱۴۰۵", ""}, // no such day: this month
		{"", "آذر ۱۴۰۵", ""},
		{"/1402/1?at=1402/1/5", "فروردین ۱۴۰۲", "۱۴۰۲/۰۱/۰۵"},
		{"/1402/2?at=1402/1/5", "اردیبهشت ۱۴۰۲", ""},
	} {
		status, doc := a.get("/picker" + tt.query)
		if status != http.StatusOK {
			t.Fatalf("/picker%s: %d", tt.query, status)
		}
		if got := doc.Find(".picker-head strong").Text(); got != tt.title {
			t.Errorf("/picker%s shows %q, want %q", tt.query, got, tt.title)
		}
		chosen := doc.Find(".picker-day.chosen")
		if v, _ := chosen.Attr("data-value"); v != tt.chosen || chosen.Length() > 1 {
			t.Errorf("/picker%s chooses %q (%d days), want %q", tt.query, v, chosen.Length(), tt.chosen)
		}
	}
	_, doc := a.get("/picker/1405/9")
	if v, _ := doc.Find(".picker-month option[selected]").Attr("value"); v != "9" || doc.Find(".picker-month option").Length() != 12 {
		t.Errorf("month list: %q selected of %d", v, doc.Find(".picker-month option").Length())
	}
	years := doc.Find(".picker-year option")
	if v, _ := doc.Find(".picker-year option[selected]").Attr("value"); v != "1405" || years.First().Text() != "۱۳۸۵" || years.Last().Text() != "۱۴۱۵" {
		t.Errorf("year list: %q selected, %s..%s", v, years.First().Text(), years.Last().Text())
	}
	if _, doc = a.get("/picker/1005/1"); doc.Find(".picker-year option").First().Text() != "۱۰۰۰" {
		t.Errorf("the year list of 1005 starts at %q", doc.Find(".picker-year option").First().Text())
	}
	if _, form := a.get("/events/new"); form.Find(`input[data-jalali-date][inputmode]`).Length() != 0 {
		t.Error("a date field asks for a numeric keyboard, where month names are typed")
	}
}

// A Hijri month's start is typed like any date: in words, and refused with
// the same two messages when it cannot be read or does not exist.
func TestHijriStartReadsTypedDates(t *testing.T) {
	a := newAppWith(t, web.Config{Now: func() time.Time { return inAzar1405 }})
	shawwal, _ := hijri.Official().Month(hijri.Month{Year: 1448, Month: 10})
	ramadan, _ := hijri.Official().Month(hijri.Month{Year: 1448, Month: 9})
	start := shawwal.Start.AddDays(-1) // Ramadan 29 days, not 30
	if ramadan.Length == 29 {
		start = shawwal.Start.AddDays(1)
	}
	for _, tt := range []struct{ typed, msg string }{
		{"فردا", "تاریخ آغاز خوانده نشد؛ مثلاً ۱۹ اسفند ۱۴۰۵ بنویسید."},
		{"۳۱ بهمن ۱۴۰۶", "۳۱ بهمن وجود ندارد؛ بهمن ۳۰ روز دارد."},
	} {
		resp, doc := a.post("/hijri", url.Values{"month": {"1448/10"}, "start": {tt.typed}})
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("start %q: status %d", tt.typed, resp.StatusCode)
		}
		if got := doc.Find(`[data-testid="hijri-error"]`).Text(); got != tt.msg {
			t.Errorf("start %q: message %q, want %q", tt.typed, got, tt.msg)
		}
		if v, _ := doc.Find(`#start-1448\/10`).Attr("value"); v != tt.typed {
			t.Errorf("start %q shown again as %q", tt.typed, v)
		}
	}
	if resp, doc := a.post("/hijri", url.Values{"month": {"1448/10"}, "start": {start.FormatLong()}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("start %q: %d %s", start.FormatLong(), resp.StatusCode, doc.Find(`[data-testid="hijri-error"]`).Text())
	}
	if got, _ := a.db.HijriCorrections(context.Background()); len(got) != 1 || got[0].Start != start {
		t.Errorf("corrections %+v, want Shawwal 1448 on %v", got, start)
	}
}
