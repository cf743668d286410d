package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/hijri"
	"github.com/ruydad/ruydad/internal/jalali"
)

var updateDump = flag.Bool("update", false, "rewrite testdata/dump.golden.json")

const goldenDump = "testdata/dump.golden.json"

const dumpStamp = "2024-05-09T06:30:00Z"

func dumpTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// dumpHijriStart returns the day Hijri month y/m began by Iran's table.
func dumpHijriStart(t *testing.T, y, m int) jalali.Date {
	t.Helper()
	info, ok := hijri.Official().Month(hijri.Month{Year: y, Month: m})
	if !ok {
		t.Fatalf("no Hijri month %d/%d", y, m)
	}
	return info.Start
}

// filledDump returns a store holding records of every shape the format
// has: occasions of each calendar and rule (defaults left out, a weekday,
// edited, hidden, provincial), catalogue keys, a Hijri correction, a mined
// article with its dateline and the occasions it names, an undated one,
// and events typed in, yearly, mined, undated and rejected.
func filledDump(t *testing.T) *memDump {
	t.Helper()
	ctx := context.Background()
	m := newMemDump()
	d := jalali.MustNew
	occasions := []domain.Occasion{
		{Key: "pr-day", Name: "روز ملی ارتباطات و روابط عمومی (ویرایش‌شده)", Group: domain.GroupOfficial,
			Recurrence: domain.Recurrence{Calendar: domain.CalJalali, Rule: domain.RuleDate, Month: 2, Day: 27, Length: 1},
			Aliases:    []string{"روز روابط عمومی"}, Description: "خط اول\nخط دوم", Edited: true, Sequence: 2,
			UpdatedAt: dumpTime(t, "2025-05-01T08:00:00.123456789Z")},
		{Key: "ashura", Name: "عاشورای حسینی", Group: domain.GroupOfficial, Holiday: true,
			Recurrence: domain.Recurrence{Calendar: domain.CalHijri, Rule: domain.RuleDate, Month: 1, Day: 10, Length: 1},
			UpdatedAt:  dumpTime(t, dumpStamp)},
		{Key: "office-friday", Name: "جمعهٔ دوم مهر <اداره> & همدان", Group: domain.GroupOffice, Province: "همدان", Hidden: true,
			Recurrence: domain.Recurrence{Calendar: domain.CalJalali, Rule: domain.RuleNthWeekday, Month: 7, Weekday: jalali.Friday,
				Nth: 2, Length: 2, Offset: -1, FromYear: 1400, ToYear: 1420},
			Aliases: []string{}, Sequence: 1, UpdatedAt: dumpTime(t, dumpStamp)},
	}
	for _, o := range occasions {
		m.InsertOccasion(ctx, o)
	}
	for _, k := range []string{"pr-day", "hafez-day", "ashura"} {
		m.AddCatalogueKey(ctx, k)
	}
	m.InsertHijriCorrection(ctx, domain.HijriCorrection{Year: 1448, Month: 10, Start: dumpHijriStart(t, 1448, 10),
		Note: "ستاد استهلال", UpdatedAt: dumpTime(t, dumpStamp)})
	m.InsertPreparation(ctx, domain.Preparation{Occasion: "pr-day", LeadDays: 7, UpdatedAt: dumpTime(t, dumpStamp)})
	text := "تهران – ۲۰ اردیبهشت: نشست خبری روز ۲۷ اردیبهشت برگزار می‌شود و جشنواره در ماه آینده است."
	mined := domain.Article{Title: "خبر نشست", Text: text, Source: "ایرنا", Province: "فارس", Published: d(1404, 2, 20),
		PublishedFrom: domain.Span{Start: 15, End: 36}, Hash: "hash-mined", CreatedAt: dumpTime(t, dumpStamp)}
	m.InsertArticle(ctx, &mined, []domain.ArticleOccasion{
		{Occasion: "pr-day", Name: "روز روابط عمومی", Start: d(1404, 2, 27), End: d(1404, 2, 27), EvidenceStart: 38,
			EvidenceEnd: 84, Confidence: 0.9, ReviewNote: "سال از تاریخ انتشار"},
		{Occasion: "gone-day", Name: "روزی که دیگر نیست", Start: d(1404, 3, 1), End: d(1404, 3, 7), EvidenceStart: 115,
			EvidenceEnd: 152, Confidence: 0.5}})
	undated := domain.Article{Text: "بدون تاریخ", Hash: "hash-undated", CreatedAt: dumpTime(t, "2024-05-10T00:00:00.5Z")}
	m.InsertArticle(ctx, &undated, nil)
	irna := domain.Source{URL: "https://www.irna.ir/rss/tp/8", Name: "ایرنا فارس", Province: "فارس", Organization: "استانداری",
		Enabled: true, Interval: 30 * time.Minute, CreatedAt: dumpTime(t, dumpStamp),
		Status: domain.SourceStatus{LastFetch: dumpTime(t, dumpStamp), NewItems: 3, Validators: domain.Validators{ETag: `"x"`}}}
	off := domain.Source{URL: "https://example.ir/feed", Interval: 24 * time.Hour, CreatedAt: dumpTime(t, dumpStamp)}
	m.InsertSource(ctx, &irna)
	m.InsertSource(ctx, &off)
	m.InsertArticleLink(ctx, &domain.ArticleLink{ArticleID: mined.ID, URL: "https://www.irna.ir/news/1", SourceID: irna.ID,
		Title: "خبر نشست", FoundAt: dumpTime(t, dumpStamp)})
	m.InsertArticleLink(ctx, &domain.ArticleLink{ArticleID: mined.ID, URL: "https://farsnews.ir/news/2?id=3", FoundAt: dumpTime(t, "2024-05-09T07:00:00Z")})
	events := []domain.Event{
		{UID: "typed@ruydad", Title: "همایش ملی <ارتباطات> & رسانه", Kind: domain.KindConference, Start: d(1404, 2, 27),
			End: d(1404, 2, 29), StartTime: "09:30", EndTime: "17:00", Location: "تهران، سالن \"همایش‌ها\"", Province: "تهران",
			Organization: "وزارت فرهنگ", Owner: "مریم احمدی", Description: "خط اول\nخط دوم\t\u200cبا نیم‌فاصله", Status: domain.StatusConfirmed,
			Precision: domain.PrecisionDay, Confidence: 1, Sequence: 3, Reminders: domain.RemindersOf(domain.ReminderDay, domain.ReminderHour)},
		{UID: "yearly@ruydad", Title: "سالروز تأسیس اداره", Kind: domain.KindCeremony, Start: d(1403, 12, 30), End: d(1403, 12, 30),
			Repeat: domain.Repeat{Kind: domain.RepeatYearly}, Status: domain.StatusConfirmed, Precision: domain.PrecisionDay, Confidence: 1},
		{UID: "weekly@ruydad", Title: "جلسهٔ هفتگی", Kind: domain.KindMeeting, Start: d(1404, 2, 27), End: d(1404, 2, 27), StartTime: "10:00",
			Repeat: domain.Repeat{Kind: domain.RepeatWeekly, Interval: 2, Days: domain.WeekdaysOf(d(1404, 2, 27).Weekday(), jalali.Monday),
				Until: d(1404, 6, 31), Skipped: domain.DatesOf(d(1404, 3, 10)), Moved: domain.DatesOf(d(1404, 3, 12))},
			Status: domain.StatusConfirmed, Precision: domain.PrecisionDay, Confidence: 1},
		{UID: "mined@ruydad", Title: "نشست خبری", Kind: domain.KindPressConference, Start: d(1404, 2, 27), End: d(1404, 2, 27),
			Status: domain.StatusProposed, ArticleID: mined.ID, EvidenceStart: 38, EvidenceEnd: 84, Precision: domain.PrecisionDay,
			Confidence: 0.8, Occasion: "pr-day"},
		{UID: "undated@ruydad", Title: "جشنواره", Kind: domain.KindFestival, Status: domain.StatusProposed, ArticleID: mined.ID,
			EvidenceStart: 115, EvidenceEnd: 152, Precision: domain.PrecisionMonth, Confidence: 0.4, ReviewNote: "تاریخ نامشخص"},
		{UID: "rejected@ruydad", Title: "رد شده", Kind: domain.KindOther, Status: domain.StatusRejected, ArticleID: mined.ID,
			EvidenceStart: 38, EvidenceEnd: 55, Precision: domain.PrecisionDay, Confidence: 0.1},
		// Last, as the store writes them: after every series, the events that
		// stand in for their occurrences.
		{UID: "moved@ruydad", Title: "جلسهٔ هفتگی (جابه‌جا)", Kind: domain.KindMeeting, Start: d(1404, 3, 13), End: d(1404, 3, 13), StartTime: "11:00",
			Of:     domain.Override{SeriesUID: "weekly@ruydad", Date: d(1404, 3, 12), Time: "10:00", Kind: domain.RepeatWeekly},
			Status: domain.StatusConfirmed, Precision: domain.PrecisionDay, Confidence: 1},
	}
	for i := range events {
		events[i].CreatedAt, events[i].UpdatedAt = dumpTime(t, dumpStamp), dumpTime(t, "2024-05-11T10:00:00.25Z")
		m.InsertEvent(ctx, &events[i])
	}
	return m
}

