package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/mining"
	"github.com/ruydad/ruydad/seeds"
)

// fakeStore records what it is given. created is what CreateArticle
// reports; earlier, when set, is copied over the article as a store does
// for an article it already holds.
type fakeStore struct {
	ArticleReader // not used: nil

	created   bool
	err       error
	earlier   *domain.Article
	articles  []domain.Article
	events    [][]domain.Event
	occasions [][]domain.ArticleOccasion
}

func (s *fakeStore) CreateArticle(_ context.Context, a *domain.Article, events []domain.Event, occasions []domain.ArticleOccasion) (bool, error) {
	s.articles = append(s.articles, *a)
	s.events = append(s.events, events)
	s.occasions = append(s.occasions, occasions)
	if s.err != nil {
		return false, s.err
	}
	if s.earlier != nil {
		*a = *s.earlier
	}
	a.ID = int64(len(s.articles))
	return s.created, nil
}

// importer is an import over a fake store and miner, as the tests call it.
type importer struct {
	app  *App
	opts ImportOptions
}

func importWith(s *fakeStore, m Miner) importer {
	return importer{New(Stores{Articles: s}, Options{}), ImportOptions{Miner: m}}
}

func (im importer) Import(ctx context.Context, a domain.Article) (ImportResult, error) {
	return im.app.ImportArticle(ctx, a, im.opts)
}

func (im importer) ImportFS(ctx context.Context, fsys fs.FS, dir string) ([]FileResult, error) {
	return im.app.ImportFS(ctx, fsys, dir, im.opts)
}

func (im importer) RequirePublished() importer { im.opts.RequirePublished = true; return im }

// fakeMiner returns res and records its input.
type fakeMiner struct {
	res mining.Result
	got []mining.Input
}

func (m *fakeMiner) Mine(in mining.Input) mining.Result {
	m.got = append(m.got, in)
	return m.res
}

// reversedFS lists folders in reverse name order, so that ImportFS's own
// ordering is what is tested.
type reversedFS struct{ fstest.MapFS }

func (f reversedFS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := f.MapFS.ReadDir(name)
	slices.Reverse(entries)
	return entries, err
}

func seedMiner(t *testing.T) *mining.Miner {
	t.Helper()
	occs, err := domain.ParseCatalogue(seeds.Occasions, seeds.OfficialOccasions)
	if err != nil {
		t.Fatal(err)
	}
	return mining.New(occs, nil)
}

// article has a headline, a publication date, a press conference on a day
// without a year (taken from the publication date) and an undated conference.
const article = `برنامه‌های روابط عمومی استانداری همدان اعلام شد
1403/02/20
نشست خبری مدیرکل روابط عمومی ۲۵ اردیبهشت برگزار می‌شود.
همایش روابط عمومی‌ها با حضور استاندار برگزار خواهد شد.
`

func TestHashNormalizes(t *testing.T) {
	base := Hash("همایش کارکنان روابط عمومی‌ها در ۲۷ اردیبهشت ۱۴۰۳ برگزار شد.")
	tests := []struct {
		name, text string
		same       bool
	}{
		{"Arabic ي and ك", "همايش كاركنان روابط عمومي‌ها در ۲۷ ارديبهشت ۱۴۰۳ برگزار شد.", true},
		{"Latin digits", "همایش کارکنان روابط عمومی‌ها در 27 اردیبهشت 1403 برگزار شد.", true},
		{"Arabic-Indic digits", "همایش کارکنان روابط عمومی‌ها در ٢٧ اردیبهشت ١٤٠٣ برگزار شد.", true},
		{"other spacing", "  همایش   کارکنان\tروابط عمومی‌ها\nدر ۲۷ اردیبهشت ۱۴۰۳\r\n\nبرگزار شد.  \n", true},
		{"space for ZWNJ", "همایش کارکنان روابط عمومی ها در ۲۷ اردیبهشت ۱۴۰۳ برگزار شد.", true},
		{"all at once", "همايش\u00a0 كاركنان روابط عمومي ها در 27  ارديبهشت ١٤٠٣ برگزار شد.\n", true},
		{"another day", "همایش کارکنان روابط عمومی‌ها در ۲۸ اردیبهشت ۱۴۰۳ برگزار شد.", false},
		{"another word", "نشست کارکنان روابط عمومی‌ها در ۲۷ اردیبهشت ۱۴۰۳ برگزار شد.", false},
		{"words run together", "همایش کارکنان روابط عمومی‌ها در ۲۷ اردیبهشت ۱۴۰۳ برگزارشد.", false},
		{"a sentence more", "همایش کارکنان روابط عمومی‌ها در ۲۷ اردیبهشت ۱۴۰۳ برگزار شد. خبرنگاران آمدند.", false},
	}
	for _, tt := range tests {
		if got := Hash(tt.text); (got == base) != tt.same {
			t.Errorf("%s: Hash = %s, base %s; want same %v", tt.name, got, base, tt.same)
		}
	}
	// The hash is the SHA-256 of the normalized text, in hex.
	sum := sha256.Sum256([]byte("press day 1403/2/27"))
	if got, want := Hash("  Press\tDAY ۱۴۰۳/۲/۲۷\n"), hex.EncodeToString(sum[:]); got != want {
		t.Errorf("Hash = %s, want %s", got, want)
	}
}

