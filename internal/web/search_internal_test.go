package web

import (
	"context"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/locale"
	"github.com/ruydad/ruydad/internal/persian"
	"github.com/ruydad/ruydad/internal/sqlite"
)

// aroundOfOld is around as it was when it read the whole text (every space
// collapsed, then 80 runes kept): the new one must say the same, reading
// only what it keeps.
func aroundOfOld(s string, before bool) string {
	const n = 80
	text := strings.Join(strings.Fields(s), " ")
	r := []rune(text)
	if len(r) > n {
		if before {
			text = "…" + string(r[len(r)-n:])
		} else {
			text = string(r[:n]) + "…"
		}
	}
	switch {
	case text == "":
	case before && strings.TrimRightFunc(s, unicode.IsSpace) != s:
		text += " "
	case !before && strings.TrimLeftFunc(s, unicode.IsSpace) != s:
		text = " " + text
	}
	return text
}

func TestAroundKeepsWhatTheWholeTextGave(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"روابط", "عمومی", "a", "27", "«خبر»", " ", "  ", "\n", "\u00a0", "\t", "اردیبهشت‌ماه", "ی"}
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(60) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		for _, before := range []bool{true, false} {
			if got, want := around(s, before, false), aroundOfOld(s, before); got != want {
				t.Fatalf("around(%q, before=%v) = %q, the whole text gave %q", s, before, got, want)
			}
		}
	}
	// An excerpt's edge is marked even when the context is short.
	if got := around("گفت ", true, true); got != "…گفت " {
		t.Errorf("before an excerpt's cut start: %q", got)
	}
	if got := around(" گفت.", false, true); got != " گفت.…" {
		t.Errorf("after, before an excerpt's cut end: %q", got)
	}
}

// searchServer returns a server over a new database, the database, and
// what it answers a search of q with (and the query's other parameters,
// as in "&events=40").
func searchServer(t *testing.T) (*Server, *sqlite.DB, func(q string, params ...string) *httptest.ResponseRecorder) {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "search.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s, e := newServer(app.Over(db, app.Options{}), Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	return s, db, func(q string, params ...string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		e.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/search?q="+url.QueryEscape(q)+strings.Join(params, ""), nil))
		return w
	}
}

// TestSearchesTakeTurns: a search that waits too long for a turn, or runs
// too long, is answered with a 503: the search page, the query kept, saying
// why in Persian.
func TestSearchesTakeTurns(t *testing.T) {
	s, _, search := searchServer(t)
	s.searchWait = 20 * time.Millisecond
	for range s.searchGate.all {
		if ok, err := s.searchGate.enter(context.Background(), 0); !ok || err != nil {
			t.Fatal("no turn for a search alone", err)
		}
	}
	w := search("روز خبرنگار")
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" ||
		!strings.Contains(w.Body.String(), locale.SearchBusy) || !strings.Contains(w.Body.String(), `value="روز خبرنگار"`) {
		t.Errorf("a search with every turn taken: %d, Retry-After %q\n%s", w.Code, w.Header().Get("Retry-After"), w.Body)
	}
	for range s.searchGate.all {
		s.searchGate.leave()
	}
	if w := search("روز خبرنگار"); w.Code != http.StatusOK {
		t.Errorf("a search with the turns free: %d", w.Code)
	}
	s.searchTimeout = time.Nanosecond
	// Another search: the one found is kept (see TestSearchesKeptUntilTheDataChange).
	if w := search("روز معلم"); w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), locale.SearchTooLong) {
		t.Errorf("a search out of time: %d\n%s", w.Code, w.Body)
	}
	if s.searchGate.running != 0 || len(s.searchGate.waiting) != 0 {
		t.Errorf("%d turns still taken, %d searches waiting after the searches", s.searchGate.running, len(s.searchGate.waiting))
	}
}

