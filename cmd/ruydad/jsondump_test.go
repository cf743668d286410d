package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/hijri"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/sqlite"
)

// fillEverything stores events of every shape, a mined article with its
// proposed events, an edited, an added and a deleted occasion.
func fillEverything(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	db, err := openDB(ctx, path, discard())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	d := jalali.MustNew
	events := []domain.Event{
		{Title: "جلسه شورای روابط عمومی", Kind: domain.KindMeeting, Start: d(1404, 2, 27)},
		{Title: "همایش ملی <ارتباطات> & رسانه", Kind: domain.KindConference, Start: d(1404, 2, 27), End: d(1404, 2, 29),
			StartTime: "09:30", EndTime: "17:00", Location: "تهران، سالن \"همایش‌ها\"", Province: "تهران",
			Organization: "وزارت فرهنگ", Description: "خط اول\nخط دوم\t\u200cبا نیم‌فاصله"},
		{Title: "سالروز تأسیس اداره", Kind: domain.KindCeremony, Start: d(1403, 12, 30), Repeat: domain.Repeat{Kind: domain.RepeatYearly}},
		{Title: "بازدید رسانه‌ای", Kind: domain.KindMediaTour, Start: d(1404, 6, 1), StartTime: "08:00"},
	}
	for i := range events {
		if err := uc(db).SaveEvent(ctx, &events[i]); err != nil {
			t.Fatal(err)
		}
	}
	events[3].Title = "بازدید رسانه‌ای (ویرایش‌شده)"
	if err := uc(db).SaveEvent(ctx, &events[3]); err != nil {
		t.Fatal(err)
	}
	if err := uc(db).DeleteEvent(ctx, events[0].ID); err != nil {
		t.Fatal(err)
	}
	// The office prepares for the PR day, from 10 days before.
	if err := db.SetPreparation(ctx, domain.Preparation{Occasion: "pr-day", LeadDays: 10}); err != nil {
		t.Fatal(err)
	}

	text := "به گزارش روابط عمومی، نشست خبری روز ۲۷ اردیبهشت برگزار می‌شود و جشنواره در ماه آینده است."
	art := domain.Article{Title: "خبر نشست", Text: text, Source: "ایرنا", Province: "فارس", Published: d(1404, 2, 20), Hash: app.Hash(text)}
	mined := []domain.Event{
		{Title: "نشست خبری", Kind: domain.KindPressConference, Start: d(1404, 2, 27), EvidenceStart: 10, EvidenceEnd: 40, Confidence: 0.8, Occasion: "pr-day"},
		{Title: "جشنواره", Kind: domain.KindFestival, EvidenceStart: 50, EvidenceEnd: 70, Confidence: 0.4, ReviewNote: "تاریخ نامشخص", Precision: domain.PrecisionMonth},
		{Title: "رد شده", Kind: domain.KindOther, EvidenceStart: 0, EvidenceEnd: 5, Confidence: 0.1},
	}
	named := []domain.ArticleOccasion{
		{Occasion: "pr-day", Name: "روز روابط عمومی", Start: d(1404, 2, 27), End: d(1404, 2, 27), EvidenceStart: 10, EvidenceEnd: 40,
			Confidence: 0.9, ReviewNote: "سال از تاریخ انتشار"},
		{Occasion: "gone-day", Name: "روزی که دیگر نیست", Start: d(1404, 3, 1), End: d(1404, 3, 7), EvidenceStart: 50, EvidenceEnd: 70, Confidence: 0.5},
	}
	art.PublishedFrom = domain.Span{Start: 0, End: 8}
	if _, err := uc(db).StoreArticle(ctx, &art, mined, named); err != nil {
		t.Fatal(err)
	}
	if _, err := uc(db).Review(ctx, []int64{mined[0].ID}, domain.StatusConfirmed); err != nil {
		t.Fatal(err)
	}
	if _, err := uc(db).Review(ctx, []int64{mined[2].ID}, domain.StatusRejected); err != nil {
		t.Fatal(err)
	}
	undated := "بدون تاریخ"
	art2 := domain.Article{Text: undated, Hash: app.Hash(undated)}
	if _, err := uc(db).StoreArticle(ctx, &art2, nil, nil); err != nil {
		t.Fatal(err)
	}

	occ, err := db.Occasions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	occ[0].Name, occ[0].Aliases = occ[0].Name+" (ویرایش‌شده)", append(occ[0].Aliases, "نام دیگر")
	if err := uc(db).UpdateOccasion(ctx, occ[0]); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteOccasion(ctx, occ[1].ID); err != nil {
		t.Fatal(err)
	}
	office := domain.Occasion{Key: "office-day", Name: "روز اداره", Group: domain.GroupOffice, Aliases: []string{"سالروز اداره"}}
	office.Recurrence = domain.Recurrence{Calendar: domain.CalJalali, Rule: domain.RuleDate, Month: 7, Day: 8, Length: 2}
	if err := uc(db).CreateOccasion(ctx, &office); err != nil {
		t.Fatal(err)
	}
	lunar := domain.Occasion{Key: "office-lunar", Name: "سوگواری دههٔ اول محرم", Group: domain.GroupOffice, Province: "همدان", Hidden: true}
	lunar.Recurrence = domain.Recurrence{Calendar: domain.CalHijri, Rule: domain.RuleDate, Month: 1, Day: 1, Length: 10, FromYear: 1400}
	if err := uc(db).CreateOccasion(ctx, &lunar); err != nil {
		t.Fatal(err)
	}
	shift := domain.HijriCorrection{Year: 1448, Month: 10, Start: hijriStart(t, 1448, 10), Note: "ستاد استهلال"}
	if err := db.SetHijriCorrection(ctx, shift, calendar.Check); err != nil {
		t.Fatal(err)
	}
}

