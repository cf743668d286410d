package views

import (
	"bytes"
	"context"
	"html"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/jalali"
)

// TestMonthBodySame checks AppendMonthBody writes what the template
// MonthBody writes, byte for byte, for views that take every branch: texts
// that need escaping or are empty, links present or not, a filter on or
// off, days with and without occasions, events and dots, lists empty or
// full.
func TestMonthBodySame(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 24))
	texts := []string{"", "اردیبهشت ۱۴۰۳", `جلسه <مدیران> & "شورا" 'ویژه'`, "/calendar/1403/2?province=%D9%87&kind=meeting", "a&b"}
	text := func() string { return texts[rng.IntN(len(texts))] }
	some := func() bool { return rng.IntN(2) == 0 }
	kinds := []Option{{"meeting", "جلسه"}, {"press_conference", "نشست خبری"}, {`x"y`, "<b>"}}
	for i := range 400 {
		v := MonthView{Year: 1403, Month: 1 + rng.IntN(12), Title: text(), GregorianSpan: text(), HijriSpan: text(), HijriProvisional: some(),
			PrevURL: text(), NextURL: text(), PrevLabel: text(), NextLabel: text(), TodayURL: text(), YearURL: text(),
			JumpYear: 1000 + rng.IntN(2000), ShowProposed: some(), ToggleProposedURL: text(), NewEventURL: text(),
			FeedURL: text(), SubscribeURL: text(),
			Filter: FilterView{Action: text(), Kind: []string{"", "meeting", `x"y`}[rng.IntN(3)], Province: text(), Organization: text(),
				Proposed: some(), Active: some(), ClearURL: text(), Kinds: kinds[:rng.IntN(len(kinds)+1)]},
			Views:  ViewSwitch{MonthURL: text(), WeekURL: text(), DayURL: text(), Current: []string{"month", "week", "day", ""}[rng.IntN(4)]},
			Chosen: DayList{Heading: text(), URL: text(), AddURL: text()}}
		for d := range v.Weekdays {
			v.Weekdays[d] = text()
		}
		for range rng.IntN(3) {
			v.Occasions = append(v.Occasions, MonthOccasion{OccasionChip: randomOccasion(rng, text), When: text(), DayURL: text()})
			v.Chosen.Occasions = append(v.Chosen.Occasions, randomOccasion(rng, text))
		}
		for range rng.IntN(4) {
			v.Chosen.Events = append(v.Chosen.Events, EventChip{ID: rng.Int64N(1e6), Title: text(), URL: text(), Class: text(),
				KindName: text(), Time: []string{"", "۱۰:۰۰"}[rng.IntN(2)], Proposed: some(), When: text()})
		}
		first := jalali.MustNew(1403, 2, 1).AddDays(-rng.IntN(7))
		v.Weeks = make([][7]DayCell, 4+rng.IntN(3))
		for w := range v.Weeks {
			for c := range v.Weeks[w] {
				if rng.IntN(10) == 0 {
					v.Weeks[w][c] = DayCell{Col: c + 1}
					continue
				}
				d := first.AddDays(7*w + c)
				cell := DayCell{Date: d, Query: []string{"", "?kind=meeting", "?province=%D9%87&proposed=1"}[rng.IntN(3)], InMonth: some(),
					Today: rng.IntN(20) == 0, Friday: c == 6, Holiday: rng.IntN(8) == 0, GregorianDay: 1 + rng.IntN(31),
					GregorianMonth: time.Month(1 + rng.IntN(12)), HijriProvisional: some(), Col: c + 1, More: rng.IntN(3),
					CanAdd: some(), Chosen: rng.IntN(30) == 0}
				if some() {
					cell.Hijri = HijriDay{Year: 1445, Month: 10, Day: 1 + rng.IntN(29), MonthName: "شوال", WithMonth: some()}
				}
				if some() {
					cell.PickYear, cell.PickMonth = 1403, 2
					cell.Dots = []string{"meeting", "award"}[:rng.IntN(3)]
				}
				for range rng.IntN(2) {
					cell.Occasions = append(cell.Occasions, randomOccasion(rng, text))
				}
				for range rng.IntN(3) {
					cell.Bars = append(cell.Bars, Bar{ID: rng.Int64N(1e6), Title: text(), Kind: "meeting", KindName: text(), Time: []string{"", "09:30"}[rng.IntN(2)],
						Proposed: some(), Col: c + 1, Span: 1 + rng.IntN(7-c), Lane: 1 + rng.IntN(3), Before: some(), After: some(), Start: d, Last: d.AddDays(rng.IntN(3))})
				}
				v.Weeks[w][c] = cell
			}
		}
		var want bytes.Buffer
		if err := MonthBody(v).Render(context.Background(), &want); err != nil {
			t.Fatal(err)
		}
		if got := AppendMonthBody(nil, &v); !bytes.Equal(got, want.Bytes()) {
			n := 0
			for n < min(len(got), want.Len()) && got[n] == want.Bytes()[n] {
				n++
			}
			t.Fatalf("view %d differs at byte %d:\n got %.300q\nwant %.300q", i, n, got[max(n-100, 0):], want.Bytes()[max(n-100, 0):])
		}
	}
}

