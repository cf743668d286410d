package ical

import (
	"bytes"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/seeds"
)

// testNow is the DTSTAMP of every test feed.
var testNow = time.Date(2024, 5, 1, 6, 30, 0, 0, time.UTC)

var (
	testCreated = time.Date(2024, 4, 20, 8, 0, 0, 0, time.UTC)
	testUpdated = time.Date(2024, 4, 22, 9, 15, 0, 0, time.UTC)
)

// event returns a confirmed one-day all-day event with the given fields
// changed by edit.
func event(uid, title string, edit func(*domain.Event)) domain.Event {
	d := jalali.MustNew(1403, 2, 27)
	e := domain.Event{
		ID: 1, UID: uid, Title: title, Kind: domain.KindMeeting, Start: d, End: d,
		Status: domain.StatusConfirmed, Sequence: 2, CreatedAt: testCreated, UpdatedAt: testUpdated,
	}
	if edit != nil {
		edit(&e)
	}
	return e
}

const longTitle = "نشست خبری مدیرکل روابط عمومی استانداری تهران با اصحاب رسانه به مناسبت روز ملی ارتباطات و روابط عمومی و تجلیل از فعالان رسانه‌ای استان"

const longDescription = "در این نشست که با حضور مدیران روابط عمومی دستگاه‌های اجرایی استان برگزار می‌شود، " +
	"برنامه‌های هفته ارتباطات و روابط عمومی، جشنواره رسانه‌ای و تور رسانه‌ای شهرستان‌ها تشریح خواهد شد.\n" +
	"خبرنگاران برای حضور تا ۲۵ اردیبهشت ثبت‌نام کنند."

// sampleEvents covers every shape of event the writer knows.
func sampleEvents() []domain.Event {
	return []domain.Event{
		event("fold@ruydad", longTitle, func(e *domain.Event) {
			e.ID, e.Kind, e.Description = 11, domain.KindPressConference, longDescription
			e.Location, e.Province, e.Organization = "سالن اجتماعات استانداری تهران، طبقه دوم", "تهران", "استانداری تهران"
			e.StartTime, e.EndTime = "10:00", "12:30"
			e.ArticleID = 5
		}),
		event("escape@ruydad", `گزارش, بررسی; و \ مسیر`, func(e *domain.Event) {
			e.ID, e.Kind = 12, domain.KindOther
			e.Description = "سطر اول\nسطر دوم، با ویرگول, نقطه‌ویرگول; و بک‌اسلش \\n که خط نیست\r\nسطر سوم"
			e.Location = `خیابان آزادی, پلاک ۱۲; واحد ۳`
			e.Owner = `مریم احمدی, روابط عمومی; داخلی ۱۲`
		}),
		event("allday@ruydad", "جلسه شورای هماهنگی روابط عمومی‌ها", func(e *domain.Event) { e.ID = 13 }),
		event("timed-open@ruydad", "بازدید خبرنگاران از نیروگاه", func(e *domain.Event) {
			e.ID, e.Kind, e.StartTime, e.Status = 14, domain.KindVisit, "08:15", domain.StatusProposed
		}),
		event("multiday@ruydad", "جشنواره رسانه‌ای ابوذر", func(e *domain.Event) {
			e.ID, e.Kind = 15, domain.KindFestival
			e.Start, e.End = jalali.MustNew(1403, 12, 27), jalali.MustNew(1404, 1, 3)
		}),
		event("multiday-timed@ruydad", "دوره آموزشی خبرنویسی", func(e *domain.Event) {
			e.ID, e.Kind = 16, domain.KindTraining
			e.Start, e.End = jalali.MustNew(1403, 6, 2), jalali.MustNew(1403, 6, 4)
			e.StartTime, e.EndTime = "09:00", "13:00"
		}),
		event("multiday-open@ruydad", "تور رسانه‌ای شهرستان‌های شمالی", func(e *domain.Event) {
			e.ID, e.Kind = 17, domain.KindMediaTour
			e.Start, e.End = jalali.MustNew(1403, 7, 1), jalali.MustNew(1403, 7, 2)
			e.StartTime = "07:00"
		}),
		event("yearly@ruydad", "سالگرد تأسیس اداره کل روابط عمومی", func(e *domain.Event) {
			e.ID, e.Kind, e.Repeat = 18, domain.KindCeremony, domain.Repeat{Kind: domain.RepeatYearly}
			e.Start, e.End = jalali.MustNew(1401, 2, 27), jalali.MustNew(1401, 2, 28)
			e.Description = "مراسم سالانه"
		}),
		event("yearly-leap@ruydad", "جشن پایان سال", func(e *domain.Event) {
			e.ID, e.Kind, e.Repeat = 19, domain.KindCeremony, domain.Repeat{Kind: domain.RepeatYearly}
			e.Start, e.End = jalali.MustNew(1399, 12, 30), jalali.MustNew(1399, 12, 30)
			e.StartTime, e.EndTime = "18:00", "20:00"
		}),
	}
}

// catalogue returns the built-in occasions a fresh installation shows
// (the international days are hidden until an office shows them).
func catalogue(t testing.TB) []domain.Occasion {
	t.Helper()
	occ, err := domain.ParseCatalogue(seeds.Occasions, seeds.OfficialOccasions)
	if err != nil {
		t.Fatal(err)
	}
	return calendar.Shown(occ, "")
}

// occasion returns the built-in occasion with key.
func occasion(t testing.TB, key string) domain.Occasion {
	t.Helper()
	for _, o := range catalogue(t) {
		if o.Key == key {
			return o
		}
	}
	t.Fatalf("no occasion %q in the catalogue", key)
	return domain.Occasion{}
}

// write writes a feed of events and occasions and returns it.
func write(t testing.TB, f Feed, events []domain.Event, occasions []domain.Occasion) []byte {
	t.Helper()
	var b bytes.Buffer
	w := NewWriter(&b, f)
	for _, e := range events {
		if err := w.Event(e); err != nil {
			t.Fatalf("Event(%s): %v", e.UID, err)
		}
	}
	for _, o := range occasions {
		if err := w.Occasion(o); err != nil {
			t.Fatalf("Occasion(%s): %v", o.Key, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func testFeed() Feed {
	return Feed{
		Name:          "تقویم رویدادهای روابط عمومی",
		BaseURL:       "https://ruydad.example.ir/",
		Now:           testNow,
		FromYear:      1403,
		ToYear:        1405,
		ArticleTitles: map[int64]string{5: "برگزاری نشست خبری به مناسبت روز ارتباطات"},
	}
}
