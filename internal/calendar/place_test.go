package calendar

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/hijri"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/seeds"
)

func builtin(t testing.TB) []domain.Occasion {
	t.Helper()
	cat, err := domain.ParseCatalogue(seeds.Occasions, seeds.OfficialOccasions)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// TestAlmanacBetween: the almanac's kept years give exactly what asking
// each occasion for its occurrences gives, over random ranges (some across
// a year's end, some repeated, more years than it keeps).
func TestAlmanacBetween(t *testing.T) {
	cat := builtin(t)
	a := Official().Almanac(cat)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 60 {
		from := d(1380+rng.IntN(50), 1+rng.IntN(12), 1+rng.IntN(28))
		to := from.AddDays(rng.IntN(60))
		var want []string
		for _, o := range cat {
			for _, s := range Official().Occurrences(o.Recurrence, from, to) {
				want = append(want, o.Key+" "+s.String())
			}
		}
		var got []string
		for _, p := range a.Between(from, to) {
			got = append(got, p.Occasion.Key+" "+p.Span.String())
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("%s..%s: Between gives %d occurrences, Occurrences %d:\n%v\n%v", from, to, len(got), len(want), got, want)
		}
	}
	if len(a.years) > almanacYears {
		t.Errorf("the almanac keeps %d years, more than %d", len(a.years), almanacYears)
	}
}

// TestDays: each day of a range with its Hijri date, its Friday and
// holiday marks, its occasions and the occurrences of events on it.
func TestDays(t *testing.T) {
	cat := builtin(t)
	cal := Official()
	from, to := d(1403, 4, 20), d(1403, 4, 31) // Tir 1403: Tasua and Ashura on 25 and 26
	conf := domain.Event{ID: 1, Title: "همایش", Start: d(1403, 4, 24), End: d(1403, 4, 26)}
	yearly := domain.Event{ID: 2, Title: "سالگرد", Start: d(1400, 4, 30), End: d(1400, 4, 30), Repeat: domain.Repeat{Kind: domain.RepeatYearly}}
	days := cal.Days(from, to, []domain.Event{conf, yearly}, cal.Almanac(cat).Between(from, to))
	if len(days) != 12 || days[0].Date != from || days[11].Date != to {
		t.Fatalf("%d days from %s to %s", len(days), days[0].Date, days[len(days)-1].Date)
	}
	for _, day := range days {
		h, src := hijri.Official().FromJalali(day.Date)
		if day.Hijri != h || day.HijriProvisional != src.Provisional() {
			t.Errorf("%s: Hijri %s, want %s", day.Date, day.Hijri, h)
		}
		if day.Friday != (day.Date.Weekday() == jalali.Friday) {
			t.Errorf("%s: Friday %v", day.Date, day.Friday)
		}
		holiday := day.Date == d(1403, 4, 25) || day.Date == d(1403, 4, 26)
		if day.Holiday != holiday {
			t.Errorf("%s: holiday %v, want %v (Tasua and Ashura)", day.Date, day.Holiday, holiday)
		}
		var keys []string
		for _, p := range day.Occasions {
			keys = append(keys, p.Occasion.Key)
		}
		if day.Date == d(1403, 4, 26) && !slices.Contains(keys, "ashura") {
			t.Errorf("Ashura not on 26 Tir 1403: %v", keys)
		}
		var titles []string
		for _, e := range day.Events {
			titles = append(titles, e.Title)
		}
		wantTitles := 0
		if !day.Date.Before(conf.Start) && !day.Date.After(conf.End) {
			wantTitles++
		}
		if day.Date == d(1403, 4, 30) {
			wantTitles++
		}
		if len(titles) != wantTitles {
			t.Errorf("%s: events %v", day.Date, titles)
		}
	}
	if e := days[10].Events; len(e) != 1 || e[0].Start != d(1403, 4, 30) || e[0].Title != "سالگرد" {
		t.Errorf("the yearly event's 1403 occurrence on 30 Tir: %+v", e)
	}
}

// TestBuild: corrections that fit are applied; a set that does not fit
// together keeps what fits and says what it left out.
func TestBuild(t *testing.T) {
	if cal, refused := Build(nil); cal != Official() || refused != nil {
		t.Error("Build(nil) is not the official calendar")
	}
	// A month of 1448 after a 29-day one may begin a day later.
	var shawwal hijri.MonthInfo
	for m := 2; m <= 11; m++ {
		prev, _ := hijri.Official().Month(hijri.Month{Year: 1448, Month: m - 1})
		if prev.Length == 29 {
			shawwal, _ = hijri.Official().Month(hijri.Month{Year: 1448, Month: m})
			break
		}
	}
	later := domain.HijriCorrection{Year: shawwal.Year, Month: shawwal.Month.Month, Start: shawwal.Start.AddDays(1)}
	cal, refused := Build([]domain.HijriCorrection{later})
	if len(refused) != 0 {
		t.Fatal(refused)
	}
	if h, src := cal.Hijri().FromJalali(later.Start); h != (hijri.Date{Year: later.Year, Month: later.Month, Day: 1}) || src != hijri.SourceCorrected {
		t.Errorf("after the correction %s is %s (%s)", later.Start, h, src)
	}
	far := domain.HijriCorrection{Year: later.Year, Month: later.Month + 1, Start: shawwal.Start.AddDays(40)}
	cal, refused = Build([]domain.HijriCorrection{later, far})
	var cerr *hijri.CorrectionError
	if len(refused) != 1 || !errors.As(refused[0], &cerr) || cerr.Month != (hijri.Month{Year: later.Year, Month: later.Month + 1}) {
		t.Fatalf("refused %v", refused)
	}
	if _, src := cal.Hijri().FromJalali(later.Start); src != hijri.SourceCorrected {
		t.Error("the correction that fits was dropped with the one that does not")
	}
	if err := Check([]domain.HijriCorrection{later, far}); !errors.As(err, &cerr) {
		t.Errorf("Check = %v", err)
	}
}

// TestShown: hidden occasions and other provinces' days are left out.
func TestShown(t *testing.T) {
	occs := []domain.Occasion{
		{Key: "national"}, {Key: "hidden", Hidden: true}, {Key: "hamadan", Province: "همدان"}, {Key: "bushehr", Province: "بوشهر"},
	}
	keys := func(os []domain.Occasion) (out []string) {
		for _, o := range os {
			out = append(out, o.Key)
		}
		return out
	}
	if got := keys(Shown(occs, "")); !slices.Equal(got, []string{"national", "hamadan", "bushehr"}) {
		t.Errorf("Shown(all) = %v", got)
	}
	if got := keys(Shown(occs, "همدان")); !slices.Equal(got, []string{"national", "hamadan"}) {
		t.Errorf("Shown(همدان) = %v", got)
	}
	if !InProvince(&occs[2], "هَمَدان") && !InProvince(&occs[2], "همدان ") {
		t.Error("a province's spelling matters")
	}
}

func BenchmarkAlmanacMonth(b *testing.B) {
	a := Official().Almanac(builtin(b))
	from, to := d(1403, 3, 27), d(1403, 5, 6)
	a.Between(from, to)
	b.ReportAllocs()
	for b.Loop() {
		a.Between(from, to)
	}
}

func BenchmarkDaysMonth(b *testing.B) {
	cal := Official()
	a := cal.Almanac(builtin(b))
	from, to := d(1403, 3, 27), d(1403, 5, 6)
	placed := a.Between(from, to)
	b.ReportAllocs()
	for b.Loop() {
		cal.Days(from, to, nil, placed)
	}
}

func BenchmarkAlmanacYearCold(b *testing.B) {
	cat := builtin(b)
	b.ReportAllocs()
	for b.Loop() {
		Official().Almanac(cat).Between(d(1403, 1, 1), d(1403, 12, 30))
	}
}

// TestKeptDaysStayBare checks the days a calendar keeps for a grid are
// copied, not shared: what one page places on them (occasions, events) is
// not on the next page's, and kept days are the days made anew.
func TestKeptDaysStayBare(t *testing.T) {
	cal := Official()
	from, to := jalali.MustNew(1403, 1, 1), jalali.MustNew(1403, 1, 1).AddDays(41)
	e := domain.Event{ID: 1, Title: "نشست", Start: from, End: from.AddDays(3)}
	placed := cal.Almanac(builtin(t)).Between(from, to)
	full := cal.Days(from, to, []domain.Event{e}, placed)
	if len(full[0].Events) != 1 || len(placed) == 0 {
		t.Fatalf("nothing placed: %d events, %d occasions", len(full[0].Events), len(placed))
	}
	bare := cal.Days(from, to, nil, nil)
	fresh := cal.makeDays(from, from.Ordinal(), 42)
	for i, d := range bare {
		if d.Events != nil || d.Occasions != nil || d.Holiday || d.Date != fresh[i].Date || d.Hijri != fresh[i].Hijri ||
			d.HijriProvisional != fresh[i].HijriProvisional || d.Friday != fresh[i].Friday {
			t.Fatalf("day %d kept: %+v, want %+v", i, d, fresh[i])
		}
	}
}

// TestAppendInProvince checks AppendInProvince keeps what InProvince
// keeps, in order, after what dst holds, whatever the province's spelling.
func TestAppendInProvince(t *testing.T) {
	occs := []domain.Occasion{{Key: "national"}, {Key: "hamadan", Province: "همدان"}, {Key: "bushehr", Province: "بوشهر"}, {Key: "also"}}
	var placed []Placed
	for i := range occs {
		placed = append(placed, Placed{Occasion: &occs[i], Span: Span{Start: d(1403, 1, 1+i), End: d(1403, 1, 1+i)}})
	}
	for _, province := range []string{"", "همدان", "هَمَدان", "همدان ", "بوشهر", "تهران"} {
		var want []string
		for _, p := range placed {
			if InProvince(p.Occasion, province) {
				want = append(want, p.Occasion.Key)
			}
		}
		dst := []Placed{placed[3]}
		var got []string
		for _, p := range AppendInProvince(dst, placed, province)[1:] {
			got = append(got, p.Occasion.Key)
		}
		if !slices.Equal(got, want) || len(want) < 2 {
			t.Errorf("%q: %v, want %v", province, got, want)
		}
	}
}

// TestAppendDays checks AppendDays appends after what dst holds, leaving
// it, the days Days makes, each day's occasions and events alike.
func TestAppendDays(t *testing.T) {
	cal := Official()
	from, to := d(1403, 4, 20), d(1403, 5, 31)
	e := domain.Event{ID: 1, Title: "همایش", Start: d(1403, 4, 24), End: d(1403, 4, 26)}
	placed := cal.Almanac(builtin(t)).Between(from, to)
	want := cal.Days(from, to, []domain.Event{e}, placed)
	dst := cal.Days(d(1402, 1, 1), d(1402, 1, 3), nil, nil)
	got := cal.AppendDays(slices.Clip(dst), from, to, []domain.Event{e}, placed)
	if !reflect.DeepEqual(got[:3], dst) || !reflect.DeepEqual(got[3:], want) {
		t.Fatalf("AppendDays: %d days, want 3 and %d alike", len(got), len(want))
	}
	n := 0
	for _, day := range got[3:] {
		var on []Placed // each occurrence touching the day, in order
		for _, p := range placed {
			if !day.Date.Before(p.Start) && !day.Date.After(p.End) {
				on = append(on, p)
			}
		}
		if !slices.Equal(day.Occasions, on) {
			t.Errorf("%s: occasions %v, want %v", day.Date, day.Occasions, on)
		}
		n += len(on)
	}
	if n < 10 {
		t.Errorf("only %d occasions placed", n)
	}
}