func randomOccasion(rng *rand.Rand, text func() string) OccasionChip {
	return OccasionChip{Name: text(), Holiday: rng.IntN(2) == 0, URL: text(), Province: text(), Lunar: rng.IntN(2) == 0}
}

// TestAppendEscaped checks appendEscaped escapes as html.EscapeString
// (and so templ) does, whatever the bytes, short texts and long, each
// special byte at every place among eight (special8), and every byte.
func TestAppendEscaped(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 7))
	pieces := []string{"", "a", "&", "'", "<", ">", `"`, "ی", "‌", "%D9", "\x00", "\xff", "&amp;"}
	for i := range 4000 {
		var s string
		for range rng.IntN(12 + i%40) {
			s += pieces[rng.IntN(len(pieces))]
		}
		if got, want := string(appendEscaped([]byte("x"), s)), "x"+html.EscapeString(s); got != want {
			t.Fatalf("%q: %q, want %q", s, got, want)
		}
	}
	for c := range 256 {
		for at := range 17 {
			s := []byte("ییییییییabcdefghij")
			s[at] = byte(c)
			if got, want := string(appendEscaped(nil, string(s))), html.EscapeString(string(s)); got != want {
				t.Fatalf("%q: %q, want %q", s, got, want)
			}
		}
	}
}

// TestAppendBarSame checks appendBar, which writes a bar's time, title and
// spoken words once and copies them, writes what writing each twice does
// (barWrittenTwice, the bars of the golden pages), whatever its fields and
// the room left in the buffer.
func TestAppendBarSame(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 25))
	texts := []string{"", "جلسه", `جلسه <مدیران> & "شورا" 'ویژه'`, "a&b"}
	text := func() string { return texts[rng.IntN(len(texts))] }
	d := jalali.MustNew(1403, 2, 10)
	for i := range 1000 {
		bar := Bar{ID: rng.Int64N(1e7), Title: text(), Kind: []string{"meeting", `x"y`}[rng.IntN(2)], KindName: text(),
			Time: []string{"", "09:30"}[rng.IntN(2)], Proposed: rng.IntN(2) == 0, Col: 1 + rng.IntN(7), Span: 1 + rng.IntN(7),
			Lane: 1 + rng.IntN(3), Before: rng.IntN(2) == 0, After: rng.IntN(2) == 0, Start: d, Last: d.AddDays(rng.IntN(3))}
		if rng.IntN(2) == 0 {
			bar.On = d
		}
		prefix := make([]byte, 3, 3+rng.IntN(400)) // full, or with room, so that copies cross a growth or not
		copy(prefix, "<p>")
		want := barWrittenTwice([]byte("<p>"), &bar)
		if got := appendBar(prefix, &bar); !bytes.Equal(got, want) {
			t.Fatalf("bar %d (%+v):\n got %q\nwant %q", i, bar, got, want)
		}
	}
}

// barWrittenTwice is appendBar as it was, writing the time, the title and
// the spoken words each where they go.
func barWrittenTwice(b []byte, bar *Bar) []byte {
	b = appendBarOpen(b, bar)
	b = append(b, `" title="`...)
	if bar.Time != "" {
		b = append(jalali.AppendFaDigits(b, bar.Time), ' ')
	}
	b = appendEscaped(b, bar.Title)
	b = append(b, ` (`...)
	b = bar.appendSpoken(b)
	b = append(b, `)">`...)
	if bar.Time != "" {
		b = append(b, `<span class="time">`...)
		b = jalali.AppendFaDigits(b, bar.Time)
		b = append(b, `</span> `...)
	}
	b = appendEscaped(b, bar.Title)
	b = append(b, `<span class="visually-hidden">، `...)
	b = bar.appendSpoken(b)
	return append(b, `</span></a>`...)
}