func TestImportMines(t *testing.T) {
	store := &fakeStore{created: true}
	res, err := importWith(store, seedMiner(t)).Import(context.Background(), domain.Article{Text: article, Source: "isna"})
	if err != nil {
		t.Fatal(err)
	}
	if len(store.articles) != 1 {
		t.Fatalf("%d articles stored, want 1", len(store.articles))
	}
	a := store.articles[0]
	if a.Title != "برنامه‌های روابط عمومی استانداری همدان اعلام شد" || a.Published != jalali.MustNew(1403, 2, 20) {
		t.Errorf("stored title %q, published %s; want the mined headline and 1403/02/20", a.Title, a.Published)
	}
	if a.Text != article || a.Source != "isna" || a.Hash != Hash(article) {
		t.Errorf("stored text, source %q or hash %s changed", a.Source, a.Hash)
	}
	if !res.Created || res.Events != 2 || res.Dated != 1 || res.Article.ID != 1 || res.Article.Title != a.Title {
		t.Errorf("result %+v, want created, 2 events, 1 dated, the article as stored", res)
	}
	events := store.events[0]
	if len(events) != 2 {
		t.Fatalf("%d events stored, want 2: %+v", len(events), events)
	}
	want := []struct {
		kind       domain.Kind
		start, end jalali.Date
		evidence   string
	}{
		{domain.KindPressConference, jalali.MustNew(1403, 2, 25), jalali.MustNew(1403, 2, 25), "نشست خبری مدیرکل روابط عمومی ۲۵ اردیبهشت"},
		{domain.KindConference, jalali.Date{}, jalali.Date{}, "همایش روابط عمومی‌ها با حضور استاندار"},
	}
	for i, e := range events {
		w := want[i]
		if e.Status != domain.StatusProposed || e.Kind != w.kind || e.Start != w.start || e.End != w.end {
			t.Errorf("event %d: %s %s %s–%s, want proposed %s %s–%s", i, e.Status, e.Kind, e.Start, e.End, w.kind, w.start, w.end)
		}
		if ev := article[e.EvidenceStart:e.EvidenceEnd]; !strings.Contains(ev, w.evidence) {
			t.Errorf("event %d: evidence %q lacks %q", i, ev, w.evidence)
		}
		if e.Title == "" || e.Confidence <= 0 || e.Validate() != nil {
			t.Errorf("event %d: title %q, confidence %v, Validate %v", i, e.Title, e.Confidence, e.Validate())
		}
	}
	// Every event is stored with its defaults filled in (an undated one's
	// precision is a day's, as stored before there was an app layer), and
	// an undated one stays undated.
	if events[0].Precision != domain.PrecisionDay || events[1].Precision != domain.PrecisionDay || events[1].Dated() {
		t.Errorf("precisions %q, %q; the undated event must stay undated", events[0].Precision, events[1].Precision)
	}
	for _, e := range events {
		if e.UID == "" || e.CreatedAt.IsZero() || e.UpdatedAt != e.CreatedAt {
			t.Errorf("event %q: uid %q, created %v, updated %v: the app fills them in", e.Title, e.UID, e.CreatedAt, e.UpdatedAt)
		}
	}
}

