package ical

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// expandKept returns p's events as expand would have made them had every
// series been expanded: each series kept whole (Parsed.Kept) as one event
// per occurrence the calendar gives it (over p's window only when it has
// no end or more than MaxOccurrences), under the instance's UID, the event
// standing in for a moved occurrence in its place. It checks that a kept
// series says what its rule said, against the same expectations (and
// ical.js) as the expanded ones.
func expandKept(t *testing.T, p Parsed) []domain.Event {
	t.Helper()
	cal := calendar.Official()
	standIn := map[string]domain.Event{} // by series UID and day
	for _, e := range p.Events {
		if !e.Of.IsZero() && !e.Repeats() && !isOurs(e) {
			standIn[e.Of.SeriesUID+" "+e.Of.Date.String()] = e
		}
	}
	var out []domain.Event
	for _, e := range p.Events {
		switch {
		case isOurs(e) || e.Repeat.Kind != domain.RepeatWeekly && e.Of.IsZero():
			out = append(out, e)
		case e.Repeats():
			first, _ := calendar.YearRange(jalali.MinYear)
			_, last := calendar.YearRange(jalali.MaxYear)
			all := cal.EventStarting(withMoved(e), first, last)
			if e.Repeat.Until.IsZero() && e.Repeat.Count == 0 || len(all) > MaxOccurrences {
				first, _ = calendar.YearRange(p.FromYear)
				_, last = calendar.YearRange(p.ToYear)
				all = cal.EventStarting(withMoved(e), first, last)
			}
			for _, s := range all {
				if o, ok := standIn[e.UID+" "+s.Start.String()]; ok {
					o.Of = domain.Override{}
					out = append(out, o)
					continue
				}
				occ := e
				occ.Repeat = domain.Repeat{}
				occ.Start, occ.End = s.Start, s.End
				occ.UID = instanceUID(e.UID, keyOf(e, s.Start))
				out = append(out, occ)
			}
		}
	}
	return out
}

// isOurs reports whether e came from one of our own feeds.
func isOurs(e domain.Event) bool {
	return len(e.UID) > len(uidDomain) && e.UID[len(e.UID)-len(uidDomain):] == uidDomain
}

// withMoved returns series e with its moved days back in.
func withMoved(e domain.Event) domain.Event {
	e.Repeat.Moved = ""
	return e
}

// keyOf is the instance key (RECURRENCE-ID) of e's occurrence on day.
func keyOf(e domain.Event, day jalali.Date) string {
	y, m, d := day.Gregorian()
	if e.StartTime == "" {
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Format("20060102")
	}
	at, _ := time.ParseInLocation("2006-01-02 15:04", time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Format("2006-01-02")+" "+e.StartTime, jalali.Tehran)
	return at.UTC().Format(utcFormat)
}

