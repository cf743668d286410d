package calendar

import (
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

func d(y, m, day int) jalali.Date { return jalali.MustNew(y, m, day) }

func jalaliDay(m, day, n int) domain.Recurrence {
	return domain.Recurrence{Calendar: domain.CalJalali, Rule: domain.RuleDate, Month: m, Day: day, Length: n}
}

func occasion(key, name string, r domain.Recurrence) domain.Occasion {
	o := domain.Occasion{Key: key, Name: name}
	o.Recurrence = r
	return o
}

// TestEventIn: a yearly event's occurrence in a year keeps its first
// occurrence's month, day and length.
func TestEventIn(t *testing.T) {
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
			e := domain.Event{Start: tt.start, End: tt.end, Repeat: domain.Repeat{Kind: domain.RepeatYearly}}
			sp, ok := Official().EventIn(e, tt.year)
			if ok != (tt.want != none) || [2]jalali.Date{sp.Start, sp.End} != tt.want {
				t.Errorf("EventIn(%d) = %s, %v; want %s, %s", tt.year, sp, ok, tt.want[0], tt.want[1])
			}
		})
	}
}

func TestCovers(t *testing.T) {
	once := domain.Event{Start: d(1403, 6, 2), End: d(1403, 6, 8)}
	nowruz := domain.Event{Start: d(1403, 12, 29), End: d(1404, 1, 2), Repeat: domain.Repeat{Kind: domain.RepeatYearly}}
	leapDay := domain.Event{Start: d(1403, 12, 30), End: d(1403, 12, 30), Repeat: domain.Repeat{Kind: domain.RepeatYearly}}
	tests := []struct {
		e    domain.Event
		day  jalali.Date
		want bool
	}{
		{once, d(1403, 6, 1), false},
		{once, d(1403, 6, 2), true},
		{once, d(1403, 6, 8), true},
		{once, d(1403, 6, 9), false},
		{once, d(1404, 6, 5), false},
		{domain.Event{}, d(1403, 6, 5), false},
		{nowruz, d(1403, 12, 29), true},
		{nowruz, d(1403, 12, 30), true},
		{nowruz, d(1404, 12, 29), true},
		{nowruz, d(1404, 1, 1), true}, // the first occurrence's Farvardin days
		{nowruz, d(1404, 1, 2), true},
		{nowruz, d(1405, 1, 3), true}, // 1404's occurrence, after a 29-day Esfand
		{nowruz, d(1405, 1, 4), false},
		{domain.Event{Start: d(1403, 6, 2)}, d(1403, 6, 2), true}, // no End: one day
		{domain.Event{Start: d(1403, 6, 2)}, d(1403, 6, 3), false},
		{nowruz, d(1404, 12, 28), false},
		{nowruz, d(1402, 12, 29), false}, // before its first year
		{leapDay, d(1408, 12, 30), true},
		{leapDay, d(1404, 12, 29), false},
	}
	for _, tt := range tests {
		if got := Official().Covers(tt.e, tt.day); got != tt.want {
			t.Errorf("%s–%s (yearly %v).Covers(%s) = %v, want %v", tt.e.Start, tt.e.End, tt.e.Repeats(), tt.day, got, tt.want)
		}
	}
}

func TestOccurrence(t *testing.T) {
	pr := domain.Event{Title: "روز روابط عمومی", Start: d(1403, 2, 27), End: d(1403, 2, 27), Repeat: domain.Repeat{Kind: domain.RepeatYearly}}
	nowruz := domain.Event{Title: "جشنواره نوروزی", Start: d(1403, 12, 29), End: d(1404, 1, 2), Repeat: domain.Repeat{Kind: domain.RepeatYearly}}
	once := domain.Event{Title: "همایش", Start: d(1403, 6, 2), End: d(1403, 6, 8)}
	tests := []struct {
		name     string
		e        domain.Event
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
		{"undated", domain.Event{Title: "x"}, d(1403, 1, 1), d(1404, 1, 1), [2]jalali.Date{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Official().EventOccurrence(tt.e, tt.from, tt.to)
			if ok != !tt.want[0].IsZero() {
				t.Fatalf("Occurrence(%s, %s) ok = %v, want %v", tt.from, tt.to, ok, !ok)
			}
			if ok && ([2]jalali.Date{got.Start, got.End} != tt.want || got.Title != tt.e.Title) {
				t.Errorf("Occurrence(%s, %s) = %q %s–%s, want %q %s–%s", tt.from, tt.to, got.Title, got.Start, got.End, tt.e.Title, tt.want[0], tt.want[1])
			}
		})
	}
}