func TestImportKeepsGivenTitleAndDate(t *testing.T) {
	store := &fakeStore{created: true}
	in := domain.Article{Text: article, Title: "عنوان من", Published: jalali.MustNew(1402, 2, 1)}
	if _, err := importWith(store, seedMiner(t)).Import(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	a := store.articles[0]
	if a.Title != "عنوان من" || a.Published != jalali.MustNew(1402, 2, 1) {
		t.Errorf("stored title %q, published %s; want the given ones", a.Title, a.Published)
	}
	// The given date, not the one in the text, sets the year of the coming
	// 25 Ordibehesht.
	if e := store.events[0][0]; e.Start != jalali.MustNew(1402, 2, 25) {
		t.Errorf("event on %s, want 1402/02/25", e.Start)
	}
}

func TestImportTitleFallback(t *testing.T) {
	long := strings.Repeat("ع", 130)
	tests := []struct {
		name, title, mined, text, want string
	}{
		{"given", "عنوان داده‌شده", "عنوان خبر", "متن", "عنوان داده‌شده"},
		{"mined", " ", "عنوان خبر", "متن", "عنوان خبر"},
		{"first non-blank line", "", "", "\n  \n  خط اول  \nخط دوم", "خط اول"},
		{"long first line cut at 120 characters", "", "", long + "\nخط دوم", long[:120*len("ع")] + "…"},
	}
	for _, tt := range tests {
		m := &fakeMiner{res: mining.Result{Title: tt.mined, Published: jalali.MustNew(1403, 1, 5)}}
		store := &fakeStore{created: true}
		in := domain.Article{Title: tt.title, Text: tt.text, Source: "src", Published: jalali.MustNew(1403, 1, 10)}
		if _, err := importWith(store, m).Import(context.Background(), in); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := store.articles[0].Title; got != tt.want {
			t.Errorf("%s: title %q, want %q", tt.name, got, tt.want)
		}
		if len(m.got) != 1 || m.got[0] != (mining.Input{Text: tt.text, Published: in.Published, Source: "src"}) {
			t.Errorf("%s: miner got %+v", tt.name, m.got)
		}
		if got := store.articles[0].Published; got != in.Published {
			t.Errorf("%s: published %s, want the given %s", tt.name, got, in.Published)
		}
	}
}

func TestImportDuplicate(t *testing.T) {
	earlier := domain.Article{Title: "نسخه پیشین", Text: article}
	store := &fakeStore{created: false, earlier: &earlier}
	res, err := importWith(store, seedMiner(t)).Import(context.Background(), domain.Article{Text: article})
	if err != nil {
		t.Fatal(err)
	}
	if res.Created || res.Events != 0 || res.Dated != 0 {
		t.Errorf("result %+v, want not created, 0 events", res)
	}
	if res.Article.Title != "نسخه پیشین" || res.Article.ID != 1 {
		t.Errorf("result article %q #%d, want the earlier copy", res.Article.Title, res.Article.ID)
	}
}

func TestImportRefuses(t *testing.T) {
	storeErr := errors.New("disk full")
	tests := []struct {
		name  string
		a     domain.Article
		store fakeStore
		want  error        // errors.Is target, or nil for a ValidationError
		field domain.Field // the ValidationError field
	}{
		{"empty", domain.Article{}, fakeStore{}, ErrEmpty, ""},
		{"blank", domain.Article{Text: " \n\t\r\n "}, fakeStore{}, ErrEmpty, ""},
		{"not UTF-8", domain.Article{Text: "همایش \xff\xfe برگزار شد"}, fakeStore{}, ErrNotUTF8, ""},
		{"not UTF-8, blank around", domain.Article{Text: " \xc3 "}, fakeStore{}, ErrNotUTF8, ""},
		{"long title", domain.Article{Text: "متن", Title: strings.Repeat("ع", domain.MaxTitle+1)}, fakeStore{}, nil, domain.FieldTitle},
		{"bad publication date", domain.Article{Text: "متن", Published: jalali.Date{Year: 1404, Month: 12, Day: 30}}, fakeStore{}, nil, domain.FieldPublished},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := &fakeMiner{}
			res, err := importWith(&tt.store, m).Import(context.Background(), tt.a)
			var v domain.ValidationError
			switch {
			case tt.want != nil && !errors.Is(err, tt.want):
				t.Errorf("error %v, want %v", err, tt.want)
			case tt.want == nil && (!errors.As(err, &v) || !v.Has(tt.field)):
				t.Errorf("error %v, want a ValidationError on %q", err, tt.field)
			}
			if len(tt.store.articles) != 0 || len(m.got) != 0 || res != (ImportResult{}) {
				t.Errorf("stored %d articles, mined %d, result %+v; want nothing", len(tt.store.articles), len(m.got), res)
			}
		})
	}
	store := &fakeStore{err: storeErr}
	res, err := importWith(store, &fakeMiner{}).Import(context.Background(), domain.Article{Text: "متن"})
	if !errors.Is(err, storeErr) || !strings.HasPrefix(err.Error(), "import: ") || res != (ImportResult{}) {
		t.Errorf("store failing: %v, %+v; want the store's error, wrapped, and no result", err, res)
	}
}

