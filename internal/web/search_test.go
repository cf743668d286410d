package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	usecases "github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

func TestSearchFindsSpellingVariants(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	ev := domain.Event{Title: "همايش روابطعمومي استان همدان", Kind: domain.KindConference, Start: jalali.MustNew(1403, 2, 27),
		Description: "به مناسبت روز ارتباطات در ارديبهشت ماه"}
	if err := uc(a.db).SaveEvent(ctx, &ev); err != nil {
		t.Fatal(err)
	}
	other := domain.Event{Title: "روز معلم", Kind: domain.KindOccasion, Start: jalali.MustNew(1403, 2, 12)}
	if err := uc(a.db).SaveEvent(ctx, &other); err != nil {
		t.Fatal(err)
	}
	postArticle(t, a, url.Values{"text": {seedText(t, "000_0fe9c5fd863f98df.txt")}})

	for _, q := range []string{"اردیبهشت", "روابط عمومی", "روابط‌عمومی", "همایش همدان", "رَوابط"} {
		_, doc := a.get("/search?q=" + url.QueryEscape(q))
		if doc.Find(`[data-event-id="`+itoa(ev.ID)+`"]`).Length() != 1 {
			t.Errorf("%q does not find the event", q)
		}
		if doc.Find(`[data-event-id="`+itoa(other.ID)+`"]`).Length() != 0 {
			t.Errorf("%q finds an unrelated event", q)
		}
	}
	_, doc := a.get("/search?q=" + url.QueryEscape("۲۷ اردیبهشت"))
	hits := doc.Find(`li[data-article-id]`)
	if hits.Length() != 1 {
		t.Fatalf("the Hamedan article (\"27ارديبهشت\") not found by ۲۷ اردیبهشت: %d hits", hits.Length())
	}
	if m := hits.Find("mark").Text(); !strings.Contains(m, "27") && !strings.Contains(m, "ارديبهشت") {
		t.Errorf("snippet marks %q", m)
	}
	_, doc = a.get("/search?q=" + url.QueryEscape("زلزله"))
	if doc.Find(`[data-event-id], li[data-article-id]`).Length() != 0 || !strings.Contains(doc.Find(`[data-testid="search-summary"]`).Text(), "چیزی پیدا نشد") {
		t.Error("a word in nothing finds something")
	}
	// Edited and deleted events leave the index.
	ev.Title, ev.Description = "جلسه شورا", ""
	if err := uc(a.db).SaveEvent(ctx, &ev); err != nil {
		t.Fatal(err)
	}
	if _, doc = a.get("/search?q=" + url.QueryEscape("همایش همدان")); doc.Find(`[data-event-id="`+itoa(ev.ID)+`"]`).Length() != 0 {
		t.Error("search still finds the old title")
	}
	if err := uc(a.db).DeleteEvent(ctx, ev.ID); err != nil {
		t.Fatal(err)
	}
	if _, doc = a.get("/search?q=" + url.QueryEscape("جلسه شورا")); doc.Find(`[data-event-id="`+itoa(ev.ID)+`"]`).Length() != 0 {
		t.Error("search finds a deleted event")
	}
	if status, _ := a.get("/search?q=" + strings.Repeat("ا", 300)); status != 400 {
		t.Errorf("an overlong query: %d", status)
	}
}

// searchAllocs returns the bytes the Go heap allocates for one search of q
// through the router (the mean of a few), and the page's hits.
func searchAllocs(t *testing.T, a *app, q string) (uint64, int) {
	t.Helper()
	h := a.srv.Config.Handler
	target := "/search?q=" + url.QueryEscape(q)
	get := func() *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, target, nil))
		if w.Code != http.StatusOK {
			t.Fatalf("%s: %d", target, w.Code)
		}
		return w
	}
	doc, err := goquery.NewDocumentFromReader(get().Body)
	if err != nil {
		t.Fatal(err)
	}
	const runs = 3
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range runs {
		get()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / runs, doc.Find(`li[data-article-id]`).Length()
}

