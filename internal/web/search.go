package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/locale"
	"github.com/ruydad/ruydad/internal/persian"
	"github.com/ruydad/ruydad/views"
)

// A search page shows searchPage events and searchPage articles, newest
// first, each list followed by a link to searchPage more of its kind while
// there are more, up to searchMost (?events=, ?articles=: how many a page
// shows). A page's cost grows with what it shows (each result is checked
// and, for an article, its excerpt read): the first one, which most
// searches stop at, costs about two thirds of the 50 of each it showed
// before.
const (
	searchPage = 20
	searchMost = 200
)

// A search reads no article's whole text: it finds the articles in the
// search index (in C, one pass over each key, a few milliseconds for
// thousands of news articles, about 0.3 s a word over 46 articles of 2 MB)
// and reads a few kilobytes of each around where it found it. So that
// searches cannot take the whole machine, they take turns: half the
// processors at most for the searches that start while the server serves
// anything else, all of them while it serves searches alone (searchTurns,
// searchGate), and a search that waits searchWait for a turn, or runs
// for searchTimeout, is answered with a 503 (the search page, the query
// kept, saying why), whoever sends it. A first page asked again at the
// same data version takes no turn: what it found is kept (searchCache).
const (
	searchWait    = 3 * time.Second
	searchTimeout = 3 * time.Second
)

// searchTurns is how many searches run at once: own whatever else the
// server does, all while it serves nothing else (see searchGate).
func searchTurns() (own, all int) { return runtime.GOMAXPROCS(0) / 2, runtime.GOMAXPROCS(0) }

// handleSearch finds events and articles holding every word of ?q=,
// whatever their spelling (ی/ي, ک/ك, ZWNJ or none, any digits).
func (s *Server) handleSearch(c echo.Context) error {
	q := strings.TrimSpace(c.QueryParam("q"))
	if utf8.RuneCountInString(q) > 200 {
		return errBadRequest
	}
	v := views.SearchView{Query: q}
	shown, err := searchShown(c)
	if err != nil {
		return err
	}
	terms := persian.SearchTerms(q)
	switch {
	case q == "":
	case utf8.RuneCountInString(strings.Join(terms, "")) < 2:
		v.TooShort = true
	default:
		ctx := c.Request().Context()
		drafts := s.drafts(c)
		if !drafts {
			// No articles are searched: the count asked for changes
			// nothing, and the page is the one kept.
			shown.articles = searchPage
		}
		version, err := s.dataVersion(ctx)
		if err != nil {
			return err
		}
		// Only first pages are kept, so that the cache's size is bounded
		// by theirs (see searchCacheSize).
		first := shown == searchCounts{searchPage, searchPage}
		key := searchKey(terms, drafts)
		var f searchFound
		kept := false
		if first {
			f, kept = s.searchCache.get(version.n, key)
		}
		if !kept {
			var why string
			if f, why, err = s.search(ctx, terms, drafts, shown); why != "" {
				return s.searchRefused(c, v, why)
			} else if err != nil {
				return err
			}
			if first {
				s.searchCache.put(version.n, key, f)
			}
		}
		v.Searched, v.Events, v.Articles, v.Summary = true, f.events, f.articles, f.summary
		if f.moreEvents {
			v.MoreEvents = searchMoreURL(q, shown, searchPage, 0) + "#events"
		}
		if f.moreArticles {
			v.MoreArticles = searchMoreURL(q, shown, 0, searchPage) + "#articles"
		}
	}
	v.Page = s.page(c, "جست‌وجو", "search")
	return s.render(c, http.StatusOK, views.SearchPage(v))
}

// searchCounts are how many events and articles a search page shows.
type searchCounts struct{ events, articles int }

// searchShown reads how many of each kind the page shows (?events=,
// ?articles=; searchPage when not given): a number from 1 to searchMost,
// or a bad request.
func searchShown(c echo.Context) (searchCounts, error) {
	n := searchCounts{searchPage, searchPage}
	for _, p := range []struct {
		name string
		to   *int
	}{{"events", &n.events}, {"articles", &n.articles}} {
		q := c.QueryParam(p.name)
		if q == "" {
			continue
		}
		v, err := atoi(q)
		if err != nil {
			return n, err
		}
		if v < 1 || v > searchMost {
			return n, fmt.Errorf("%w: %s=%d is not from 1 to %d", errBadRequest, p.name, v, searchMost)
		}
		*p.to = v
	}
	return n, nil
}

