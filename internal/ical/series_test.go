package ical

import (
	"bytes"
	"slices"
	"testing"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/ical/icaljs"
	"github.com/ruydad/ruydad/internal/jalali"
)

// seriesEvents are one series of each kind the feed writes differently;
// 1405/09/03 is a Tuesday, the 31st of Shahrivar 1405 falls on the 30th in
// Mehr..Bahman and the 29th in Esfand.
func seriesEvents() []domain.Event {
	tue := jalali.MustNew(1405, 9, 3)
	return []domain.Event{
		event("weekly@ruydad", "جلسهٔ هفتگی", func(e *domain.Event) {
			e.ID, e.Start, e.End, e.StartTime, e.EndTime = 30, tue, tue, "10:00", "11:30"
			e.Repeat = domain.Repeat{Kind: domain.RepeatWeekly, Days: domain.WeekdaysOf(jalali.Saturday, jalali.Tuesday),
				Until: jalali.MustNew(1405, 10, 15), Skipped: domain.DatesOf(jalali.MustNew(1405, 9, 10), jalali.MustNew(1405, 9, 21))}
		}),
		event("fortnight@ruydad", "بازدید دوهفتگی", func(e *domain.Event) {
			e.ID, e.Start, e.End = 31, tue, tue.AddDays(1)
			e.Repeat = domain.Repeat{Kind: domain.RepeatWeekly, Interval: 2, Days: domain.WeekdaysOf(jalali.Saturday, jalali.Tuesday), Count: 5}
		}),
		event("monthly@ruydad", "گزارش ماهانه", func(e *domain.Event) {
			e.ID, e.Start, e.End = 32, jalali.MustNew(1405, 6, 31), jalali.MustNew(1405, 6, 31)
			e.Repeat = domain.Repeat{Kind: domain.RepeatMonthly}
		}),
		event("second-monday@ruydad", "نشست دومین دوشنبه", func(e *domain.Event) {
			e.ID, e.Start, e.End, e.StartTime = 33, jalali.MustNew(1405, 9, 9), jalali.MustNew(1405, 9, 9), "16:00"
			e.Repeat = domain.Repeat{Kind: domain.RepeatMonthlyWeekday, Nth: 2, Count: 6}
		}),
		event("hijri@ruydad", "سالروز قمری", func(e *domain.Event) {
			e.ID, e.Start, e.End = 34, jalali.MustNew(1405, 4, 5), jalali.MustNew(1405, 4, 5)
			e.Repeat = domain.Repeat{Kind: domain.RepeatYearlyHijri}
		}),
	}
}

// TestSeriesICalJS: ical.js, reading the feed independently, finds every
// series' occurrences on the days ruydad places them: a weekly series by
// its RRULE (every other week counted from Saturday, skipped days left out
// by EXDATE, timed ones at the hour in Tehran), the others as one VEVENT
// per occurrence in the window.
func TestSeriesICalJS(t *testing.T) {
	f := testFeed()
	f.FromYear, f.ToYear = 1405, 1406
	events := seriesEvents()
	got := icalJS(t, write(t, f, events, nil))
	from, _ := calendar.YearRange(f.FromYear)
	_, to := calendar.YearRange(f.ToYear)
	// The occurrences ical.js lists, per series UID (an occurrence VEVENT
	// names its series in its UID: the first part, up to "-m" or "-h").
	byUID := map[string][]string{}
	for _, g := range got {
		for _, e := range events {
			if g.UID == e.UID || len(g.UID) > len(e.UID) && g.UID[:len(e.UID)-len(uidDomain)] == e.UID[:len(e.UID)-len(uidDomain)] {
				byUID[e.UID] = append(byUID[e.UID], g.Occurrences...)
			}
		}
	}
	for _, e := range events {
		var want []string
		spans := calendar.Official().EventSpans(e, from, to)
		if e.Repeat.Kind != domain.RepeatWeekly {
			spans = calendar.Official().EventStarting(e, from, to)
		}
		for _, s := range spans {
			w := s.Start.ISO()
			if e.StartTime != "" {
				w += "T" + e.StartTime + ":00"
			}
			want = append(want, w)
		}
		if len(want) < 2 {
			t.Fatalf("%s: %d occurrences in the window", e.UID, len(want))
		}
		if !slices.Equal(byUID[e.UID], want) {
			t.Errorf("%s: ical.js reads\n%v\nwant\n%v", e.UID, byUID[e.UID], want)
		}
	}
	// The skipped Saturday and Tuesday are not there; the weekly series
	// ends on its end date, Tuesday 1405/10/15.
	for _, day := range []jalali.Date{jalali.MustNew(1405, 9, 10), jalali.MustNew(1405, 9, 21)} {
		if slices.Contains(byUID["weekly@ruydad"], day.ISO()+"T10:00:00") {
			t.Errorf("the skipped %s is an occurrence", day)
		}
	}
	if w := byUID["weekly@ruydad"]; w[len(w)-1] != jalali.MustNew(1405, 10, 15).ISO()+"T10:00:00" {
		t.Errorf("the weekly series ends on %s", w[len(w)-1])
	}
	if f := byUID["fortnight@ruydad"]; len(f) != 5 || f[1] != jalali.MustNew(1405, 9, 14).ISO() {
		t.Errorf("every other week, 5 times: %v", f)
	}
}

