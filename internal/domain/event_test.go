package domain

import (
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/jalali"
)

// d is jalali.MustNew, short for tables.
func d(y, m, day int) jalali.Date { return jalali.MustNew(y, m, day) }

// The messages of Event.Validate, by form field.
const (
	msgTitleEmpty     = "عنوان رویداد را بنویسید."
	msgTitleLong      = "عنوان بیش از ۳۰۰ نویسه است."
	msgKind           = "نوع رویداد را از فهرست انتخاب کنید."
	msgStart          = "تاریخ شروع معتبر نیست."
	msgEndInvalid     = "تاریخ پایان معتبر نیست (سال‌های ۱۰۰۰ تا ۳۰۰۰)."
	msgEndBefore      = "تاریخ پایان نمی‌تواند پیش از تاریخ شروع باشد."
	msgTooLong        = "رویداد نمی‌تواند بیش از یک سال طول بکشد."
	msgStartTime      = "ساعت شروع را به شکل ۰۹:۳۰ بنویسید."
	msgEndTime        = "ساعت پایان را به شکل ۱۷:۰۰ بنویسید."
	msgEndTimeAlone   = "برای ساعت پایان، ساعت شروع را هم بنویسید."
	msgEndTimeBefore  = "ساعت پایان پیش از ساعت شروع است."
	msgDescription    = "توضیحات بیش از ۱۰۰۰۰ نویسه است."
	msgShortFieldLong = "این فیلد بیش از ۲۰۰ نویسه است."
)

func TestEventValidate(t *testing.T) {
	pr := d(1403, 2, 27)
	valid := Event{Title: "نشست خبری مدیرکل", Kind: KindPressConference, Start: pr, End: pr, Status: StatusConfirmed}
	runes := func(n int) string { return strings.Repeat("ر", n) }
	runEditCases(t, valid, Event.Validate, []editCase[Event]{
		{"one day", func(e *Event) {}, nil},
		{"range with times", func(e *Event) { e.End, e.StartTime, e.EndTime = d(1403, 3, 2), "18:00", "09:30" }, nil},
		{"start time only", func(e *Event) { e.StartTime = "00:00" }, nil},
		{"same times", func(e *Event) { e.StartTime, e.EndTime = "23:59", "23:59" }, nil},
		{"proposed, undated", func(e *Event) { e.Status, e.Start, e.End = StatusProposed, jalali.Date{}, jalali.Date{} }, nil},
		{"kind occasion", func(e *Event) { e.Kind = KindOccasion }, nil},
		{"fields at their limits", func(e *Event) {
			e.Title, e.Description = " "+runes(MaxTitle)+" ", runes(MaxDescription)
			e.Location, e.Province, e.Organization = runes(MaxShortField), runes(MaxShortField), runes(MaxShortField)
		}, nil},

		{"empty title", func(e *Event) { e.Title = "" }, ValidationError{"title": msgTitleEmpty}},
		{"blank title", func(e *Event) { e.Title = " \t\n" }, ValidationError{"title": msgTitleEmpty}},
		{"301-character title", func(e *Event) { e.Title = runes(MaxTitle + 1) }, ValidationError{"title": msgTitleLong}},
		{"no kind", func(e *Event) { e.Kind = "" }, ValidationError{"kind": msgKind}},
		{"unknown kind", func(e *Event) { e.Kind = "party" }, ValidationError{"kind": msgKind}},

		{"confirmed without start", func(e *Event) { e.Start, e.End = jalali.Date{}, jalali.Date{} }, ValidationError{"start": msgStart}},
		{"no status, no start", func(e *Event) { e.Status, e.Start, e.End = "", jalali.Date{}, jalali.Date{} }, ValidationError{"start": msgStart}},
		{"30 Esfand of common 1404", func(e *Event) { e.Start, e.End = jalali.Date{Year: 1404, Month: 12, Day: 30}, d(1405, 1, 1) },
			ValidationError{"start": msgStart}},
		{"proposed with an impossible start", func(e *Event) {
			e.Status, e.Start, e.End = StatusProposed, jalali.Date{Year: 1403, Month: 7, Day: 31}, d(1403, 8, 1)
		}, ValidationError{"start": msgStart}},
		{"impossible end", func(e *Event) { e.End = jalali.Date{Year: 1403, Month: 7, Day: 31} }, ValidationError{"end": msgEndInvalid}},
		{"end before start", func(e *Event) { e.End = d(1403, 2, 26) }, ValidationError{"end": msgEndBefore}},
		{"end a year before start", func(e *Event) { e.End = d(1402, 2, 27) }, ValidationError{"end": msgEndBefore}},

		// 1403 is a leap year (366 days), 1404 is not (365).
		{"all of leap 1403 (366 days)", func(e *Event) { e.Start, e.End = d(1403, 1, 1), d(1403, 12, 30) }, nil},
		{"366 days from 1404/01/01", func(e *Event) { e.Start, e.End = d(1404, 1, 1), d(1405, 1, 1) }, nil},
		{"367 days", func(e *Event) { e.Start, e.End = d(1403, 1, 1), d(1404, 1, 1) }, ValidationError{"end": msgTooLong}},
		{"368 days", func(e *Event) { e.Start, e.End = d(1403, 1, 1), d(1404, 1, 2) }, ValidationError{"end": msgTooLong}},
		{"no end: one day", func(e *Event) { e.End = jalali.Date{} }, nil},
		{"unknown status", func(e *Event) { e.Status = "archived" }, ValidationError{"status": "وضعیت رویداد باید پیشنهادی، تأییدشده یا ردشده باشد."}},
		{"ten years", func(e *Event) { e.End = d(1413, 2, 27) }, ValidationError{"end": msgTooLong}},

		{"start time 9:30", func(e *Event) { e.StartTime = "9:30" }, ValidationError{"start_time": msgStartTime}},
		{"start time 24:00", func(e *Event) { e.StartTime = "24:00" }, ValidationError{"start_time": msgStartTime}},
		{"start time with seconds", func(e *Event) { e.StartTime = "09:30:00" }, ValidationError{"start_time": msgStartTime}},
		{"start time in Persian digits", func(e *Event) { e.StartTime = "۰۹:۳۰" }, ValidationError{"start_time": msgStartTime}},
		{"end time 17:60", func(e *Event) { e.StartTime, e.EndTime = "09:00", "17:60" }, ValidationError{"end_time": msgEndTime}},
		{"end time 5pm", func(e *Event) { e.StartTime, e.EndTime = "09:00", "5pm" }, ValidationError{"end_time": msgEndTime}},
		{"end time without start time", func(e *Event) { e.EndTime = "17:00" }, ValidationError{"start_time": msgEndTimeAlone}},
		{"end time before start time", func(e *Event) { e.StartTime, e.EndTime = "17:00", "09:00" }, ValidationError{"end_time": msgEndTimeBefore}},
		{"earlier end time, bad start time", func(e *Event) { e.StartTime, e.EndTime = "9:00", "08:00" }, ValidationError{"start_time": msgStartTime}},

		{"long description", func(e *Event) { e.Description = runes(MaxDescription + 1) }, ValidationError{"description": msgDescription}},
		{"long location, province and organization", func(e *Event) {
			e.Location, e.Province, e.Organization = runes(MaxShortField+1), runes(MaxShortField+1), runes(MaxShortField+1)
		}, ValidationError{"location": msgShortFieldLong, "province": msgShortFieldLong, "organization": msgShortFieldLong}},
		{"everything wrong", func(e *Event) {
			*e = Event{Kind: "x", Start: d(1403, 5, 1), End: d(1403, 4, 1), StartTime: "7", EndTime: "25:00"}
		}, ValidationError{"title": msgTitleEmpty, "kind": msgKind, "end": msgEndBefore, "start_time": msgStartTime, "end_time": msgEndTime}},
	})
}

