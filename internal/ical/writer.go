package ical

import (
	"bufio"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// ProdID is the feed's PRODID.
const ProdID = "-//ruydad//ruydad//FA"

// Feed describes one published calendar.
type Feed struct {
	Name    string // X-WR-CALNAME, shown by calendar apps as the calendar's name
	BaseURL string // events link to BaseURL + "/events/{id}"; no URL when empty
	// Now is the DTSTAMP of every component (time.Now() when zero): the
	// time the data was last changed, for the same data to give the same
	// bytes (there is no METHOD, so RFC 5545 §3.8.7.2 reads it so), and
	// the current year of the default window.
	Now time.Time

	// FromYear and ToYear bound, inclusively, the Jalali years for which
	// yearly items (occasions, yearly events) are written out. A zero bound
	// takes its default (see Window): five years before, and ten years
	// after, the current Jalali year of Now. Callers that take the window
	// from people check it with Window first.
	FromYear, ToYear int

	// RScale writes each yearly item once with an RFC 7529
	// RRULE:RSCALE=PERSIAN instead of one VEVENT per year.
	RScale bool

	// ArticleTitles optionally maps an event's ArticleID to its source
	// article's title, for the DESCRIPTION (a title Export is given with
	// an event comes first).
	ArticleTitles map[int64]string

	// OccasionLeads are the lead times, in days, of the occasions the
	// office prepares for, by key: each of their VEVENTs reminds of them
	// that long before (a VALARM). Events' own reminders are always
	// written.
	OccasionLeads map[string]int

	// Calendar places occurrences (its Hijri month starts, an
	// administrator's corrections included, move lunar occasions);
	// calendar.Official() when nil.
	Calendar *calendar.Calendar
}

// ErrClosed is returned by a Writer used after Close.
var ErrClosed = errors.New("ical: writer is closed")

// Writer streams an iCalendar feed: the header goes out before the first
// component, each Event or Occasion call writes its VEVENTs, and Close ends
// the calendar. Output is buffered; Close flushes it. The first write error
// is returned by that call and every later one.
type Writer struct {
	out     *bufio.Writer
	f       Feed
	cal     *calendar.Calendar
	stamp   string
	started bool
	closed  bool
	err     error
	line    []byte // the content line being built
	folded  []byte // its folded form
	// event is the event being written, kept here so that plainProps'
	// field pointers into it do not move a copy of it to the heap for
	// every event written.
	event domain.Event
	// source is the title of the source article of the event being
	// written, when its caller gave it (eventFrom).
	source string
	// days holds the Gregorian form (YYYYMMDD) of the Jalali days written
	// so far: a feed names the same few thousand days again and again,
	// and each conversion goes through the Persian calendar's library.
	days map[jalali.Date][8]byte
	// capture collects what is written while capturing (an occasion's
	// VEVENTs, to be kept: see occasionBlocks).
	capture   []byte
	capturing bool
}

// NewWriter returns a Writer of the feed f to w. Nothing is written until the
// first Event, Occasion or Close.
func NewWriter(w io.Writer, f Feed) *Writer {
	if f.Now.IsZero() {
		f.Now = time.Now()
	}
	f.FromYear, f.ToYear = defaultWindow(f.Now, f.FromYear, f.ToYear)
	f.BaseURL = strings.TrimRight(f.BaseURL, "/")
	cal := f.Calendar
	if cal == nil {
		cal = calendar.Official()
	}
	return &Writer{
		out:    bufio.NewWriterSize(w, 32<<10),
		f:      f,
		cal:    cal,
		stamp:  f.Now.UTC().Format(utcFormat),
		line:   make([]byte, 0, 256),
		folded: make([]byte, 0, 512),
		days:   map[jalali.Date][8]byte{},
	}
}

const (
	utcFormat   = "20060102T150405Z"
	localFormat = "20060102T150405"
)

// Close writes END:VCALENDAR (after the header, for an empty feed) and
// flushes. It does not close the underlying writer.
func (w *Writer) Close() error {
	if w.closed {
		return w.err
	}
	if err := w.start(); err != nil {
		return err
	}
	w.closed = true
	w.prop("END", "VCALENDAR")
	if w.err == nil {
		w.err = w.out.Flush()
	}
	return w.err
}

// start writes the calendar header once.
func (w *Writer) start() error {
	if w.closed {
		return ErrClosed
	}
	if w.started || w.err != nil {
		return w.err
	}
	w.started = true
	w.prop("BEGIN", "VCALENDAR")
	w.prop("VERSION", "2.0")
	w.prop("PRODID", ProdID)
	w.prop("CALSCALE", "GREGORIAN")
	// No METHOD: RFC 5545 §3.7.2 wants a METHOD property matched by the
	// method= parameter of the Content-Type, and a feed read by HTTP, a
	// file and 'ruydad export' alike has no such Content-Type of its own
	// (libical flags the mismatch). Without METHOD the file is a plain
	// calendar, not an iTIP message, and each DTSTAMP means what the
	// writers make it mean: when the data was last revised (§3.8.7.2),
	// so that the same data gives the same bytes.
	if w.f.Name != "" {
		w.text("X-WR-CALNAME", w.f.Name)
	}
	w.prop("X-WR-TIMEZONE", tzid)
	w.prop("REFRESH-INTERVAL;VALUE=DURATION", "PT6H")
	w.prop("X-PUBLISHED-TTL", "PT6H")
	for _, p := range vtimezone() {
		w.prop(p[0], p[1])
	}
	return w.err
}

// prop writes a content line whose value needs no escaping.
func (w *Writer) prop(name, value string) {
	w.line = append(w.line[:0], name...)
	w.line = append(w.line, ':')
	w.line = append(w.line, value...)
	w.flushLine()
}

// text writes a content line with a TEXT value.
func (w *Writer) text(name, value string) {
	w.line = append(w.line[:0], name...)
	w.line = append(w.line, ':')
	w.line = appendText(w.line, value)
	w.flushLine()
}

// date writes a DATE property.
func (w *Writer) date(name string, d jalali.Date) {
	w.line = append(w.line[:0], name...)
	w.line = append(w.line, ";VALUE=DATE:"...)
	w.line = w.appendDay(w.line, d)
	w.flushLine()
}

// local writes a DATE-TIME property in Tehran wall time: d at hhmm
// ("10:30").
func (w *Writer) local(name string, d jalali.Date, hhmm string) {
	w.line = append(w.line[:0], name...)
	w.line = append(w.line, ";TZID="+tzid+":"...)
	w.line = w.appendDay(w.line, d)
	w.line = append(w.line, 'T', hhmm[0], hhmm[1], hhmm[3], hhmm[4], '0', '0')
	w.flushLine()
}

// appendDay appends d's Gregorian date as appendDate does, from w.days
// when it was written before.
func (w *Writer) appendDay(dst []byte, d jalali.Date) []byte {
	if g, ok := w.days[d]; ok {
		return append(dst, g[:]...)
	}
	var g [8]byte
	appendDate(g[:0], d)
	if len(w.days) < maxDays {
		w.days[d] = g
	}
	return append(dst, g[:]...)
}

// maxDays bounds Writer.days: more than 40 years of days.
const maxDays = 16 << 10

// utc writes a DATE-TIME property in UTC.
func (w *Writer) utc(name string, t time.Time) {
	w.line = append(w.line[:0], name...)
	w.line = append(w.line, ':')
	w.line = t.UTC().AppendFormat(w.line, utcFormat)
	w.flushLine()
}

func (w *Writer) int(name string, n int) {
	w.line = append(w.line[:0], name...)
	w.line = append(w.line, ':')
	w.line = strconv.AppendInt(w.line, int64(n), 10)
	w.flushLine()
}

func (w *Writer) flushLine() {
	if w.err != nil {
		return
	}
	w.folded = appendFolded(w.folded[:0], w.line)
	if w.capturing {
		w.capture = append(w.capture, w.folded...)
	}
	_, w.err = w.out.Write(w.folded)
}

// raw writes lines written before (kept occasionBlocks).
func (w *Writer) raw(p []byte) {
	if w.err != nil {
		return
	}
	_, w.err = w.out.Write(p)
}
