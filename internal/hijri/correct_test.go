package hijri

import (
	"errors"
	"reflect"
	"testing"

	"github.com/ruydad/ruydad/internal/jalali"
)

func jd(y, m, d int) jalali.Date { return jalali.Date{Year: y, Month: m, Day: d} }

// wantMonth is a month's start and source after corrections.
type wantMonth struct {
	m     Month
	start jalali.Date
	src   Source
}

// The table around the cases below (uncorrected):
//
//	1447/9  1404/11/30 30    1448/1  1405/03/26 30    1448/12 1406/02/18 29
//	1447/10 1405/01/01 29    1448/2  1405/04/25 29    1449/1  1406/03/16 30 (predicted)
//	1447/11 1405/01/30 29    1448/10 1405/12/19 29    1449/2  1406/04/15 29 (predicted)
//	1447/12 1405/02/28 29    1448/11 1406/01/19 30
func TestTableAroundCases(t *testing.T) {
	c := Official()
	for _, w := range []wantMonth{
		{Month{1447, 9}, jd(1404, 11, 30), SourceTable}, {Month{1447, 10}, jd(1405, 1, 1), SourceTable},
		{Month{1447, 11}, jd(1405, 1, 30), SourceTable}, {Month{1447, 12}, jd(1405, 2, 28), SourceTable},
		{Month{1448, 1}, jd(1405, 3, 26), SourceTable}, {Month{1448, 2}, jd(1405, 4, 25), SourceTable},
		{Month{1448, 10}, jd(1405, 12, 19), SourceTable}, {Month{1448, 12}, jd(1406, 2, 18), SourceTable},
		{Month{1449, 1}, jd(1406, 3, 16), SourcePredicted}, {Month{1449, 2}, jd(1406, 4, 15), SourcePredicted},
	} {
		if mi, _ := c.Month(w.m); mi.Start != w.start || mi.Source != w.src {
			t.Errorf("Official %v = %v (%v), the cases assume %v (%v)", w.m, mi.Start, mi.Source, w.start, w.src)
		}
	}
}

func TestWithCorrections(t *testing.T) {
	tests := []struct {
		name string
		cs   []Correction
		want []wantMonth // every other month is as in Official
	}{
		{"a day earlier, no cascade", []Correction{{Month{1447, 10}, jd(1404, 12, 29)}},
			[]wantMonth{{Month{1447, 10}, jd(1404, 12, 29), SourceCorrected}}},
		{"a day later cascades over two 29-day months and realigns", []Correction{{Month{1447, 11}, jd(1405, 1, 31)}},
			[]wantMonth{
				{Month{1447, 11}, jd(1405, 1, 31), SourceCorrected},
				{Month{1447, 12}, jd(1405, 2, 29), SourcePredicted},
				{Month{1448, 1}, jd(1405, 3, 27), SourcePredicted},
			}},
		{"a correction where the cascade goes", []Correction{{Month{1448, 1}, jd(1405, 3, 27)}, {Month{1447, 11}, jd(1405, 1, 31)}},
			[]wantMonth{
				{Month{1447, 11}, jd(1405, 1, 31), SourceCorrected},
				{Month{1447, 12}, jd(1405, 2, 29), SourcePredicted},
				{Month{1448, 1}, jd(1405, 3, 27), SourceCorrected},
			}},
		{"predecessor checked against its correction", []Correction{{Month{1447, 10}, jd(1404, 12, 29)}, {Month{1447, 11}, jd(1405, 1, 29)}},
			[]wantMonth{{Month{1447, 10}, jd(1404, 12, 29), SourceCorrected}, {Month{1447, 11}, jd(1405, 1, 29), SourceCorrected}}},
		{"beyond the table", []Correction{{Month{1449, 1}, jd(1406, 3, 17)}},
			[]wantMonth{{Month{1449, 1}, jd(1406, 3, 17), SourceCorrected}}},
		{"two corrections in a row, then a cascade", []Correction{{Month{1448, 2}, jd(1405, 4, 26)}, {Month{1448, 1}, jd(1405, 3, 27)}},
			[]wantMonth{{Month{1448, 1}, jd(1405, 3, 27), SourceCorrected}, {Month{1448, 2}, jd(1405, 4, 26), SourceCorrected},
				{Month{1448, 3}, jd(1405, 5, 24), SourcePredicted}}},
	}
	official := Official()
	for _, tt := range tests {
		c, err := official.WithCorrections(tt.cs)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		want := map[Month]wantMonth{}
		for _, w := range tt.want {
			want[w.m] = w
		}
		for m := (Month{1447, 1}); m.Index() <= (Month{1450, 12}).Index(); m = m.Add(1) {
			got, _ := c.Month(m)
			w, ok := want[m]
			if !ok {
				base, _ := official.Month(m)
				w = wantMonth{m, base.Start, base.Source}
			}
			if got.Start != w.start || got.Source != w.src {
				t.Errorf("%s: %v = %v (%v), want %v (%v)", tt.name, m, got.Start, got.Source, w.start, w.src)
			}
		}
		checkCalendar(t, c)
		if got := c.Corrections(); len(got) != len(tt.cs) || got[0].Month.Index() > got[len(got)-1].Month.Index() {
			t.Errorf("%s: Corrections() = %v", tt.name, got)
		}
	}
	if len(official.Corrections()) != 0 {
		t.Errorf("Official().Corrections() = %v", official.Corrections())
	}
	if mi, _ := official.Month(Month{1447, 11}); mi.Start != jd(1405, 1, 30) || mi.Source != SourceTable {
		t.Errorf("Official changed: %+v", mi)
	}
}

