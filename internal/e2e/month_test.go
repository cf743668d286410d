package e2e

import (
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestMonthJourney(t *testing.T) {
	s := newSession(t)
	m := s.mark()
	s.open("/")
	s.expectStatus(m, "/", 302)
	s.waitText(`[data-testid="month-title"]`, "اردیبهشت ۱۴۰۳")

	var lang, dir, title string
	s.run(
		chromedp.Evaluate(`document.documentElement.lang`, &lang),
		chromedp.Evaluate(`document.documentElement.dir`, &dir),
		chromedp.Title(&title),
	)
	if lang != "fa" || dir != "rtl" || !strings.HasPrefix(title, "اردیبهشت ۱۴۰۳") {
		t.Errorf(`html lang=%q dir=%q title=%q, want fa, rtl and a title starting "اردیبهشت ۱۴۰۳"`, lang, dir, title)
	}

	var headers []string
	s.run(chromedp.Evaluate(`[...document.querySelectorAll('table.month thead th')].map(th => th.textContent.trim())`, &headers))
	want := []string{"شنبه", "یک\u200cشنبه", "دوشنبه", "سه\u200cشنبه", "چهارشنبه", "پنج\u200cشنبه", "جمعه"}
	if !slices.Equal(headers, want) {
		t.Errorf("weekday headers %q, want %q (Saturday first)", headers, want)
	}

	if n := s.count(`td.today`); n != 1 {
		t.Errorf("%d days marked today, want 1", n)
	}
	if got := s.attr(`td.today`, "data-date"); got != "1403/02/20" {
		t.Errorf("today is marked on %s, want 1403/02/20", got)
	}
	if got := s.attr(`td[data-date="1403/02/20"]`, "aria-current"); got != "date" {
		t.Errorf(`today's cell has aria-current=%q, want "date"`, got)
	}
	if s.count(`td[data-date="1403/02/27"] [data-testid="occasion"]`) == 0 {
		t.Error("27 Ordibehesht shows no occasion (PR Day)")
	}
	var fridaysRed bool
	s.run(chromedp.Evaluate(`[...document.querySelectorAll('tbody tr')].every(tr => tr.lastElementChild.classList.contains('holiday'))`, &fridaysRed))
	if !fridaysRed {
		t.Error("the last column is not all holidays (Friday)")
	}
	s.shoot("month", `[data-testid="month"]`)

	m = s.mark()
	s.click(`[data-testid="next-month"]`, `[data-testid="month"]`)
	s.waitText(`[data-testid="month-title"]`, "خرداد ۱۴۰۳")
	s.expectStatus(m, "/calendar/1403/3", 200)
	if s.count(`td.today`) != 0 {
		t.Error("a day is marked today in the next month")
	}
	if s.count(`td[data-date^="1403/03/"]`) != 31 {
		t.Errorf("Khordad 1403 shows %d days, want 31", s.count(`td[data-date^="1403/03/"]`))
	}

	s.click(`[data-testid="prev-month"]`, `[data-testid="month"]`)
	s.waitText(`[data-testid="month-title"]`, "اردیبهشت ۱۴۰۳")
	if got := s.path(); got != "/calendar/1403/2" {
		t.Errorf("back at %s, want /calendar/1403/2", got)
	}
	if got := s.attr(`td.today`, "data-date"); got != "1403/02/20" {
		t.Errorf("back in Ordibehesht, today is marked on %s", got)
	}
}
