package ical

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// TestAppendEventDescriptionIsEscapedText checks that the DESCRIPTION the
// writer appends in place is, byte for byte, the escaped text of
// eventDescription, over texts with every character TEXT escapes or drops
// and spaces of every kind.
func TestAppendEventDescriptionIsEscapedText(t *testing.T) {
	texts := []string{"", "ساده", " فاصله\u00a0ها \t و\u2003 خط\nنو ", "a,b;c\\d", "سطر\r\nدوم\rسوم\n", "کنترل\x01\x7f", "نادرست\xff\xfe", "\r", "پایان\r"}
	spans := [][2]jalali.Date{{jalali.MustNew(1403, 2, 27), jalali.MustNew(1403, 2, 27)}, {jalali.MustNew(1403, 12, 28), jalali.MustNew(1404, 1, 3)}}
	times := [][2]string{{"", ""}, {"09:30", ""}, {"09:30", "11:00"}}
	n := 0
	for _, text := range texts {
		for _, span := range spans {
			for _, tm := range times {
				for _, everyYear := range []bool{false, true} {
					e := event("d@ruydad", "عنوان", func(e *domain.Event) {
						e.Start, e.End, e.StartTime, e.EndTime = span[0], span[1], tm[0], tm[1]
						e.Province, e.Organization, e.Description = text, text+" سازمان", text
					})
					for _, repeat := range []string{"", lineYearly, text} {
						want := appendText(nil, eventDescription(e, e.Start, e.End, text, everyYear, repeat))
						got := appendEventDescription(nil, &e, e.Start, e.End, text, everyYear, repeat)
						if !bytes.Equal(got, want) {
							t.Fatalf("%q %v %v %v %q:\n got %q\nwant %q", text, span, tm, everyYear, repeat, got, want)
						}
						n++
					}
				}
			}
		}
	}
	if n != len(texts)*len(spans)*len(times)*2*3 {
		t.Fatalf("%d cases", n)
	}
}

// TestAppendOccasionDescriptionIsEscapedText is the same for occasions.
func TestAppendOccasionDescriptionIsEscapedText(t *testing.T) {
	start := jalali.MustNew(1403, 4, 26)
	for _, text := range []string{"", "روز ملی، استان;\\", "سطر\r\nدوم"} {
		for _, rec := range []domain.Recurrence{{Calendar: domain.CalJalali, Rule: domain.RuleDate, Month: 4, Day: 26, Length: 1},
			{Calendar: domain.CalHijri, Rule: domain.RuleDate, Month: 1, Day: 10, Length: 2}} {
			for _, holiday := range []bool{false, true} {
				o := domain.Occasion{Key: "k", Name: "روز", Recurrence: rec, Holiday: holiday, Province: text, Description: text}
				for _, hijri := range []string{"", "تاریخ قمری: ۱۰ محرم ۱۴۴۶", "قمری\r"} {
					want := appendText(nil, occasionDescription(o, start, start.AddDays(1), hijri, holiday))
					if got := appendOccasionDescription(nil, &o, start, start.AddDays(1), hijri, holiday); !bytes.Equal(got, want) {
						t.Fatalf("got %q\nwant %q", got, want)
					}
				}
			}
		}
	}
}

// TestNextDay checks nextDay against AddDays(1) over every day of
// 1395..1410, leap years' last days included.
func TestNextDay(t *testing.T) {
	d := jalali.MustNew(1395, 1, 1)
	for d.Year < 1411 {
		want := d.AddDays(1)
		if got := nextDay(d); got != want {
			t.Fatalf("nextDay(%v) = %v, want %v", d, got, want)
		}
		d = want
	}
}

// TestKeptOccasionsWriteTheSameBytes writes the occasions of a feed twice,
// the second time from the kept blocks, and once more with another
// DTSTAMP: the same bytes where nothing changed, the new DTSTAMP
// otherwise (the blocks of another stamp are never written).
func TestKeptOccasionsWriteTheSameBytes(t *testing.T) {
	occasions := catalogue(t)
	write := func(f Feed) string {
		var b strings.Builder
		w := NewWriter(&b, f)
		for _, o := range occasions {
			if err := w.Occasion(o); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	f := testFeed()
	first := write(f)
	k := (&Writer{f: f, cal: calendar.Official(), stamp: f.Now.UTC().Format(utcFormat)}).occasionKey(&occasions[0])
	k.from, k.to = 1403, 1405
	if _, ok := keptOccasions.get(k); !ok {
		t.Fatal("the first occasion's VEVENTs are not kept")
	}
	if again := write(f); again != first {
		t.Fatal("the kept occasions wrote other bytes")
	}
	f.Now = f.Now.Add(1e9)
	later := write(f)
	if later == first || strings.Count(later, f.Now.UTC().Format("DTSTAMP:"+utcFormat)) != strings.Count(first, "BEGIN:VEVENT") {
		t.Fatal("a feed of another DTSTAMP wrote kept occasions of the first")
	}
}