// movedCorrection returns the dump with its Shawwal 1448 correction moved
// by days.
func movedCorrection(t *testing.T, dump []byte, days int) string {
	t.Helper()
	at := bytes.Index(dump, []byte(`"year":1448,"month":10,"start":"`))
	if at < 0 {
		t.Fatal("no Shawwal 1448 correction in the dump")
	}
	at += len(`"year":1448,"month":10,"start":"`)
	d, err := jalali.ParseISO(string(dump[at : at+10]))
	if err != nil {
		t.Fatal(err)
	}
	return string(dump[:at]) + d.AddDays(days).ISO() + string(dump[at+10:])
}

// TestJSONImportVersion1: a file of the first release (no catalogue keys,
// occasions on Jalali days only) is read; its database had the first
// catalogue, so the occasion it lacks stays deleted, and the rest of the
// official calendar is added when the database opens.
func TestJSONImportVersion1(t *testing.T) {
	raw, err := os.ReadFile("../../internal/sqlite/testdata/occasions-v1.json")
	if err != nil {
		t.Fatal(err)
	}
	var v1 []map[string]any
	if err := json.Unmarshal(raw, &v1); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString(`{"format": "ruydad", "version": 1, "occasions": [`)
	n := 0
	for _, o := range v1 {
		if o["key"] == "hafez-day" {
			continue // deleted at the source
		}
		o["updated"] = "2024-05-01T00:00:00Z"
		if o["key"] == "pr-day" {
			o["name"], o["sequence"] = "روز روابط عمومی استان", 2
		}
		line, _ := json.Marshal(o)
		if n > 0 {
			b.WriteString(",")
		}
		b.Write(line)
		n++
	}
	b.WriteString(`], "articles": [], "events": []}`)
	dir := t.TempDir()
	file, dst := filepath.Join(dir, "v1.json"), filepath.Join(dir, "dst.db")
	os.WriteFile(file, []byte(b.String()), 0o644)
	if out, err := cmd(t, "import", "--json", file, "--db", dst); err != nil || !strings.Contains(out, "24 occasions") {
		t.Fatalf("import: %q %v", out, err)
	}
	ctx := context.Background()
	db, err := openDB(ctx, dst, discard())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	occ, _ := db.Occasions(ctx)
	cat, _ := catalogue()
	byKey := map[string]domain.Occasion{}
	for _, o := range occ {
		byKey[o.Key] = o
	}
	if _, back := byKey["hafez-day"]; back || len(occ) != len(cat)-1 {
		t.Errorf("%d occasions (hafez-day back: %v), want %d", len(occ), back, len(cat)-1)
	}
	if pr := byKey["pr-day"]; pr.Name != "روز روابط عمومی استان" || pr.Group != domain.GroupOfficial {
		t.Errorf("pr-day: %+v", pr)
	}
}

