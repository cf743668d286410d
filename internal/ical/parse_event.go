package ical

import (
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/persian"
)

// parseEvent turns one VEVENT into an event (for a recurring VEVENT, its
// first occurrence) and the span that places its other occurrences.
func parseEvent(c *goical.Component) (e domain.Event, sp span, err error) {
	if e.UID, err = text(c, goical.PropUID); err != nil {
		return e, sp, err
	}
	if sp, err = readSpan(c); err != nil {
		return e, sp, err
	}
	if err := sp.place(sp.start, &e); err != nil {
		return e, sp, err
	}
	everyYear, err := parseYearly(c, &e)
	if err != nil {
		return e, sp, err
	}
	if e.Title, err = text(c, goical.PropSummary); err != nil {
		return e, sp, err
	}
	for _, p := range plainProps {
		if *p.value(&e), err = text(c, p.prop); err != nil {
			return e, sp, err
		}
	}
	e.Reminders, _ = readAlarms(c)
	desc, err := text(c, goical.PropDescription)
	if err != nil {
		return e, sp, err
	}
	h := splitDescription(desc, dateLine(e.Start, e.End, e.StartTime, e.EndTime, everyYear))
	if end, endTime, ok := openEnd(e.Start, e.StartTime); !h.ours && ok && e.End == end && e.EndTime == endTime {
		// Perhaps an event of ours without an end time, which the writer
		// gives an hour; its date line then names no end.
		if open := splitDescription(desc, dateLine(e.Start, e.Start, e.StartTime, "", everyYear)); open.ours {
			h, e.End, e.EndTime = open, e.Start, ""
		}
	}
	if !h.ours && !sp.written[0].IsZero() {
		// Perhaps an event of ours at a time that never happened, moved by
		// readSpan: its date line names the time as written.
		w := writtenSpan(sp.written)
		if ws := splitDescription(desc, dateLine(w.Start, w.End, w.StartTime, w.EndTime, everyYear)); ws.ours {
			h = ws
		}
	}
	e.Description, e.Province, e.Organization = h.body, h.province, h.organization
	if !ours(c) {
		// Exchange ends a body with a new line, and writes DESCRIPTION:\n
		// for an empty one.
		e.Description = strings.TrimRight(e.Description, " \t\r\n")
	}
	if e.Kind, err = parseKind(c); err != nil {
		return e, sp, err
	}
	if err := parseMeta(c, &e); err != nil {
		return e, sp, err
	}
	if of := c.Props.Get(propOf); of != nil {
		if e.Of, err = parseOf(of.Value); err != nil {
			return e, sp, err
		}
	}
	if rp := c.Props.Get(propRepeat); rp != nil {
		// One of our own series: the span so far is this VEVENT's
		// occurrence, the series starts on its first day.
		days := e.Days()
		var first jalali.Date
		if e.Repeat, first, err = parseRepeat(rp.Value); err != nil {
			return e, sp, err
		}
		e.Start, e.End = first, first.AddDays(days-1)
	}
	if e.Repeats() {
		// The span so far is this VEVENT's occurrence; the event itself
		// starts on its first year.
		if first := c.Props.Get(propYearly); first != nil {
			days := e.Days()
			if e.Start, err = date(first); err != nil {
				return e, sp, unreadable(propYearly, "تاریخ نخستین سال رویداد سالانه", err)
			}
			e.End = e.Start.AddDays(days - 1)
		}
		if series, _ := text(c, propSeries); series != "" {
			e.UID = series
		}
	}
	return e, sp, nil
}

// writtenSpan is the event's dates and times as the file wrote them
// (DTSTART's and DTEND's clock readings; DTEND's zero when it has none),
// as span.place would place them were they real.
func writtenSpan(w [2]time.Time) domain.Event {
	e := domain.Event{Start: jalali.FromGregorian(w[0].Date()), StartTime: w[0].Format("15:04")}
	e.End = e.Start
	switch {
	case w[1].IsZero() || !w[1].After(w[0]):
	case midnight(w[1]):
		if d := jalali.FromGregorian(w[1].Date()).AddDays(-1); d.After(e.Start) {
			e.End = d
		}
	default:
		e.End, e.EndTime = jalali.FromGregorian(w[1].Date()), w[1].Format("15:04")
	}
	return e
}

// textNames are the Persian names of the TEXT properties Parse reads.
var textNames = map[string]string{
	goical.PropUID:         "شناسه",
	goical.PropSummary:     "عنوان",
	goical.PropLocation:    "مکان",
	goical.PropDescription: "توضیحات",
	propSeries:             "شناسه رویداد سالانه",
}

// text returns a TEXT property's value, "" when it is absent. Unescaped
// commas, which some producers leave in single-valued TEXT, are kept.
func text(c *goical.Component, name string) (string, error) {
	p := c.Props.Get(name)
	if p == nil {
		return "", nil
	}
	what := textNames[name]
	l, err := p.TextList()
	if err != nil {
		return "", bad(name, err, what+" ("+name+") نویسه‌های گریز (\\) نادرست دارد.")
	}
	s := strings.Join(l, ",")
	if !utf8.ValidString(s) {
		return "", bad(name, errors.New("not UTF-8"), what+" ("+name+") با UTF-8 نوشته نشده است؛ فایل را با کدگذاری UTF-8 ذخیره کنید.")
	}
	// NUL and the bidi overrides are stored nowhere, from a form or a file.
	return persian.StripControls(s), nil
}

