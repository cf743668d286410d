package hijri

import (
	"errors"
	"testing"

	"github.com/ruydad/ruydad/internal/jalali"
)

// supportedDays returns the day numbers of jalali.MinYear/1/1 and
// jalali.MaxYear/12/end, computed through package jalali.
func supportedDays() (first, last int) {
	end := jalali.Date{Year: jalali.MaxYear, Month: 12, Day: jalali.MonthLength(jalali.MaxYear, 12)}
	return jalali.MustNew(jalali.MinYear, 1, 1).Ordinal(), end.Ordinal()
}

// roundTrip walks the days from..to: each converts to Hijri and back, the
// Hijri day advances by one or starts a month on a month start, and each
// day's Source is want (or SourcePredicted outside the table when want is 0).
func roundTrip(t *testing.T, c *Calendar, from, to int, want Source) {
	t.Helper()
	tFirst, tLast := c.Table()
	var prev Date
	for n := from; n <= to; n++ {
		j := jalali.FromOrdinal(n)
		h, src := c.FromJalali(j)
		m := h.MonthOf()
		w := want
		if w == 0 {
			w = SourcePredicted
			if m.Index() >= tFirst.Index() && m.Index() <= tLast.Index() {
				w = SourceTable
			}
		}
		if src != w {
			t.Fatalf("FromJalali(%v) = %v, %v; want source %v", j, h, src, w)
		}
		back, err := c.ToJalali(h)
		if err != nil || back != j {
			t.Fatalf("ToJalali(FromJalali(%v) = %v) = %v, %v", j, h, back, err)
		}
		mi, _ := c.Month(m)
		switch {
		case n == from:
		case h.Day == 1:
			if prev.MonthOf().Add(1) != m || mi.Start != j {
				t.Fatalf("%v (%v) follows %v", h, j, prev)
			}
		case h != Date{prev.Year, prev.Month, prev.Day + 1}:
			t.Fatalf("%v (%v) follows %v", h, j, prev)
		}
		prev = h
	}
}

func TestRoundTripTable(t *testing.T) {
	c := Official()
	tb := embeddedTable()
	first, last := c.Table()
	lastInfo, _ := c.Month(last)
	end, _ := dayNumber(lastInfo.End())
	if first.Index() != tb.first {
		t.Fatalf("Table() = %v..%v, table starts at %v", first, last, MonthAt(tb.first))
	}
	roundTrip(t, c, int(tb.starts[0]), end, SourceTable)
}

func TestRoundTripRange(t *testing.T) {
	if testing.Short() {
		t.Skip("walks 730,000 days")
	}
	first, last := supportedDays()
	roundTrip(t, Official(), first, last, 0)
}

func TestMonthLengths(t *testing.T) {
	c := Official()
	first, last := c.Range()
	tFirst, tLast := c.Table()
	for m := first; m.Index() <= last.Index(); m = m.Add(1) {
		mi, ok := c.Month(m)
		if !ok || (mi.Length != 29 && mi.Length != 30) {
			t.Fatalf("Month(%v) = %+v, %v", m, mi, ok)
		}
		inTable := m.Index() >= tFirst.Index() && m.Index() <= tLast.Index()
		if inTable != (mi.Source == SourceTable) || inTable == mi.Source.Provisional() {
			t.Errorf("Month(%v).Source = %v", m, mi.Source)
		}
		if next, ok := c.Month(m.Add(1)); ok && next.Start != mi.End().AddDays(1) {
			t.Errorf("%v ends %v, %v starts %v", m, mi.End(), next.Month, next.Start)
		}
	}
}

func TestRange(t *testing.T) {
	c := Official()
	first, last := c.Range()
	if n := last.Index() - first.Index() + 1; n < 24000 || n > 26000 {
		t.Errorf("Range() = %v..%v, %d months", first, last, n)
	}
	if _, ok := c.Month(first.Add(-1)); ok {
		t.Errorf("Month(%v) before Range() exists", first.Add(-1))
	}
	if _, ok := c.Month(last.Add(1)); ok {
		t.Errorf("Month(%v) after Range() exists", last.Add(1))
	}
	minDay, maxDay := supportedDays()
	fi, _ := c.Month(first)
	la, _ := c.Month(last)
	if n := fi.Start.Ordinal(); n > minDay-margin || n+fi.Length <= minDay-margin {
		t.Errorf("first month %v starts %v: not %d days before the first supported day or not the last such", first, fi.Start, margin)
	}
	if n := la.End().Ordinal(); n < maxDay+margin || n-la.Length >= maxDay+margin {
		t.Errorf("last month %v ends %v: not %d days after the last supported day or not the first such", last, la.End(), margin)
	}
	if first, last := c.Table(); first != (Month{1265, 1}) || last != (Month{1448, 12}) {
		t.Errorf("Table() = %v..%v", first, last)
	}
}

