package importgolden_test

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/hijri"
	"github.com/ruydad/ruydad/internal/ical"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/sqlite"
	"github.com/ruydad/ruydad/seeds"
)

// openStore opens an empty database through the real migrations, its
// occasions the built-in catalogue (as every command and the server
// bring them), its clock and the app's at now.
func openStore(t *testing.T, name string) (*app.App, *sqlite.DB) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.SetClock(func() time.Time { return now })
	cat, err := domain.ParseCatalogue(seeds.Occasions, seeds.OfficialOccasions)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SeedOccasions(ctx, cat); err != nil {
		t.Fatal(err)
	}
	return app.Over(db, app.Options{Now: func() time.Time { return now }}), db
}

// export writes a's feed as 'ruydad export --ics' does: every confirmed
// event, the occasions with their preparation reminders, the default
// window, DTSTAMP the time the data last changed.
func export(t *testing.T, a *app.App) []byte {
	t.Helper()
	ctx := context.Background()
	from, to, err := ical.Window(now, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	spec := app.FeedSpec{Occasions: true, Reminders: true, Sources: true, FromYear: from, ToYear: to}
	if _, changed, err := a.DataVersion(ctx); err != nil {
		t.Fatal(err)
	} else if !changed.IsZero() {
		spec.Now = changed
	}
	f, err := a.Feed(ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.Write(ctx, &b, func(e domain.Event, err error) { t.Errorf("event %d left out: %v", e.ID, err) }); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// stamps are the lines two exports of the same data from two databases may
// differ in: DTSTAMP, when each one's data last changed (the import
// changes the second database after the first).
var stamps = regexp.MustCompile(`(?m)^DTSTAMP:.*\r\n`)

// TestExportImportExportKeepsEverything: a database holding every kind of
// event (one-off timed, all-day and of several days, each Kind, weekly,
// monthly on a day and on a weekday, yearly Jalali and Hijri series each
// with a skipped and a moved occurrence, reminders, owner, location,
// province and organization, a description with new lines and commas, a
// tentative one) and the official occasions with a preparation, exported
// as 'ruydad export --ics' does, imported into an empty database as
// 'ruydad import --ics' does and exported again: the two files are the
// same but for DTSTAMP. No other difference is expected: our own feed
// carries every field an export shows (X-RUYDAD-REPEAT and the writer's
// DESCRIPTION lines for what RFC 5545 has no property for, X-RUYDAD-OF
// for the moved occurrence of a monthly or yearly series), and the import
// keeps UIDs, SEQUENCE, CREATED and LAST-MODIFIED; both databases load
// the catalogue at the same clock, so the occasions' LAST-MODIFIED agree.
func TestExportImportExportKeepsEverything(t *testing.T) {
	ctx := context.Background()
	a, _ := openStore(t, "first.db")
	d := jalali.MustNew
	save := func(e domain.Event) domain.Event {
		t.Helper()
		if err := a.SaveEvent(ctx, &e); err != nil {
			t.Fatalf("%s: %v", e.Title, err)
		}
		return e
	}
	save(domain.Event{Title: "نشست خبری استاندار", Kind: domain.KindPressConference, Start: d(1404, 2, 20), StartTime: "10:00", EndTime: "11:30",
		Location: "سالن همایش‌ها, استانداری", Province: "همدان", Organization: "استانداری همدان", Owner: "خانم نوری",
		Description: "دستور کار:\n۱. گزارش, پرسش و پاسخ\n۲. بازدید; پذیرایی", Reminders: domain.RemindersOf(30, 1440)})
	save(domain.Event{Title: "روز بی‌ساعت", Kind: domain.KindCeremony, Start: d(1404, 2, 21)})
	save(domain.Event{Title: "نمایشگاه سه‌روزه", Kind: domain.KindFestival, Start: d(1404, 3, 1), End: d(1404, 3, 3)})
	save(domain.Event{Title: "پوشش شبانه", Kind: domain.KindMediaTour, Start: d(1404, 3, 4), End: d(1404, 3, 5), StartTime: "22:00", EndTime: "01:30"})
	for i, k := range domain.Kinds {
		save(domain.Event{Title: "رویدادِ " + k.Label(), Kind: k, Start: d(1404, 4, 1+i), StartTime: "09:00"})
	}
	save(domain.Event{Title: "نشست احتمالی", Kind: domain.KindMeeting, Start: d(1404, 4, 20), ReviewNote: ical.TentativeNote})

	h, err := hijri.Official().ToJalali(hijri.Date{Year: 1446, Month: 1, Day: 10})
	if err != nil {
		t.Fatal(err)
	}
	series := []struct {
		e           domain.Event
		skip, moved jalali.Date
		to          jalali.Date // where the moved occurrence goes
	}{
		{domain.Event{Title: "جلسه دوهفته‌ای", Kind: domain.KindMeeting, Start: d(1404, 2, 13), StartTime: "10:00", EndTime: "11:00",
			Repeat:    domain.Repeat{Kind: domain.RepeatWeekly, Interval: 2, Days: domain.WeekdaysOf(jalali.Saturday, jalali.Tuesday), Count: 10},
			Reminders: domain.RemindersOf(15)}, d(1404, 2, 16), d(1404, 2, 27), d(1404, 2, 28)},
		{domain.Event{Title: "گزارش ماهانه", Kind: domain.KindOther, Start: d(1404, 1, 5),
			Repeat: domain.Repeat{Kind: domain.RepeatMonthly, Until: d(1405, 1, 5)}}, d(1404, 3, 5), d(1404, 4, 5), d(1404, 4, 7)},
		{domain.Event{Title: "دومین دوشنبه", Kind: domain.KindTraining, Start: d(1404, 1, 11), StartTime: "08:30",
			Repeat: domain.Repeat{Kind: domain.RepeatMonthlyWeekday, Nth: 2, Count: 8}}, d(1404, 2, 8), d(1404, 3, 12), d(1404, 3, 13)},
		{domain.Event{Title: "سالروز تأسیس", Kind: domain.KindCeremony, Start: d(1400, 2, 10),
			Repeat: domain.Repeat{Kind: domain.RepeatYearly}}, d(1403, 2, 10), d(1404, 2, 10), d(1404, 2, 12)},
		{domain.Event{Title: "یادبود قمری", Kind: domain.KindOccasion, Start: h, Description: "هر سال, به رؤیت ماه",
			Repeat: domain.Repeat{Kind: domain.RepeatYearlyHijri}}, hijriDay(t, 1447, 1, 10), hijriDay(t, 1448, 1, 10), hijriDay(t, 1448, 1, 11)},
	}
	for _, s := range series {
		e := save(s.e)
		if err := a.SkipOccurrence(ctx, e, s.skip); err != nil {
			t.Fatalf("%s: skip %s: %v", e.Title, s.skip, err)
		}
		if e, err = a.Event(ctx, e.ID); err != nil {
			t.Fatal(err)
		}
		occ, err := a.Occurrence(ctx, e, s.moved)
		if err != nil {
			t.Fatalf("%s on %s: %v", e.Title, s.moved, err)
		}
		occ.Title += " (جابه‌جا)"
		occ.End = s.to.AddDays(occ.End.Ordinal() - occ.Start.Ordinal())
		occ.Start = s.to
		if err := a.OverrideOccurrence(ctx, e, s.moved, &occ); err != nil {
			t.Fatalf("%s: move %s: %v", e.Title, s.moved, err)
		}
	}
	occasions, err := a.Occasions(ctx)
	if err != nil || len(occasions) == 0 {
		t.Fatalf("%d occasions, %v", len(occasions), err)
	}
	if err := a.PrepareFor(ctx, occasions[0].ID, 7); err != nil {
		t.Fatal(err)
	}
	first := export(t, a)

	b, _ := openStore(t, "second.db")
	if err := b.PrepareFor(ctx, occasions[0].ID, 7); err != nil {
		t.Fatal(err)
	}
	p, err := ical.ParseWith(bytes.NewReader(first), ical.Options{Now: now, SkipFaulty: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Skipped)+len(p.Refused)+len(p.Adjusted)+len(p.Expanded)+len(p.Copies) > 0 {
		t.Errorf("our own feed: skipped %v, refused %v, adjusted %v, expanded %v, copies %v", p.Skipped, p.Refused, p.Adjusted, p.Expanded, p.Copies)
	}
	got, err := b.ImportEvents(ctx, p.Events)
	if err != nil {
		t.Fatal(err)
	}
	if want := 4 + len(domain.Kinds) + 1 + 2*len(series); got.Imported != want {
		t.Errorf("imported %d events, want %d", got.Imported, want)
	}
	second := export(t, b)
	if x, y := stamps.ReplaceAll(first, nil), stamps.ReplaceAll(second, nil); !bytes.Equal(x, y) {
		t.Errorf("export → import → export changed the feed:\n%s", diff(string(x), string(y)))
	}
	if n := strings.Count(string(first), "RECURRENCE-ID"); n == 0 {
		t.Error("the feed has no moved occurrence")
	}
}

// hijriDay is the Jalali day of a Hijri date by Iran's official table.
func hijriDay(t *testing.T, y, m, day int) jalali.Date {
	t.Helper()
	d, err := hijri.Official().ToJalali(hijri.Date{Year: y, Month: m, Day: day})
	if err != nil {
		t.Fatal(err)
	}
	return d
}