// TestInJalaliDate: an occasion on a Jalali month and day, one day or a
// span, in a year.
func TestInJalaliDate(t *testing.T) {
	none := [2]jalali.Date{}
	tests := []struct {
		name              string
		month, day, n, yr int
		want              [2]jalali.Date
	}{
		{"PR day 1403", 2, 27, 1, 1403, [2]jalali.Date{d(1403, 2, 27), d(1403, 2, 27)}},
		{"PR day 1404", 2, 27, 1, 1404, [2]jalali.Date{d(1404, 2, 27), d(1404, 2, 27)}},
		{"length 0 counts as one day", 2, 27, 0, 1404, [2]jalali.Date{d(1404, 2, 27), d(1404, 2, 27)}},
		{"Government Week", 6, 2, 7, 1404, [2]jalali.Date{d(1404, 6, 2), d(1404, 6, 8)}},
		{"Sacred Defence Week over a month end", 6, 31, 7, 1403, [2]jalali.Date{d(1403, 6, 31), d(1403, 7, 6)}},
		{"Nowruz", 1, 1, 4, 1404, [2]jalali.Date{d(1404, 1, 1), d(1404, 1, 4)}},
		{"30 Esfand in leap 1403", 12, 30, 1, 1403, [2]jalali.Date{d(1403, 12, 30), d(1403, 12, 30)}},
		{"30 Esfand in common 1404", 12, 30, 1, 1404, none},
		{"a week over Nowruz after a 30-day Esfand", 12, 25, 7, 1403, [2]jalali.Date{d(1403, 12, 25), d(1404, 1, 1)}},
		{"a week over Nowruz after a 29-day Esfand", 12, 25, 7, 1404, [2]jalali.Date{d(1404, 12, 25), d(1405, 1, 2)}},
		{"a year out of range", 2, 27, 1, 999, none},
	}
	for _, tt := range tests {
		r := domain.Recurrence{Calendar: domain.CalJalali, Rule: domain.RuleDate, Month: tt.month, Day: tt.day, Length: tt.n}
		sp, ok := Official().In(r, tt.yr)
		if ok != (tt.want != none) || [2]jalali.Date{sp.Start, sp.End} != tt.want {
			t.Errorf("%s: In(%d) = %s, %v; want %s, %s", tt.name, tt.yr, sp, ok, tt.want[0], tt.want[1])
		}
	}
}

func TestDuplicatesOccasion(t *testing.T) {
	occs := []domain.Occasion{
		occasion("pr-day", "روز ملی ارتباطات و روابط عمومی", jalaliDay(2, 27, 1)),
		occasion("government-week", "هفته دولت", jalaliDay(6, 2, 7)),
		occasion("leap-day", "سی اسفند", jalaliDay(12, 30, 1)),
		occasion("ashura", "عاشورای حسینی", domain.Recurrence{Calendar: domain.CalHijri, Rule: domain.RuleDate, Month: 1, Day: 10, Length: 1}),
	}
	ev := func(key string, start, end jalali.Date) domain.Event {
		return domain.Event{Title: "رویداد", Kind: domain.KindOccasion, Status: domain.StatusConfirmed, Occasion: key, Start: start, End: end}
	}
	pr := ev("pr-day", d(1403, 2, 27), d(1403, 2, 27))
	with := func(e domain.Event, edit func(*domain.Event)) domain.Event { edit(&e); return e }
	tests := []struct {
		name string
		e    domain.Event
		want string // key of the occasion repeated, "" for none
	}{
		{"PR day 1403", pr, "pr-day"},
		{"PR day 1410", ev("pr-day", d(1410, 2, 27), d(1410, 2, 27)), "pr-day"},
		{"yearly PR day", with(pr, func(e *domain.Event) { e.Repeat = domain.Repeat{Kind: domain.RepeatYearly} }), "pr-day"},
		{"Government Week", ev("government-week", d(1404, 6, 2), d(1404, 6, 8)), "government-week"},
		{"30 Esfand 1403", ev("leap-day", d(1403, 12, 30), d(1403, 12, 30)), "leap-day"},
		{"proposed", with(pr, func(e *domain.Event) { e.Status = domain.StatusProposed }), ""},
		{"rejected", with(pr, func(e *domain.Event) { e.Status = domain.StatusRejected }), ""},
		{"a ceremony for the occasion", with(pr, func(e *domain.Event) { e.Kind = domain.KindCeremony }), ""},
		{"the day before", ev("pr-day", d(1403, 2, 26), d(1403, 2, 26)), ""},
		{"two days", ev("pr-day", d(1403, 2, 27), d(1403, 2, 28)), ""},
		{"one day of Government Week", ev("government-week", d(1404, 6, 2), d(1404, 6, 2)), ""},
		{"29 Esfand 1404 for 30 Esfand", ev("leap-day", d(1404, 12, 29), d(1404, 12, 29)), ""},
		{"unknown key", ev("teacher-day", d(1403, 2, 27), d(1403, 2, 27)), ""},
		{"no key", ev("", d(1403, 2, 27), d(1403, 2, 27)), ""},
		{"Ashura 1446 (26 Tir 1403)", ev("ashura", d(1403, 4, 26), d(1403, 4, 26)), "ashura"},
		{"Ashura on 10 Muharram's Jalali day a year on", ev("ashura", d(1404, 4, 26), d(1404, 4, 26)), ""},
		{"undated", ev("pr-day", jalali.Date{}, jalali.Date{}), ""},
	}
	for _, tt := range tests {
		o, dup := Official().DuplicatesOccasion(tt.e, occs)
		if dup != (tt.want != "") || (dup && o.Key != tt.want) {
			t.Errorf("%s: DuplicatesOccasion = %q, %v; want %q", tt.name, o.Key, dup, tt.want)
		}
	}
	if _, dup := Official().DuplicatesOccasion(pr, nil); dup {
		t.Error("DuplicatesOccasion with no catalogue = true")
	}
}