// searchMoreURL is the search page of q that shows events more events
// and articles more articles than n does (at most searchMost of each; a
// count of searchPage is left out, as the page shows it by default).
func searchMoreURL(q string, n searchCounts, events, articles int) string {
	v := url.Values{"q": {q}}
	for _, c := range []struct {
		name string
		n    int
	}{{"events", n.events + events}, {"articles", n.articles + articles}} {
		if c.n != searchPage {
			v.Set(c.name, strconv.Itoa(min(c.n, searchMost)))
		}
	}
	return views.SearchURL + "?" + v.Encode()
}

// search runs a search in its turn and returns what the page shows of
// it, or why it did not run or finish (locale.SearchBusy or
// locale.SearchTooLong).
func (s *Server) search(ctx context.Context, terms []string, drafts bool, shown searchCounts) (f searchFound, why string, err error) {
	switch ok, err := s.searchGate.enter(ctx, s.searchWait); {
	case err != nil:
		return f, "", err
	case !ok:
		return f, locale.SearchBusy, nil
	}
	defer s.searchGate.leave()
	ctx, cancel := context.WithTimeout(ctx, s.searchTimeout)
	defer cancel()
	// One more of each than shown says whether there are more.
	events, articles, err := s.app.SearchEach(ctx, terms, shown.events+1, shown.articles+1, drafts)
	if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return f, locale.SearchTooLong, nil
	}
	if err != nil {
		return f, "", err
	}
	cutEvents, cutArticles := len(events) > shown.events, len(articles) > shown.articles
	if cutEvents {
		events, f.moreEvents = events[:shown.events], shown.events < searchMost
	}
	if cutArticles {
		articles, f.moreArticles = articles[:shown.articles], shown.articles < searchMost
	}
	for _, e := range events {
		f.events = append(f.events, listChip(e))
	}
	for _, m := range articles {
		f.articles = append(f.articles, articleHit(m, terms))
	}
	// "More than" when there are more than the page shows.
	count := func(n int, cut bool, what string) string {
		if cut {
			return "بیش از " + jalali.FaNum(n) + " " + what
		}
		return jalali.FaNum(n) + " " + what
	}
	f.summary = count(len(events), cutEvents, "رویداد") + " و " + count(len(articles), cutArticles, "خبر") + " پیدا شد."
	if !drafts { // the articles are not searched
		f.summary = count(len(events), cutEvents, "رویداد") + " پیدا شد."
	}
	if len(events) == 0 && len(articles) == 0 {
		f.summary = "چیزی پیدا نشد."
	}
	return f, "", nil
}

// searchRefused answers a search that did not run, or did not finish, with
// a 503: the search page, the query kept, saying why.
func (s *Server) searchRefused(c echo.Context, v views.SearchView, why string) error {
	v.Page = s.page(c, "جست‌وجو", "search")
	v.Notice = why
	c.Response().Header().Set("Retry-After", strconv.Itoa(max(1, int(s.searchWait/time.Second))))
	return s.render(c, http.StatusServiceUnavailable, views.SearchPage(v))
}

// articleHit cuts the article's excerpt (a few kilobytes, where the store
// found the first term its text holds) around the first term found in it.
func articleHit(m domain.ArticleMatch, terms []string) views.ArticleHit {
	a, ex := m.Article, m.Excerpt
	h := views.ArticleHit{ID: a.ID, Title: a.Title, URL: views.ArticleURL(a.ID), Published: a.Published.Format()}
	if ex.Located && ex.Term < len(terms) && ex.From <= len(ex.Text) {
		// Where the store found the term: the key of the text from
		// there to it is made, not the whole excerpt's.
		t := terms[ex.Term]
		start, end := persian.SearchKeyRuneSpan(ex.Text[ex.From:], ex.At, ex.At+utf8.RuneCountInString(t))
		if start, end = ex.From+start, ex.From+end; persian.SearchKey(ex.Text[start:end]) == t {
			return cutHit(h, ex, start, end)
		}
	}
	key := persian.SearchKey(ex.Text)
	for _, t := range terms {
		i := strings.Index(key, t)
		if i < 0 {
			continue
		}
		start, end := persian.SearchKeySpan(ex.Text, i, i+len(t))
		return cutHit(h, ex, start, end)
	}
	h.After = around(ex.Text, false, ex.After)
	return h
}

