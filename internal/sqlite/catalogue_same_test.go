package sqlite

import (
	"context"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/persian"
)

// TestSeedKeepsTheOfficesOwnWithStrayFields: an office's own occasion
// stored with fields its rule does not read (the weekday the occasion form
// always sent, a day beside «the month's last day») is still the same as
// the catalogue's occasion a later upgrade brings, which is not added
// twice; one that differs in a field the rule reads is another occasion.
func TestSeedKeepsTheOfficesOwnWithStrayFields(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	if _, err := d.SeedOccasions(ctx, builtin(t)); err != nil {
		t.Fatal(err)
	}
	office := func(key, name string, r domain.Recurrence) domain.Occasion {
		o := domain.Occasion{Key: key, Name: name, Group: domain.GroupOffice, Recurrence: r}
		if err := uc(d).CreateOccasion(ctx, &o); err != nil {
			t.Fatal(err)
		}
		return o
	}
	// As the form stored them before it normalized: weekday 6 (Friday), the
	// form's default, whatever the rule.
	office("user-a", "روز نشریات استان", domain.Recurrence{Calendar: domain.CalJalali, Rule: domain.RuleDate,
		Month: 8, Day: 12, Weekday: jalali.Friday, Length: 1})
	office("user-b", "پایان شعبان دفتر", domain.Recurrence{Calendar: domain.CalHijri, Rule: domain.RuleMonthEnd,
		Month: 8, Day: 29, Weekday: jalali.Friday, Nth: 2, Length: 1})
	office("user-c", "سومین جمعهٔ آذر", domain.Recurrence{Calendar: domain.CalJalali, Rule: domain.RuleNthWeekday,
		Month: 9, Weekday: jalali.Friday, Nth: 3, Length: 1})

	// The catalogue of a later release brings the same occasions (one
	// spelt with ي and without the ZWNJ), and one on another weekday.
	upgrade := append(builtin(t),
		catalogueEntry("province-press-day", "روز نشريات استان", domain.Recurrence{Calendar: domain.CalJalali,
			Rule: domain.RuleDate, Month: 8, Day: 12, Length: 1}),
		catalogueEntry("shaban-end", "پایان شعبان دفتر", domain.Recurrence{Calendar: domain.CalHijri,
			Rule: domain.RuleMonthEnd, Month: 8, Length: 1}),
		catalogueEntry("azar-third-thursday", "سومین جمعهٔ آذر", domain.Recurrence{Calendar: domain.CalJalali,
			Rule: domain.RuleNthWeekday, Month: 9, Weekday: jalali.Thursday, Nth: 3, Length: 1}),
	)
	rep, err := d.SeedOccasions(ctx, upgrade)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Kept != 2 || rep.Added != 1 || rep.Updated != 0 {
		t.Errorf("upgrade: %+v, want 2 kept (the office's own), 1 added (another weekday)", rep)
	}
	count := map[string]int{}
	for _, o := range byKey(t, d) {
		count[persian.SearchKey(o.Name)]++
	}
	for name, want := range map[string]int{"روز نشریات استان": 1, "پایان شعبان دفتر": 1, "سومین جمعهٔ آذر": 2} {
		if got := count[persian.SearchKey(name)]; got != want {
			t.Errorf("%s stored %d times, want %d", name, got, want)
		}
	}
}

// TestSeedStoresNormalizedRules: a catalogue entry is stored with only the
// fields its rule reads, and an unedited built-in whose stored row carries
// a stray field is not rewritten (its SEQUENCE moved) for it.
func TestSeedStoresNormalizedRules(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	stray := domain.Recurrence{Calendar: domain.CalHijri, Rule: domain.RuleMonthEnd, Month: 2, Day: 30,
		Weekday: jalali.Monday, Nth: 4, Year: 1446, Length: 1}
	fresh := catalogueEntry("safar-end", "پایان صفر", stray)
	old := catalogueEntry("safar-end-old", "پایان صفر (کهنه)", stray)
	if err := uc(d).CreateOccasion(ctx, &old); err != nil { // as an older release stored it
		t.Fatal(err)
	}
	rep, err := d.SeedOccasions(ctx, []domain.Occasion{fresh, old})
	if err != nil || rep != (SeedReport{Added: 1}) {
		t.Fatalf("seed: %+v, %v; want the new one added, the old one left as it is", rep, err)
	}
	stored := byKey(t, d)
	if r := stored["safar-end"].Recurrence; r.Day != 0 || r.Weekday != 0 || r.Nth != 0 || r.Year != 0 {
		t.Errorf("stored with stray fields: %+v", r)
	}
	if got := stored["safar-end-old"]; got.Sequence != old.Sequence || got.Edited {
		t.Errorf("the old row was rewritten: %+v", got)
	}
}

func catalogueEntry(key, name string, r domain.Recurrence) domain.Occasion {
	return domain.Occasion{Key: key, Name: name, Group: domain.GroupOfficial, Recurrence: r, Aliases: []string{}}
}
