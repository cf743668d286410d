package ical

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// Properties of our own that let Parse put a yearly event back together and
// recognize the feed's occasions.
const (
	propSeries   = "X-RUYDAD-UID"      // the yearly event's own UID
	propYearly   = "X-RUYDAD-YEARLY"   // DATE of the yearly event's Start
	propOccasion = "X-RUYDAD-OCCASION" // the occasion's Key
)

// uidDomain ends every UID the writer makes up.
const uidDomain = "@ruydad"

var statusValues = map[domain.Status]string{
	domain.StatusConfirmed: "CONFIRMED",
	domain.StatusProposed:  "TENTATIVE",
	domain.StatusRejected:  "CANCELLED",
}

// Event writes e: one VEVENT, or for a yearly event one VEVENT per year of
// the window that has the event's month and day (one VEVENT with an RSCALE
// rule when Feed.RScale is set), or for another series what Writer.series
// says. An undated event (a mined one whose date is
// unknown) writes nothing. An event whose dates or times cannot be written
// is skipped with an error; the feed stays well-formed and usable.
func (w *Writer) Event(e domain.Event) error {
	if err := w.start(); err != nil {
		return err
	}
	if !e.Dated() {
		return nil
	}
	if e.End.IsZero() {
		e.End = e.Start
	}
	if err := checkEvent(e); err != nil {
		return err
	}
	if !e.Repeats() {
		w.vevent(e, overrideUID(e), e.Start, e.End, "")
		return w.err
	}
	if !plainYearly(e) {
		w.series(e)
		return w.err
	}
	if w.f.RScale {
		for y := max(w.f.FromYear, e.Start.Year); y <= w.f.ToYear; y++ {
			if s, ok := w.cal.EventIn(e, y); ok {
				w.vevent(e, e.UID, s.Start, s.End, rscaleRule(s.Start))
				break
			}
		}
		return w.err
	}
	for y := max(w.f.FromYear, e.Start.Year); y <= w.f.ToYear && w.err == nil; y++ {
		if s, ok := w.cal.EventIn(e, y); ok {
			w.vevent(e, yearUID(e.UID, y), s.Start, s.End, "")
		}
	}
	return w.err
}

// eventFrom writes e as Event does, naming source as the title of its
// source article (a feed's store reads it with the event; "" looks it up
// in Feed.ArticleTitles).
func (w *Writer) eventFrom(e domain.Event, source string) error {
	w.source = source
	defer func() { w.source = "" }()
	return w.Event(e)
}

// sourceOf returns the title of the article e was mined from, as the
// event's DESCRIPTION names it: the one given with the event being
// written, else Feed.ArticleTitles'.
func (w *Writer) sourceOf(e domain.Event) string {
	if w.source != "" {
		return w.source
	}
	return w.f.ArticleTitles[e.ArticleID]
}

// plainYearly reports whether e repeats every Jalali year on its first
// day, without end or exceptions: what X-RUYDAD-YEARLY (and an RSCALE rule)
// says.
func plainYearly(e domain.Event) bool { return e.Repeat == domain.Repeat{Kind: domain.RepeatYearly} }

// openLength is how long, in minutes, the feed makes a one-day event that
// has a start time but no end time.
const openLength = 60

// openEnd returns the end the feed gives a one-day event that starts on d
// at hhmm and has no end time: openLength minutes later by the clock, on
// the next day past midnight. RFC 5545 makes a VEVENT whose DATE-TIME
// DTSTART has no DTEND or DURATION take up no time at all: calendar apps
// draw it as a sliver and free/busy ignores it, which misrepresents a
// press conference at 10:00. An hour is the length Google Calendar and
// Apple Calendar give a new event. The DESCRIPTION still names only the
// start time, and Parse, finding that date line, reads the event back
// without an end time. ok is false when hhmm is not HH:MM.
func openEnd(d jalali.Date, hhmm string) (end jalali.Date, endTime string, ok bool) {
	if !domain.ValidTime(hhmm) {
		return jalali.Date{}, "", false
	}
	m := int(hhmm[0]-'0')*600 + int(hhmm[1]-'0')*60 + int(hhmm[3]-'0')*10 + int(hhmm[4]-'0') + openLength
	end = d
	if m >= 24*60 {
		end, m = d.AddDays(1), m-24*60
	}
	h := m / 60
	m %= 60
	return end, string([]byte{byte('0' + h/10), byte('0' + h%10), ':', byte('0' + m/10), byte('0' + m%10)}), true
}

func checkEvent(e domain.Event) error {
	switch {
	case !e.Start.Valid() || !e.End.Valid() || e.End.Before(e.Start):
		return fmt.Errorf("ical: event %q: dates %s..%s are not a valid span", e.UID, e.Start, e.End)
	case e.StartTime != "" && !domain.ValidTime(e.StartTime):
		return fmt.Errorf("ical: event %q: start time %q is not HH:MM", e.UID, e.StartTime)
	case e.EndTime != "" && (e.StartTime == "" || !domain.ValidTime(e.EndTime)):
		return fmt.Errorf("ical: event %q: end time %q needs a start time and the form HH:MM", e.UID, e.EndTime)
	case e.UID == "":
		return fmt.Errorf("ical: event %d has no UID", e.ID)
	}
	return nil
}

