package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	usecases "github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/web"
	"github.com/ruydad/ruydad/seeds"
)

// seedMonth stores n confirmed events spread over Ordibehesht 1403, some
// spanning several days.
func seedMonth(b testing.TB, a *app, n int) {
	kinds := domain.Kinds
	for i := range n {
		start := jalali.MustNew(1403, 2, 1+i%31)
		e := domain.Event{Title: "جلسه شورای هماهنگی روابط عمومی‌های استان " + jalali.FaNum(i), Kind: kinds[i%len(kinds)],
			Start: start, End: start.AddDays(i % 3), Province: "همدان"}
		if i%4 == 0 {
			e.StartTime = "10:00"
		}
		if err := uc(a.db).SaveEvent(context.Background(), &e); err != nil {
			b.Fatal(err)
		}
	}
}

// serve runs one request through the app's handler (router, middleware,
// handler, SQLite) into a writer that counts and drops the body.
func serve(b *testing.B, h http.Handler, r *http.Request, want int) int64 {
	w := &countingWriter{header: http.Header{}}
	h.ServeHTTP(w, r)
	if w.status != want {
		b.Fatalf("%s: status %d, want %d", r.URL, w.status, want)
	}
	return w.n
}

// BenchmarkStatic is the trivial handler (/robots.txt) through the same
// router and middleware: the ceiling the pages are compared with.
func BenchmarkStatic(b *testing.B) {
	h := newApp(b).srv.Config.Handler
	b.ReportAllocs()
	for b.Loop() {
		b.SetBytes(serve(b, h, httptest.NewRequest(http.MethodGet, "/robots.txt", nil), http.StatusOK))
	}
}

// BenchmarkMonthPage500 requests Ordibehesht 1403 with 500 events through
// the router, the handler, a real SQLite file and the templates. "kept" is
// the usual case, the month's body already rendered for the current data
// version; "uncached" asks on a new day each time (which empties the kept
// bodies, as midnight in Tehran does), so that every request queries and
// renders the month again (as the first request after a write does).
func BenchmarkMonthPage500(b *testing.B) {
	var days atomic.Int64
	a := newAppWith(b, web.Config{Now: func() time.Time { return fixedNow.AddDate(0, 0, int(days.Load())) }})
	seedMonth(b, a, 500)
	h := a.srv.Config.Handler
	b.Run("kept", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			b.SetBytes(serve(b, h, httptest.NewRequest(http.MethodGet, "/calendar/1403/2", nil), http.StatusOK))
		}
	})
	b.Run("uncached", func(b *testing.B) {
		b.ReportAllocs()
		cpu := cpuTime()
		for b.Loop() {
			days.Add(1)
			b.SetBytes(serve(b, h, httptest.NewRequest(http.MethodGet, "/calendar/1403/2", nil), http.StatusOK))
		}
		reportCPU(b, cpu)
	})
}

// BenchmarkEventPage requests one event's page.
func BenchmarkEventPage(b *testing.B) {
	a := newApp(b)
	seedMonth(b, a, 50)
	h := a.srv.Config.Handler
	b.ReportAllocs()
	for b.Loop() {
		b.SetBytes(serve(b, h, httptest.NewRequest(http.MethodGet, "/events/7", nil), http.StatusOK))
	}
}