func TestEvents(t *testing.T) {
	a := domain.Article{Province: "همدان"}
	pr := jalali.MustNew(1403, 2, 27)
	res := mining.Result{Events: []mining.Candidate{
		{Start: pr, Precision: domain.PrecisionDay, Kind: domain.KindCeremony, Title: "مراسم روز روابط عمومی",
			EvidenceStart: 3, EvidenceEnd: 40, Occasion: "pr-day", Confidence: 0.9, ReviewNote: "یادداشت", Organization: "استانداری"},
		{Start: pr, End: pr.AddDays(2), Kind: domain.KindFestival, Title: "جشنواره", Province: "تهران"},
		{Kind: "", Title: " "},
		{Kind: "rally", Title: "گردهمایی"},
	}}
	events := Events(res, a)
	if len(events) != 4 {
		t.Fatalf("%d events, want 4", len(events))
	}
	want := []domain.Event{
		{Start: pr, End: pr, Precision: domain.PrecisionDay, Kind: domain.KindCeremony, Title: "مراسم روز روابط عمومی",
			EvidenceStart: 3, EvidenceEnd: 40, Occasion: "pr-day", Confidence: 0.9, ReviewNote: "یادداشت",
			Organization: "استانداری", Province: "همدان", Status: domain.StatusProposed},
		{Start: pr, End: pr.AddDays(2), Kind: domain.KindFestival, Title: "جشنواره", Province: "تهران", Status: domain.StatusProposed},
		{Kind: domain.KindOther, Title: "سایر", Province: "همدان", Status: domain.StatusProposed},
		{Kind: domain.KindOther, Title: "گردهمایی", Province: "همدان", Status: domain.StatusProposed},
	}
	for i, e := range events {
		if e != want[i] {
			t.Errorf("event %d:\n got %+v\nwant %+v", i, e, want[i])
		}
		if err := e.Validate(); err != nil {
			t.Errorf("event %d does not validate: %v", i, err)
		}
	}
	if got := Events(mining.Result{}, a); got == nil || len(got) != 0 {
		t.Errorf("Events of nothing = %#v, want an empty slice", got)
	}
}

