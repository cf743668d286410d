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

func TestOccurrenceIn(t *testing.T) {
	none := [2]jalali.Date{}
	tests := []struct {
		name       string
		start, end jalali.Date
		year       int
		want       [2]jalali.Date // none: no occurrence
	}{
		{"PR day, its own year", d(1403, 2, 27), d(1403, 2, 27), 1403, [2]jalali.Date{d(1403, 2, 27), d(1403, 2, 27)}},
		{"PR day, years on", d(1403, 2, 27), d(1403, 2, 27), 1410, [2]jalali.Date{d(1410, 2, 27), d(1410, 2, 27)}},
		{"PR day, before its first year", d(1403, 2, 27), d(1403, 2, 27), 1402, none},
		{"a week", d(1403, 6, 2), d(1403, 6, 8), 1404, [2]jalali.Date{d(1404, 6, 2), d(1404, 6, 8)}},

		// 30 Esfand exists in leap years only (1403, 1408), not in 1404..1407.
		{"30 Esfand, leap 1403", d(1403, 12, 30), d(1403, 12, 30), 1403, [2]jalali.Date{d(1403, 12, 30), d(1403, 12, 30)}},
		{"30 Esfand, common 1404", d(1403, 12, 30), d(1403, 12, 30), 1404, none},
		{"30 Esfand, common 1407", d(1403, 12, 30), d(1403, 12, 30), 1407, none},
		{"30 Esfand, leap 1408", d(1403, 12, 30), d(1403, 12, 30), 1408, [2]jalali.Date{d(1408, 12, 30), d(1408, 12, 30)}},

		// Across Nowruz every occurrence keeps the first one's length.
		{"4 days from 29 Esfand 1403, first", d(1403, 12, 29), d(1404, 1, 2), 1403, [2]jalali.Date{d(1403, 12, 29), d(1404, 1, 2)}},
		{"4 days from 29 Esfand 1403, after a 29-day Esfand", d(1403, 12, 29), d(1404, 1, 2), 1404, [2]jalali.Date{d(1404, 12, 29), d(1405, 1, 3)}},
		{"4 days from 29 Esfand 1403, after a 30-day Esfand", d(1403, 12, 29), d(1404, 1, 2), 1408, [2]jalali.Date{d(1408, 12, 29), d(1409, 1, 2)}},
		{"3 days from 29 Esfand 1404, leap 1408", d(1404, 12, 29), d(1405, 1, 2), 1408, [2]jalali.Date{d(1408, 12, 29), d(1409, 1, 1)}},
		{"3 days from 29 Esfand 1404, common 1407", d(1404, 12, 29), d(1405, 1, 2), 1407, [2]jalali.Date{d(1407, 12, 29), d(1408, 1, 2)}},
		{"from 30 Esfand 1403 over Nowruz, 1404", d(1403, 12, 30), d(1404, 1, 3), 1404, none},
		{"from 30 Esfand 1403 over Nowruz, 1408", d(1403, 12, 30), d(1404, 1, 3), 1408, [2]jalali.Date{d(1408, 12, 30), d(1409, 1, 3)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := Event{Start: tt.start, End: tt.end, Yearly: true}
			s, end, ok := e.OccurrenceIn(tt.year)
			if ok != (tt.want != none) || [2]jalali.Date{s, end} != tt.want {
				t.Errorf("OccurrenceIn(%d) = %s, %s, %v; want %s, %s", tt.year, s, end, ok, tt.want[0], tt.want[1])
			}
		})
	}
}

