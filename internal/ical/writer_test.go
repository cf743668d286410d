package ical

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/hijri"
	"github.com/ruydad/ruydad/internal/jalali"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestGolden(t *testing.T) {
	events := sampleEvents()
	byUID := map[string]domain.Event{}
	for _, e := range events {
		byUID[e.UID] = e
	}
	pick := func(uids ...string) []domain.Event {
		var out []domain.Event
		for _, u := range uids {
			out = append(out, byUID[u+"@ruydad"])
		}
		return out
	}
	occasions := []domain.Occasion{occasion(t, "pr-day"), occasion(t, "government-week"), occasion(t, "oil-nationalization-day")}
	rscale := testFeed()
	rscale.RScale = true
	// Lunar occasions and the official rules, over two years: Ashura, Imam
	// Reza's martyrdom on the last day of Safar, all of Ramadan, Quds Day on
	// its last Friday, Labour Day on 1 May, the eve of the year's last
	// Wednesday, the second Friday of Mehr, Hamadan's day.
	lunar := testFeed()
	lunar.FromYear, lunar.ToYear = 1403, 1404
	var rules []domain.Occasion
	for _, o := range catalogue(t) {
		switch {
		case o.Key == "ashura", o.Key == "imam-reza-martyrdom", o.Key == "ramadan", o.Key == "quds-day", o.Key == "labour-day",
			o.Rule == domain.RuleNthWeekday || o.Rule == domain.RuleLastWeekday && o.Calendar == domain.CalJalali,
			o.Province == "همدان":
			rules = append(rules, o)
		}
	}
	// Ashura after an administrator moved Muharram 1447 a day earlier: the
	// 1447 occurrence's LAST-MODIFIED and SEQUENCE come from the correction.
	corrected := lunar
	muharram, _ := hijri.Official().Month(hijri.Month{Year: 1447, Month: 1})
	corrected.Calendar, _ = calendar.Build([]domain.HijriCorrection{{Year: 1447, Month: 1, Start: muharram.Start.AddDays(-1),
		UpdatedAt: time.Date(2025, 6, 25, 18, 30, 0, 0, time.UTC)}})
	tests := []struct {
		name      string
		feed      Feed
		events    []domain.Event
		occasions []domain.Occasion
	}{
		{"empty", testFeed(), nil, nil},
		{"fold", testFeed(), pick("fold"), nil},
		{"escape", testFeed(), pick("escape"), nil},
		{"allday", testFeed(), pick("allday"), nil},
		{"timed", testFeed(), pick("fold", "timed-open"), nil},
		{"multiday", testFeed(), pick("multiday", "multiday-timed", "multiday-open"), nil},
		{"yearly", testFeed(), pick("yearly", "yearly-leap"), nil},
		{"occasions", testFeed(), nil, occasions},
		{"rscale", rscale, pick("allday", "yearly", "yearly-leap"), occasions},
		{"lunar", lunar, nil, rules},
		{"lunar-rscale", func() Feed { f := lunar; f.RScale = true; return f }(), nil, append(rules, occasion(t, "pr-day"))},
		{"lunar-corrected", corrected, nil, []domain.Occasion{occasion(t, "ashura")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := write(t, tt.feed, tt.events, tt.occasions)
			path := filepath.Join("testdata", tt.name+".ics")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (run go test -update and review the diff):\n%s", path, got)
			}
		})
	}
}

// TestWindow checks the Jalali dates behind each yearly VEVENT, including
// the years without a 30 Esfand.
func TestWindow(t *testing.T) {
	f := testFeed()
	f.FromYear, f.ToYear = 1400, 1410
	got := string(write(t, f, only(sampleEvents(), "yearly-leap@ruydad"), []domain.Occasion{occasion(t, "pr-day")}))
	for y := 1400; y <= 1410; y++ {
		d := jalali.MustNew(y, 2, 27)
		if !strings.Contains(got, "DTSTART;VALUE=DATE:"+basicDate(d)+"\r\n") {
			t.Errorf("pr-day %d: no DTSTART %s", y, basicDate(d))
		}
		uid := yearUID("yearly-leap@ruydad", y)
		if want := jalali.IsLeap(y); strings.Contains(got, "UID:"+uid+"\r\n") != want {
			t.Errorf("%s present = %v, want %v (leap year)", uid, !want, want)
		}
	}
}

func only(events []domain.Event, uid string) []domain.Event {
	for _, e := range events {
		if e.UID == uid {
			return []domain.Event{e}
		}
	}
	return nil
}

func TestWriterErrors(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b, testFeed())
	bad := []domain.Event{
		event("", "بی‌شناسه", nil),
		event("t@ruydad", "ساعت بد", func(e *domain.Event) { e.StartTime = "25:00" }),
		event("e@ruydad", "پایان بی‌آغاز", func(e *domain.Event) { e.EndTime = "10:00" }),
		event("d@ruydad", "بازه وارونه", func(e *domain.Event) { e.End = e.Start.AddDays(-1) }),
	}
	for _, e := range bad {
		if err := w.Event(e); err == nil {
			t.Errorf("Event(%q) = nil error, want one", e.Title)
		}
	}
	if err := w.Event(domain.Event{UID: "undated@ruydad", Title: "بی‌تاریخ"}); err != nil {
		t.Errorf("undated event: %v, want it skipped", err)
	}
	keyless := domain.Occasion{Name: "بی‌کلید"}
	keyless.Recurrence = domain.Recurrence{Calendar: domain.CalJalali, Rule: domain.RuleDate, Month: 1, Day: 1, Length: 1}
	if err := w.Occasion(keyless); err == nil {
		t.Error("occasion without key: nil error")
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "BEGIN:VEVENT") {
		t.Errorf("rejected events were written:\n%s", b.String())
	}
	if err := w.Event(event("late@ruydad", "دیر", nil)); !errors.Is(err, ErrClosed) {
		t.Errorf("Event after Close = %v, want ErrClosed", err)
	}
}

type failWriter struct{ n int }

var errDisk = errors.New("disk full")

func (f *failWriter) Write(p []byte) (int, error) {
	if f.n -= len(p); f.n < 0 {
		return 0, errDisk
	}
	return len(p), nil
}

func TestWriteErrorSticks(t *testing.T) {
	w := NewWriter(&failWriter{n: 40 << 10}, testFeed())
	var err error
	for i := 0; i < 1000 && err == nil; i++ {
		err = w.Event(event("x@ruydad", longTitle, nil))
	}
	if !errors.Is(err, errDisk) {
		t.Fatalf("Event = %v, want %v", err, errDisk)
	}
	if err := w.Close(); !errors.Is(err, errDisk) {
		t.Errorf("Close = %v, want %v", err, errDisk)
	}
}