func TestImportFS(t *testing.T) {
	fsys := reversedFS{fstest.MapFS{
		"in/b.txt":         {Data: []byte(article)},
		"in/a.txt":         {Data: []byte("همایش روابط عمومی‌ها ۲۰ اردیبهشت ۱۴۰۳ برگزار شد.")},
		"in/c.txt":         {Data: []byte{'a', 0xff, 0xfe, 'b'}},
		"in/d.txt":         {Data: []byte(" \n ")},
		"in/.hidden.txt":   {Data: []byte("نشست خبری ۱ خرداد ۱۴۰۳")},
		"in/sub/e.txt":     {Data: []byte("نشست خبری ۲ خرداد ۱۴۰۳")},
		"elsewhere.txt":    {Data: []byte("نشست خبری ۳ خرداد ۱۴۰۳")},
		"in/.git/HEAD.txt": {Data: []byte("x")},
	}}
	store := &fakeStore{created: true}
	got, err := importWith(store, seedMiner(t)).ImportFS(context.Background(), fsys, "in")
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name   string
		err    error
		events int
	}{
		{"in/a.txt", nil, 1},
		{"in/b.txt", nil, 2},
		{"in/c.txt", ErrNotUTF8, 0},
		{"in/d.txt", ErrEmpty, 0},
	}
	if len(got) != len(want) {
		t.Fatalf("%d results, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].Name != w.name || !errors.Is(got[i].Err, w.err) || (w.err == nil) != got[i].Created || got[i].Events != w.events {
			t.Errorf("result %d: %s, %v, created %v, %d events; want %s, %v, %d events",
				i, got[i].Name, got[i].Err, got[i].Created, got[i].Events, w.name, w.err, w.events)
		}
	}
	if len(store.articles) != 2 || store.articles[0].Source != "a.txt" || store.articles[1].Source != "b.txt" {
		t.Errorf("stored %d articles; want a.txt then b.txt, named by their file", len(store.articles))
	}

	if _, err := importWith(store, seedMiner(t)).ImportFS(context.Background(), fsys, "missing"); err == nil {
		t.Error("ImportFS of a missing folder: no error")
	}
}

func TestImportFSStopsWhenCancelled(t *testing.T) {
	fsys := fstest.MapFS{"a.txt": {Data: []byte("متن یک")}, "b.txt": {Data: []byte("متن دو")}}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	store := &fakeStore{created: true}
	got, err := importWith(store, &fakeMiner{}).ImportFS(ctx, fsys, ".")
	if !errors.Is(err, context.Canceled) || len(got) != 1 || got[0].Name != "a.txt" || len(store.articles) != 1 {
		t.Errorf("ImportFS cancelled = %+v, %v; want a.txt alone and context.Canceled", got, err)
	}
}

func TestImportReadsThePublicationDateAndWhere(t *testing.T) {
	store := &fakeStore{created: true}
	if _, err := importWith(store, seedMiner(t)).Import(context.Background(), domain.Article{Text: article}); err != nil {
		t.Fatal(err)
	}
	a := store.articles[0]
	if a.Published != jalali.MustNew(1403, 2, 20) || article[a.PublishedFrom.Start:a.PublishedFrom.End] != "1403/02/20" {
		t.Errorf("published %s from %+v (%q), want 1403/02/20 from its line", a.Published, a.PublishedFrom,
			article[a.PublishedFrom.Start:a.PublishedFrom.End])
	}
	// A date given in the form is not "read from the text".
	store = &fakeStore{created: true}
	if _, err := importWith(store, seedMiner(t)).Import(context.Background(), domain.Article{Text: article, Published: jalali.MustNew(1403, 2, 21)}); err != nil {
		t.Fatal(err)
	}
	if a := store.articles[0]; !a.PublishedFrom.IsZero() || a.Published != jalali.MustNew(1403, 2, 21) {
		t.Errorf("a given date stored as %s from %+v", a.Published, a.PublishedFrom)
	}
	// A span the miner gives outside the text is dropped, the date kept.
	m := &fakeMiner{res: mining.Result{Published: jalali.MustNew(1403, 2, 20), PublishedFromText: true,
		PublishedFrom: domain.Span{Start: 3, End: len(article) + 9}}}
	store = &fakeStore{created: true}
	if _, err := importWith(store, m).Import(context.Background(), domain.Article{Text: article}); err != nil {
		t.Fatal(err)
	}
	if a := store.articles[0]; !a.PublishedFrom.IsZero() || a.Published.IsZero() {
		t.Errorf("a bad span stored as %+v, published %s", a.PublishedFrom, a.Published)
	}
}

