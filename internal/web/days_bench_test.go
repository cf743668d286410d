package web_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/sqlite"
	"github.com/ruydad/ruydad/internal/web"
)

// dayProvinces are the provinces the national events are spread over.
var dayProvinces = strings.Fields(`آذربایجان‌شرقی آذربایجان‌غربی اردبیل اصفهان البرز ایلام بوشهر تهران
چهارمحال‌وبختیاری خراسان‌جنوبی خراسان‌رضوی خراسان‌شمالی خوزستان زنجان سمنان سیستان‌وبلوچستان فارس قزوین قم
کردستان کرمان کرمانشاه کهگیلویه‌وبویراحمد گلستان گیلان لرستان مازندران مرکزی هرمزگان همدان یزد`)

// fillNationalDays stores n events shaped as the national bench's (ruydad
// bench --national): over the ten years from 1397, a quarter of them some
// hours of one day, 8% several days, 1% up to two weeks, one in 200 a
// series, 12% proposed and 3% rejected, in 31 provinces and 1,500
// organizations, each with a place and a description. A national day so
// holds n/3650 events starting on it, and the events of several days
// begun before it.
func fillNationalDays(tb testing.TB, db *sqlite.DB, n int) {
	tb.Helper()
	rng := rand.New(rand.NewPCG(1403, uint64(n)))
	first := jalali.MustNew(1397, 1, 1)
	span := first.DaysUntil(jalali.MustNew(1407, 1, 1))
	kinds := domain.Kinds[:len(domain.Kinds)-2] // neither occasion nor other
	created := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	err := db.BulkFill(context.Background(), func(b *sqlite.Bulk) error {
		for i := range n {
			d := first.AddDays(rng.IntN(span))
			k := kinds[rng.IntN(len(kinds))]
			prov := dayProvinces[rng.IntN(len(dayProvinces))]
			org := "سازمان " + jalali.FaNum(rng.IntN(1500))
			e := domain.Event{UID: fmt.Sprintf("days-%07d@ruydad", i+1), Title: k.Label() + " " + org + " شماره " + jalali.FaNum(i),
				Kind: k, Start: d, End: d, Province: prov, Organization: org, Location: "سالن همایش‌های " + org,
				Description: "برنامهٔ " + k.Label() + " " + org + " با حضور مدیران و خبرنگاران استان " + prov + ".",
				Status:      domain.StatusConfirmed, Precision: domain.PrecisionDay, Confidence: 1, CreatedAt: created, UpdatedAt: created}
			switch r := rng.IntN(100); {
			case r < 25:
				h := 8 + rng.IntN(9)
				e.StartTime, e.EndTime = fmt.Sprintf("%02d:%02d", h, 30*rng.IntN(2)), fmt.Sprintf("%02d:00", h+1+rng.IntN(3))
			case r < 33:
				e.End = d.AddDays(1 + rng.IntN(4))
			case r == 33:
				e.End = d.AddDays(5 + rng.IntN(10))
			}
			switch r := rng.IntN(100); {
			case r < 12:
				e.Status = domain.StatusProposed
			case r < 15:
				e.Status = domain.StatusRejected
			}
			if rng.IntN(200) == 0 {
				e.End = d
				switch rng.IntN(3) {
				case 0:
					e.Repeat = domain.Repeat{Kind: domain.RepeatWeekly, Interval: 1, Days: domain.WeekdaysOf(d.Weekday())}
				case 1:
					e.Repeat = domain.Repeat{Kind: domain.RepeatMonthly, Interval: 1}
				default:
					e.Repeat = domain.Repeat{Kind: domain.RepeatYearly, Interval: 1}
				}
				switch rng.IntN(3) {
				case 0:
					e.Repeat.Until = d.AddDays(90 + rng.IntN(3*365))
				case 1:
					e.Repeat.Count = 5 + rng.IntN(50)
				}
			}
			if err := e.Validate(); err != nil {
				return fmt.Errorf("event %d: %w", i+1, err)
			}
			if err := b.Event(&e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// nationalDaysApp is a server over a file of n national events
// (fillNationalDays), for an anonymous reader, today 1403/02/20 and a
// day later each time days moves (which empties the kept bodies). With
// RUYDAD_DAYS_DIR set, the filled file is kept there and reused (a
// million events take minutes to fill).
func nationalDaysApp(tb testing.TB, n int, days *atomic.Int64) http.Handler {
	tb.Helper()
	ctx := context.Background()
	path := filepath.Join(tb.TempDir(), "days.db")
	if dir := os.Getenv("RUYDAD_DAYS_DIR"); dir != "" {
		path = filepath.Join(dir, fmt.Sprintf("days-%d.db", n))
		if _, err := os.Stat(path); err != nil {
			fillNationalDaysFile(tb, path, n)
		}
	} else {
		fillNationalDaysFile(tb, path, n)
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	now := func() time.Time { return fixedNow.AddDate(0, 0, int(days.Load())) }
	return web.New(uc(db), web.Config{Now: now, Logger: discardLogger(), BaseURL: "https://ruydad.example"})
}

// fillNationalDaysFile fills a new file at path with n national events,
// written aside and renamed when whole.
func fillNationalDaysFile(tb testing.TB, path string, n int) {
	tb.Helper()
	tmp := path + ".filling"
	for _, f := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
		os.Remove(f)
	}
	db, err := sqlite.Open(context.Background(), tmp)
	if err != nil {
		tb.Fatal(err)
	}
	fillNationalDays(tb, db, n)
	if err := db.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
}

// benchMillion adds the million events to BenchmarkNationalDays: their
// fill takes minutes.
var benchMillion = os.Getenv("RUYDAD_DAYS_1M") != ""

// BenchmarkNationalDays requests day and week pages of a national
// calendar of 100,000 and of 1,000,000 events (RUYDAD_DAYS_1M unset: the
// first only), each a day of 1403 no one asked for before (nothing of a
// day or week page is kept), and the agenda and the year page of 1403 not
// kept (a new day each time, as after midnight or a write). cpu-ns/op is
// the processor time a page took, SQLite's and the collector's included:
// on a machine shared with other work, ns/op is also how long it waited.
func BenchmarkNationalDays(b *testing.B) {
	sizes := []int{100_000}
	if testing.Short() {
		sizes = []int{10_000}
	} else if benchMillion {
		sizes = append(sizes, 1_000_000)
	}
	for _, n := range sizes {
		var days atomic.Int64
		h := nationalDaysApp(b, n, &days)
		for _, page := range []struct{ name, suffix string }{{"day", ""}, {"week", "/week"}, {"agenda", ""}} {
			b.Run(fmt.Sprintf("%s/%dk", page.name, n/1000), func(b *testing.B) {
				b.ReportAllocs()
				cpu := processCPU(b)
				i := 0
				for b.Loop() {
					d := jalali.MustNew(1403, 1, 1).AddDays(i % 365)
					i++
					u := fmt.Sprintf("/calendar/%d/%d/%d%s", d.Year, d.Month, d.Day, page.suffix)
					if page.name == "agenda" { // a new day each time: nothing kept
						days.Add(1)
						u = "/agenda"
					}
					b.SetBytes(serve(b, h, httptest.NewRequest(http.MethodGet, u, nil), http.StatusOK))
				}
				b.ReportMetric(float64(processCPU(b)-cpu)/float64(b.N), "cpu-ns/op")
			})
		}
		b.Run(fmt.Sprintf("year/%dk", n/1000), func(b *testing.B) {
			b.ReportAllocs()
			cpu := processCPU(b)
			for b.Loop() {
				days.Add(1)
				b.SetBytes(serve(b, h, httptest.NewRequest(http.MethodGet, "/calendar/1403", nil), http.StatusOK))
			}
			b.ReportMetric(float64(processCPU(b)-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

// processCPU returns the processor time the process has used (user and
// system).
func processCPU(b *testing.B) time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		b.Fatal(err)
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