// TestKeptSeriesKeepsItsOverrides: a weekly Google series is one event
// with its EXDATE skipped and its moved instance an event naming it.
func TestKeptSeriesKeepsItsOverrides(t *testing.T) {
	in := vcalendar(
		"UID:w@google.com\r\nSUMMARY:جلسه\r\nDTSTART;TZID=Asia/Tehran:20240518T100000\r\nDTEND;TZID=Asia/Tehran:20240518T110000\r\n"+
			"RRULE:FREQ=WEEKLY;COUNT=4\r\nEXDATE;TZID=Asia/Tehran:20240525T100000\r\n",
		"UID:w@google.com\r\nRECURRENCE-ID;TZID=Asia/Tehran:20240601T100000\r\nSUMMARY:جلسه (جابه‌جا)\r\n"+
			"DTSTART;TZID=Asia/Tehran:20240602T090000\r\nDTEND;TZID=Asia/Tehran:20240602T100000\r\n")
	p, err := ParseWith(strings.NewReader(in), Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if p.Kept != 1 || p.Series != 0 || len(p.Events) != 2 {
		t.Fatalf("kept %d, series %d, %d events", p.Kept, p.Series, len(p.Events))
	}
	s, o := p.Events[0], p.Events[1]
	want := domain.Repeat{Kind: domain.RepeatWeekly, Days: domain.WeekdaysOf(jalali.Saturday), Count: 4,
		Skipped: domain.DatesOf(jalali.MustNew(1403, 3, 5)), Moved: domain.DatesOf(jalali.MustNew(1403, 3, 12))}
	if s.UID != "w@google.com" || s.Repeat != want {
		t.Errorf("series %s %+v, want %+v", s.UID, s.Repeat, want)
	}
	if o.UID != "w-20240601T063000Z@google.com" || o.Of != (domain.Override{SeriesUID: "w@google.com", Date: jalali.MustNew(1403, 3, 12), Time: "10:00", Kind: domain.RepeatWeekly}) ||
		o.Start != jalali.MustNew(1403, 3, 13) || o.StartTime != "09:00" {
		t.Errorf("override %s %+v on %s %s", o.UID, o.Of, o.Start, o.StartTime)
	}
	if got := expandKept(t, p); len(got) != 3 || !slices.ContainsFunc(got, func(e domain.Event) bool { return e.Title == "جلسه (جابه‌جا)" }) {
		t.Errorf("expanded %d events", len(got))
	}
}

// TestKeptJalaliRules: RSCALE=PERSIAN rules (RFC 7529) a monthly or
// yearly series of ours says become one such series, with their count,
// end, EXDATEs and moved occurrences; others are refused, saying why.
func TestKeptJalaliRules(t *testing.T) {
	parse := func(bodies ...string) Parsed {
		t.Helper()
		p, err := ParseWith(strings.NewReader(vcalendar(bodies...)), Options{Now: testNow, SkipFaulty: true})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	d := jalali.MustNew
	for _, tc := range []struct {
		name, body string
		want       domain.Repeat
	}{
		// 16 May 2024 is 27 Ordibehesht 1403, a Thursday, the 4th of the month.
		{"monthly on its day", "DTSTART;VALUE=DATE:20240516\r\nRRULE:RSCALE=PERSIAN;FREQ=MONTHLY;BYMONTHDAY=27;COUNT=6\r\nEXDATE;VALUE=DATE:20240616\r\n",
			domain.Repeat{Kind: domain.RepeatMonthly, Count: 6, Skipped: domain.DatesOf(d(1403, 3, 27))}},
		{"every other month until", "DTSTART;TZID=Asia/Tehran:20240516T100000\r\nRRULE:RSCALE=PERSIAN;FREQ=MONTHLY;INTERVAL=2;UNTIL=20250101T000000Z\r\n",
			domain.Repeat{Kind: domain.RepeatMonthly, Interval: 2, Until: d(1403, 10, 11)}},
		// A timed series' EXDATE given as a date takes out that day's
		// occurrence (as on a Gregorian series, see excluded).
		{"timed, a date taken out", "DTSTART;TZID=Asia/Tehran:20240516T100000\r\nRRULE:RSCALE=PERSIAN;FREQ=MONTHLY;COUNT=4\r\nEXDATE;VALUE=DATE:20240616,20240617\r\n",
			domain.Repeat{Kind: domain.RepeatMonthly, Count: 4, Skipped: domain.DatesOf(d(1403, 3, 27))}},
		{"the 4th Thursday", "DTSTART;VALUE=DATE:20240516\r\nRRULE:RSCALE=PERSIAN;FREQ=MONTHLY;BYDAY=4TH\r\n",
			domain.Repeat{Kind: domain.RepeatMonthlyWeekday, Nth: 4}},
		{"yearly three times", "DTSTART;VALUE=DATE:20240516\r\nRRULE:RSCALE=PERSIAN;FREQ=YEARLY;COUNT=3\r\n",
			domain.Repeat{Kind: domain.RepeatYearly, Count: 3}},
	} {
		p := parse("UID:j@x\r\nSUMMARY:جلالی\r\n" + tc.body)
		if p.Kept != 1 || len(p.Events) != 1 || p.Events[0].Repeat != tc.want {
			t.Errorf("%s: kept %d, %+v, want %+v (refused %v)", tc.name, p.Kept, p.Events, tc.want, p.Refused)
		}
	}
	p := parse("UID:m@x\r\nSUMMARY:ماهانه\r\nDTSTART;VALUE=DATE:20240516\r\nRRULE:RSCALE=PERSIAN;FREQ=MONTHLY\r\n",
		"UID:m@x\r\nRECURRENCE-ID;VALUE=DATE:20240616\r\nSUMMARY:ماهانه (جابه‌جا)\r\nDTSTART;VALUE=DATE:20240618\r\n")
	if len(p.Events) != 2 || p.Events[0].Repeat.Moved != domain.DatesOf(d(1403, 3, 27)) ||
		p.Events[1].Of != (domain.Override{SeriesUID: "m@x", Date: d(1403, 3, 27), Kind: domain.RepeatMonthly}) {
		t.Errorf("moved: %+v", p.Events)
	}
	p = parse("UID:s@x\r\nSUMMARY:سی‌ویکم\r\nDTSTART;VALUE=DATE:20240520\r\nRRULE:RSCALE=PERSIAN;FREQ=MONTHLY\r\n")
	if len(p.Refused) != 1 || !strings.Contains(p.Refused[0].Error(), "SKIP=OMIT") || !strings.Contains(p.Refused[0].Persian(), "روز آخر آن ماه‌ها") {
		t.Errorf("the 31st without SKIP=BACKWARD: %v", p.Refused)
	}
}

// TestKeptSeriesOnTheWindowsEdge: an endless all-day weekly series whose
// weekday is that of the day after the window (1 Farvardin 1414, a
// Wednesday) is kept: it is checked up to the window's last day, not to
// the midnight after it, which UNTIL would count.
func TestKeptSeriesOnTheWindowsEdge(t *testing.T) {
	p, err := ParseWith(strings.NewReader(vcalendar("UID:wed@x\r\nSUMMARY:چهارشنبه‌ها\r\nDTSTART;VALUE=DATE:20240515\r\nRRULE:FREQ=WEEKLY\r\n")),
		Options{Now: testNow, SkipFaulty: true})
	if err != nil || p.Kept != 1 || len(p.Events) != 1 || len(p.Expanded) != 0 {
		t.Errorf("%v: kept %d, %d events, expanded %v", err, p.Kept, len(p.Events), p.Expanded)
	}
}