// TestArticleHitWhereTheStoreFoundIt: a result cut where the store says
// it found the first term is the one cut from the key of the whole
// excerpt, as before the store said so.
func TestArticleHitWhereTheStoreFoundIt(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "hits.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rng := rand.New(rand.NewPCG(3, 9))
	words := []string{"روابط", "عمومی", "عمومي", "استانداری", "همدان", "نشست", "خبری", "«کرمان»،", "۱۴۰۳", "27", "آب", "گاز",
		"روابط‌عمومی", "ك", "زلزله", "بم.", "سلامت", "محیط", "زیست", "میراث", "فرهنگی"}
	for i := range 60 {
		var text strings.Builder
		for range 20 + rng.IntN(400) {
			text.WriteString(words[rng.IntN(len(words))])
			text.WriteString([]string{" ", " ", "\n", "\u200c", "  ", "\n\n"}[rng.IntN(6)])
		}
		a := domain.Article{Title: "خبر " + strconv.Itoa(i), Text: text.String(), Source: "فارس", Published: jalali.MustNew(1403, 1, 1+i%29),
			Hash: "hit-" + strconv.Itoa(i)}
		if _, err := db.CreateArticle(ctx, &a, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	located, found := 0, 0
	for range 200 {
		var q []string
		for range 1 + rng.IntN(3) {
			q = append(q, words[rng.IntN(len(words))])
		}
		terms := persian.SearchTerms(strings.Join(q, " "))
		_, arts, err := db.Search(ctx, terms, 50, true)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range arts {
			got := articleHit(m, terms)
			if ex := m.Excerpt; ex.Located {
				// Where the store says the term is, it is.
				t := terms[ex.Term]
				start, end := persian.SearchKeyRuneSpan(ex.Text[ex.From:], ex.At, ex.At+utf8.RuneCountInString(t))
				if persian.SearchKey(ex.Text[ex.From+start:ex.From+end]) == t {
					located++
				}
			}
			m.Excerpt.Located = false
			if want := articleHit(m, terms); got != want {
				t.Fatalf("%q, article %d: cut where the store found it %+v, from the whole excerpt %+v", terms, m.Article.ID, got, want)
			}
			found++
		}
	}
	if found == 0 || located < found*9/10 {
		t.Errorf("%d of %d results located by the store where their first term is", located, found)
	}
}

// TestSearchesKeptUntilTheDataChange: a search asked again is answered
// from what it found, without a turn, until the data change; then it
// runs again and finds what was written.
func TestSearchesKeptUntilTheDataChange(t *testing.T) {
	ctx := context.Background()
	s, db, search := searchServer(t)
	add := func(title string) {
		ev := domain.Event{Title: title, Kind: domain.KindConference, Start: jalali.MustNew(1403, 2, 27), End: jalali.MustNew(1403, 2, 27),
			Status: domain.StatusConfirmed, Precision: domain.PrecisionDay, Confidence: 1, UID: title + "@ruydad"}
		if err := db.CreateEvent(ctx, &ev); err != nil {
			t.Fatal(err)
		}
	}
	add("همایش روابط عمومی همدان")
	first := search("روابط عمومی")
	if first.Code != http.StatusOK || strings.Count(first.Body.String(), "data-event-id=") != 1 {
		t.Fatalf("the first search: %d, %d events", first.Code, strings.Count(first.Body.String(), "data-event-id="))
	}
	// Every turn taken: the search asked again is answered all the same,
	// another is not.
	s.searchWait = 20 * time.Millisecond
	for range s.searchGate.all {
		if ok, err := s.searchGate.enter(context.Background(), 0); !ok || err != nil {
			t.Fatal("no turn for a search alone", err)
		}
	}
	// (the page shows the query as typed)
	spelt := strings.ReplaceAll(first.Body.String(), `value="روابط عمومی"`, `value="روابط‌عمومي"`)
	if again := search("روابط‌عمومي"); again.Code != http.StatusOK || again.Body.String() != spelt {
		t.Errorf("the same search (spelt otherwise) asked again with every turn taken: %d\n%s", again.Code, again.Body)
	}
	if other := search("همدان"); other.Code != http.StatusServiceUnavailable {
		t.Errorf("another search with every turn taken: %d", other.Code)
	}
	for range s.searchGate.all {
		s.searchGate.leave()
	}
	add("نشست روابط عمومی استان")
	if w := search("روابط عمومی"); w.Code != http.StatusOK || strings.Count(w.Body.String(), "data-event-id=") != 2 {
		t.Errorf("after an event was added: %d, %d events", w.Code, strings.Count(w.Body.String(), "data-event-id="))
	}
}

// TestSearchCacheKeepsTheNewest: the cache holds searchCacheSize searches,
// forgetting first the one asked for least recently, and nothing of an
// older data version.
func TestSearchCacheKeepsTheNewest(t *testing.T) {
	var c searchCache
	for i := range searchCacheSize + 10 {
		c.put(7, strconv.Itoa(i), searchFound{summary: strconv.Itoa(i)})
		if i == 5 || i == 100 { // the first asked for again, and kept
			if _, ok := c.get(7, "0"); !ok {
				t.Fatalf("the first search is forgotten after %d", i+1)
			}
		}
	}
	if _, ok := c.get(7, "9"); ok {
		t.Error("the tenth search is still kept")
	}
	if f, ok := c.get(7, "0"); !ok || f.summary != "0" {
		t.Errorf("the first search, asked for again, is forgotten before the tenth: %v %v", f, ok)
	}
	if _, ok := c.get(7, "1"); ok {
		t.Error("the second search, never asked for again, is still kept")
	}
	if f, ok := c.get(7, "11"); !ok || f.summary != "11" || len(c.found) != searchCacheSize || len(c.order) != searchCacheSize {
		t.Errorf("the twelfth: %v %v; %d kept (%d in order)", f, ok, len(c.found), len(c.order))
	}
	c.put(6, "old", searchFound{})
	if _, ok := c.get(6, "old"); ok {
		t.Error("a search of an older version is kept")
	}
	c.put(8, "new", searchFound{})
	if _, ok := c.get(7, "11"); ok || len(c.found) != 1 {
		t.Errorf("the searches of version 7 are kept beside version 8's (%d kept)", len(c.found))
	}
}

// TestSearchKeepsFirstPagesOnly: a first page is kept, a page that shows
// more of a kind is not (the cache's size is bounded by first pages').
func TestSearchKeepsFirstPagesOnly(t *testing.T) {
	s, _, search := searchServer(t)
	if w := search("روز خبرنگار"); w.Code != http.StatusOK || len(s.searchCache.found) != 1 {
		t.Fatalf("a first page: %d, %d kept", w.Code, len(s.searchCache.found))
	}
	if w := search("روز معلم", "&events=40"); w.Code != http.StatusOK || len(s.searchCache.found) != 1 {
		t.Errorf("a page of 40 events: %d, %d kept", w.Code, len(s.searchCache.found))
	}
}

// TestSearchVisitorArticlesCount: a visitor, who is shown no articles,
// gets the first page kept whatever ?articles= says.
func TestSearchVisitorArticlesCount(t *testing.T) {
	s, db, search := searchServer(t)
	// Once an account exists, who is not signed in sees no drafts.
	u := domain.User{Name: "office", Role: domain.RoleAdmin, PasswordHash: "-", FeedTokenHash: domain.HashToken(domain.NewToken()), CreatedAt: time.Now()}
	if err := db.CreateUser(context.Background(), &u); err != nil {
		t.Fatal(err)
	}
	first := search("روز خبرنگار")
	if strings.Contains(first.Body.String(), " خبر پیدا شد") {
		t.Fatalf("the visitor's search counts articles:\n%s", first.Body)
	}
	if first.Code != http.StatusOK || len(s.searchCache.found) != 1 {
		t.Fatalf("a first page: %d, %d kept", first.Code, len(s.searchCache.found))
	}
	// Every turn taken: only a page kept is answered.
	s.searchWait = 20 * time.Millisecond
	for range s.searchGate.all {
		if ok, err := s.searchGate.enter(context.Background(), 0); !ok || err != nil {
			t.Fatal("no turn for a search alone", err)
		}
	}
	defer func() {
		for range s.searchGate.all {
			s.searchGate.leave()
		}
	}()
	if w := search("روز خبرنگار", "&articles=60"); w.Code != http.StatusOK || w.Body.String() != first.Body.String() {
		t.Errorf("articles=60 for a visitor, every turn taken: %d, the page kept: %v", w.Code, w.Body.String() == first.Body.String())
	}
}

// TestIsSpace: isSpace is unicode.IsSpace for every rune.
func TestIsSpace(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isSpace(r) != unicode.IsSpace(r) {
			t.Fatalf("isSpace(%U) = %v", r, isSpace(r))
		}
	}
}
