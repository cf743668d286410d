package views

import (
	"context"
	"io"
	"strconv"
	"sync"

	"github.com/a-h/templ"

	"github.com/ruydad/ruydad/internal/jalali"
)

// The cells of the month grid (and of the week's all-day row) are written
// here by hand, byte for byte as a templ component would write them: templ
// spends two allocations on every value it writes (and more on a class
// list), and a month's forty-two cells and their bars hold some two
// thousand values, most of the cost of a month page not yet kept (issue
// 18).

// monthWeeks writes the rows of a month grid.
func monthWeeks(weeks [][7]DayCell) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		bp := gridBuffers.Get().(*[]byte)
		defer gridBuffers.Put(bp)
		for i := range weeks {
			b := append((*bp)[:0], `<tr role="row">`...)
			for j := range weeks[i] {
				b = appendDayCell(b, &weeks[i][j])
			}
			b = append(b, `</tr>`...)
			*bp = b
			if _, err := w.Write(b); err != nil {
				return err
			}
		}
		return nil
	})
}

// dayCell writes one cell of a grid.
func dayCell(d DayCell) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		bp := gridBuffers.Get().(*[]byte)
		defer gridBuffers.Put(bp)
		*bp = appendDayCell((*bp)[:0], &d)
		_, err := w.Write(*bp)
		return err
	})
}

// gridBuffers are the buffers week rows are written into.
var gridBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

// appendDayCell appends the <td> of d.
func appendDayCell(b []byte, d *DayCell) []byte { return appendCell(b, d, escaped(d.Query)) }

// escaped returns s escaped (appendEscaped): s itself when it needs
// nothing, as a query of one filter does.
func escaped(s string) string {
	for i := 0; i < len(s); i++ {
		if htmlSpecial[s[i]] {
			return string(appendEscaped(make([]byte, 0, len(s)+16), s))
		}
	}
	return s
}

// appendCell is appendDayCell with d's query escaped in q: a month's
// forty-two cells link three times each with the same query, at a
// province's or an organization's a hundred bytes and more.
func appendCell(b []byte, d *DayCell, q string) []byte {
	if d.Date.IsZero() {
		b = append(b, `<td role="cell" class="day out"><span class="bg c`...)
		b = strconv.AppendInt(b, int64(d.Col), 10)
		return append(b, `"></span></td>`...)
	}
	b = append(b, `<td role="cell" data-date="`...)
	b = d.Date.AppendString(b)
	b = append(b, `" data-hijri="`...)
	b = d.Hijri.appendISO(b)
	b = append(b, `" class="day`...)
	b = appendClass(b, "out", !d.InMonth)
	b = appendClass(b, "today", d.Today)
	b = appendClass(b, "holiday", d.Holiday || d.Friday)
	b = appendClass(b, "chosen", d.Chosen)
	b = append(b, '"')
	if d.Today {
		b = append(b, ` aria-current="date"`...)
	}
	b = append(b, '>')
	if d.CanAdd {
		b = appendCol(append(b, `<a class="bg`...), d.Col)
		b = append(b, `" href="`...)
		b = appendNewEventOnURL(b, d.Date)
		b = append(b, `" tabindex="-1" aria-hidden="true"></a>`...)
	} else {
		b = appendCol(append(b, `<span class="bg`...), d.Col)
		b = append(b, `" aria-hidden="true"></span>`...)
	}
	b = appendCol(append(b, `<div class="cell`...), d.Col)
	b = append(b, `">`...)
	b = appendDayHead(b, d, q)
	b = append(b, `</div>`...)
	for i := range d.Bars {
		b = appendBar(b, &d.Bars[i])
	}
	if d.More > 0 {
		b = appendCol(append(b, `<a class="more`...), d.Col)
		b = append(b, ` l4" href="`...)
		b = append(appendDayURL(b, d.Date), q...)
		b = append(b, `" data-testid="more">و `...)
		b = jalali.AppendFaNum(b, d.More)
		b = append(b, ` رویداد دیگر</a>`...)
	}
	return append(b, `</td>`...)
}

