package sqlite

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// Migration 0013: a yearly event of before it is a yearly repeat after it,
// placed in other years as it was, and a one-off one stays one-off; a
// series with its skipped and moved days and an event standing in for one
// of its occurrences are stored and read as given, and deleting the series
// deletes that event too (and its search entry).
func TestRepeatMigrationAndSeries(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	// Up to 0011: 0012 needs a function that Open registers.
	raw, exec := migratedTo(t, path, migrationsBefore(t, "0012"))
	exec(`INSERT INTO events (id, uid, title, kind, start_date, end_date, yearly, status, created_at, updated_at)
VALUES (1, 'y@x', 'سالروز', 'ceremony', '2021-05-17', '2021-05-17', 1, 'confirmed', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'),
       (2, 'o@x', 'نشست', 'meeting', '2021-05-17', '2021-05-17', 0, 'confirmed', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`)
	raw.Close()
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if y, _ := d.Event(ctx, 1); y.Repeat != (domain.Repeat{Kind: domain.RepeatYearly}) {
		t.Errorf("the yearly event's repeat after the migration: %+v", y.Repeat)
	}
	if o, _ := d.Event(ctx, 2); o.Repeats() {
		t.Errorf("the one-off event repeats after the migration: %+v", o.Repeat)
	}
	got, err := d.EventsBetween(ctx, jalali.MustNew(1404, 2, 1), jalali.MustNew(1404, 2, 31), domain.EventFilter{})
	if err != nil || len(got) != 1 || got[0].ID != 1 {
		t.Errorf("Ordibehesht 1404 after the migration: %+v %v", got, err)
	}

	sat := jalali.MustNew(1405, 9, 7) // a Saturday
	series := domain.Event{Title: "جلسهٔ هفتگی", Kind: domain.KindMeeting, Start: sat,
		Repeat: domain.Repeat{Kind: domain.RepeatWeekly, Interval: 2, Days: domain.WeekdaysOf(jalali.Saturday), Count: 10,
			Skipped: domain.DatesOf(sat.AddDays(14)), Moved: domain.DatesOf(sat.AddDays(28))}}
	if err := uc(d).SaveEvent(ctx, &series); err != nil {
		t.Fatal(err)
	}
	moved := domain.Event{Title: "جلسهٔ هفتگی در تالار", Kind: domain.KindMeeting, Start: sat.AddDays(29),
		Of: domain.Override{SeriesUID: series.UID, Date: sat.AddDays(28), Kind: domain.RepeatWeekly}}
	if err := uc(d).SaveEvent(ctx, &moved); err != nil {
		t.Fatal(err)
	}
	if s, _ := d.Event(ctx, series.ID); s.Repeat != series.Repeat {
		t.Errorf("the series read back: %+v, want %+v", s.Repeat, series.Repeat)
	}
	if m, _ := d.Event(ctx, moved.ID); m.Of.SeriesID != series.ID || m.Of.Date != sat.AddDays(28) {
		t.Errorf("the moved occurrence names %+v, want series %d", m.Of, series.ID)
	}
	if o, err := d.Overrides(ctx, series.ID); err != nil || len(o) != 1 || o[0].ID != moved.ID {
		t.Errorf("the series' overrides: %+v %v", o, err)
	}
	if err := uc(d).DeleteEvent(ctx, series.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Event(ctx, moved.ID); err == nil {
		t.Error("the moved occurrence outlived its series")
	}
	if evs, _, err := d.Search(ctx, []string{"تالار"}, 10, true); err != nil || len(evs) != 0 {
		t.Errorf("search finds the deleted occurrence: %+v %v", evs, err)
	}
	// The moved occurrence went to the trash with its series, and comes back
	// with it, still standing in for its day.
	if _, err := uc(d).RestoreEvent(ctx, moved.ID); !errors.Is(err, domain.ErrSeriesGone) {
		t.Errorf("restoring the moved occurrence without its series: %v, want ErrSeriesGone", err)
	}
	if _, err := uc(d).RestoreEvent(ctx, series.ID); err != nil {
		t.Fatal(err)
	}
	if m, err := d.Event(ctx, moved.ID); err != nil || m.Of.SeriesID != series.ID {
		t.Errorf("the moved occurrence after restoring its series: %+v %v", m.Of, err)
	}
	if evs, _, err := d.Search(ctx, []string{"تالار"}, 10, true); err != nil || len(evs) != 1 {
		t.Errorf("search after the restore: %+v %v", evs, err)
	}
	// Deleting the moved occurrence alone skips its day in the series;
	// restoring it moves the day back.
	if err := uc(d).DeleteEvent(ctx, moved.ID); err != nil {
		t.Fatal(err)
	}
	if s, _ := d.Event(ctx, series.ID); !s.Repeat.Skipped.Has(sat.AddDays(28)) || s.Repeat.Moved.Has(sat.AddDays(28)) {
		t.Errorf("after deleting its moved occurrence the series has skipped %q, moved %q", s.Repeat.Skipped, s.Repeat.Moved)
	}
	if _, err := uc(d).RestoreEvent(ctx, moved.ID); err != nil {
		t.Fatal(err)
	}
	if s, _ := d.Event(ctx, series.ID); s.Repeat.Skipped.Has(sat.AddDays(28)) || !s.Repeat.Moved.Has(sat.AddDays(28)) {
		t.Errorf("after restoring its moved occurrence the series has skipped %q, moved %q", s.Repeat.Skipped, s.Repeat.Moved)
	}
}

// "This and following" from a day: the occurrences already moved from that
// day on go with the series that goes on when it has their days (their
// RECURRENCE-ID under its UID), and to the trash when it has not; those
// before stay with the ended series.
func TestSplitSeriesCarriesItsMovedOccurrences(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	sat := jalali.MustNew(1405, 9, 1)
	for sat.Weekday() != jalali.Saturday {
		sat = sat.AddDays(1)
	}
	series := domain.Event{Title: "جلسهٔ هفتگی", Kind: domain.KindMeeting, Start: sat, StartTime: "10:00",
		Repeat: domain.Repeat{Kind: domain.RepeatWeekly, Days: domain.WeekdaysOf(jalali.Saturday, jalali.Tuesday)}}
	if err := uc(d).SaveEvent(ctx, &series); err != nil {
		t.Fatal(err)
	}
	move := func(from, to jalali.Date) domain.Event {
		t.Helper()
		s, _ := d.Event(ctx, series.ID)
		occ := domain.Event{Title: "جلسهٔ جابه‌جا " + from.String(), Kind: domain.KindMeeting, Start: to, StartTime: "12:00"}
		if err := uc(d).OverrideOccurrence(ctx, s, from, &occ); err != nil {
			t.Fatal(err)
		}
		return occ
	}
	before := move(sat.AddDays(3), sat.AddDays(4))  // a Tuesday before the split
	onSat := move(sat.AddDays(14), sat.AddDays(15)) // a Saturday after: the new series has Saturdays
	onTue := move(sat.AddDays(17), sat.AddDays(18)) // a Tuesday after: the new series has none
	split := sat.AddDays(7)                         // from the next Saturday on: Saturdays only, at 9:00
	s, _ := d.Event(ctx, series.ID)
	next := s
	next.Title, next.StartTime, next.Start, next.End = "جلسهٔ شنبه‌ها", "09:00", split, split
	next.Repeat.Days = domain.WeekdaysOf(jalali.Saturday)
	if err := uc(d).SplitSeries(ctx, s, split, &next); err != nil {
		t.Fatal(err)
	}
	if got, _ := d.Event(ctx, before.ID); got.Of.SeriesID != series.ID {
		t.Errorf("the occurrence moved before the split went to series %d", got.Of.SeriesID)
	}
	got, err := d.Event(ctx, onSat.ID)
	if err != nil || got.Of.SeriesID != next.ID || got.Of.SeriesUID != next.UID || got.Of.Date != sat.AddDays(14) || got.Of.Time != "09:00" {
		t.Errorf("the Saturday moved after the split stands in for %+v (%v), want series %d (%s) on %s at 09:00", got.Of, err, next.ID, next.UID, sat.AddDays(14))
	}
	if _, err := d.Event(ctx, onTue.ID); err == nil {
		t.Error("the Tuesday moved after the split outlived its day, which the new series has not")
	}
	if del, err := d.DeletedEvent(ctx, onTue.ID); err != nil || del.Event.ID != onTue.ID {
		t.Errorf("the Tuesday moved after the split is not in the trash: %+v %v", del, err)
	}
	n, _ := d.Event(ctx, next.ID)
	if !n.Repeat.Moved.Has(sat.AddDays(14)) || n.Repeat.Moved.Has(sat.AddDays(17)) || n.Repeat.Skipped.Has(sat.AddDays(14)) {
		t.Errorf("the new series has moved %q, skipped %q", n.Repeat.Moved, n.Repeat.Skipped)
	}

	// A JSON dump holds the new series before the occurrence it took over
	// (an older row), so that a load links them again.
	var dump bytes.Buffer
	if _, err := app.WriteDump(ctx, d, &dump); err != nil {
		t.Fatal(err)
	}
	fresh := open(t)
	if _, err := app.LoadDump(ctx, fresh, &dump); err != nil {
		t.Fatal(err)
	}
	loaded, err := fresh.queryEvents(ctx, `SELECT `+eventColumns+` FROM events WHERE uid = ?`, got.UID)
	if err != nil || len(loaded) != 1 || loaded[0].Of.SeriesUID != next.UID || loaded[0].Of.SeriesID == 0 {
		t.Errorf("after a dump and a load the carried occurrence: %+v (%v), want it standing in for series %s", loaded, err, next.UID)
	}
}

// Editing a series' time (or its kind) carries over to the events standing
// in for its occurrences, whose RECURRENCE-ID names the occurrence at the
// series' start time.
func TestEditedSeriesKeepsItsMovedOccurrencesNamed(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	sat := jalali.MustNew(1403, 2, 22)
	series, occ := weeklyWithMove(t, d, sat, domain.KindMeeting)
	s, _ := d.Event(ctx, series.ID)
	s.StartTime = "10:00"
	if err := uc(d).SaveEvent(ctx, &s); err != nil {
		t.Fatal(err)
	}
	got, _ := d.Event(ctx, occ.ID)
	if got.Of.Time != "10:00" || got.Of.Kind != domain.RepeatWeekly || got.Of.Date != sat.AddDays(7) || got.Sequence <= occ.Sequence {
		t.Errorf("after the series moved to 10:00 its moved occurrence names %+v (sequence %d, was %d)", got.Of, got.Sequence, occ.Sequence)
	}
	var ics bytes.Buffer
	if err := uc(d).WriteEvent(ctx, &ics, s, app.FeedSpec{FromYear: 1403, ToYear: 1403}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ics.String(), "RECURRENCE-ID;TZID=Asia/Tehran:20240518T100000") {
		t.Errorf("the series' .ics does not name the moved occurrence at 10:00:\n%s", ics.String())
	}
}

// A feed writes the event that stands in for an occurrence with its series,
// whatever the filter says of it, and never without it: filtered on the
// series' kind, the moved occurrence comes too (else the RRULE would bring
// it back on its first day); filtered on the moved one's kind, neither.
func TestFeedWritesMovedOccurrencesWithTheirSeries(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	weeklyWithMove(t, d, jalali.MustNew(1403, 2, 22), domain.KindPressConference)
	feed := func(kind domain.Kind) string {
		t.Helper()
		f, err := uc(d).Feed(ctx, app.FeedSpec{Filter: domain.EventFilter{Kind: kind}, FromYear: 1403, ToYear: 1403})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := f.Write(ctx, &b, nil); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	meetings := feed(domain.KindMeeting)
	if !strings.Contains(meetings, "RRULE:") || !strings.Contains(meetings, "RECURRENCE-ID;TZID=Asia/Tehran:20240518T090000") {
		t.Errorf("the meetings' feed leaves out the moved occurrence of its series:\n%s", meetings)
	}
	if press := feed(domain.KindPressConference); strings.Contains(press, "RECURRENCE-ID") || strings.Contains(press, "RRULE:") {
		t.Errorf("the press conferences' feed writes a moved occurrence without its series:\n%s", press)
	}
}

// weeklyWithMove stores a weekly series on Saturdays at 09:00 from sat, and
// an event of kind standing in for its second occurrence, moved a day
// later at 12:00.
func weeklyWithMove(t *testing.T, d *DB, sat jalali.Date, kind domain.Kind) (series, occ domain.Event) {
	t.Helper()
	ctx := context.Background()
	series = domain.Event{Title: "جلسهٔ هفتگی", Kind: domain.KindMeeting, Start: sat, StartTime: "09:00",
		Repeat: domain.Repeat{Kind: domain.RepeatWeekly, Days: domain.WeekdaysOf(jalali.Saturday)}}
	if err := uc(d).SaveEvent(ctx, &series); err != nil {
		t.Fatal(err)
	}
	occ = domain.Event{Title: "جلسهٔ جابه‌جا", Kind: kind, Start: sat.AddDays(8), StartTime: "12:00"}
	if err := uc(d).OverrideOccurrence(ctx, series, sat.AddDays(7), &occ); err != nil {
		t.Fatal(err)
	}
	return series, occ
}

// A moved occurrence deleted, then its series ended before its day: the
// occurrence restored comes back on its own, not standing in for a day the
// series no longer has.
func TestRestoredOccurrenceOfAnEndedSeriesStandsAlone(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	sat := jalali.MustNew(1403, 2, 22)
	series, occ := weeklyWithMove(t, d, sat, domain.KindMeeting)
	if err := uc(d).DeleteEvent(ctx, occ.ID); err != nil {
		t.Fatal(err)
	}
	s, _ := d.Event(ctx, series.ID)
	s.Repeat.Until = sat.AddDays(6) // its first Saturday only
	if err := uc(d).SaveEvent(ctx, &s); err != nil {
		t.Fatal(err)
	}
	got, err := uc(d).RestoreEvent(ctx, occ.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored, _ := d.Event(ctx, occ.ID); !got.Of.IsZero() || !stored.Of.IsZero() || stored.Start != occ.Start {
		t.Errorf("restored after its series ended: %+v (stored %+v), want an event of its own on %s", got.Of, stored.Of, occ.Start)
	}
	if s, _ := d.Event(ctx, series.ID); s.Repeat.Moved.Has(sat.AddDays(7)) {
		t.Errorf("the ended series has its old day moved again: %q", s.Repeat.Moved)
	}
}