// TestSeriesReadBack: our own feed reads back as the series written (its
// rule, skipped days, first day and UID), once each, whatever VEVENTs it
// took.
func TestSeriesReadBack(t *testing.T) {
	f := testFeed()
	f.FromYear, f.ToYear = 1405, 1407
	events := seriesEvents()
	got, err := Parse(bytes.NewReader(write(t, f, events, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(events) {
		t.Fatalf("read %d events, want %d: %+v", len(got), len(events), got)
	}
	for i, e := range events {
		g := got[i]
		if g.UID != e.UID || g.Repeat != e.Repeat || g.Start != e.Start || g.End != e.End || g.StartTime != e.StartTime || g.Title != e.Title {
			t.Errorf("read back\n%+v\nwant\n%+v", g, e)
		}
	}
}

// TestSeriesOverride: an occurrence of a weekly series moved to another
// day and hour is written under the series' UID with a RECURRENCE-ID, so
// that ical.js (relating it as a calendar app does) shows it where it
// went and not where it was; our own file reads back as the series and the
// event that stands in for the occurrence.
func TestSeriesOverride(t *testing.T) {
	series := seriesEvents()[0] // Saturdays and Tuesdays at 10:00 from Tuesday 1405/09/03
	was, to := jalali.MustNew(1405, 9, 14), jalali.MustNew(1405, 9, 15)
	series.Repeat.Moved = domain.DatesOf(was)
	moved := event("moved@ruydad", "جلسهٔ هفتگی (جابه‌جا)", func(e *domain.Event) {
		e.ID, e.Start, e.End, e.StartTime = 35, to, to, "12:00"
		e.Of = domain.Override{SeriesID: series.ID, SeriesUID: series.UID, Date: was, Time: "10:00", Kind: domain.RepeatWeekly}
	})
	f := testFeed()
	feed := write(t, f, []domain.Event{series, moved}, nil)
	starts := icaljs.Occurrences(t, feed)[series.UID]
	if slices.Contains(starts, was.ISO()+"T10:00:00") || !slices.Contains(starts, to.ISO()+"T12:00:00") {
		t.Errorf("ical.js: the occurrence of %s is not on %s at 12:00: %v", was, to, starts)
	}
	got, err := Parse(bytes.NewReader(feed))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Repeat != series.Repeat || got[1].Start != to || got[1].StartTime != "12:00" ||
		got[1].Of != (domain.Override{SeriesUID: series.UID, Date: was, Time: "10:00", Kind: domain.RepeatWeekly}) || got[1].UID == series.UID {
		t.Errorf("read back: %+v", got)
	}
}