// checkCalendar checks that every month of c is 29 or 30 days long and
// that the supported days still convert.
func checkCalendar(t *testing.T, c *Calendar) {
	t.Helper()
	for i := range c.sources {
		if l := c.starts[i+1] - c.starts[i]; l != 29 && l != 30 {
			t.Fatalf("%v has %d days", MonthAt(c.first+i), l)
		}
	}
	first, last := supportedDays()
	for _, n := range []int{first, last} {
		if h, _ := c.FromJalali(jalali.FromOrdinal(n)); h.IsZero() {
			t.Errorf("FromJalali(%v) is zero", jalali.FromOrdinal(n))
		}
	}
}

func TestWithCorrectionsRefused(t *testing.T) {
	tests := []struct {
		name        string
		cs          []Correction
		want        CorrectionError
		english, fa string // checked when not empty
	}{
		{"month before too short", []Correction{{Month{1447, 10}, jd(1404, 12, 28)}},
			CorrectionError{Month: Month{1447, 10}, Start: jd(1404, 12, 28), Reason: ReasonLength, Other: Month{1447, 9}, Days: 28},
			"hijri: correction of 1447/10 to 1404/12/28: 1447/9 would have 28 days; a lunar month has 29 or 30",
			"ماه رمضان ۱۴۴۷ با این تغییر ۲۸ روز می\u200cشود؛ ماه قمری ۲۹ یا ۳۰ روز است."},
		{"month before too long", []Correction{{Month{1447, 10}, jd(1405, 1, 2)}},
			CorrectionError{Month: Month{1447, 10}, Start: jd(1405, 1, 2), Reason: ReasonLength, Other: Month{1447, 9}, Days: 31},
			"", "ماه رمضان ۱۴۴۷ با این تغییر ۳۱ روز می\u200cشود؛ ماه قمری ۲۹ یا ۳۰ روز است."},
		{"month before corrected too", []Correction{{Month{1447, 10}, jd(1404, 12, 29)}, {Month{1447, 11}, jd(1405, 1, 28)}},
			CorrectionError{Month: Month{1447, 11}, Start: jd(1405, 1, 28), Reason: ReasonLength, Other: Month{1447, 10}, Days: 28},
			"", "ماه شوال ۱۴۴۷ با این تغییر ۲۸ روز می\u200cشود؛ ماه قمری ۲۹ یا ۳۰ روز است."},
		{"too far", []Correction{{Month{1448, 10}, jd(1405, 12, 22)}},
			CorrectionError{Month: Month{1448, 10}, Start: jd(1405, 12, 22), Reason: ReasonTooFar, Base: jd(1405, 12, 19)},
			"hijri: correction of 1448/10 to 1405/12/22: the start is more than 2 days from the official start 1405/12/19",
			"آغاز شوال ۱۴۴۸ بیش از دو روز با تقویم رسمی فاصله دارد."},
		{"same month twice", []Correction{{Month{1449, 1}, jd(1406, 3, 17)}, {Month{1449, 1}, jd(1406, 3, 16)}},
			CorrectionError{Month: Month{1449, 1}, Start: jd(1406, 3, 16), Reason: ReasonDuplicate},
			"hijri: correction of 1449/1 to 1406/03/16: the month is corrected more than once",
			"برای محرم ۱۴۴۹ بیش از یک اصلاح آمده است."},
		{"conflict", []Correction{{Month{1448, 2}, jd(1405, 4, 24)}, {Month{1447, 11}, jd(1405, 1, 31)}},
			CorrectionError{Month: Month{1448, 2}, Start: jd(1405, 4, 24), Reason: ReasonConflict, Other: Month{1448, 1}, Days: 28, With: Month{1447, 11}},
			"hijri: correction of 1448/2 to 1405/04/24: conflicts with the correction of 1447/11: 1448/1 would have 28 days; a lunar month has 29 or 30",
			"اصلاح صفر ۱۴۴۸ با اصلاح ذی\u200cالقعده ۱۴۴۷ نمی\u200cخواند: ماه محرم ۱۴۴۸ ۲۸ روز می\u200cشود؛ ماه قمری ۲۹ یا ۳۰ روز است."},
		{"before the range", []Correction{{Month{1, 1}, jd(1405, 1, 1)}},
			CorrectionError{Month: Month{1, 1}, Start: jd(1405, 1, 1), Reason: ReasonOutOfRange},
			"hijri: correction of 1/1 to 1405/01/01: the month is outside the calendar", "ماه محرم ۱ بیرون از بازهٔ تقویم است."},
		{"not a month", []Correction{{Month{1448, 13}, jd(1405, 1, 1)}},
			CorrectionError{Month: Month{1448, 13}, Start: jd(1405, 1, 1), Reason: ReasonOutOfRange},
			"", "ماه ۱۴۴۸/۱۳ بیرون از بازهٔ تقویم است."},
		{"no start", []Correction{{Month: Month{1449, 1}}},
			CorrectionError{Month: Month{1449, 1}, Reason: ReasonBadStart},
			"hijri: correction of 1449/1 to no date: the start is not a supported Jalali date",
			"تاریخ آغاز محرم ۱۴۴۹ روزی معتبر از تقویم شمسی نیست."},
		{"no such day", []Correction{{Month{1448, 10}, jd(1405, 12, 31)}},
			CorrectionError{Month: Month{1448, 10}, Start: jd(1405, 12, 31), Reason: ReasonBadStart}, "", ""},
	}
	for _, tt := range tests {
		c, err := Official().WithCorrections(tt.cs)
		var ce *CorrectionError
		if !errors.As(err, &ce) || c != nil {
			t.Errorf("%s: WithCorrections = %v, %v; want a *CorrectionError", tt.name, c, err)
			continue
		}
		if !reflect.DeepEqual(*ce, tt.want) {
			t.Errorf("%s: error %+v, want %+v", tt.name, *ce, tt.want)
		}
		if tt.english != "" && ce.Error() != tt.english {
			t.Errorf("%s: Error() = %q, want %q", tt.name, ce.Error(), tt.english)
		}
		if tt.fa != "" && ce.Persian() != tt.fa {
			t.Errorf("%s: Persian() = %q, want %q", tt.name, ce.Persian(), tt.fa)
		}
	}
}

