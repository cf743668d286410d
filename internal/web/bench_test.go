package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/web"
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
		if err := a.db.CreateEvent(context.Background(), &e); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMonthPage500 renders Ordibehesht 1403 with 500 events through
// the router, the handler, a real SQLite file and the templates.
func BenchmarkMonthPage500(b *testing.B) {
	a := newApp(b)
	seedMonth(b, a, 500)
	h := a.srv.Config.Handler
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/calendar/1403/2", nil))
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
		b.SetBytes(int64(rec.Body.Len()))
	}
}

// BenchmarkMonthTemplate500 measures building the view and rendering the
// template alone, with the events already loaded.
func BenchmarkMonthTemplate500(b *testing.B) {
	a := newApp(b)
	seedMonth(b, a, 500)
	ctx := context.Background()
	g, _ := jalali.MonthGrid(1403, 2)
	events, err := a.db.EventsBetween(ctx, g.First(), g.Last(), domain.EventFilter{})
	if err != nil || len(events) != 500 {
		b.Fatalf("%d events, %v", len(events), err)
	}
	occasions, _ := a.db.Occasions(ctx)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := web.RenderMonth(ctx, io.Discard, g, events, occasions, jalali.MustNew(1403, 2, 20)); err != nil {
			b.Fatal(err)
		}
	}
}