// cutHit cuts h's text around the match at ex.Text[start:end] (end the
// offset of the next kept rune after it).
func cutHit(h views.ArticleHit, ex domain.Excerpt, start, end int) views.ArticleHit {
	// the end offset is that of the next kept rune: trim what lies
	// between (space, punctuation) back off the match.
	// A copy: the excerpt (kilobytes) is not kept alive by the results
	// kept (searchCache).
	hit := strings.Clone(strings.TrimRightFunc(ex.Text[start:end], func(r rune) bool { return !isWordRune(r) }))
	h.Before, h.Hit = around(ex.Text[:start], true, ex.Before), hit
	h.After = around(ex.Text[start+len(hit):], false, ex.After)
	return h
}

func isWordRune(r rune) bool {
	var b [utf8.UTFMax]byte
	return persian.SearchKey(string(utf8.AppendRune(b[:0], r))) != ""
}

// contextRunes is how much of the text around a match a result shows.
const contextRunes = domain.ExcerptContext

// around keeps contextRunes characters of s next to a match (s is the text
// before it, or after it), spaces collapsed, keeping the space that
// separates it from the match, and marks with … that the text goes on. It
// reads no further into s than it keeps. cut says that the text goes on
// beyond s (an excerpt's edge).
func around(s string, before, cut bool) string {
	// The runes kept, written into buf from its end (before) or its start
	// (after) as they are met: no rune slice made and turned back into
	// text (a twentieth of the words route's CPU, both together).
	var buf [contextRunes * utf8.UTFMax]byte
	at, n := 0, 0 // where the next rune goes in buf (after), or where the kept begin (before); runes kept
	if before {
		at = len(buf)
	}
	keep := func(b string) {
		if before {
			at -= copy(buf[at-len(b):at], b)
		} else {
			at += copy(buf[at:], b)
		}
		n++
	}
	space, more := false, false // a space due before the next rune kept; runes left over
	for rest := s; rest != ""; {
		var r rune
		var size int
		var b string
		if before {
			r, size = utf8.DecodeLastRuneInString(rest)
			b, rest = rest[len(rest)-size:], rest[:len(rest)-size]
		} else {
			r, size = utf8.DecodeRuneInString(rest)
			b, rest = rest[:size], rest[size:]
		}
		if isSpace(r) {
			space = n > 0
			continue
		}
		if space && n < contextRunes {
			keep(" ")
			space = false
		}
		if space || n == contextRunes {
			more = true
			break
		}
		keep(b)
	}
	kept := buf[:at]
	if before {
		kept = buf[at:]
	}
	// … marks that the text goes on; a space keeps the kept apart from
	// the match when the text has one there.
	goesOn := more || cut
	if len(kept) == 0 && !goesOn {
		return ""
	}
	var text strings.Builder
	text.Grow(len(kept) + len("…") + 1)
	if before {
		if goesOn {
			text.WriteString("…")
		}
		text.Write(kept)
		if endsInSpace(s) {
			text.WriteByte(' ')
		}
		return text.String()
	}
	if startsWithSpace(s) {
		text.WriteByte(' ')
	}
	text.Write(kept)
	if goesOn {
		text.WriteString("…")
	}
	return text.String()
}

// isSpace is unicode.IsSpace, without its table for the letters of
// Persian and Arabic (none of them a space), most of what an excerpt
// holds.
func isSpace(r rune) bool {
	if r >= 0x600 && r < 0x1680 {
		return false
	}
	return unicode.IsSpace(r)
}

func endsInSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return s != "" && unicode.IsSpace(r)
}

func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return s != "" && unicode.IsSpace(r)
}