func TestWithCorrectionsAdds(t *testing.T) {
	a := Correction{Month{1447, 11}, jd(1405, 1, 31)}
	b := Correction{Month{1448, 1}, jd(1405, 3, 27)}
	c1, err := Official().WithCorrections([]Correction{a})
	if err != nil {
		t.Fatal(err)
	}
	c2, err := c1.WithCorrections([]Correction{b})
	if err != nil {
		t.Fatal(err)
	}
	both, err := Official().WithCorrections([]Correction{b, a})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c2.starts, both.starts) || !reflect.DeepEqual(c2.sources, both.sources) {
		t.Error("adding corrections one at a time differs from adding them together")
	}
	if got := c2.Corrections(); !reflect.DeepEqual(got, []Correction{a, b}) {
		t.Errorf("Corrections() = %v", got)
	}
	c2.Corrections()[0].Start = jd(1300, 1, 1)
	if got := c2.Corrections()[0]; got != a {
		t.Errorf("Corrections() shares its slice: %v", got)
	}
	if same, err := c1.WithCorrections(nil); err != nil || !reflect.DeepEqual(same.starts, c1.starts) ||
		!reflect.DeepEqual(same.Corrections(), c1.Corrections()) {
		t.Errorf("WithCorrections(nil) = %v, %v", same, err)
	}
	if _, err := c1.WithCorrections([]Correction{a}); err == nil {
		t.Error("correcting a corrected month again succeeded")
	}
	if mi, _ := c1.Month(b.Month); mi.Source != SourcePredicted {
		t.Errorf("c1 changed: %+v", mi)
	}
}

// TestCorrectionsAtTheEdges moves the months at the ends of the Range. The
// first month begins before jalali.MinYear, so a correction cannot name its
// start; the second can.
func TestCorrectionsAtTheEdges(t *testing.T) {
	first, last := Official().Range()
	for _, m := range []Month{first, first.Add(1), last} {
		base, _ := Official().Month(m)
		accepted := 0
		for delta := -margin; delta <= margin; delta++ {
			start := base.Start.AddDays(delta)
			c, err := Official().WithCorrections([]Correction{{m, start}})
			var ce *CorrectionError
			switch {
			case errors.As(err, &ce) && ce.Reason == ReasonBadStart && start.Year < jalali.MinYear:
			case errors.As(err, &ce) && ce.Reason == ReasonLength:
			case err != nil:
				t.Fatalf("%v %+d: %v", m, delta, err)
			default:
				accepted++
				checkCalendar(t, c)
			}
		}
		if m != first && accepted < 2 {
			t.Errorf("%v: %d corrections accepted", m, accepted)
		}
	}
}