// BenchmarkMonthTemplate500 measures building the view and rendering the
// template alone, with the events already loaded.
func BenchmarkMonthTemplate500(b *testing.B) {
	a := newApp(b)
	seedMonth(b, a, 500)
	ctx := context.Background()
	g, _ := jalali.MonthGrid(1403, 2)
	events, err := a.db.BriefsBetween(ctx, g.First(), g.Last(), domain.EventFilter{})
	if err != nil || len(events) != 500 {
		b.Fatalf("%d events, %v", len(events), err)
	}
	occasions, _ := a.db.Occasions(ctx)
	render := web.MonthRenderer(occasions)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := render(ctx, io.Discard, g, events, jalali.MustNew(1403, 2, 20)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFeed10000 serves /calendar.ics with 10,000 confirmed events (and
// the occasions) from a real SQLite file through the router ("full"), and
// answers a subscriber whose copy is current ("revalidate", a 304).
func BenchmarkFeed10000(b *testing.B) {
	a := newApp(b)
	evs := make([]domain.Event, 10000)
	for i := range evs {
		start := jalali.MustNew(1400+i%8, 1+i%12, 1+i%28)
		evs[i] = domain.Event{Title: "نشست خبری مدیرکل روابط عمومی استان، شمارهٔ " + jalali.FaNum(i), Kind: domain.KindPressConference,
			Start: start, End: start.AddDays(i % 2), Location: "سالن همایش‌ها", Description: "توضیح رویداد برای آزمون کارایی خروجی iCal"}
		if i%3 == 0 {
			evs[i].StartTime, evs[i].EndTime = "10:00", "11:00"
		}
	}
	if _, err := uc(a.db).ImportEvents(context.Background(), evs); err != nil {
		b.Fatal(err)
	}
	h := a.srv.Config.Handler
	b.Run("full", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			b.SetBytes(serve(b, h, httptest.NewRequest(http.MethodGet, "/calendar.ics", nil), http.StatusOK))
		}
	})
	w := &countingWriter{header: http.Header{}}
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/calendar.ics", nil))
	etag := w.header.Get("ETag")
	b.Run("revalidate", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			r := httptest.NewRequest(http.MethodGet, "/calendar.ics", nil)
			r.Header.Set("If-None-Match", etag)
			serve(b, h, r, http.StatusNotModified)
		}
	})
}

// countingWriter is a ResponseWriter that counts and drops the body, so a
// benchmark measures the server, not a buffer holding the response.
type countingWriter struct {
	header http.Header
	status int
	n      int64
}

func (w *countingWriter) Header() http.Header { return w.header }
func (w *countingWriter) WriteHeader(s int)   { w.status = s }
func (w *countingWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	w.n += int64(len(p))
	return len(p), nil
}

// largeArticleText is an article of about MaxArticleBytes: the seed articles
// over and over, numbered so that every article is distinct, with a word no
// other part holds (تنگه‌هرمز) only in its last line.
func largeArticleText(tb testing.TB, n int) string {
	tb.Helper()
	var parts []string
	for _, name := range []string{"000_0fe9c5fd863f98df.txt", "001_b036e62a970a7aff.txt", "002_af69974437867032.txt"} {
		b, err := seeds.Articles.ReadFile("articles/" + name)
		if err != nil {
			tb.Fatal(err)
		}
		parts = append(parts, string(b))
	}
	var sb strings.Builder
	sb.WriteString("خبر شماره " + jalali.FaNum(n) + "\n")
	for i := 0; sb.Len() < domain.MaxArticleBytes-4096; i++ {
		sb.WriteString(parts[i%len(parts)])
		sb.WriteString("\n")
	}
	sb.WriteString("پایان گزارش از تنگه‌هرمز\n")
	return sb.String()
}

// seedLargeArticles stores n articles of about 2 MB each (the largest
// accepted), straight into the store (mining 92 MB would only slow the
// setup).
func seedLargeArticles(tb testing.TB, a *app, n int) {
	tb.Helper()
	ctx := context.Background()
	for i := range n {
		text := largeArticleText(tb, i)
		art := domain.Article{Title: "گزارش بلند " + jalali.FaNum(i), Text: text, Hash: usecases.Hash(text)}
		if _, err := a.db.CreateArticle(ctx, &art, nil, nil); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkSearchLargeArticles is one anonymous search over 46 articles of
// 2 MB each (issue 14's case): "early" for words every article holds in its
// first lines, "late" for words each holds only in its last line, "absent"
// for a word none holds.
func BenchmarkSearchLargeArticles(b *testing.B) {
	a := newApp(b)
	seedLargeArticles(b, a, 46)
	// The app has an account: visitors search the articles only when an
	// administrator made the drafts public, as the bench calendar does.
	if err := uc(a.db).SetDraftsPublic(context.Background(), true); err != nil {
		b.Fatal(err)
	}
	h := a.srv.Config.Handler
	for _, q := range []struct {
		name, query string
		found       bool
	}{{"early", "روابط عمومی", true}, {"late", "تنگه هرمز", true}, {"absent", "زلزله", false}} {
		b.Run(q.name, func(b *testing.B) {
			target := "/search?q=" + url.QueryEscape(q.query)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
			if got := strings.Contains(rec.Body.String(), "/articles/"); got != q.found {
				b.Fatalf("%s: an article found: %v, want %v", q.query, got, q.found)
			}
			b.ReportAllocs()
			for b.Loop() {
				b.SetBytes(serve(b, h, httptest.NewRequest(http.MethodGet, target, nil), http.StatusOK))
			}
		})
	}
}