func writeDumpString(t *testing.T, src DumpSource) (string, DumpCounts) {
	t.Helper()
	var b bytes.Buffer
	n, err := WriteDump(context.Background(), src, &b)
	if err != nil {
		t.Fatal(err)
	}
	return b.String(), n
}

// TestWriteDumpGolden: the dump of every shape of record, byte for byte,
// and loading it into an empty store and writing that again gives the same
// bytes.
func TestWriteDumpGolden(t *testing.T) {
	got, n := writeDumpString(t, filledDump(t))
	if want := (DumpCounts{Occasions: 3, CatalogueKeys: 3, HijriCorrections: 1, Preparations: 1, Sources: 2, Articles: 2, Events: 7}); n != want {
		t.Errorf("counts %+v, want %+v", n, want)
	}
	if *updateDump {
		if err := os.WriteFile(goldenDump, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(goldenDump)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Fatalf("the dump differs from %s (go test ./internal/app -run TestWriteDumpGolden -update rewrites it; review the diff):\n%s", goldenDump, got)
	}
	m := newMemDump()
	if _, err := LoadDump(context.Background(), m, strings.NewReader(got)); err != nil {
		t.Fatal(err)
	}
	if again, _ := writeDumpString(t, m); again != got {
		t.Errorf("write → load → write differs:\n%s\n---\n%s", got, again)
	}
}

// TestWriteDumpEmpty: every section is written, in order, even empty.
func TestWriteDumpEmpty(t *testing.T) {
	got, n := writeDumpString(t, newMemDump())
	want := "{\"format\": \"ruydad\", \"version\": 6,\n\"occasions\": [],\n\"catalogue_keys\": [],\n\"hijri_corrections\": [],\n" +
		"\"preparations\": [],\n\"sources\": [],\n\"articles\": [],\n\"events\": []}\n"
	if got != want || n != (DumpCounts{}) {
		t.Errorf("empty dump %q (%+v), want %q", got, n, want)
	}
}

// dumpParts builds a dump file from records; a nil section is left out.
type dumpParts struct {
	version   int // 3 when 0
	occasions []occasionRecord
	keys      []string
	hijri     []hijriRecord
	articles  []articleRecord
	events    []eventRecord
}

func (p dumpParts) file(t *testing.T) string {
	t.Helper()
	if p.version == 0 {
		p.version = DumpVersion
	}
	var b strings.Builder
	b.WriteString(`{"format": "ruydad", "version": ` + strconv.Itoa(p.version))
	section := func(name string, n int, rec func(i int) any) {
		if n < 0 {
			return
		}
		b.WriteString(",\n\"" + name + "\": [")
		for i := range n {
			line, err := json.Marshal(rec(i))
			if err != nil {
				t.Fatal(err)
			}
			if i > 0 {
				b.WriteString(",")
			}
			b.Write(line)
		}
		b.WriteString("]")
	}
	size := func(n int, isNil bool) int {
		if isNil {
			return -1
		}
		return n
	}
	section("occasions", size(len(p.occasions), p.occasions == nil), func(i int) any { return p.occasions[i] })
	section("catalogue_keys", size(len(p.keys), p.keys == nil), func(i int) any { return p.keys[i] })
	section("hijri_corrections", size(len(p.hijri), p.hijri == nil), func(i int) any { return p.hijri[i] })
	section("articles", size(len(p.articles), p.articles == nil), func(i int) any { return p.articles[i] })
	section("events", size(len(p.events), p.events == nil), func(i int) any { return p.events[i] })
	b.WriteString("}")
	return b.String()
}

// eventRec is a valid confirmed event record; edit makes it what a test
// needs.
func eventRec(uid string, edit func(*eventRecord)) eventRecord {
	e := eventRecord{UID: uid, Title: "نشست خبری", Kind: "press_conference", Start: dumpPtr("2024-05-16"),
		End: dumpPtr("2024-05-16"), Status: "confirmed", Precision: "day", Confidence: 1, Created: dumpStamp, Updated: dumpStamp}
	edit(&e)
	return e
}

func articleRec(hash string, edit func(*articleRecord)) articleRecord {
	a := articleRecord{Hash: hash, Title: "خبر", Text: "متن خبر نشست", Created: dumpStamp}
	edit(&a)
	return a
}

func occasionRec(key, name string, edit func(*occasionRecord)) occasionRecord {
	o := occasionRecord{CatalogueEntry: domain.CatalogueEntry{Key: key, Name: name, Month: 2, Day: 27, Aliases: []string{}},
		Updated: dumpStamp}
	edit(&o)
	return o
}

func dumpAsIs[T any](*T) {}

// TestLoadDumpRefusesDatesOutsideTheSupportedYears: a dump whose article
// or event dates fall outside Jalali 1000..3000 (jalali.ParseISO checks
// only the form) is refused, the error names the record, and nothing of
// the load is stored.
func TestLoadDumpRefusesDatesOutsideTheSupportedYears(t *testing.T) {
	last := jalali.MustNew(jalali.MaxYear, 12, jalali.MonthLength(jalali.MaxYear, 12))
	late, early := last.AddDays(5).ISO(), jalali.MustNew(jalali.MinYear, 1, 1).AddDays(-10).ISO()
	good := eventRec("good@x", dumpAsIs)
	for _, tt := range []struct {
		name  string
		parts dumpParts
		who   string
	}{
		{"article published too late", dumpParts{articles: []articleRecord{articleRec("h1", func(a *articleRecord) { a.Published = &late })}}, `"h1"`},
		{"article published too early", dumpParts{articles: []articleRecord{articleRec("h2", func(a *articleRecord) { a.Published = &early })}}, `"h2"`},
		{"event ending after 3000", dumpParts{events: []eventRecord{good, eventRec("u1@x", func(e *eventRecord) {
			e.Start, e.End = dumpPtr(last.ISO()), &late
		})}}, `"u1@x"`},
		{"proposed event starting before 1000", dumpParts{events: []eventRecord{good, eventRec("u2@x", func(e *eventRecord) {
			e.Status, e.Start, e.End = "proposed", &early, &early
		})}}, `"u2@x"`},
	} {
		m := newMemDump()
		_, err := LoadDump(context.Background(), m, strings.NewReader(tt.parts.file(t)))
		if err == nil || !strings.Contains(err.Error(), tt.who) || !errors.Is(err, jalali.ErrInvalid) {
			t.Errorf("%s: %v, want an error naming %s and wrapping jalali.ErrInvalid", tt.name, err, tt.who)
		}
		if len(m.events) != 0 || len(m.articles) != 0 || m.seeded {
			t.Errorf("%s: %d events, %d articles stored after the refused load", tt.name, len(m.events), len(m.articles))
		}
	}
}

// TestLoadDumpErrorsWrap: invalid records are reported with their
// validation error wrapped, not flattened.
func TestLoadDumpErrorsWrap(t *testing.T) {
	var verr domain.ValidationError
	load := func(p dumpParts) error {
		_, err := LoadDump(context.Background(), newMemDump(), strings.NewReader(p.file(t)))
		return err
	}
	mehr31 := occasionRec("bad", "x", func(o *occasionRecord) { o.Month, o.Day = 7, 31 })
	if err := load(dumpParts{occasions: []occasionRecord{mehr31}}); !errors.As(err, &verr) || !verr.Has(domain.FieldDay) {
		t.Errorf("31 Mehr: %v, want a wrapped ValidationError", err)
	}
	blank := articleRec("h", func(a *articleRecord) { a.Text = " " })
	if err := load(dumpParts{articles: []articleRecord{blank}}); !errors.As(err, &verr) || !verr.Has(domain.FieldText) {
		t.Errorf("empty article: %v, want a wrapped ValidationError", err)
	}
	early := eventRec("remind@x", func(e *eventRecord) { e.Reminders = []int{60, 60 * 24 * 29} })
	if err := load(dumpParts{events: []eventRecord{early}}); !errors.As(err, &verr) || !verr.Has(domain.FieldReminders) {
		t.Errorf("a reminder 29 days before: %v, want a wrapped ValidationError", err)
	}
	noKey := occasionRec("", "بدون کلید", dumpAsIs)
	if err := load(dumpParts{occasions: []occasionRecord{noKey}}); err == nil || !strings.Contains(err.Error(), "بدون کلید") {
		t.Errorf("an occasion without a key: %v", err)
	}
}
