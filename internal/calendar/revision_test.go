package calendar

import (
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/hijri"
)

// shifted returns a correction of Hijri month y/m that moves its start by
// the first of shifts that fits with the corrections before, set at at;
// ok is false when none fits.
func shifted(before []domain.HijriCorrection, y, m int, at time.Time, shifts ...int) (domain.HijriCorrection, bool) {
	info, _ := hijri.Official().Month(hijri.Month{Year: y, Month: m})
	for _, n := range shifts {
		c := domain.HijriCorrection{Year: y, Month: m, Start: info.Start.AddDays(n), UpdatedAt: at}
		if Check(append(before[:len(before):len(before)], c)) == nil {
			return c, true
		}
	}
	return domain.HijriCorrection{}, false
}

var (
	ashura       = domain.Recurrence{Calendar: domain.CalHijri, Rule: domain.RuleDate, Month: 1, Day: 10, Length: 1}
	lastOfDhuHij = domain.Recurrence{Calendar: domain.CalHijri, Rule: domain.RuleMonthEnd, Month: 12, Length: 1}
	eidGhadir    = domain.Recurrence{Calendar: domain.CalHijri, Rule: domain.RuleDate, Month: 12, Day: 18, Length: 1}
)

// TestRevisedByCorrections: an occurrence's revision is the time of the
// corrections that moved it, its month's and (for a rule that reads the
// month's length) the next month's; not of other months'; and of a
// removal, which moves it back.
func TestRevisedByCorrections(t *testing.T) {
	t1 := time.Date(2025, 6, 1, 8, 0, 0, 0, time.UTC)
	muharram, ok := shifted(nil, 1447, 1, t1, 1, -1)
	if !ok {
		t.Fatal("no correction of Muharram 1447 fits")
	}
	cal, refused := Build([]domain.HijriCorrection{muharram})
	if len(refused) != 0 {
		t.Fatal(refused)
	}
	before, _ := Official().In(ashura, 1447)
	after, _ := cal.In(ashura, 1447)
	if before == after {
		t.Fatal("the correction did not move Ashura 1447")
	}
	for _, tt := range []struct {
		name string
		r    domain.Recurrence
		year int
		want time.Time
	}{
		{"Ashura 1447, in the corrected month", ashura, 1447, t1},
		{"Ashura 1446, a year before", ashura, 1446, time.Time{}},
		{"the last day of Dhu al-Hijjah 1446, which ends where Muharram begins", lastOfDhuHij, 1446, t1},
		{"Eid al-Ghadir 1446, whose day does not depend on the next month", eidGhadir, 1446, time.Time{}},
		{"a Jalali day", jalaliDay(4, 10, 1), 1404, time.Time{}},
	} {
		if got := cal.Revised(tt.r, tt.year); !got.Equal(tt.want) {
			t.Errorf("%s: revised %v, want %v", tt.name, got, tt.want)
		}
	}
	if got := Official().Revised(ashura, 1447); !got.IsZero() {
		t.Errorf("the official calendar revised Ashura at %v", got)
	}

	// Taking the correction back moves Ashura back, later.
	t2 := t1.Add(48 * time.Hour)
	removal := domain.HijriCorrection{Year: 1447, Month: 1, UpdatedAt: t2}
	if !removal.Removed() || Check([]domain.HijriCorrection{removal}) != nil {
		t.Fatal("a removal is not accepted as one")
	}
	cal, refused = Build([]domain.HijriCorrection{removal})
	if s, _ := cal.In(ashura, 1447); len(refused) != 0 || s != before {
		t.Errorf("after the removal Ashura 1447 is %s (refused %v), want %s", s, refused, before)
	}
	if got := cal.Revised(ashura, 1447); !got.Equal(t2) {
		t.Errorf("after the removal: revised %v, want %v", got, t2)
	}

	// A correction without a time (made in code, not stored) revises
	// nothing.
	muharram.UpdatedAt = time.Time{}
	if cal, _ := Build([]domain.HijriCorrection{muharram}); !cal.Revised(ashura, 1447).IsZero() {
		t.Error("a correction without a time revised Ashura")
	}
}

// TestRevisedCoversEveryMove: with corrections of many months, each moving
// its start as far as it may, every occurrence that lands on other days
// than the table's has a revision, whatever its rule; cascades into the
// months after a corrected one included.
func TestRevisedCoversEveryMove(t *testing.T) {
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var cs []domain.HijriCorrection
	for y := 1445; y <= 1449; y++ {
		for m := 1; m <= 12; m += 1 + (y+m)%3 { // some months, not all
			if c, ok := shifted(cs, y, m, at, 2, -2, 1, -1); ok {
				cs = append(cs, c)
			}
		}
	}
	cal, refused := Build(cs)
	if len(refused) != 0 || len(cs) < 10 {
		t.Fatalf("%d corrections, refused %v", len(cs), refused)
	}
	rules := []domain.Recurrence{
		ashura, lastOfDhuHij, eidGhadir,
		{Calendar: domain.CalHijri, Rule: domain.RuleDate, Month: 2, Day: 30, Length: 1},
		{Calendar: domain.CalHijri, Rule: domain.RuleWholeMonth, Month: 9},
		{Calendar: domain.CalHijri, Rule: domain.RuleLastWeekday, Month: 9, Weekday: 6, Length: 1},
		{Calendar: domain.CalHijri, Rule: domain.RuleNthWeekday, Month: 3, Weekday: 2, Nth: 5, Length: 1},
		{Calendar: domain.CalHijri, Rule: domain.RuleNthWeekday, Month: 3, Weekday: 2, Nth: 2, Length: 1},
		{Calendar: domain.CalHijri, Rule: domain.RuleNthDay, Month: 4, Day: 20, Nth: 40, Offset: -3, Length: 3},
	}
	moved, silent := 0, 0
	for _, r := range rules {
		for m := 1; m <= 12; m++ {
			r.Month = m
			for y := 1444; y <= 1450; y++ {
				a, okA := Official().In(r, y)
				b, okB := cal.In(r, y)
				if a == b && okA == okB {
					continue
				}
				moved++
				if cal.Revised(r, y).IsZero() {
					silent++
					t.Errorf("%s of %d moved from %s to %s with no revision", Describe(r), y, a, b)
				}
			}
		}
	}
	if moved == 0 || silent > 0 {
		t.Errorf("%d occurrences moved, %d without a revision", moved, silent)
	}
}