// yearUID makes the UID of one year's VEVENT of a yearly item:
// abc@ruydad → abc-1403@ruydad.
func yearUID(uid string, year int) string { return yearMarkedUID(uid, "", year) }

// vevent writes one VEVENT of e covering start..end; rule, when set, is its
// RRULE (the RSCALE rule of a yearly event, a weekly series' rule, followed
// by its EXDATEs).
func (w *Writer) vevent(e domain.Event, uid string, start, end jalali.Date, rule string) {
	w.prop("BEGIN", "VEVENT")
	w.text("UID", uid)
	w.prop("DTSTAMP", w.stamp)
	if !e.CreatedAt.IsZero() {
		w.utc("CREATED", e.CreatedAt)
	}
	if !e.UpdatedAt.IsZero() {
		w.utc("LAST-MODIFIED", e.UpdatedAt)
	}
	w.int("SEQUENCE", e.Sequence)
	if !e.Of.IsZero() && uid == e.Of.SeriesUID {
		w.recurrenceID(e.Of)
	}
	switch {
	case e.StartTime == "":
		w.date("DTSTART", start)
		w.date("DTEND", nextDay(end))
	case e.EndTime != "":
		w.local("DTSTART", start, e.StartTime)
		w.local("DTEND", end, e.EndTime)
	case end != start:
		// No end time: the event lasts to the end of its last day.
		w.local("DTSTART", start, e.StartTime)
		w.local("DTEND", nextDay(end), "00:00")
	default:
		// No end time on one day: an hour (see openEnd).
		w.local("DTSTART", start, e.StartTime)
		endDay, endTime, _ := openEnd(start, e.StartTime)
		w.local("DTEND", endDay, endTime)
	}
	everyYear := strings.HasPrefix(rule, "RSCALE=")
	if rule != "" {
		w.prop("RRULE", rule)
		w.exdates(e)
	}
	w.text("SUMMARY", e.Title)
	w.event = e
	w.line = append(w.line[:0], "DESCRIPTION:"...)
	w.line = appendEventDescription(w.line, &w.event, start, end, w.sourceOf(e), everyYear, w.repeatLine(e))
	w.flushLine()
	if l := e.Kind.Label(); l != "" {
		w.text("CATEGORIES", l)
	}
	for _, p := range plainProps {
		if v := *p.value(&w.event); v != "" {
			w.text(p.prop, v)
		}
	}
	if s, ok := statusValues[e.Status]; ok {
		w.prop("STATUS", s)
	}
	if w.f.BaseURL != "" && e.ID != 0 {
		w.line = append(append(append(w.line[:0], "URL:"...), w.f.BaseURL...), "/events/"...)
		w.line = strconv.AppendInt(w.line, e.ID, 10)
		w.flushLine()
	}
	switch {
	case plainYearly(e):
		w.text(propSeries, e.UID)
		w.date(propYearly, e.Start)
	case e.Repeats():
		w.text(propSeries, e.UID)
		w.prop(propRepeat, repeatValue(e))
	case !e.Of.IsZero() && uid != e.Of.SeriesUID && e.Of.SeriesUID != "" && e.Of.Date.Valid():
		// It stands in for an occurrence of a series written as dated
		// VEVENTs (not under the series' UID with a RECURRENCE-ID).
		w.prop(propOf, ofValue(e.Of))
	}
	w.alarms(e)
	w.prop("END", "VEVENT")
}

// rscaleRule is the RFC 7529 rule of a yearly Jalali item on start's month
// and day. SKIP is left at its default, OMIT, which is what the domain does
// with 30 Esfand in a common year: no occurrence that year.
func rscaleRule(start jalali.Date) string {
	return "RSCALE=PERSIAN;FREQ=YEARLY;BYMONTH=" + strconv.Itoa(start.Month) +
		";BYMONTHDAY=" + strconv.Itoa(start.Day)
}

// Occasion writes o's occurrences that start within the window's years as
// all-day, free-time VEVENTs with UIDs made from its Key and the year, in
// its own calendar, of each occurrence: occasion-pr-day-1403@ruydad for a
// Jalali occasion, occasion-ashura-h1446@ruydad for a Hijri one,
// occasion-labour-day-g2025@ruydad for a Gregorian one. Lunar and rule-based
// occasions are always written as their real days, which only a table of
// Iran's month starts gives; with Feed.RScale a yearly Jalali day is written
// once, with an RSCALE rule (occasion-pr-day@ruydad).
func (w *Writer) Occasion(o domain.Occasion) error {
	if err := w.start(); err != nil {
		return err
	}
	if o.Key == "" {
		return fmt.Errorf("ical: occasion %q has no key", o.Name)
	}
	k := w.occasionKey(&o)
	if kept, ok := keptOccasions.get(k); ok {
		w.raw(kept)
		return w.err
	}
	w.capture = w.capture[:0]
	w.capturing = true
	w.writeOccasion(o)
	w.capturing = false
	if w.err == nil {
		keptOccasions.put(k, append([]byte(nil), w.capture...))
	}
	return w.err
}

