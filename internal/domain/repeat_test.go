package domain

import (
	"testing"

	"github.com/ruydad/ruydad/internal/jalali"
)

// TestRepeatValidate: each rule of a repeat refuses what it should, on the
// field a form shows it beside; 1405/09/03 is a Tuesday, the first of
// Azar 1405's Tuesdays, and 1405/09/30 its last Monday.
func TestRepeatValidate(t *testing.T) {
	tue, mon := jalali.MustNew(1405, 9, 3), jalali.MustNew(1405, 9, 30)
	weekly := Repeat{Kind: RepeatWeekly, Days: WeekdaysOf(jalali.Saturday, jalali.Tuesday)}
	tests := []struct {
		name  string
		start jalali.Date
		r     Repeat
		field Field
		code  Code // "" for valid
	}{
		{"weekly", tue, weekly, "", ""},
		{"monthly", tue, Repeat{Kind: RepeatMonthly, Interval: 3, Count: 12}, "", ""},
		{"second Monday", jalali.MustNew(1405, 9, 9), Repeat{Kind: RepeatMonthlyWeekday, Nth: 2}, "", ""},
		{"last Monday", mon, Repeat{Kind: RepeatMonthlyWeekday, Nth: LastWeek}, "", ""},
		{"yearly Hijri", tue, Repeat{Kind: RepeatYearlyHijri, Until: jalali.MustNew(1410, 1, 1)}, "", ""},
		{"unknown kind", tue, Repeat{Kind: "daily"}, FieldRepeat, CodeRepeatUnknown},
		{"rules without a repeat", tue, Repeat{Count: 3}, FieldRepeat, CodeRepeatRulesWithoutRepeat},
		{"no weekdays", tue, Repeat{Kind: RepeatWeekly}, FieldRepeatDays, CodeRepeatDaysMissing},
		{"start not on a weekday", tue, Repeat{Kind: RepeatWeekly, Days: WeekdaysOf(jalali.Saturday)}, FieldRepeatDays, CodeRepeatStartNotOnDay},
		{"interval too big", tue, Repeat{Kind: RepeatMonthly, Interval: MaxRepeatInterval + 1}, FieldRepeatInterval, CodeRepeatIntervalRange},
		{"nth unknown", tue, Repeat{Kind: RepeatMonthlyWeekday, Nth: 5}, FieldRepeatNth, CodeRepeatNthUnknown},
		{"start not the nth", tue, Repeat{Kind: RepeatMonthlyWeekday, Nth: 2}, FieldRepeatNth, CodeRepeatStartNotNth},
		{"start not the last", tue, Repeat{Kind: RepeatMonthlyWeekday, Nth: LastWeek}, FieldRepeatNth, CodeRepeatStartNotNth},
		{"until before start", tue, Repeat{Kind: RepeatMonthly, Until: tue.AddDays(-1)}, FieldRepeatUntil, CodeRepeatUntilBeforeStart},
		{"until and count", tue, Repeat{Kind: RepeatMonthly, Until: tue.AddDays(60), Count: 2}, FieldRepeatUntil, CodeRepeatUntilAndCount},
		{"count too big", tue, Repeat{Kind: RepeatMonthly, Count: MaxRepeatCount + 1}, FieldRepeatCount, CodeRepeatCountRange},
		{"undated", jalali.Date{}, Repeat{Kind: RepeatMonthly}, FieldRepeat, CodeRepeatUndated},
	}
	override := Event{Title: "جلسه", Kind: KindMeeting, Start: tue, End: tue, Status: StatusConfirmed,
		Of: Override{SeriesID: 1, SeriesUID: "s@ruydad", Date: tue.AddDays(-1), Time: "10:00", Kind: RepeatWeekly}}
	if err := override.Validate(); err != nil {
		t.Errorf("an override is refused: %v", err)
	}
	for name, bad := range map[string]func(*Event){
		"that repeats":      func(e *Event) { e.Repeat = weekly },
		"without a series":  func(e *Event) { e.Of.SeriesUID = "" },
		"without a day":     func(e *Event) { e.Of.Date = jalali.Date{} },
		"at no time of day": func(e *Event) { e.Of.Time = "25:00" },
	} {
		e := override
		bad(&e)
		v, _ := e.Validate().(ValidationError)
		if fe, ok := v.Get(FieldRepeat); !ok || fe.Code != CodeRepeatOverrideInvalid {
			t.Errorf("an override %s: %v", name, v)
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := Event{Title: "جلسه", Kind: KindMeeting, Start: tt.start, End: tt.start, Status: StatusConfirmed, Repeat: tt.r}
			if tt.start.IsZero() {
				e.Status = StatusProposed
			}
			err := e.Validate()
			if tt.code == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			v, _ := err.(ValidationError)
			if fe, ok := v.Get(tt.field); !ok || fe.Code != tt.code {
				t.Errorf("errors %v, want %s (%s)", err, tt.field, tt.code)
			}
		})
	}
	long := Event{Title: "جلسه", Kind: KindMeeting, Start: tue, End: tue.AddDays(MaxSpanDays), Status: StatusConfirmed, Repeat: weekly}
	if v, _ := long.Validate().(ValidationError); !v.Has(FieldEnd) {
		t.Errorf("a weekly event of %d days validates: %v", MaxSpanDays+1, v)
	}
	long.Repeat = Repeat{Kind: RepeatYearly}
	if err := long.Validate(); err != nil {
		t.Errorf("a yearly event of %d days is refused: %v", MaxSpanDays+1, err)
	}
}

// TestDates: a set of days kept as one comparable string.
func TestDates(t *testing.T) {
	a, b, c := jalali.MustNew(1405, 9, 10), jalali.MustNew(1403, 1, 1), jalali.MustNew(1405, 12, 29)
	s := DatesOf(a, b, a)
	if s != "1403/01/01 1405/09/10" || s.Len() != 2 || !s.Has(a) || !s.Has(b) || s.Has(c) {
		t.Errorf("DatesOf = %q (len %d)", s, s.Len())
	}
	if s = s.With(c); s.Len() != 3 || !s.Has(c) || s.List()[2] != c {
		t.Errorf("With = %q", s)
	}
	var none Dates
	if none.Len() != 0 || none.Has(a) || none.List() != nil {
		t.Errorf("the empty set: %d, %v", none.Len(), none.List())
	}
	r := Repeat{Kind: RepeatWeekly, Interval: 1, Nth: 3, Days: WeekdaysOf(jalali.Monday), Skipped: DatesOf(a)}
	r.Normalize()
	if r != (Repeat{Kind: RepeatWeekly, Days: WeekdaysOf(jalali.Monday), Skipped: DatesOf(a)}) {
		t.Errorf("Normalize = %+v", r)
	}
}
