package ical

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	goical "github.com/emersion/go-ical"
	"github.com/teambition/rrule-go"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/jalali"
)

// MaxOccurrences is the most instances a recurring VEVENT with an end
// (COUNT, UNTIL) is expanded whole for; a longer one is expanded over the
// window only, as one without an end is.
const MaxOccurrences = 1000

// occurrence is one instance of a recurring VEVENT.
type occurrence struct {
	key   string // its RECURRENCE-ID, normalized: 20240516, or 20240516T063000Z
	start time.Time
}

// instanceKey is the normalized RECURRENCE-ID of the instance starting at
// t: the date of an all-day instance, the UTC time of a timed one.
func instanceKey(t time.Time, allDay bool) string {
	if allDay {
		return t.Format("20060102")
	}
	return t.UTC().Format(utcFormat)
}

// instanceUID is the UID of the event made from one instance of the
// series uid: abc@google.com → abc-20240516T063000Z@google.com. It depends
// only on the series and the instance's original start, so importing the
// same file again finds the events it stored before.
// InstanceUIDBounds returns what the UID of every event made from one
// instance of the series uid begins and ends with (instanceUID's key
// between them): abc@google.com → "abc-", "@google.com".
func InstanceUIDBounds(uid string) (prefix, suffix string) {
	if i := strings.LastIndexByte(uid, '@'); i >= 0 {
		return uid[:i] + "-", uid[i:]
	}
	return uid + "-", ""
}

// IsInstanceUID reports whether uid is the UID an import gave one
// instance of the series series (instanceUID), the instance's original
// start (a date, or a UTC time) between the bounds.
func IsInstanceUID(series, uid string) bool {
	if series == "" {
		return false
	}
	prefix, suffix := InstanceUIDBounds(series)
	if !strings.HasPrefix(uid, prefix) || !strings.HasSuffix(uid, suffix) || len(uid) < len(prefix)+len(suffix) {
		return false
	}
	key := uid[len(prefix) : len(uid)-len(suffix)]
	if _, err := time.Parse("20060102", key); err == nil {
		return true
	}
	_, err := time.Parse(utcFormat, key)
	return err == nil
}

func instanceUID(uid, key string) string {
	if uid == "" {
		return ""
	}
	if i := strings.LastIndexByte(uid, '@'); i >= 0 {
		return uid[:i] + "-" + key + uid[i:]
	}
	return uid + "-" + key
}

// recurs reports whether c is a recurring VEVENT that expandSeries
// expands: it has an RRULE (other than the Jalali yearly one parseYearly
// takes) or RDATEs.
func recurs(c *goical.Component) bool {
	return c.Props.Get(goical.PropRecurrenceRule) != nil || c.Props.Get(goical.PropRecurrenceDates) != nil
}

// yearOf is the Jalali year in which the instance starting at t falls.
func yearOf(t time.Time, allDay bool) int {
	if allDay {
		return jalali.FromGregorian(t.Date()).Year
	}
	return jalali.FromTime(t.In(jalali.Tehran)).Year
}

