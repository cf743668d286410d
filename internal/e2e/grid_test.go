package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// gridEvents are Ordibehesht 1403's events for the grid's journeys: one of
// every kind, a five-day fair inside a week, a five-day course across a
// Friday, a day of timed meetings (two of them overlapping) and a proposed
// event.
type gridEvents struct {
	fair, course, meeting, interview, proposed string
}

func (s *session) seedGrid() gridEvents {
	s.t.Helper()
	day := func(d int) jalali.Date { return jalali.MustNew(1403, 2, d) }
	add := func(e domain.Event) string {
		if e.Status == "" {
			e.Status = domain.StatusConfirmed
		}
		if err := uc(s.db).SaveEvent(context.Background(), &e); err != nil {
			s.t.Fatal(err)
		}
		return strconv.FormatInt(e.ID, 10)
	}
	var g gridEvents
	g.fair = add(domain.Event{Title: "نمایشگاه بزرگ دستاوردهای روابط عمومی دستگاه‌های اجرایی استان", Kind: domain.KindFestival,
		Start: day(8), End: day(12)})
	g.course = add(domain.Event{Title: "دورهٔ آموزش خبرنویسی برای کارشناسان", Kind: domain.KindTraining, Start: day(19), End: day(23)})
	g.meeting = add(domain.Event{Title: "جلسهٔ شورای اطلاع‌رسانی", Kind: domain.KindMeeting, Start: day(24), StartTime: "10:00", EndTime: "11:30"})
	g.interview = add(domain.Event{Title: "مصاحبهٔ مدیرکل با صداوسیما", Kind: domain.KindMediaTour, Start: day(24), StartTime: "11:00", EndTime: "12:00"})
	g.proposed = add(domain.Event{Title: "نشست خبری پیشنهادی", Kind: domain.KindPressConference, Start: day(15), Status: domain.StatusProposed})
	for i, k := range domain.Kinds {
		if k == domain.KindOccasion {
			continue // a confirmed occasion-kind event without an occasion key is shown as any event
		}
		add(domain.Event{Title: k.Label() + " نمونه", Kind: k, Start: day(1 + i*2)})
	}
	return g
}

// TestGridScreenshots writes the grid's screenshots (RUYDAD_SCREENSHOTS=1):
// the month with its colours and bars, the week, and a phone's month with
// a day's list.
func TestGridScreenshots(t *testing.T) {
	s := newSession(t)
	s.seedGrid()
	s.open("/calendar/1403/2?proposed=1")
	s.shoot("month-grid", `table.month`)
	s.open("/calendar/1403/2/22/week")
	s.shoot("week", `[data-testid="hours"]`)
	s.open("/calendar/1403/2/24")
	s.shoot("day-hours", `[data-testid="hours"]`)
	s.setViewport(phoneW, phoneH)
	s.open("/calendar/1403/2?day=24#day-list")
	s.run(chromedp.Evaluate(`document.querySelector("table.month").scrollIntoView()`, nil))
	s.shootPhone("month-day-list")
}

// shootPhone writes docs/screenshots/NAME-390.png of the page as a phone
// shows it (RUYDAD_SCREENSHOTS=1).
func (s *session) shootPhone(name string) {
	s.t.Helper()
	if os.Getenv(screenshotsEnv) != "1" {
		return
	}
	var png []byte
	s.setViewport(phoneW, phoneH)
	s.run(s.fontsReady(), chromedp.CaptureScreenshot(&png))
	if err := os.WriteFile(filepath.Join(screenshotDir, fmt.Sprintf("%s-%d.png", name, phoneW)), png, 0o644); err != nil {
		s.t.Fatal(err)
	}
}