// TestSearchCostDoesNotGrowWithArticles: a search allocates what its page
// needs (the excerpts of at most 50 articles), not what the articles hold:
// the same search over six articles of 2 MB allocates about what it does
// over six of 20 KB. Each search used to load and fold every matching
// article's whole text: 300 MB here.
func TestSearchCostDoesNotGrowWithArticles(t *testing.T) {
	small, large := newApp(t), newApp(t)
	ctx := context.Background()
	for i := range 6 {
		text := largeArticleText(t, i)
		art := domain.Article{Title: "گزارش " + jalali.FaNum(i), Text: text[:20<<10] + "\nپایان گزارش از تنگه‌هرمز\n"}
		art.Hash = usecases.Hash(art.Text)
		if _, err := small.db.CreateArticle(ctx, &art, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	seedLargeArticles(t, large, 6)
	for _, q := range []string{"روابط عمومی", "تنگه هرمز", "زلزله"} {
		smallBytes, smallHits := searchAllocs(t, small, q)
		largeBytes, largeHits := searchAllocs(t, large, q)
		t.Logf("%s: %d bytes over 6×20 KB, %d over 6×2 MB", q, smallBytes, largeBytes)
		if smallHits != largeHits {
			t.Errorf("%s: %d hits over small articles, %d over large ones", q, smallHits, largeHits)
		}
		if largeBytes > smallBytes+smallBytes/2+64<<10 {
			t.Errorf("%s: a search over 6 articles of 2 MB allocates %d bytes, over 6 of 20 KB %d", q, largeBytes, smallBytes)
		}
	}
}

// TestSearchSnippetOfALargeArticle: words found only at the end of a 2 MB
// article are shown there, the first (longest) marked, with their context
// and the sign that the text goes on before it.
func TestSearchSnippetOfALargeArticle(t *testing.T) {
	a := newApp(t)
	seedLargeArticles(t, a, 1)
	_, doc := a.get("/search?q=" + url.QueryEscape("تنگه هرمز"))
	hit := doc.Find(`li[data-article-id] .snippet`)
	if hit.Length() != 1 {
		t.Fatalf("%d hits", hit.Length())
	}
	if got := hit.Find("mark").Text(); got != "تنگه" {
		t.Errorf("marked %q", got)
	}
	if got := hit.Text(); !strings.HasPrefix(got, "…") || !strings.Contains(got, "پایان گزارش از تنگه‌هرمز") {
		t.Errorf("snippet %q", got)
	}
}

// TestSearchPages: a search page shows 20 events and 20 articles, newest
// first, each list followed by a link to 20 more of its kind while there
// are more (the other list as it was), and says "more than" when it cuts
// a list; the counts asked for are checked.
func TestSearchPages(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	const events, articles = 45, 23
	var ids []int64 // the events, newest first
	for i := range events {
		ev := domain.Event{Title: "همایش شماره " + jalali.FaNum(i), Kind: domain.KindConference,
			Start: jalali.MustNew(1403, 1+i/28, 1+i%28), Status: domain.StatusConfirmed}
		if err := uc(a.db).SaveEvent(ctx, &ev); err != nil {
			t.Fatal(err)
		}
		ids = append([]int64{ev.ID}, ids...)
	}
	var arts []int64 // the articles, newest first
	for i := range articles {
		art := domain.Article{Title: "گزارش " + jalali.FaNum(i), Text: "گزارش همایش استانی شماره " + jalali.FaNum(i)}
		art.Hash = usecases.Hash(art.Text)
		if _, err := a.db.CreateArticle(ctx, &art, nil, nil); err != nil {
			t.Fatal(err)
		}
		arts = append([]int64{art.ID}, arts...)
	}
	shown := func(doc *goquery.Document, sel, attr string) []int64 {
		var got []int64
		doc.Find(sel).Each(func(_ int, s *goquery.Selection) { got = append(got, atoi64(s.AttrOr(attr, ""))) })
		return got
	}
	page := "/search?q=" + url.QueryEscape("همایش")
	for _, want := range []struct {
		events, articles int    // shown
		summary          string // its start
	}{{20, 20, "بیش از ۲۰ رویداد و بیش از ۲۰ خبر"}, {40, 20, "بیش از ۴۰ رویداد و بیش از ۲۰ خبر"}, {45, 20, "۴۵ رویداد و بیش از ۲۰ خبر"},
		{45, 23, "۴۵ رویداد و ۲۳ خبر"}} {
		code, doc := a.get(page)
		if code != http.StatusOK {
			t.Fatalf("%s: %d", page, code)
		}
		if got := shown(doc, "[data-event-id]", "data-event-id"); !slices.Equal(got, ids[:want.events]) {
			t.Fatalf("%s shows the events %v, want the newest %d %v", page, got, want.events, ids[:want.events])
		}
		if got := shown(doc, "li[data-article-id]", "data-article-id"); !slices.Equal(got, arts[:want.articles]) {
			t.Fatalf("%s shows the articles %v, want the newest %d %v", page, got, want.articles, arts[:want.articles])
		}
		if s := doc.Find(`[data-testid="search-summary"]`).Text(); !strings.HasPrefix(s, want.summary) {
			t.Errorf("%s says %q, want %q…", page, s, want.summary)
		}
		moreEvents, moreArticles := doc.Find(`[data-testid="search-more-events"]`), doc.Find(`[data-testid="search-more-articles"]`)
		if (moreEvents.Length() == 1) != (want.events < events) || (moreArticles.Length() == 1) != (want.articles < articles) {
			t.Fatalf("%s: %d links to more events, %d to more articles", page, moreEvents.Length(), moreArticles.Length())
		}
		if moreEvents.Length() == 1 {
			page = moreEvents.AttrOr("href", "")
		} else if moreArticles.Length() == 1 {
			page = moreArticles.AttrOr("href", "")
		}
	}
	for _, bad := range []string{"events=0", "events=201", "articles=x", "events=-1"} {
		if code, _ := a.get("/search?q=" + url.QueryEscape("همایش") + "&" + bad); code != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", bad, code)
		}
	}
	if code, doc := a.get("/search?q=" + url.QueryEscape("همایش") + "&events=۲۵"); code != http.StatusOK ||
		doc.Find("[data-event-id]").Length() != 25 {
		t.Errorf("events=۲۵ (Persian digits): %d, %d events", code, doc.Find("[data-event-id]").Length())
	}
}