// hijriStart returns the day Hijri month y/m began by Iran's table.
func hijriStart(t *testing.T, y, m int) jalali.Date {
	t.Helper()
	info, ok := hijri.Official().Month(hijri.Month{Year: y, Month: m})
	if !ok {
		t.Fatalf("no Hijri month %d/%d", y, m)
	}
	return info.Start
}

func discard() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestJSONRoundTrip(t *testing.T) {
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "src.db"), filepath.Join(dir, "dst.db")
	first, second := filepath.Join(dir, "first.json"), filepath.Join(dir, "second.json")
	fillEverything(t, src)

	if _, err := cmd(t, "export", "--json", first, "--db", src); err != nil {
		t.Fatal(err)
	}
	out, err := cmd(t, "import", "--json", first, "--db", dst)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalogue()
	if err != nil {
		t.Fatal(err)
	}
	// The catalogue, less the deleted occasion, and the office's two.
	nOcc := len(cat) - 1 + 2
	if !strings.Contains(out, fmt.Sprintf("%d occasions, 1 Hijri month corrections, 2 articles, 6 events", nOcc)) ||
		!strings.Contains(out, "occasions prepared for: 1 added, 0 already chosen here and kept") {
		t.Errorf("import printed %q", out)
	}
	if _, err := cmd(t, "export", "--json", second, "--db", dst); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(first)
	b, _ := os.ReadFile(second)
	if !bytes.Equal(a, b) {
		t.Errorf("export → import → export differs:\n%s\n---\n%s", a, b)
	}
	for _, want := range []string{`"format": "ruydad", "version": 6`, `"sequence":1`, `"status":"rejected"`, `"start":null`,
		`"evidence_start":50`, `"published":"2025-05-10"`, `(ویرایش‌شده)"`, `"office-day"`, `همایش ملی <ارتباطات> & رسانه`,
		`"calendar":"hijri"`, `"key":"ashura"`, `"province":"همدان"`, `"hidden":true`, `"edited":true`, `"catalogue_keys": [`,
		`"hijri_corrections": [`, `"note":"ستاد استهلال"`, `"published_from":[0,8]`,
		`"occasions":[{"occasion":"pr-day","name":"روز روابط عمومی","start":"2025-05-17","end":"2025-05-17"`} {
		if !bytes.Contains(a, []byte(want)) {
			t.Errorf("the export lacks %s", want)
		}
	}

	// The imported events link to the imported article, search finds both,
	// and the server does not load the built-in occasions or seed articles
	// on top (the deleted occasion stays deleted).
	ctx := context.Background()
	db, err := openDB(ctx, dst, discard())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	proposed, _, err := db.ProposedEvents(ctx, domain.ReviewFilter{}, 10, 0)
	if err != nil || len(proposed) != 1 || proposed[0].ArticleID == 0 {
		t.Fatalf("proposed after import: %+v %v", proposed, err)
	}
	art, err := db.Article(ctx, proposed[0].ArticleID)
	if err != nil || art.Source != "ایرنا" || art.Text[proposed[0].EvidenceStart:proposed[0].EvidenceEnd] == "" ||
		art.PublishedFrom != (domain.Span{Start: 0, End: 8}) {
		t.Errorf("the mined event's article: %+v %v", art, err)
	}
	named, err := db.ArticleOccasions(ctx, art.ID)
	if err != nil || len(named) != 2 || named[0].Occasion != "pr-day" || !named[0].Known || named[0].ReviewNote == "" ||
		named[1].Occasion != "gone-day" || named[1].Known || named[1].Name != "روزی که دیگر نیست" || named[1].End != jalali.MustNew(1404, 3, 7) {
		t.Errorf("the article's occasions after the import: %+v %v", named, err)
	}
	evs, arts, err := db.Search(ctx, []string{"همایش"}, 10, true)
	if err != nil || len(evs) != 1 || len(arts) != 0 {
		t.Errorf("search after import: %d events, %d articles, %v", len(evs), len(arts), err)
	}
	if n, _ := db.CountArticles(ctx); n != 2 {
		t.Errorf("%d articles after opening the imported database, want 2", n)
	}
	if occ, _ := db.Occasions(ctx); len(occ) != nOcc {
		t.Errorf("%d occasions after opening the imported database, want %d (the deleted one came back?)", len(occ), nOcc)
	}
	if cs, _ := db.HijriCorrections(ctx); len(cs) != 1 || cs[0].Note != "ستاد استهلال" {
		t.Errorf("Hijri corrections after the import: %+v", cs)
	}
}

