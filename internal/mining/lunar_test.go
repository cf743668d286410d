package mining

import (
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/hijri"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/seeds"
)

// lunar returns the Jalali day of a Hijri date by Iran's table.
func lunar(t *testing.T, y, m, d int) jalali.Date {
	t.Helper()
	day, err := hijri.Official().ToJalali(hijri.Date{Year: y, Month: m, Day: d})
	if err != nil {
		t.Fatal(err)
	}
	return day
}

// lunarMonth returns the first and last Jalali days of a Hijri month.
func lunarMonth(t *testing.T, y, m int) (jalali.Date, jalali.Date) {
	t.Helper()
	info, ok := hijri.Official().Month(hijri.Month{Year: y, Month: m})
	if !ok {
		t.Fatalf("no Hijri month %d/%d", y, m)
	}
	return info.Start, info.End()
}

// TestLunarDatesAndOccasions: Hijri dates in the text and the official
// lunar occasions in their usual phrasings resolve, through Iran's table of
// month starts, to Jalali days.
func TestLunarDatesAndOccasions(t *testing.T) {
	m := testMiner(t)
	ramadanStart, ramadanEnd := lunarMonth(t, 1446, 9)
	muharramStart, muharramEnd := lunarMonth(t, 1446, 1)
	type want struct {
		start, end jalali.Date
		kind       domain.Kind // "" for any: a merged event keeps the occasion's key
		occasion   string      // occasion key, "" for none asked
	}
	for _, tt := range []struct {
		text string
		pub  jalali.Date
		want []want
	}{
		{"مراسم عزاداری تاسوعا و عاشورای حسینی در مصلای شهر برگزار می‌شود.", jalali.MustNew(1403, 4, 20), []want{
			{lunar(t, 1446, 1, 9), lunar(t, 1446, 1, 9), "", "tasua"},
			{lunar(t, 1446, 1, 10), lunar(t, 1446, 1, 10), domain.KindOccasion, "ashura"},
		}},
		{"همایش وحدت حوزه و دانشگاه ۱۲ ربیع‌الاول برگزار می‌شود.", jalali.MustNew(1403, 6, 1), []want{
			{lunar(t, 1446, 3, 12), lunar(t, 1446, 3, 12), domain.KindConference, ""},
		}},
		{"جشنواره قرآنی استان ۱۳ رجب ۱۴۴۵ برگزار شد.", jalali.Date{}, []want{
			{lunar(t, 1445, 7, 13), lunar(t, 1445, 7, 13), domain.KindFestival, ""},
		}},
		{"دوره آموزشی مداحان در ماه محرم برگزار می‌شود.", jalali.MustNew(1403, 3, 20), []want{
			{muharramStart, muharramEnd, domain.KindTraining, ""},
		}},
		{"جشنواره قرآنی در ماه مبارک رمضان برگزار می‌شود.", jalali.MustNew(1403, 11, 20), []want{
			{ramadanStart, ramadanEnd, domain.KindFestival, "ramadan"},
		}},
		{"به مناسبت عید سعید فطر مراسم جشن در پارک ملت برگزار شد.", jalali.MustNew(1404, 1, 12), []want{
			{jalali.MustNew(1404, 1, 11), jalali.MustNew(1404, 1, 11), domain.KindCeremony, ""},
		}},
		{"همایش هفته وحدت با حضور علمای شیعه و سنی برگزار می‌شود.", jalali.MustNew(1403, 6, 20), []want{
			{lunar(t, 1446, 3, 12), lunar(t, 1446, 3, 17), domain.KindConference, ""},
		}},
		{"پیاده‌روی اربعین حسینی از مرز مهران آغاز شد و موکب‌ها در روز اربعین خدمت‌رسانی کردند.", jalali.MustNew(1403, 5, 25), []want{
			{lunar(t, 1446, 2, 20), lunar(t, 1446, 2, 20), domain.KindOccasion, "arbaeen"},
		}},
		{"ویژه‌برنامه‌های دهه فجر در استان برگزار می‌شود.", jalali.MustNew(1403, 11, 5), []want{
			{jalali.MustNew(1403, 11, 12), jalali.MustNew(1403, 11, 22), domain.KindOccasion, "fajr-decade"},
		}},
		{"راهپیمایی روز جهانی قدس در سراسر کشور برگزار می‌شود.", jalali.MustNew(1404, 1, 5), []want{
			{lunarLastFriday(t, 1446, 9), lunarLastFriday(t, 1446, 9), "", "quds-day"},
		}},
	} {
		res := m.Mine(Input{Text: tt.text, Published: tt.pub})
		for _, w := range tt.want {
			found := false
			for _, c := range res.All() {
				checkCandidate(t, tt.text, c)
				if c.Start == w.start && c.End == w.end && (w.kind == "" || c.Kind == w.kind) && (w.occasion == "" || c.Occasion == w.occasion) {
					found = true
				}
			}
			if !found {
				t.Errorf("%q (published %s): want %s–%s %s %s; got:\n%s", tt.text, tt.pub, w.start, w.end, w.kind, w.occasion, res.Text("case"))
			}
		}
	}
}

// lunarLastFriday finds, day by day, the last Friday of a Hijri month.
func lunarLastFriday(t *testing.T, y, m int) jalali.Date {
	t.Helper()
	_, end := lunarMonth(t, y, m)
	for end.Weekday() != jalali.Friday {
		end = end.AddDays(-1)
	}
	return end
}

// TestLunarDatesFollowCorrections: a miner built with an administrator's
// correction of a month start reads that month's dates through it.
func TestLunarDatesFollowCorrections(t *testing.T) {
	start, _ := lunarMonth(t, 1448, 10)
	earlier := start.AddDays(-1)
	cal, refused := calendar.Build([]domain.HijriCorrection{{Year: 1448, Month: 10, Start: earlier}})
	if len(refused) > 0 {
		t.Fatal(refused)
	}
	occ, err := domain.ParseCatalogue(seeds.Occasions, seeds.OfficialOccasions)
	if err != nil {
		t.Fatal(err)
	}
	m := New(occ, cal)
	res := m.Mine(Input{Text: "جشن عید فطر ۱ شوال ۱۴۴۸ در تالار شهر برگزار می‌شود.", Published: jalali.MustNew(1405, 12, 1)})
	found := false
	for _, c := range res.Events {
		found = found || c.Start == earlier
	}
	if !found {
		t.Errorf("1 Shawwal 1448 is not read as the corrected %s:\n%s", earlier, res.Text("case"))
	}
}

// TestLunarNotes: a lunar date without a year says the year was guessed; a
// predicted month says so.
func TestLunarNotes(t *testing.T) {
	m := testMiner(t)
	res := m.Mine(Input{Text: "همایش ملی روابط عمومی ۱۵ شعبان ۱۴۵۰ برگزار می‌شود.", Published: jalali.MustNew(1406, 1, 10)})
	for _, c := range res.Events {
		if c.Dated() && !strings.Contains(c.ReviewNote, noteLunarProvisional) {
			t.Errorf("a date in a predicted month has the note %q", c.ReviewNote)
		}
	}
	res = m.Mine(Input{Text: "همایش ملی روابط عمومی ۱۵ شعبان برگزار می‌شود.", Published: jalali.MustNew(1403, 11, 1)})
	if len(res.Events) == 0 || !strings.Contains(res.Events[0].ReviewNote, noteLunarYear) {
		t.Errorf("a lunar date without a year: %+v", res.Events)
	}
}
