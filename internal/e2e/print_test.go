package e2e

import (
	"context"
	"regexp"
	"strconv"
	"testing"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// pdfPage matches a page object of a PDF, not the page tree (/Pages).
var pdfPage = regexp.MustCompile(`/Type\s*/Page\b[^s]`)

// printPages prints the page as it is, as Chromium's print to PDF does on
// landscape A4 with the page's own print stylesheet, and returns how many
// pages come out.
func (s *session) printPages() int {
	s.t.Helper()
	var pdf []byte
	s.step("printing to PDF", s.fontsReady(), chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		pdf, _, err = cdppage.PrintToPDF().WithLandscape(true).WithPaperWidth(8.27).WithPaperHeight(11.69).
			WithPreferCSSPageSize(true).WithPrintBackground(true).Do(ctx)
		return err
	}))
	return len(pdfPage.FindAll(pdf, -1))
}

// TestMonthPrintsOnOnePage: a month, six-row ones included, and a busy
// one, each prints on one landscape A4 page.
func TestMonthPrintsOnOnePage(t *testing.T) {
	s := newSession(t)
	long := "نشست خبری مدیرکل روابط عمومی استانداری با خبرنگاران و اصحاب رسانهٔ استان"
	for i := range 12 { // one busy day: three shown and «و ۹ رویداد دیگر»
		s.addEvent(long+" "+jalali.FaNum(i+1), jalali.MustNew(1405, 9, 10), jalali.MustNew(1405, 9, 10))
	}
	for d := 1; d <= 30; d++ { // and four events on every day of Bahman 1405
		for i := range 4 {
			e := domain.Event{Title: long, Kind: domain.KindMeeting, Start: jalali.MustNew(1405, 11, d),
				StartTime: "1" + strconv.Itoa(i) + ":30", Status: domain.StatusConfirmed}
			if err := uc(s.db).SaveEvent(context.Background(), &e); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, month := range []string{"1404/1", "1404/3", "1405/9", "1405/11", "1403/2"} {
		s.open("/calendar/" + month)
		weeks := s.count(`table.month tbody tr`)
		if n := s.printPages(); n != 1 {
			t.Errorf("/calendar/%s (%d weeks) prints on %d pages, want 1", month, weeks, n)
		}
	}
}