// appendDayHead appends the top of a day's cell: its number (a link to its
// page, or on a phone to its list under the month), its «+», its Gregorian
// and Hijri dates and its occasions. q is d's query escaped.
func appendDayHead(b []byte, d *DayCell, q string) []byte {
	b = append(b, `<a class="num" href="`...)
	b = append(appendDayURL(b, d.Date), q...)
	b = append(b, `" aria-label="`...)
	b = d.Date.AppendFormatLong(b)
	b = append(b, `">`...)
	b = jalali.AppendFaNum(b, d.Date.Day)
	b = append(b, `</a> `...)
	if d.PickYear != 0 {
		b = append(b, `<a class="pick" href="`...)
		b = appendMonthURL(b, d.PickYear, d.PickMonth)
		if d.Query == "" {
			b = append(b, "?day="...)
		} else {
			b = append(append(b, q...), "&amp;day="...)
		}
		b = append(strconv.AppendInt(b, int64(d.Date.Day), 10), "#day-list"...)
		b = append(b, `" aria-label="رویدادهای `...)
		b = d.Date.AppendFormatLong(b)
		b = append(b, `" data-testid="pick-day">`...)
		b = jalali.AppendFaNum(b, d.Date.Day)
		b = append(b, ` <span class="dots" aria-hidden="true">`...)
		for _, k := range d.Dots {
			b = append(b, `<i class="k-`...)
			b = appendEscaped(b, k)
			b = append(b, `"></i>`...)
		}
		b = append(b, `</span></a> `...)
	}
	if d.CanAdd {
		b = append(b, `<a class="add" href="`...)
		b = appendNewEventOnURL(b, d.Date)
		b = append(b, `" aria-label="رویداد تازه در `...)
		b = d.Date.AppendFormat(b)
		b = append(b, `" data-testid="add-on-day">+</a> `...)
	}
	b = append(b, `<span class="greg">`...)
	b = append(jalali.AppendFaNum(b, d.GregorianDay), ' ')
	b = append(b, jalali.GregorianMonthName(d.GregorianMonth)...)
	b = append(b, `</span> `...)
	if d.Hijri.Year != 0 {
		b = append(b, `<span class="hijri`...)
		b = appendClass(b, "provisional", d.HijriProvisional)
		b = append(b, `" data-testid="hijri">`...)
		b = jalali.AppendFaNum(b, d.Hijri.Day)
		if d.Hijri.WithMonth {
			b = append(append(b, ' '), d.Hijri.MonthName...)
		}
		b = append(b, `</span> `...)
	}
	if len(d.Occasions) > 0 {
		b = append(b, `<ul class="occ">`...)
		for _, o := range d.Occasions {
			b = append(b, `<li class="`...)
			if o.Holiday {
				b = append(b, `holiday`...)
			}
			b = append(b, `" data-testid="occasion" title="`...)
			b = appendEscaped(b, o.Name)
			b = append(b, `">`...)
			if o.URL != "" {
				b = append(b, `<a href="`...)
				b = appendEscaped(b, o.URL)
				b = append(b, `" class="occ-link" data-testid="occasion-event">`...)
				b = appendEscaped(b, o.Name)
				b = append(b, `</a>`...)
			} else {
				b = appendEscaped(b, o.Name)
			}
			b = append(b, `</li>`...)
		}
		b = append(b, `</ul>`...)
	}
	return b
}

// appendBarOpen appends a bar's link up to its classes, the last not
// closed.
func appendBarOpen(b []byte, bar *Bar) []byte {
	b = strconv.AppendInt(append(b, `<a href="`+EventsURL+`/`...), bar.ID, 10)
	if !bar.On.IsZero() {
		b = bar.On.AppendString(append(b, "?on="...))
	}
	b = strconv.AppendInt(append(b, `" data-event-id="`...), bar.ID, 10)
	b = appendEscaped(append(b, `" class="ev k-`...), bar.Kind)
	b = appendClass(b, "proposed", bar.Proposed)
	b = strconv.AppendInt(append(b, " bar c"...), int64(bar.Col), 10)
	b = strconv.AppendInt(append(b, " w"...), int64(bar.Span), 10)
	b = strconv.AppendInt(append(b, " l"...), int64(bar.Lane), 10)
	b = appendClass(b, "before", bar.Before)
	return appendClass(b, "after", bar.After)
}