func TestRequirePublished(t *testing.T) {
	undated := "نشست خبری مدیرکل روابط عمومی ۲۵ اردیبهشت برگزار می‌شود."
	store := &fakeStore{created: true}
	im := importWith(store, seedMiner(t))
	res, err := im.RequirePublished().Import(context.Background(), domain.Article{Text: undated})
	if !errors.Is(err, ErrNoPublished) || res != (ImportResult{}) || len(store.articles) != 0 {
		t.Errorf("no date anywhere: %+v, %v, %d stored; want ErrNoPublished and nothing stored", res, err, len(store.articles))
	}
	for _, a := range []domain.Article{{Text: undated, Published: jalali.MustNew(1403, 2, 1)}, {Text: article}} {
		if _, err := im.RequirePublished().Import(context.Background(), a); err != nil {
			t.Errorf("a date given or in the text: %v", err)
		}
	}
	// Without RequirePublished (the import command, the seeds) an undated
	// article is stored as it is.
	if res, err := im.Import(context.Background(), domain.Article{Text: undated}); err != nil || !res.Article.Published.IsZero() {
		t.Errorf("plain import of an undated article: %+v, %v", res, err)
	}
}

func TestImportStoresTheOccasionsItNames(t *testing.T) {
	text := "آیین افتتاح طرح‌ها در هفته دولت برگزار شد."
	at := strings.Index(text, "هفته دولت")
	week := mining.Mention{Occasion: "government-week", Name: "هفته دولت", Start: jalali.MustNew(1403, 6, 2), End: jalali.MustNew(1403, 6, 8),
		EvidenceStart: at, EvidenceEnd: at + len("هفته دولت"), Evidence: "هفته دولت", Confidence: 0.9, ReviewNote: "سال از تاریخ انتشار"}
	oneDay := week
	oneDay.Occasion, oneDay.End = "government-day", jalali.Date{}
	outside := week
	outside.Occasion, outside.EvidenceEnd = "outside", len(text)+1
	noKey := week
	noKey.Occasion = ""
	m := &fakeMiner{res: mining.Result{Published: jalali.MustNew(1403, 6, 2), Mentions: []mining.Mention{week, oneDay, outside, noKey}}}
	store := &fakeStore{created: true}
	res, err := importWith(store, m).Import(context.Background(), domain.Article{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	got := store.occasions[0]
	want := []domain.ArticleOccasion{
		{Occasion: "government-week", Name: "هفته دولت", Start: week.Start, End: week.End, EvidenceStart: at,
			EvidenceEnd: week.EvidenceEnd, Confidence: 0.9, ReviewNote: "سال از تاریخ انتشار"},
		{Occasion: "government-day", Name: "هفته دولت", Start: week.Start, End: week.Start, EvidenceStart: at,
			EvidenceEnd: week.EvidenceEnd, Confidence: 0.9, ReviewNote: "سال از تاریخ انتشار"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("occasions stored:\n got %+v\nwant %+v", got, want)
	}
	if res.Occasions != 2 || res.Events != 0 {
		t.Errorf("result %+v, want 2 occasions and no events", res)
	}
	// The real miner links هفته دولت rather than proposing it.
	store = &fakeStore{created: true}
	res, err = importWith(store, seedMiner(t)).Import(context.Background(),
		domain.Article{Text: "۱۴۰۳/۰۶/۰۳\nهمزمان با هفته دولت، آیین افتتاح ۱۲ طرح عمرانی روز دوشنبه ۵ شهریور برگزار شد."})
	if err != nil {
		t.Fatal(err)
	}
	if occ := store.occasions[0]; len(occ) == 0 || occ[0].Occasion != "government-week" || occ[0].Start != jalali.MustNew(1403, 6, 2) {
		t.Errorf("the real miner's occasions: %+v", occ)
	}
	for _, e := range store.events[0] {
		if e.Kind == domain.KindOccasion && e.Occasion == "government-week" {
			t.Errorf("هفته دولت proposed again as an event: %+v", e)
		}
	}
}

// An article read from a file loses NUL and bidi overrides before it is
// mined, so that the evidence offsets stored are offsets into what is
// stored.
func TestImportStripsControls(t *testing.T) {
	store := &fakeStore{created: true}
	text := "همایش\x00 روابط عمومی \u202Eفردا برگزار می‌شود."
	if _, err := importWith(store, &fakeMiner{}).Import(context.Background(), domain.Article{Text: text, Title: "عنوان\u202E"}); err != nil {
		t.Fatal(err)
	}
	if a := store.articles[0]; a.Text != "همایش روابط عمومی فردا برگزار می‌شود." || a.Title != "عنوان" {
		t.Errorf("stored %q / %q", a.Text, a.Title)
	}
}