// expandSeries returns the instances of a recurring VEVENT in time order
// (RFC 5545 3.8.5): DTSTART, which always counts as the first, the RRULE's
// occurrences and the RDATEs, less the EXDATEs. A series that ends (COUNT,
// UNTIL, or RDATEs without an RRULE) in MaxOccurrences instances is
// expanded whole; one without an end, or longer, only over the Jalali
// years from..to, and bounded is then false. More than MaxEvents instances
// in the window, or none there when bounded is false, is an error.
func expandSeries(c *goical.Component, sp span, from, to int, deadline time.Time) (occ []occurrence, bounded bool, err error) {
	exdates, err := dateList(c, goical.PropExceptionDates, sp.allDay)
	if err != nil {
		return nil, false, err
	}
	excluded := map[string]bool{}
	for _, t := range exdates {
		excluded[instanceKey(t, sp.allDay)] = true
	}
	// EXDATE;VALUE=DATE on a timed series takes out the instances of
	// those dates, in the series' zone.
	excludedDays := map[string]bool{}
	if !sp.allDay {
		for _, p := range c.Props.Values(goical.PropExceptionDates) {
			if isDate(&p) {
				for _, v := range strings.Split(p.Value, ",") {
					excludedDays[strings.TrimSpace(v)] = true
				}
			}
		}
	}
	set := map[string]time.Time{}
	add := func(t time.Time) {
		if k := instanceKey(t, sp.allDay); !excluded[k] && !excludedDays[t.In(sp.start.Location()).Format("20060102")] {
			set[k] = t
		}
	}
	inWindow := func(t time.Time) bool { y := yearOf(t, sp.allDay); return y >= from && y <= to }
	bounded = true
	rules := c.Props.Values(goical.PropRecurrenceRule)
	if len(rules) > 1 {
		return nil, false, badf(goical.PropRecurrenceRule, "بیش از یک قاعده تکرار (RRULE) دارد.", "more than one RRULE")
	}
	if len(rules) == 1 {
		rule, ends, err := parseRule(&rules[0], sp, to)
		if err != nil {
			return nil, false, err
		}
		bounded = ends
		next := rule.Iterator()
		for t, ok := next(); ok && len(set) <= MaxEvents; t, ok = next() {
			if bounded && len(set) >= MaxOccurrences {
				// Too long to import whole (a daily series until 2028):
				// over the window only, as a series without an end.
				bounded = false
				for k, u := range set {
					if !inWindow(u) {
						delete(set, k)
					}
				}
			}
			if !bounded && yearOf(t, sp.allDay) > to {
				break
			}
			if bounded || inWindow(t) {
				add(t)
			}
			if time.Now().After(deadline) {
				return nil, false, errTooCostly
			}
		}
		if time.Now().After(deadline) {
			return nil, false, errTooCostly
		}
	}
	if bounded || inWindow(sp.start) {
		add(sp.start)
	}
	rdates, err := dateList(c, goical.PropRecurrenceDates, sp.allDay)
	if err != nil {
		return nil, false, err
	}
	for _, t := range rdates {
		// Over the window only, as the rule's, for a series expanded so
		// (Google's birthdays repeat DTSTART as an RDATE).
		if bounded || inWindow(t) {
			add(t)
		}
	}
	if err := checkCount(len(set), bounded, from, to); err != nil {
		return nil, false, err
	}
	for k, t := range set {
		occ = append(occ, occurrence{key: k, start: t})
	}
	slices.SortFunc(occ, func(a, b occurrence) int { return a.start.Compare(b.start) })
	return occ, bounded, nil
}

// checkCount refuses a series of n instances in the window that is more
// than a file may import (MaxEvents), or expanded over the window
// (!bounded) and empty there.
func checkCount(n int, bounded bool, from, to int) error {
	years := fmt.Sprintf("%d..%d", from, to)
	yearsFa := jalali.FaNum(from) + " تا " + jalali.FaNum(to)
	max := jalali.FaNum(MaxEvents)
	switch {
	case n > MaxEvents:
		return refusal(goical.PropRecurrenceRule,
			"در سال‌های "+yearsFa+" بیش از "+max+" بار تکرار می‌شود؛ از یک فایل حداکثر "+max+" رویداد وارد می‌شود. بازه سال‌ها را کوتاه‌تر کنید.",
			"the series has more than %d instances in %s; at most %d events are imported from a file (give a shorter window)", MaxEvents, years, MaxEvents)
	case n == 0 && !bounded:
		return refusal(goical.PropRecurrenceRule,
			"پایانی ندارد یا بیش از "+jalali.FaNum(MaxOccurrences)+" بار تکرار می‌شود و در سال‌های "+yearsFa+" هیچ تکراری ندارد؛ بازه سال‌ها را تغییر دهید.",
			"the series has no end (or more than %d instances) and no instance in %s (give another window)", MaxOccurrences, years)
	}
	return nil
}

// expandBudget is how long one file's recurrence rules may take to expand.
// A rule that rarely or never matches (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30)
// makes rrule-go walk up to 290 years a day at a time, about 0.1 s; a
// 5 MB file of them must not hold the server for hours.
var expandBudget = 2 * time.Second

// errTooCostly is the problem of a series whose expansion ran out of
// expandBudget.
var errTooCostly = refusal(goical.PropRecurrenceRule,
	"قاعده‌های تکرار این فایل بیش از اندازه پیچیده است و باز کردن آن‌ها بیش از حد طول می‌کشد.",
	"the file's recurrence rules take too long to expand (rules that rarely or never match?)")

