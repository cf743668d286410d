package domain

import (
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/jalali"
)

// d is jalali.MustNew, short for tables.
func d(y, m, day int) jalali.Date { return jalali.MustNew(y, m, day) }

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

		{"empty title", func(e *Event) { e.Title = "" }, one(FieldTitle, CodeTitleMissing)},
		{"blank title", func(e *Event) { e.Title = " \t\n" }, one(FieldTitle, CodeTitleMissing)},
		{"301-character title", func(e *Event) { e.Title = runes(MaxTitle + 1) }, ValidationError{{Field: FieldTitle, Code: CodeTitleTooLong, Max: MaxTitle}}},
		{"no kind", func(e *Event) { e.Kind = "" }, one(FieldKind, CodeKindUnknown)},
		{"unknown kind", func(e *Event) { e.Kind = "party" }, one(FieldKind, CodeKindUnknown)},

		{"confirmed without start", func(e *Event) { e.Start, e.End = jalali.Date{}, jalali.Date{} }, one(FieldStart, CodeStartInvalid)},
		{"no status, no start", func(e *Event) { e.Status, e.Start, e.End = "", jalali.Date{}, jalali.Date{} }, one(FieldStart, CodeStartInvalid)},
		{"30 Esfand of common 1404", func(e *Event) { e.Start, e.End = jalali.Date{Year: 1404, Month: 12, Day: 30}, d(1405, 1, 1) },
			one(FieldStart, CodeStartInvalid)},
		{"proposed with an impossible start", func(e *Event) {
			e.Status, e.Start, e.End = StatusProposed, jalali.Date{Year: 1403, Month: 7, Day: 31}, d(1403, 8, 1)
		}, one(FieldStart, CodeStartInvalid)},
		{"impossible end", func(e *Event) { e.End = jalali.Date{Year: 1403, Month: 7, Day: 31} }, one(FieldEnd, CodeEndInvalid)},
		{"end before start", func(e *Event) { e.End = d(1403, 2, 26) }, one(FieldEnd, CodeEndBeforeStart)},
		{"end a year before start", func(e *Event) { e.End = d(1402, 2, 27) }, one(FieldEnd, CodeEndBeforeStart)},

		// 1403 is a leap year (366 days), 1404 is not (365).
		{"all of leap 1403 (366 days)", func(e *Event) { e.Start, e.End = d(1403, 1, 1), d(1403, 12, 30) }, nil},
		{"366 days from 1404/01/01", func(e *Event) { e.Start, e.End = d(1404, 1, 1), d(1405, 1, 1) }, nil},
		{"367 days", func(e *Event) { e.Start, e.End = d(1403, 1, 1), d(1404, 1, 1) }, one(FieldEnd, CodeLongerThanAYear)},
		{"368 days", func(e *Event) { e.Start, e.End = d(1403, 1, 1), d(1404, 1, 2) }, one(FieldEnd, CodeLongerThanAYear)},
		{"no end: one day", func(e *Event) { e.End = jalali.Date{} }, nil},
		{"unknown status", func(e *Event) { e.Status = "archived" }, one(FieldStatus, CodeStatusUnknown)},
		{"ten years", func(e *Event) { e.End = d(1413, 2, 27) }, one(FieldEnd, CodeLongerThanAYear)},

		{"start time 9:30", func(e *Event) { e.StartTime = "9:30" }, one(FieldStartTime, CodeStartTimeFormat)},
		{"start time 24:00", func(e *Event) { e.StartTime = "24:00" }, one(FieldStartTime, CodeStartTimeFormat)},
		{"start time with seconds", func(e *Event) { e.StartTime = "09:30:00" }, one(FieldStartTime, CodeStartTimeFormat)},
		{"start time in Persian digits", func(e *Event) { e.StartTime = "۰۹:۳۰" }, one(FieldStartTime, CodeStartTimeFormat)},
		{"end time 17:60", func(e *Event) { e.StartTime, e.EndTime = "09:00", "17:60" }, one(FieldEndTime, CodeEndTimeFormat)},
		{"end time 5pm", func(e *Event) { e.StartTime, e.EndTime = "09:00", "5pm" }, one(FieldEndTime, CodeEndTimeFormat)},
		{"end time without start time", func(e *Event) { e.EndTime = "17:00" }, one(FieldStartTime, CodeEndTimeWithoutStart)},
		{"end time before start time", func(e *Event) { e.StartTime, e.EndTime = "17:00", "09:00" }, one(FieldEndTime, CodeEndTimeBeforeStart)},
		{"earlier end time, bad start time", func(e *Event) { e.StartTime, e.EndTime = "9:00", "08:00" }, one(FieldStartTime, CodeStartTimeFormat)},

		{"long description", func(e *Event) { e.Description = runes(MaxDescription + 1) }, ValidationError{{Field: FieldDescription, Code: CodeDescriptionTooLong, Max: MaxDescription}}},
		{"long location, province and organization", func(e *Event) {
			e.Location, e.Province, e.Organization = runes(MaxShortField+1), runes(MaxShortField+1), runes(MaxShortField+1)
		}, ValidationError{{Field: FieldLocation, Code: CodeTooLong, Max: MaxShortField},
			{Field: FieldProvince, Code: CodeTooLong, Max: MaxShortField}, {Field: FieldOrganization, Code: CodeTooLong, Max: MaxShortField}}},
		{"everything wrong", func(e *Event) {
			*e = Event{Kind: "x", Start: d(1403, 5, 1), End: d(1403, 4, 1), StartTime: "7", EndTime: "25:00"}
		}, ValidationError{fieldError(FieldTitle, CodeTitleMissing), fieldError(FieldKind, CodeKindUnknown),
			fieldError(FieldEnd, CodeEndBeforeStart), fieldError(FieldStartTime, CodeStartTimeFormat),
			fieldError(FieldEndTime, CodeEndTimeFormat)}},
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