func TestJSONImportMergesAndSkips(t *testing.T) {
	dir := t.TempDir()
	src, dst, file := filepath.Join(dir, "src.db"), filepath.Join(dir, "dst.db"), filepath.Join(dir, "d.json")
	fillEverything(t, src)
	seeded, err := openDB(context.Background(), dst, discard())
	if err != nil {
		t.Fatal(err)
	}
	seeded.Close()
	dbWith(t, dst, "رویداد خود مقصد")
	if _, err := cmd(t, "export", "--json", file, "--db", src); err != nil {
		t.Fatal(err)
	}
	out, err := cmd(t, "import", "--json", file, "--db", dst)
	if err != nil {
		t.Fatal(err)
	}
	// The office's two occasions are new there; of the built-in ones, the
	// one edited at the source replaces the destination's unedited copy.
	cat, err := catalogue()
	if err != nil {
		t.Fatal(err)
	}
	kept := len(cat) - 1 - 1
	if want := fmt.Sprintf("2 occasions, 1 Hijri month corrections, 2 articles, 6 events; already stored and kept: %d occasions, 0 Hijri month corrections, 0 articles, 0 events\n"+
		"occasions prepared for: 1 added, 0 already chosen here and kept\n1 built-in occasions took the file's edited versions", kept); !strings.Contains(out, want) {
		t.Errorf("first import printed %q, want %q", out, want)
	}
	out, err = cmd(t, "import", "--json", file, "--db", dst)
	if want := fmt.Sprintf("0 occasions, 0 Hijri month corrections, 0 articles, 0 events; already stored and kept: %d occasions, 1 Hijri month corrections, 2 articles, 6 events\n"+
		"occasions prepared for: 0 added, 1 already chosen here and kept", kept+3); err != nil || !strings.Contains(out, want) {
		t.Errorf("second import: %q %v", out, err)
	}
	if got := titles(t, dst); len(got) != 5 {
		t.Errorf("confirmed events after the merge: %q", got)
	}
}

// TestJSONImportAllOrNothing: a file that goes wrong anywhere, even in its
// last record or in the check after it, leaves the database as it was.
// (internal/app's tests refuse every kind of bad file; these are the ones
// that reach the database at different points.)
func TestJSONImportAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	src, file := filepath.Join(dir, "src.db"), filepath.Join(dir, "d.json")
	fillEverything(t, src)
	if _, err := cmd(t, "export", "--json", file, "--db", src); err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(file)
	lastKind := bytes.LastIndex(good, []byte(`"kind":"other"`))
	for _, tt := range []struct{ name, body, want string }{
		{"bad kind in the last event", string(good[:lastKind]) + `"kind":"party"` + string(good[lastKind+len(`"kind":"other"`):]), "invalid kind"},
		{"truncated", string(good[:len(good)-40]), "bad JSON"},
		{"corrections that do not fit", movedCorrection(t, good, 10), "do not fit together"},
		{"dangling article", strings.Replace(string(good), `"article":"`, `"article":"0000`, 1), "is not in the file"},
		{"an occasion named outside its article", strings.Replace(string(good), `"evidence_end":70,"confidence":0.5`,
			`"evidence_end":7000,"confidence":0.5`, 1), "outside the text"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dst := filepath.Join(t.TempDir(), "dst.db")
			dbWith(t, dst, "تنها رویداد")
			bad := filepath.Join(t.TempDir(), "bad.json")
			os.WriteFile(bad, []byte(tt.body), 0o644)
			_, err := cmd(t, "import", "--json", bad, "--db", dst)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "nothing was imported") {
				t.Fatalf("import: %v, want an error about %q", err, tt.want)
			}
			ctx := context.Background()
			db, err := sqlite.Open(ctx, dst)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			n, _ := db.CountArticles(ctx)
			occ, _ := db.Occasions(ctx)
			if got := titles(t, dst); len(got) != 1 || n != 0 || len(occ) != 0 {
				t.Errorf("after a failed import: events %q, %d articles, %d occasions", got, n, len(occ))
			}
		})
	}
}