// parseRule reads an RRULE for DTSTART sp.start with rrule-go and reports
// whether the series ends (COUNT or UNTIL); a rule without an end is given
// one after the Jalali year to, past which nothing of it is imported.
// RSCALE=GREGORIAN and SKIP=OMIT (RFC 7529) say nothing more than a plain
// rule and are dropped; other calendar scales are refused. A DATE UNTIL on
// a timed series (which RFC 5545 forbids but some producers write) means
// the end of that day. Rules that repeat within a day (HOURLY and finer)
// are refused: ruydad's events are days with at most one start time.
func parseRule(p *goical.Prop, sp span, to int) (r *rrule.RRule, ends bool, err error) {
	value := strings.ToUpper(strings.TrimSpace(p.Value))
	var parts []string
	for _, part := range strings.Split(value, ";") {
		k, v, _ := strings.Cut(part, "=")
		switch {
		case k == "RSCALE" && v == "GREGORIAN", k == "SKIP" && v == "OMIT":
			continue
		case k == "RSCALE" || k == "SKIP":
			return nil, false, refusal(goical.PropRecurrenceRule,
				"قاعده تکرار با «"+isolate(part)+"» پشتیبانی نمی‌شود؛ تنها تقویم میلادی (GREGORIAN) و تکرار سالانه جلالی (RSCALE=PERSIAN) پذیرفته است.",
				"%q: %s is not supported", p.Value, part)
		case k == "UNTIL" && !sp.allDay && len(v) == len("20060102"):
			part += "T235959"
		}
		parts = append(parts, part)
	}
	opt, err := rrule.StrToROptionInLocation(strings.Join(parts, ";"), sp.start.Location())
	if err != nil {
		return nil, false, unreadable(goical.PropRecurrenceRule, "قاعده تکرار", fmt.Errorf("%q: %w", p.Value, err))
	}
	if opt.Freq >= rrule.HOURLY {
		return nil, false, refusal(goical.PropRecurrenceRule,
			"در طول روز تکرار می‌شود ("+opt.Freq.String()+")؛ رویدادهای تقویم روزانه‌اند و چنین تکراری را نمی‌توان وارد کرد.",
			"%q: FREQ=%s repeats within a day; only DAILY and longer are supported", p.Value, opt.Freq)
	}
	opt.Dtstart = sp.start
	ends = opt.Count > 0 || !opt.Until.IsZero()
	if !ends {
		// The end of the Jalali year to: a second before the day after its
		// last (UNTIL counts an instance at that very time, and the day
		// after may be past the calendar's last year).
		_, last := calendar.YearRange(min(to, jalali.MaxYear))
		y, m, d := last.Gregorian()
		opt.Until = time.Date(y, m, d+1, 0, 0, 0, 0, sp.start.Location()).Add(-time.Second)
	}
	if r, err = rrule.NewRRule(*opt); err != nil {
		return nil, false, unreadable(goical.PropRecurrenceRule, "قاعده تکرار", fmt.Errorf("%q: %w", p.Value, err))
	}
	return r, ends, nil
}

// dateList reads every value of every name property (RDATE, EXDATE): DATE
// or DATE-TIME values, comma-separated or one a property, as instant does.
// PERIOD values are refused.
func dateList(c *goical.Component, name string, allDay bool) ([]time.Time, error) {
	var out []time.Time
	for _, p := range c.Props.Values(name) {
		if p.Params.Get(goical.ParamValue) == string(goical.ValuePeriod) {
			return nil, refusal(name, "تاریخ‌های تکرار از نوع بازه ("+name+";VALUE=PERIOD) پشتیبانی نمی‌شود.", "PERIOD values are not supported")
		}
		for _, v := range strings.Split(p.Value, ",") {
			q := p
			q.Value = strings.TrimSpace(v)
			if allDay && utcDate(q.Value) {
				// A date with a UTC mark (Google's birthdays write
				// RDATE:20131210Z beside DTSTART;VALUE=DATE): that date.
				q.Value = q.Value[:len("20060102")]
			}
			t, err := instant(&q, allDay)
			if err != nil {
				return nil, withProp(name, "تاریخ", err)
			}
			out = append(out, t)
		}
	}
	return out, nil
}

// utcDate reports whether v is a date with a UTC mark and no time:
// 20131210Z.
func utcDate(v string) bool {
	if len(v) != len("20060102Z") || v[8] != 'Z' {
		return false
	}
	_, err := time.Parse("20060102", v[:8])
	return err == nil
}

// recurrenceID reads an overriding VEVENT's RECURRENCE-ID as an instance
// key of a series, all-day or not. RANGE=THISANDFUTURE, which would change every later instance too, is
// refused.
func recurrenceID(p *goical.Prop) (string, error) { return instanceOf(p, false) }

// instanceOf is recurrenceID for an instance of a series that is all-day
// (seriesAllDay) or not.
func instanceOf(p *goical.Prop, seriesAllDay bool) (string, error) {
	if strings.EqualFold(p.Params.Get(goical.ParamRange), "THISANDFUTURE") {
		return "", refusal(goical.PropRecurrenceID,
			"تغییر «این نمونه و نمونه‌های بعدی» (RANGE=THISANDFUTURE) پشتیبانی نمی‌شود.", "RANGE=THISANDFUTURE is not supported")
	}
	// A date-time naming an instance of an all-day series (Exchange's
	// RECURRENCE-ID;TZID=Iran Standard Time:20250527T000000) names its
	// date.
	allDay := isDate(p) || seriesAllDay
	t, err := instant(p, allDay)
	if err != nil {
		return "", withProp(goical.PropRecurrenceID, "تاریخ نمونه", err)
	}
	return instanceKey(t, allDay), nil
}

var errNoRule = errors.New("an instance (RECURRENCE-ID) may not recur itself")