// appendBar appends an event drawn across its days in a row: its kind's
// colour and shape, its title cut to the bar, and whole in its tooltip and
// for screen readers, with its kind, its days and whether it is proposed.
// The time, the title and what is spoken are written in the tooltip, then
// copied from there: a province's month draws hundreds of bars.
func appendBar(b []byte, bar *Bar) []byte {
	b = append(appendBarOpen(b, bar), `" title="`...)
	t := len(b)
	if bar.Time != "" {
		b = append(jalali.AppendFaDigits(b, bar.Time), ' ')
	}
	title := len(b)
	b = appendEscaped(b, bar.Title)
	spoken := len(b) + len(" (")
	b = bar.appendSpoken(append(b, ` (`...))
	end := len(b)
	b = append(b, `)">`...)
	if bar.Time != "" {
		b = append(append(append(b, `<span class="time">`...), b[t:title-1]...), `</span> `...)
	}
	b = append(b, b[title:spoken-len(" (")]...)
	b = append(append(b, `<span class="visually-hidden">، `...), b[spoken:end]...)
	return append(b, `</span></a>`...)
}

// appendSpoken appends what a screen reader hears after a bar's title
// (which the bar may cut on the screen), and its tooltip after the title
// in brackets: its kind, its days and whether it is proposed.
func (bar *Bar) appendSpoken(b []byte) []byte {
	b = appendEscaped(b, bar.KindName)
	if bar.Last != bar.Start {
		b = jalali.AppendDaySpan(append(b, `، `...), bar.Start, bar.Last)
	}
	if bar.Proposed {
		b = append(b, `، پیشنهادی`...)
	}
	return b
}

// appendISO appends h as 1446/01/09, or nothing for no date.
func (h HijriDay) appendISO(b []byte) []byte {
	return jalali.Date{Year: h.Year, Month: h.Month, Day: h.Day}.AppendString(b)
}

// appendClass appends " name" when on.
func appendClass(b []byte, name string, on bool) []byte {
	if !on {
		return b
	}
	return append(append(b, ' '), name...)
}

// appendCol appends a day's column class, " c<n>".
func appendCol(b []byte, n int) []byte { return strconv.AppendInt(append(b, " c"...), int64(n), 10) }

// appendEscaped appends s escaped as html.EscapeString (and so templ)
// escapes it. A page escapes tens of kilobytes (titles, queries, links):
// eight bytes are looked at at once (special8), a byte where one of them
// is special in a table (htmlSpecial), and only the few special ones are
// told apart.
func appendEscaped(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); {
		// Eight bytes at a time while none is special: most of a page's
		// text is Persian, whose bytes never are.
		if i+8 <= len(s) && !special8(uint64(s[i])|uint64(s[i+1])<<8|uint64(s[i+2])<<16|uint64(s[i+3])<<24|
			uint64(s[i+4])<<32|uint64(s[i+5])<<40|uint64(s[i+6])<<48|uint64(s[i+7])<<56) {
			i += 8
			continue
		}
		if !htmlSpecial[s[i]] {
			i++
			continue
		}
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&#34;"
		}
		b = append(append(b, s[last:i]...), esc...)
		i++
		last = i
	}
	return append(b, s[last:]...)
}

// special8 reports whether any of the eight bytes of w is one
// appendEscaped replaces: & or ' (0x26, 0x27), < or > (0x3c, 0x3e), ".
func special8(w uint64) bool {
	const ones = 0x0101010101010101
	return zeroByte((w|ones)^(0x27*ones)) || zeroByte((w|2*ones)^(0x3e*ones)) || zeroByte(w^('"'*ones))
}

// zeroByte reports whether any byte of v is zero.
func zeroByte(v uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return (v-ones)&^v&highs != 0
}

// htmlSpecial are the bytes appendEscaped replaces.
var htmlSpecial = [256]bool{'&': true, '\'': true, '<': true, '>': true, '"': true}
