package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	usecases "github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/sqlite"
	"github.com/ruydad/ruydad/internal/web"
)

// plainEvents is a store of events that reads every event whole: the day
// pages over it take BriefsBetween, not DayBriefsShown.
type plainEvents struct{ usecases.EventStore }

// TestDayPagesShownSame fills forty days far past what their pages show
// (eighty events a day, timed ones overlapping, of several days, proposed
// ones, series, an event repeating an official occasion) and checks that
// the day pages (each page of their lists), the weeks and the agenda built
// from DayBriefsShown, which reads the titles of the events a page shows
// only, are byte for byte those built from every event read whole, with
// and without a filter; and that most titles were indeed left unread.
func TestDayPagesShownSame(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "days.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	first := jalali.MustNew(1403, 2, 1)
	var evs []domain.Event
	for i := range 3200 {
		start := first.AddDays(i % 40)
		e := domain.Event{Title: "رویداد روز " + jalali.FaNum(i), Kind: domain.Kinds[i%(len(domain.Kinds)-2)], Start: start,
			End: start.AddDays([]int{0, 0, 0, 0, 1, 3, 9}[i%7]), Province: []string{"همدان", "فارس"}[i%2], Status: domain.StatusConfirmed}
		if i%7 < 4 && i%3 != 0 {
			h := 8 + i%9
			e.StartTime, e.EndTime = fmt.Sprintf("%02d:%02d", h, 30*(i%2)), fmt.Sprintf("%02d:00", h+1+i%3)
		}
		if i%11 == 0 {
			e.Status = domain.StatusProposed
		}
		evs = append(evs, e)
	}
	evs = append(evs,
		domain.Event{Title: "روز ملی ارتباطات", Kind: domain.KindOccasion, Occasion: "pr-day", Start: jalali.MustNew(1403, 2, 27), Status: domain.StatusConfirmed},
		domain.Event{Title: "جلسهٔ هفتگی", Kind: domain.KindMeeting, Start: jalali.MustNew(1403, 1, 4), StartTime: "10:00", EndTime: "11:30",
			Status: domain.StatusConfirmed, Repeat: domain.Repeat{Kind: domain.RepeatWeekly, Interval: 1, Days: domain.WeekdaysOf(jalali.Saturday, jalali.Tuesday)}},
		domain.Event{Title: "نمایشگاه ماهانه", Kind: domain.KindMeeting, Start: jalali.MustNew(1403, 1, 10), End: jalali.MustNew(1403, 1, 12),
			Status: domain.StatusConfirmed, Repeat: domain.Repeat{Kind: domain.RepeatMonthly, Interval: 1}})
	o := usecases.Options{Logger: discardLogger(), PasswordCost: bcrypt.MinCost}
	if _, err := usecases.Over(db, o).ImportEvents(ctx, evs); err != nil {
		t.Fatal(err)
	}
	var days atomic.Int64
	cfg := web.Config{Now: func() time.Time { return fixedNow.AddDate(0, 0, int(days.Load())) }, Logger: discardLogger(), BaseURL: "https://ruydad.example"}
	stores := usecases.StoresOf(db)
	stores.Events = plainEvents{db}
	shown, whole := web.New(usecases.Over(db, o), cfg), web.New(usecases.New(stores, o), cfg)
	get := func(h http.Handler, u string) (int, []byte) {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, u, nil))
		b, _ := io.ReadAll(w.Result().Body)
		return w.Code, b
	}
	same := func(u string) int {
		t.Helper()
		s1, b1 := get(shown, u)
		s2, b2 := get(whole, u)
		if s1 != s2 || !bytes.Equal(b1, b2) {
			t.Fatalf("%s: %d bytes (status %d) from the events shown, %d bytes (status %d) from all of them",
				u, len(b1), s1, len(b2), s2)
		}
		return s1
	}
	pages := 0
	for i := -3; i < 43; i += 2 {
		d := first.AddDays(i)
		for _, q := range []string{"", "?kind=meeting", "?province=" + "همدان"} {
			base := fmt.Sprintf("/calendar/%d/%d/%d", d.Year, d.Month, d.Day)
			for p := 1; ; p++ {
				u := base + q
				if p > 1 {
					sep := "?"
					if q != "" {
						sep = "&"
					}
					u += sep + "page=" + fmt.Sprint(p)
				}
				if same(u) != http.StatusOK {
					break
				}
				pages++
			}
			same(base + "/week" + q)
		}
	}
	if pages < 100 {
		t.Errorf("%d day pages compared: too few", pages)
	}
	// Today from 1403/02/01 (fixedNow is 1403/02/20) to the 28th.
	for i := range 10 {
		days.Store(int64(3*i - 19))
		same("/agenda")
		same("/agenda?kind=meeting")
	}
	// The titles left unread: a busy week reads those it shows.
	briefs, err := db.DayBriefsShown(ctx, first.AddDays(7), first.AddDays(13), domain.EventFilter{}, func(b []domain.Brief) []int64 {
		return []int64{b[0].ID, b[len(b)-1].ID}
	})
	if err != nil {
		t.Fatal(err)
	}
	unread := 0
	for _, b := range briefs {
		if b.Title == "" {
			unread++
		}
	}
	if unread != len(briefs)-2 || len(briefs) < 500 {
		t.Errorf("a week of %d events, two shown: %d titles unread", len(briefs), unread)
	}
	if !strings.Contains(string(must(get(shown, fmt.Sprintf("/calendar/%d/%d/%d", first.Year, first.Month, first.Day+10)))), "page=2") {
		t.Errorf("a busy day has no second page")
	}
}

func must(_ int, b []byte) []byte { return b }