func TestValidTime(t *testing.T) {
	for s, want := range map[string]bool{
		"00:00": true, "09:30": true, "19:05": true, "23:59": true,
		"": false, "9:30": false, "24:00": false, "23:60": false, "0930": false, "09.30": false,
		" 09:30": false, "09:30 ": false, "۰۹:۳۰": false, "09:30:00": false,
	} {
		if got := ValidTime(s); got != want {
			t.Errorf("ValidTime(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestEventDays(t *testing.T) {
	tests := []struct {
		start, end jalali.Date
		want       int
	}{
		{jalali.Date{}, jalali.Date{}, 0},
		{d(1403, 2, 27), d(1403, 2, 27), 1},
		{d(1403, 6, 2), d(1403, 6, 8), 7},
		{d(1403, 6, 31), d(1403, 7, 1), 2},
		// Across Nowruz: Esfand has 30 days in leap 1403, 29 in 1404.
		{d(1403, 12, 29), d(1404, 1, 2), 4},
		{d(1404, 12, 29), d(1405, 1, 2), 3},
		{d(1403, 1, 1), d(1403, 12, 30), 366},
		{d(1404, 1, 1), d(1404, 12, 29), 365},
	}
	for _, tt := range tests {
		e := Event{Start: tt.start, End: tt.end}
		if got := e.Days(); got != tt.want {
			t.Errorf("%s–%s: Days() = %d, want %d", tt.start, tt.end, got, tt.want)
		}
		if got := e.Dated(); got != !tt.start.IsZero() {
			t.Errorf("%s–%s: Dated() = %v", tt.start, tt.end, got)
		}
	}
}