func TestCovers(t *testing.T) {
	once := Event{Start: d(1403, 6, 2), End: d(1403, 6, 8)}
	nowruz := Event{Start: d(1403, 12, 29), End: d(1404, 1, 2), Yearly: true}
	leapDay := Event{Start: d(1403, 12, 30), End: d(1403, 12, 30), Yearly: true}
	tests := []struct {
		e    Event
		day  jalali.Date
		want bool
	}{
		{once, d(1403, 6, 1), false},
		{once, d(1403, 6, 2), true},
		{once, d(1403, 6, 8), true},
		{once, d(1403, 6, 9), false},
		{once, d(1404, 6, 5), false},
		{Event{}, d(1403, 6, 5), false},
		{nowruz, d(1403, 12, 29), true},
		{nowruz, d(1403, 12, 30), true},
		{nowruz, d(1404, 12, 29), true},
		{nowruz, d(1404, 1, 1), true}, // the first occurrence's Farvardin days
		{nowruz, d(1404, 1, 2), true},
		{nowruz, d(1405, 1, 3), true}, // 1404's occurrence, after a 29-day Esfand
		{nowruz, d(1405, 1, 4), false},
		{Event{Start: d(1403, 6, 2)}, d(1403, 6, 2), true}, // no End: one day
		{Event{Start: d(1403, 6, 2)}, d(1403, 6, 3), false},
		{nowruz, d(1404, 12, 28), false},
		{nowruz, d(1402, 12, 29), false}, // before its first year
		{leapDay, d(1408, 12, 30), true},
		{leapDay, d(1404, 12, 29), false},
	}
	for _, tt := range tests {
		if got := tt.e.Covers(tt.day); got != tt.want {
			t.Errorf("%s–%s (yearly %v).Covers(%s) = %v, want %v", tt.e.Start, tt.e.End, tt.e.Yearly, tt.day, got, tt.want)
		}
	}
}

func TestOccurrence(t *testing.T) {
	pr := Event{Title: "روز روابط عمومی", Start: d(1403, 2, 27), End: d(1403, 2, 27), Yearly: true}
	nowruz := Event{Title: "جشنواره نوروزی", Start: d(1403, 12, 29), End: d(1404, 1, 2), Yearly: true}
	once := Event{Title: "همایش", Start: d(1403, 6, 2), End: d(1403, 6, 8)}
	tests := []struct {
		name     string
		e        Event
		from, to jalali.Date
		want     [2]jalali.Date // zero: no occurrence
	}{
		{"one-off inside", once, d(1403, 6, 1), d(1403, 6, 31), [2]jalali.Date{d(1403, 6, 2), d(1403, 6, 8)}},
		{"one-off overlapping the start", once, d(1403, 6, 8), d(1403, 6, 20), [2]jalali.Date{d(1403, 6, 2), d(1403, 6, 8)}},
		{"one-off after the range", once, d(1403, 5, 1), d(1403, 6, 1), [2]jalali.Date{}},
		{"one-off before the range", once, d(1403, 6, 9), d(1403, 7, 1), [2]jalali.Date{}},
		{"yearly in a later year", pr, d(1405, 2, 1), d(1405, 2, 31), [2]jalali.Date{d(1405, 2, 27), d(1405, 2, 27)}},
		{"yearly, range without its day", pr, d(1405, 3, 1), d(1405, 3, 31), [2]jalali.Date{}},
		{"yearly, before its first year", pr, d(1402, 1, 1), d(1402, 12, 29), [2]jalali.Date{}},
		{"yearly, over two years: the first", pr, d(1404, 3, 1), d(1406, 3, 1), [2]jalali.Date{d(1405, 2, 27), d(1405, 2, 27)}},
		{"over Nowruz, seen from Farvardin", nowruz, d(1405, 1, 1), d(1405, 1, 31), [2]jalali.Date{d(1404, 12, 29), d(1405, 1, 3)}},
		{"over Nowruz, seen from Esfand", nowruz, d(1405, 12, 1), d(1405, 12, 29), [2]jalali.Date{d(1405, 12, 29), d(1406, 1, 3)}},
		{"over Nowruz, its own last day", nowruz, d(1404, 1, 2), d(1404, 1, 2), [2]jalali.Date{d(1403, 12, 29), d(1404, 1, 2)}},
		{"over Nowruz, the day after", nowruz, d(1404, 1, 3), d(1404, 1, 3), [2]jalali.Date{}},
		{"undated", Event{Title: "x"}, d(1403, 1, 1), d(1404, 1, 1), [2]jalali.Date{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.e.Occurrence(tt.from, tt.to)
			if ok != !tt.want[0].IsZero() {
				t.Fatalf("Occurrence(%s, %s) ok = %v, want %v", tt.from, tt.to, ok, !ok)
			}
			if ok && ([2]jalali.Date{got.Start, got.End} != tt.want || got.Title != tt.e.Title) {
				t.Errorf("Occurrence(%s, %s) = %q %s–%s, want %q %s–%s", tt.from, tt.to, got.Title, got.Start, got.End, tt.e.Title, tt.want[0], tt.want[1])
			}
		})
	}
}