// writeOccasion writes o's VEVENTs (see Occasion).
func (w *Writer) writeOccasion(o domain.Occasion) {
	uid := "occasion-" + o.Key + uidDomain
	from, _ := calendar.YearRange(w.f.FromYear)
	_, to := calendar.YearRange(w.f.ToYear)
	spans := w.cal.Starting(o.Recurrence, from, to)
	if w.f.RScale && rscalable(o.Recurrence) && len(spans) > 0 {
		w.occurrence(o, uid, spans[0], true)
		return
	}
	for _, s := range spans {
		if w.err != nil {
			break
		}
		w.occurrence(o, occurrenceUID(uid, o.Calendar, s.Year), s, false)
	}
}

// rscalable reports whether r is a yearly Jalali day, which an RFC 7529
// RSCALE=PERSIAN rule says exactly.
func rscalable(r domain.Recurrence) bool {
	return r.Calendar == domain.CalJalali && r.Rule == domain.RuleDate && r.Offset == 0 && r.FromYear == 0 && r.ToYear == 0
}

// occurrenceUID makes the UID of one occurrence: the Jalali year alone, as
// before lunar occasions existed, or the year marked h (Hijri) or g
// (Gregorian).
func occurrenceUID(uid string, cal domain.CalendarSystem, year int) string {
	switch cal {
	case domain.CalHijri:
		return yearMarkedUID(uid, "h", year)
	case domain.CalGregorian:
		return yearMarkedUID(uid, "g", year)
	}
	return yearUID(uid, year)
}

// yearMarkedUID puts "-" + mark + year before the UID's domain.
func yearMarkedUID(uid, mark string, year int) string {
	y := mark + strconv.Itoa(year)
	if i := strings.LastIndexByte(uid, '@'); i >= 0 {
		return uid[:i] + "-" + y + uid[i:]
	}
	return uid + "-" + y
}

func (w *Writer) occurrence(o domain.Occasion, uid string, s calendar.Span, rrule bool) {
	w.prop("BEGIN", "VEVENT")
	w.text("UID", uid)
	w.prop("DTSTAMP", w.stamp)
	modified, seq := o.UpdatedAt, o.Sequence
	if moved := w.cal.Revised(o.Recurrence, s.Year); !moved.IsZero() {
		// A Hijri month's correction moves the occurrence (a new DTSTART);
		// RFC 5545 §3.8.7.4 wants its SEQUENCE to grow.
		modified, seq = later(modified, moved), seq+revisionCount(moved)
	}
	if !modified.IsZero() {
		w.utc("LAST-MODIFIED", modified)
	}
	w.int("SEQUENCE", seq)
	w.date("DTSTART", s.Start)
	w.date("DTEND", nextDay(s.End))
	if rrule {
		w.prop("RRULE", rscaleRule(s.Start))
	}
	w.text("SUMMARY", o.Name)
	w.line = append(w.line[:0], "DESCRIPTION:"...)
	w.line = appendOccasionDescription(w.line, &o, s.Start, s.End, w.hijriLine(o, s), rrule)
	w.flushLine()
	w.text("CATEGORIES", domain.KindOccasion.Label())
	w.prop("TRANSP", "TRANSPARENT")
	w.text(propOccasion, o.Key)
	if lead, ok := w.f.OccasionLeads[o.Key]; ok {
		w.alarm(o.Name, domain.Reminder(lead)*domain.ReminderDay)
	}
	w.prop("END", "VEVENT")
}

// revisionEpoch is where revisionCount starts counting: before the first
// correction any ruydad database holds.
var revisionEpoch = time.Date(2020, time.January, 1, 0, 0, 0, 0, time.UTC)

// revisionCount turns the time the Hijri months behind an occurrence last
// changed into a part of its SEQUENCE: seconds since revisionEpoch (at
// least 1), so that every later correction, or its removal, makes it grow,
// and edits of the occasion itself (its Sequence, added to it) do too. It
// stays below 2^31, RFC 5545's largest INTEGER, until 2088.
func revisionCount(t time.Time) int {
	return max(1, int(t.Sub(revisionEpoch)/time.Second))
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// hijriLine names the lunar days of an occurrence of a Hijri occasion
// («تاریخ قمری: ۱۰ محرم ۱۴۴۶»), "" for the others.
func (w *Writer) hijriLine(o domain.Occasion, s calendar.Span) string {
	if o.Calendar != domain.CalHijri {
		return ""
	}
	h := w.cal.Hijri()
	start, src := h.FromJalali(s.Start)
	line := prefixHijri + start.Format()
	if s.End != s.Start {
		end, _ := h.FromJalali(s.End)
		line += " تا " + end.Format()
	}
	if src.Provisional() {
		line += " " + provisionalMark
	}
	return line
}
