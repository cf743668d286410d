package sqlite

import (
	"context"
	"reflect"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// TestEachEventReadsWhatEventReads: the feed's rows (the plain columns one
// by one, a series' columns packed into one) are the events Event reads,
// but for the review's fields, for plain events, series with every repeat
// field set, events standing in for an occurrence, and rows holding odd
// values a person or an import could leave (an occurrence's UID with the
// packing's own marks and bytes that are not UTF-8, a day with no
// series).
func TestEachEventReadsWhatEventReads(t *testing.T) {
	if !rareDefaultsZero {
		t.Fatal("the series columns' defaults do not scan into zero fields: every row unpacks them")
	}
	d := open(t)
	ctx := context.Background()
	sat := jalali.MustNew(1405, 9, 7) // a Saturday
	save := func(e domain.Event) domain.Event {
		t.Helper()
		e.Status = domain.StatusConfirmed
		if err := uc(d).SaveEvent(ctx, &e); err != nil {
			t.Fatal(err)
		}
		return e
	}
	save(domain.Event{Title: "نشست خبری", Kind: domain.KindPressConference, Start: sat, End: sat.AddDays(1), StartTime: "10:00",
		Province: "همدان", Organization: "استانداری", Location: "تالار", Description: "شرح\nدوم", Owner: "دفتر"})
	series := save(domain.Event{Title: "جلسهٔ هفتگی", Kind: domain.KindMeeting, Start: sat,
		Repeat: domain.Repeat{Kind: domain.RepeatWeekly, Interval: 2, Days: domain.WeekdaysOf(jalali.Saturday), Count: 10,
			Skipped: domain.DatesOf(sat.AddDays(14)), Moved: domain.DatesOf(sat.AddDays(28))}})
	save(domain.Event{Title: "جلسهٔ هفتگی در تالار", Kind: domain.KindMeeting, Start: sat.AddDays(29),
		Of: domain.Override{SeriesUID: series.UID, Date: sat.AddDays(28), Kind: domain.RepeatWeekly}})
	save(domain.Event{Title: "سالانه", Kind: domain.KindOther, Start: sat, Repeat: domain.Repeat{Kind: domain.RepeatYearly}})
	save(domain.Event{Title: "ماهانه", Kind: domain.KindOther, Start: sat,
		Repeat: domain.Repeat{Kind: domain.RepeatMonthly, Until: sat.AddDays(200)}})
	odd := save(domain.Event{Title: "وارد شده", Kind: domain.KindOther, Start: sat.AddDays(3)})
	if _, err := d.w.ExecContext(ctx, `UPDATE events SET series_uid = ?, series_date = ?, series_time = '09:00', repeat_nth = 2 WHERE id = ?`,
		"t5:i3;n\xff\xfe:@other", sat.AddDays(3).ISO(), odd.ID); err != nil {
		t.Fatal(err)
	}
	for _, sources := range []bool{false, true} {
		n := 0
		err := d.EachEvent(ctx, domain.EventFilter{}, sources, func(got domain.Event, _ string) error {
			n++
			want, err := d.Event(ctx, got.ID)
			if err != nil {
				return err
			}
			want.EvidenceStart, want.EvidenceEnd, want.Precision, want.Confidence, want.ReviewNote = 0, 0, "", 0, ""
			if !reflect.DeepEqual(got, want) {
				t.Errorf("event %d (sources %v):\n got %+v\nwant %+v", got.ID, sources, got, want)
			}
			return nil
		})
		if err != nil || n != 6 {
			t.Fatalf("sources %v: %d events, %v", sources, n, err)
		}
	}
}

// TestUnpackRareRefusesDamage: a packed value that does not hold the
// series columns whole is an error, never fields read from the wrong
// bytes.
func TestUnpackRareRefusesDamage(t *testing.T) {
	for _, s := range []string{"", rareDefaults[:len(rareDefaults)-1], rareDefaults + "n", "x" + rareDefaults[1:], "t99:" + rareDefaults[3:]} {
		var e domain.Event
		if err := unpackRare(&e, s); err == nil {
			t.Errorf("%q unpacked", s)
		}
	}
	var e domain.Event
	if err := unpackRare(&e, rareDefaults); err != nil || !reflect.DeepEqual(e, domain.Event{}) {
		t.Errorf("the defaults unpack into %+v, %v", e, err)
	}
}