// TestJSONImportVersion2: a file from before articles kept the occasions
// they name and where their publication date was read loads, its articles
// without them.
func TestJSONImportVersion2(t *testing.T) {
	dir := t.TempDir()
	src, dst, file := filepath.Join(dir, "src.db"), filepath.Join(dir, "dst.db"), filepath.Join(dir, "v2.json")
	fillEverything(t, src)
	var out bytes.Buffer
	if err := run(context.Background(), []string{"export", "--json", "-", "--db", src}, func(string) string { return "" }, nil, &out, &out); err != nil {
		t.Fatal(err)
	}
	v3 := out.String()
	v2 := strings.Replace(v3, `"version": 6`, `"version": 2`, 1)
	v2 = regexp.MustCompile(`,"occasions":\[[^\]]*\]`).ReplaceAllString(v2, "")
	v2 = strings.ReplaceAll(v2, `"published_from":[0,8],`, "")
	if v2 == v3 || strings.Contains(v2, `"occasions":[`) || strings.Contains(v2, "published_from") {
		t.Fatal("the version 2 file still has the fields of version 3")
	}
	os.WriteFile(file, []byte(v2), 0o644)
	if msg, err := cmd(t, "import", "--json", file, "--db", dst); err != nil || !strings.Contains(msg, "2 articles, 6 events") {
		t.Fatalf("import of a version 2 file: %q, %v", msg, err)
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, dst)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	list, err := db.Articles(ctx, 10, 0)
	if err != nil || len(list) != 2 {
		t.Fatalf("articles: %+v %v", list, err)
	}
	for _, s := range list {
		a, err := db.Article(ctx, s.ID)
		named, err2 := db.ArticleOccasions(ctx, s.ID)
		if err != nil || err2 != nil || !a.PublishedFrom.IsZero() || len(named) != 0 {
			t.Errorf("article %q from a version 2 file: published from %+v, %d occasions (%v, %v)", a.Title, a.PublishedFrom, len(named), err, err2)
		}
	}
}

func TestJSONExportRefusals(t *testing.T) {
	dir := t.TempDir()
	if _, err := cmd(t, "export", "--json", filepath.Join(dir, "x.json"), "--db", filepath.Join(dir, "none.db")); err == nil {
		t.Error("export of a missing database succeeded")
	}
	if _, err := os.Stat(filepath.Join(dir, "none.db")); err == nil {
		t.Error("export created the database")
	}
	if _, err := cmd(t, "export", "--json", "a.json", "--ics", "b.ics"); err == nil {
		t.Error("export accepted --json with --ics")
	}
	if _, err := cmd(t, "import", "--json", "a.json", "somedir"); err == nil {
		t.Error("import accepted --json with a folder")
	}
	db := filepath.Join(dir, "cal.db")
	dbWith(t, db, "یک")
	var out strings.Builder
	if err := run(context.Background(), []string{"export", "--json", "-", "--db", db}, func(string) string { return "" }, nil, &out, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), `{"format": "ruydad"`) || !strings.Contains(out.String(), `"title":"یک"`) {
		t.Errorf("export to stdout wrote %q", out.String())
	}
}