func TestFromJalaliOutside(t *testing.T) {
	c := Official()
	for _, d := range []jalali.Date{
		{}, {Year: 999, Month: 12, Day: 29}, {Year: 3001, Month: 1, Day: 1}, {Year: 1404, Month: 12, Day: 30},
		{Year: 1403, Month: 13, Day: 1}, {Year: 1403, Month: 7, Day: 31}, {Year: 1403, Month: 1, Day: 0},
	} {
		if h, src := c.FromJalali(d); !h.IsZero() || src != 0 {
			t.Errorf("FromJalali(%v) = %v, %v; want zero", d, h, src)
		}
	}
	if h, _ := c.FromJalali(jalali.Date{Year: 1403, Month: 12, Day: 30}); h.IsZero() {
		t.Error("FromJalali(1403/12/30) is zero; 1403 is leap")
	}
}

func TestToJalaliErrors(t *testing.T) {
	c := Official()
	first, last := c.Range()
	short := Month{1447, 8} // Sha'ban 1447 has 29 days in the table
	if mi, _ := c.Month(short); mi.Length != 29 {
		t.Fatalf("%v has %d days", short, mi.Length)
	}
	for _, d := range []Date{
		{}, {1446, 1, 0}, {1446, 1, 31}, {short.Year, short.Month, 30}, {1446, 13, 1}, {1446, 0, 1},
		{first.Year, first.Month, 1}, {last.Year, last.Month, 29}, {1, 1, 1}, {last.Year + 1, 1, 1},
	} {
		if j, err := c.ToJalali(d); !errors.Is(err, ErrInvalid) {
			t.Errorf("ToJalali(%v) = %v, %v; want ErrInvalid", d, j, err)
		}
	}
}

func TestMonths(t *testing.T) {
	c := Official()
	from, to := jalali.MustNew(1403, 1, 1), jalali.MustNew(1403, 12, 30)
	ms := c.Months(from, to)
	if len(ms) != 13 {
		t.Fatalf("Months(%v, %v) = %d months", from, to, len(ms))
	}
	if h, _ := c.FromJalali(from); ms[0].Month != h.MonthOf() {
		t.Errorf("first month %v, %v is in %v", ms[0].Month, from, h.MonthOf())
	}
	if h, _ := c.FromJalali(to); ms[len(ms)-1].Month != h.MonthOf() {
		t.Errorf("last month %v, %v is in %v", ms[len(ms)-1].Month, to, h.MonthOf())
	}
	for k := 1; k < len(ms); k++ {
		if ms[k].Month != ms[k-1].Month.Add(1) || ms[k].Start != ms[k-1].End().AddDays(1) {
			t.Errorf("%+v follows %+v", ms[k], ms[k-1])
		}
	}
	if got := c.Months(from, from); len(got) != 1 {
		t.Errorf("Months of one day = %v", got)
	}
	if got := c.Months(to, from); got != nil {
		t.Errorf("Months(to, from) = %v", got)
	}
	if got := c.Months(jalali.Date{}, to); got != nil {
		t.Errorf("Months(zero, to) = %v", got)
	}
}

func TestSource(t *testing.T) {
	tests := []struct {
		s           Source
		provisional bool
		str         string
	}{
		{SourceTable, false, "table"}, {SourceCorrected, false, "corrected"},
		{SourcePredicted, true, "predicted"}, {0, false, "Source(0)"},
	}
	for _, tt := range tests {
		if tt.s.Provisional() != tt.provisional || tt.s.String() != tt.str {
			t.Errorf("%d: Provisional %v, String %q", tt.s, tt.s.Provisional(), tt.s.String())
		}
	}
}

func TestJalaliDays(t *testing.T) {
	minDay, maxDay := supportedDays()
	for n := minDay - 3; n <= maxDay+3; n += 97 {
		d, ok := jalaliDate(n)
		if want := n >= minDay && n <= maxDay; ok != want {
			t.Fatalf("jalaliDate(%d) ok = %v", n, ok)
		}
		if !ok {
			continue
		}
		if j := jalali.FromOrdinal(n); d != j {
			t.Fatalf("jalaliDate(%d) = %v, jalali says %v", n, d, j)
		}
		if back, ok := dayNumber(d); !ok || back != n {
			t.Fatalf("dayNumber(%v) = %d, %v; want %d", d, back, ok, n)
		}
	}
}