// parseYearly marks our own yearly Jalali events: per-year VEVENTs carry
// X-RUYDAD-YEARLY, the RSCALE form an RRULE:RSCALE=PERSIAN;FREQ=YEARLY
// (everyYear), which is read from any producer as long as it says "every
// Jalali year on DTSTART's month and day" (see persianYearly) with no
// RDATE or EXDATE. Other RRULEs, RSCALE=PERSIAN ones among them, are left
// to keep and expandSeries.
func parseYearly(c *goical.Component, e *domain.Event) (everyYear bool, err error) {
	if c.Props.Get(propYearly) != nil {
		e.Repeat = domain.Repeat{Kind: domain.RepeatYearly}
	}
	p := c.Props.Get(goical.PropRecurrenceRule)
	if p == nil || !strings.Contains(strings.ToUpper(p.Value), "RSCALE=PERSIAN") || persianYearly(p.Value, e.Start) != nil ||
		c.Props.Get(goical.PropRecurrenceDates) != nil || c.Props.Get(goical.PropExceptionDates) != nil {
		return false, nil
	}
	e.Repeat = domain.Repeat{Kind: domain.RepeatYearly}
	return true, nil
}

// persianYearly checks that an RSCALE=PERSIAN rule is what a yearly event
// is: FREQ=YEARLY, with no end, every year (INTERVAL=1), on start's month
// and day (BYMONTH, BYMONTHDAY), skipping the years without that day
// (SKIP=OMIT).
func persianYearly(rule string, start jalali.Date) error {
	want := map[string]string{
		"RSCALE": "PERSIAN", "FREQ": "YEARLY", "INTERVAL": "1", "SKIP": "OMIT",
		"BYMONTH": strconv.Itoa(start.Month), "BYMONTHDAY": strconv.Itoa(start.Day),
	}
	for _, part := range strings.Split(strings.ToUpper(rule), ";") {
		k, v, _ := strings.Cut(part, "=")
		if w, ok := want[k]; (!ok && k != "WKST") || (ok && v != w) {
			return refusal(goical.PropRecurrenceRule,
				"از قاعده‌های تکرار جلالی (RSCALE=PERSIAN) تنها «هر سال در همان روز و ماه تاریخ آغاز» پذیرفته است.",
				"%q: with RSCALE=PERSIAN only FREQ=YEARLY on DTSTART's Jalali month and day (%s), with no end, is supported", rule, monthDay(start))
		}
	}
	return nil
}

var kindsByName = func() map[string]domain.Kind {
	m := map[string]domain.Kind{}
	for _, k := range domain.Kinds {
		m[k.Label()] = k
		m[string(k)] = k
	}
	return m
}()

// parseKind returns the Kind named by the first CATEGORIES value that is a
// Kind's label or code, else KindOther.
func parseKind(c *goical.Component) (domain.Kind, error) {
	for _, p := range c.Props.Values(goical.PropCategories) {
		l, err := p.TextList()
		if err != nil {
			return "", unreadable(goical.PropCategories, "دسته‌ها", err)
		}
		for _, v := range l {
			if k, ok := kindsByName[strings.TrimSpace(v)]; ok {
				return k, nil
			}
		}
	}
	return domain.KindOther, nil
}

// ours reports whether c is an event a ruydad feed wrote (its UID ends in
// @ruydad): its STATUS is the event's status, read back as it was.
func ours(c *goical.Component) bool {
	uid, _ := text(c, goical.PropUID)
	return strings.HasSuffix(uid, uidDomain)
}

// cancelled reports whether c, not one of ours, says it is cancelled
// (STATUS:CANCELLED).
func cancelled(c *goical.Component) bool {
	if ours(c) {
		return false
	}
	p := c.Props.Get(goical.PropStatus)
	return p != nil && strings.EqualFold(p.Value, statusValues[domain.StatusRejected])
}

// TentativeNote is the review note of an event imported from a VEVENT
// with STATUS:TENTATIVE: the event is confirmed (on the calendar, in the
// feeds) and its page shows the note.
const TentativeNote = "موقت: این رویداد در فایل iCal با وضعیت «موقت» (STATUS:TENTATIVE) آمده بود."

// parseMeta sets Status, Sequence, CreatedAt and UpdatedAt. An event is
// confirmed whatever STATUS says: TENTATIVE is confirmed with the
// TentativeNote as its review note, CANCELLED never becomes an event (see
// cancelled), and our own events (see ours) keep their status.
func parseMeta(c *goical.Component, e *domain.Event) error {
	e.Status = domain.StatusConfirmed
	if p := c.Props.Get(goical.PropStatus); p != nil {
		for st, v := range statusValues {
			switch {
			case !strings.EqualFold(p.Value, v):
			case ours(c):
				e.Status = st
			case st == domain.StatusProposed:
				e.ReviewNote = TentativeNote
			}
		}
	}
	if p := c.Props.Get(goical.PropSequence); p != nil {
		n, err := p.Int()
		if err != nil || n < 0 {
			return badf(goical.PropSequence, "شماره ویرایش (SEQUENCE) «"+isolate(clip(p.Value))+"» عدد نیست.", "%q is not a count", p.Value)
		}
		e.Sequence = n
	}
	for name, dst := range map[string]*time.Time{goical.PropCreated: &e.CreatedAt, goical.PropLastModified: &e.UpdatedAt} {
		if p := c.Props.Get(name); p != nil {
			t, err := p.DateTime(time.UTC)
			if err != nil {
				return unreadable(name, "زمان", err)
			}
			*dst = t.UTC()
		}
	}
	return nil
}
