package e2e

import (
	"strings"
	"testing"
)

// TestLunarMonthJourney: Tir 1403 in a browser, the month of Tasua and
// Ashura: each day's Hijri date, the two lunar holidays red, the month's
// occasions listed under the grid, and Ashura's day page with its full
// Hijri date.
func TestLunarMonthJourney(t *testing.T) {
	s := newSession(t)
	s.open("/calendar/1403/4")
	s.waitText(`[data-testid="month-title"]`, "تیر ۱۴۰۳")
	if got := s.text(`[data-testid="hijri-span"]`); got != "ذی‌الحجه ۱۴۴۵ – محرم ۱۴۴۶" {
		t.Errorf("Tir 1403 spans %q", got)
	}
	for day, hijri := range map[string]string{"1403/04/25": "1446/01/09", "1403/04/26": "1446/01/10"} {
		if got := s.attr(`td[data-date="`+day+`"]`, "data-hijri"); got != hijri {
			t.Errorf("%s: data-hijri %q, want %s", day, got, hijri)
		}
		if !strings.Contains(s.attr(`td[data-date="`+day+`"]`, "class"), "holiday") {
			t.Errorf("%s (Tasua or Ashura) is not red", day)
		}
	}
	if got := s.text(`td[data-date="1403/04/17"] [data-testid="hijri"]`); got != "۱ محرم" {
		t.Errorf("1 Muharram's cell says %q", got)
	}
	if !strings.Contains(s.text(`[data-testid="month-occasions"]`), "عاشورای حسینی") {
		t.Error("Ashura is not listed under the month")
	}
	s.shoot("month-tir-1403", `td[data-date="1403/04/26"] .cell`)

	s.click(`td[data-date="1403/04/26"] a.num`, `[data-testid="day-title"]`)
	if got := s.text(`[data-testid="hijri"]`); got != "۱۰ محرم ۱۴۴۶" {
		t.Errorf("Ashura's day page says %q", got)
	}
	if !strings.Contains(s.text(`main`), "عاشورای حسینی") || !strings.Contains(s.text(`main`), "تعطیل رسمی") {
		t.Error("Ashura's day page lacks the occasion or its holiday mark")
	}
	s.shoot("day-ashura", `[data-testid="day-title"]`)
}
