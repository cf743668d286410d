package ical

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// keptRuleParts are the RRULE parts a series kept whole (see keep) may
// have; any other (BYMONTH, BYSETPOS, BYMONTHDAY…) says more than a weekly
// series of ours does.
var keptRuleParts = map[string]bool{"FREQ": true, "INTERVAL": true, "BYDAY": true, "WKST": true, "COUNT": true, "UNTIL": true,
	"RSCALE": true, "SKIP": true}

// standIn is an overriding VEVENT (RECURRENCE-ID) of a series kept whole,
// with the Tehran day of the instance it stands in for and its key.
type standIn struct {
	v   vevent
	day jalali.Date
	key string
}

// keep imports a recurring VEVENT as one series of ours when its rule is
// one domain.Repeat says: a weekly rule (FREQ=WEEKLY on some weekdays
// every N weeks, FREQ=DAILY every day or every 7×N days), or a Jalali one
// (RSCALE=PERSIAN, RFC 7529: see keepPersian), with COUNT, UNTIL or no
// end; a Gregorian month or year falls on different Jalali days and stays
// expanded. A weekly rule must say exactly what the series does: every
// instance (the rule's, DTSTART and the RDATEs) at the same Tehran time,
// on the days the series has over the whole of a series with an end, or
// up to the window's last year (or the year after its first) for one
// without (so that daylight saving time in the VEVENT's zone, or weeks
// counted from another WKST than Saturday with an INTERVAL, keep it
// expanded). The EXDATEs become the series' skipped days, its cancelled
// instances too (counted in CancelledInstances), and each other
// overriding VEVENT an event of its own standing in for its instance
// (domain.Override), the day moved (Repeat.Moved), as when a user changes
// one occurrence; the UID stays the series', so that a later revision of
// the file updates it in place. It returns nil when it kept the series
// (or refused a Jalali one it cannot say, which cannot be expanded
// either), else why not (a problem for Parsed.Expanded), and the VEVENT
// is for expand.
func (p *parser) keep(v vevent, master domain.Event, sp span) *problem {
	c := v.c
	rules := c.Props.Values(goical.PropRecurrenceRule)
	switch {
	case len(rules) == 0:
		return notKept(reason{"its dates are listed one by one (RDATE) without a rule",
			"تاریخ‌هایش یکی‌یکی (RDATE) و بی قاعدهٔ تکرار آمده است"})
	case len(rules) > 1:
		return notKept(reason{"it has more than one RRULE", "بیش از یک قاعدهٔ تکرار دارد"})
	}
	if strings.Contains(strings.ToUpper(rules[0].Value), "RSCALE=PERSIAN") {
		if why := p.keepPersian(v, master, sp, rules[0].Value); why != nil {
			p.fail(v, refusal(goical.PropRecurrenceRule,
				"قاعدهٔ تکرار جلالی آن (RSCALE=PERSIAN) را یک رویداد تکرارشونده در این تقویم نمی‌تواند گفت، چون "+why.fa+"؛ وارد نشد.",
				"%q: a series of ours cannot say this Jalali rule: %s", rules[0].Value, why.en))
		}
		return nil
	}
	rep, why := weeklyOf(rules[0].Value)
	if why != nil {
		return notKept(*why)
	}
	// An endless series is checked up to the window's end, or the year
	// after its first when it starts later.
	to := min(max(p.to, master.Start.Year+1), jalali.MaxYear)
	rule, ends, err := parseRule(&rules[0], sp, to)
	if err != nil {
		return notKept(reason{"its rule cannot be read", "قاعدهٔ تکرارش خوانا نیست"})
	}
	// Every instance, by key, as expand would make it.
	at := map[string]time.Time{}
	var order []string
	add := func(t time.Time) {
		k := instanceKey(t, sp.allDay)
		if _, ok := at[k]; !ok {
			order = append(order, k)
		}
		at[k] = t
	}
	next := rule.Iterator()
	for t, ok := next(); ok; t, ok = next() {
		if len(at) > MaxEvents || time.Now().After(p.deadline) {
			return notKept(reason{"it has too many instances to check", "تکرارهایش برای سنجیدن بیش از اندازه است"})
		}
		add(t)
	}
	add(sp.start)
	rdates, err := dateList(c, goical.PropRecurrenceDates, sp.allDay)
	if err != nil {
		return notKept(reason{"its RDATEs cannot be read", "تاریخ‌های RDATE آن خوانا نیست"})
	}
	for _, t := range rdates {
		add(t)
	}
	// Each instance's day in Tehran, at the series' time.
	dayOf := map[string]jalali.Date{}
	days := map[jalali.Date]bool{}
	last := master.Start
	for _, k := range order {
		var e domain.Event
		if err := sp.place(at[k], &e); err != nil {
			return notKept(reason{"an instance is outside the calendar's years", "یکی از تکرارهایش بیرون از سال‌هایی است که تقویم می‌شناسد"})
		}
		if e.StartTime != master.StartTime {
			return notKept(reason{fmt.Sprintf("its instances start at different times in Tehran (%s, %s: daylight saving time in its zone)", master.StartTime, e.StartTime),
				"تکرارهایش در ساعت تهران هم‌زمان نیستند (ساعت تابستانی منطقهٔ زمانی آن)"})
		}
		if days[e.Start] {
			return notKept(reason{"two of its instances fall on one day in Tehran", "دو تکرار آن در یک روز به وقت تهران می‌افتد"})
		}
		dayOf[k], days[e.Start] = e.Start, true
		rep.Days |= domain.WeekdaysOf(e.Start.Weekday())
		if e.Start.After(last) {
			last = e.Start
		}
	}
	through := last
	switch {
	case !ends:
		_, through = calendar.YearRange(to)
	case rep.Count > domain.MaxRepeatCount || rep.Count > 0 && len(rdates) > 0:
		rep.Count, rep.Until = 0, last
	case rep.Count == 0:
		rep.Until = last
	}
	series := master
	series.Repeat = rep
	series.Repeat.Normalize()
	// The series has the rule's days, no more and no fewer.
	spans := calendar.Official().EventStarting(series, series.Start, through)
	same := len(spans) == len(days)
	for _, s := range spans {
		same = same && days[s.Start]
	}
	if !same {
		return notKept(reason{"its instances do not fall as a weekly series of ours counts its weeks (from Saturday)",
			"تکرارهایش بر روزهایی که یک رویداد هفتگی (با هفته‌های از شنبه) دارد نمی‌افتد"})
	}
	skipped, err := p.excluded(c, sp, at, dayOf)
	if err != nil {
		return notKept(reason{"its EXDATEs cannot be read", "تاریخ‌های EXDATE آن خوانا نیست"})
	}
	if why := p.settle(v, master, series, sp, func(key string) (jalali.Date, bool) { d, ok := dayOf[key]; return d, ok }, skipped); why != nil {
		return notKept(*why)
	}
	return nil
}

// reason is why a series is not kept whole, in English and in Persian (a
// clause).
type reason struct{ en, fa string }

// settle adds series, read from v (master its first occurrence) and kept
// whole, its skipped days those of skipped, and the events standing in
// for its instances: each overriding VEVENT of the instance day (the
// instance's day by its RECURRENCE-ID key; false for no instance) names
// becomes an event naming that occurrence, a cancelled one a skipped day.
// It says why the series cannot be kept (nothing added) when the skipped
// and moved days are too many or the series breaks a rule of ours the
// VEVENT's single event does not.
func (p *parser) settle(v vevent, master, series domain.Event, sp span, day func(key string) (jalali.Date, bool), skipped map[jalali.Date]bool) *reason {
	var moved []standIn
	cancelledDays := 0
	if master.UID != "" {
		for _, o := range p.overrides[master.UID] {
			key, err := instanceOf(o.c.Props.Get(goical.PropRecurrenceID), sp.allDay)
			if err != nil {
				p.fail(o, err)
				continue
			}
			d, ok := day(key)
			if !ok || skipped[d] {
				// An override of no instance of the series has nothing to
				// override.
				continue
			}
			if cancelled(o.c) {
				skipped[d] = true
				cancelledDays++
				continue
			}
			moved = append(moved, standIn{o, d, key})
		}
	}
	var skip []jalali.Date
	for d := range skipped {
		skip = append(skip, d)
	}
	series.Repeat.Skipped = domain.DatesOf(skip...)
	if len(skip)+len(moved) > domain.MaxSkipped {
		return &reason{fmt.Sprintf("more than %d of its instances are taken out or moved", domain.MaxSkipped),
			"بیش از " + jalali.FaNum(domain.MaxSkipped) + " تکرار آن حذف یا جابه‌جا شده است"}
	}
	// The overriding VEVENTs at fault are left out: their instances stay
	// in the series as it has them.
	var standIns []domain.Event
	var from []vevent
	var movedDays []jalali.Date
	for _, m := range moved {
		if m.v.c.Props.Get(goical.PropRecurrenceRule) != nil {
			p.fail(m.v, bad(goical.PropRecurrenceRule, errNoRule, "نمونه‌ای از یک رویداد تکرارشونده (RECURRENCE-ID) خود نمی‌تواند قاعده تکرار داشته باشد."))
			continue
		}
		e, _, err := parseEvent(m.v.c)
		if err == nil {
			err = validate(e)
		}
		if err != nil {
			p.fail(m.v, err)
			continue
		}
		p.noteAlarms(m.v)
		p.note(m.v, adjust(m.v.c, &e))
		e.UID, e.Repeat = instanceUID(master.UID, m.key), domain.Repeat{}
		e.Of = domain.Override{SeriesUID: master.UID, Date: m.day, Time: master.StartTime, Kind: series.Repeat.Kind}
		standIns = append(standIns, e)
		from = append(from, m.v)
		movedDays = append(movedDays, m.day)
	}
	series.Repeat.Moved = domain.DatesOf(movedDays...)
	if err := validate(series); err != nil && validate(master) == nil {
		return &reason{fmt.Sprintf("as a series of ours it would break a rule: %v", err), "به شکل یک رویداد تکرارشونده قاعده‌ای را می‌شکند"}
	}
	n := len(p.out.Events)
	p.add(v, series)
	if len(p.out.Events) == n {
		// A copy of a series read before, or at fault: its overrides are
		// the first one's, or go with it.
		return nil
	}
	p.out.Kept++
	p.out.CancelledInstances += cancelledDays
	for i, e := range standIns {
		p.add(from[i], e)
	}
	return nil
}

// keepPersian keeps a VEVENT whose rule is Jalali (RSCALE=PERSIAN, RFC
// 7529) as a monthly or yearly series of ours: FREQ=MONTHLY on DTSTART's
// day of the month (BYMONTHDAY; a 30th or 31st only with SKIP=BACKWARD,
// the last day of a shorter month, as ours does) or its nth weekday
// (BYDAY=2MO, -1MO for the last), FREQ=YEARLY on DTSTART's month and day
// (30 Esfand only with SKIP=OMIT, in leap years alone, as ours does);
// every N months or years, with COUNT, UNTIL or no end, its EXDATEs
// skipped and its overriding VEVENTs standing in for their occurrences
// (see settle). Otherwise it says why not.
func (p *parser) keepPersian(v vevent, master domain.Event, sp span, value string) *reason {
	parts := map[string]string{}
	for _, part := range strings.Split(strings.ToUpper(strings.TrimSpace(value)), ";") {
		k, val, _ := strings.Cut(part, "=")
		parts[k] = val
	}
	allowed := map[string]bool{"RSCALE": true, "FREQ": true, "INTERVAL": true, "COUNT": true, "UNTIL": true, "BYMONTHDAY": true,
		"BYMONTH": true, "BYDAY": true, "SKIP": true, "WKST": true}
	for k, val := range parts {
		if !allowed[k] {
			return &reason{"it has " + k + "=" + val, "قاعدهٔ آن " + k + "=" + val + " دارد"}
		}
	}
	if v.c.Props.Get(goical.PropRecurrenceDates) != nil {
		return &reason{"it has RDATEs", "تاریخ‌های RDATE دارد"}
	}
	r, why := intervalAndCount(parts)
	if why != nil {
		return why
	}
	start := master.Start
	skip := parts["SKIP"]
	if skip == "" {
		skip = "OMIT"
	}
	switch parts["FREQ"] {
	case "MONTHLY":
		if parts["BYMONTH"] != "" {
			return &reason{"it names months (BYMONTH)", "ماه‌هایی (BYMONTH) را نام می‌برد"}
		}
		if by := parts["BYDAY"]; by != "" {
			nth, last := domain.NthOf(start)
			n, err := strconv.Atoi(strings.TrimSuffix(by, byDay[start.Weekday()]))
			switch {
			case parts["BYMONTHDAY"] != "" || !strings.HasSuffix(by, byDay[start.Weekday()]) || err != nil,
				n != domain.LastWeek && n != nth, n == domain.LastWeek && !last:
				return &reason{"its BYDAY is not DTSTART's weekday of the month (" + by + ")", "روز هفتهٔ آن (" + by + ") همان روزِ تاریخ آغاز نیست"}
			}
			r.Kind, r.Nth = domain.RepeatMonthlyWeekday, n
			break
		}
		if d := parts["BYMONTHDAY"]; d != "" && d != strconv.Itoa(start.Day) {
			return &reason{"its BYMONTHDAY is not DTSTART's day (" + d + ")", "روز ماه آن (" + d + ") همان روزِ تاریخ آغاز نیست"}
		}
		if start.Day >= 30 && skip != "BACKWARD" {
			return &reason{"it leaves out the months without day " + strconv.Itoa(start.Day) + " (SKIP=" + skip + "), where ours takes their last day",
				"ماه‌هایی را که روز " + jalali.FaNum(start.Day) + " ندارند کنار می‌گذارد، و رویداد ماهانهٔ این تقویم روز آخر آن ماه‌ها را می‌گیرد"}
		}
		r.Kind = domain.RepeatMonthly
	case "YEARLY":
		if m := parts["BYMONTH"]; m != "" && m != strconv.Itoa(start.Month) || parts["BYDAY"] != "" {
			return &reason{"it is not on DTSTART's month and day", "بر ماه و روزِ تاریخ آغاز نیست"}
		}
		if d := parts["BYMONTHDAY"]; d != "" && d != strconv.Itoa(start.Day) {
			return &reason{"it is not on DTSTART's month and day", "بر ماه و روزِ تاریخ آغاز نیست"}
		}
		if start.Month == 12 && start.Day == 30 && skip != "OMIT" {
			return &reason{"it moves 30 Esfand in common years (SKIP=" + skip + "), where ours leaves it out",
				"۳۰ اسفند را در سال‌های ۲۹ روزه جابه‌جا می‌کند، و رویداد سالانهٔ این تقویم آن سال‌ها را کنار می‌گذارد"}
		}
		r.Kind = domain.RepeatYearly
	default:
		return &reason{"it repeats by FREQ=" + parts["FREQ"], "با FREQ=" + parts["FREQ"] + " تکرار می‌شود"}
	}
	if u := parts["UNTIL"]; u != "" {
		until, ok := untilDay(u, master)
		if !ok {
			return &reason{"its UNTIL cannot be read", "پایان تکرار (UNTIL) آن خوانا نیست"}
		}
		r.Until = until
	}
	if r.Count > domain.MaxRepeatCount {
		return &reason{fmt.Sprintf("it repeats %d times, more than %d", r.Count, domain.MaxRepeatCount),
			jalali.FaNum(r.Count) + " بار تکرار می‌شود، بیش از " + jalali.FaNum(domain.MaxRepeatCount)}
	}
	series := master
	series.Repeat = r
	series.Repeat.Normalize()
	cal := calendar.Official()
	// The day of an instance by its key, when the series has one then at
	// its time.
	day := func(key string) (jalali.Date, bool) {
		var d jalali.Date
		if t, err := time.Parse("20060102", key); err == nil {
			d = jalali.FromGregorian(t.Date())
		} else if t, err := time.Parse(utcFormat, key); err == nil {
			t = t.In(jalali.Tehran)
			if d = jalali.FromTime(t); t.Format("15:04") != master.StartTime {
				return d, false
			}
		}
		if !d.Valid() {
			return d, false
		}
		spans := cal.EventStarting(series, d, d)
		return d, len(spans) == 1
	}
	skipped := map[jalali.Date]bool{}
	exdates, err := dateList(v.c, goical.PropExceptionDates, sp.allDay)
	if err != nil {
		return &reason{"its EXDATEs cannot be read", "تاریخ‌های EXDATE آن خوانا نیست"}
	}
	for _, t := range exdates {
		if d, ok := day(instanceKey(t, sp.allDay)); ok {
			skipped[d] = true
		}
	}
	if !sp.allDay {
		// A date (VALUE=DATE) on a timed series takes out the occurrence
		// of that day, as on a Gregorian series (excluded).
		for _, prop := range v.c.Props.Values(goical.PropExceptionDates) {
			if !isDate(&prop) {
				continue
			}
			for _, s := range strings.Split(prop.Value, ",") {
				if d, ok := day(strings.TrimSpace(s)); ok {
					skipped[d] = true
				}
			}
		}
	}
	return p.settle(v, master, series, sp, day, skipped)
}

// untilDay reads a Jalali rule's UNTIL as the last day an occurrence of
// master's series may start: its date, or for a date-time that day in
// Tehran, the day before when the series starts later in the day.
func untilDay(u string, master domain.Event) (jalali.Date, bool) {
	if t, err := time.Parse("20060102", u); err == nil {
		d := jalali.FromGregorian(t.Date())
		return d, d.Valid()
	}
	t, err := time.Parse(utcFormat, u)
	if err != nil {
		if t, err = time.ParseInLocation("20060102T150405", u, jalali.Tehran); err != nil {
			return jalali.Date{}, false
		}
	}
	t = t.In(jalali.Tehran)
	d := jalali.FromTime(t)
	if master.StartTime != "" && master.StartTime > t.Format("15:04") {
		d = d.AddDays(-1)
	}
	return d, d.Valid()
}

// intervalAndCount reads a rule's INTERVAL and COUNT.
func intervalAndCount(parts map[string]string) (domain.Repeat, *reason) {
	r := domain.Repeat{Interval: 1}
	if v, ok := parts["INTERVAL"]; ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return r, &reason{"its INTERVAL cannot be read", "فاصلهٔ تکرار (INTERVAL) آن خوانا نیست"}
		}
		r.Interval = n
	}
	if v, ok := parts["COUNT"]; ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return r, &reason{"its COUNT cannot be read", "شمار تکرار (COUNT) آن خوانا نیست"}
		}
		r.Count = n
	}
	return r, nil
}

// weeklyOf reads an RRULE as a weekly repeat, its days still to be given
// (from the instances' days in Tehran, or every day for FREQ=DAILY):
// FREQ=WEEKLY, or FREQ=DAILY every day or every 7×N days; its COUNT,
// which UNTIL replaces later when it does not fit. It says why not when
// the rule is no such one.
func weeklyOf(value string) (domain.Repeat, *reason) {
	parts := map[string]string{}
	for _, part := range strings.Split(strings.ToUpper(strings.TrimSpace(value)), ";") {
		k, v, _ := strings.Cut(part, "=")
		parts[k] = v
	}
	for k, v := range parts {
		switch {
		case k == "RSCALE" && v != "GREGORIAN", k == "SKIP" && v != "OMIT", !keptRuleParts[k]:
			return domain.Repeat{}, &reason{"its rule has " + k + "=" + v + ", which a series of ours does not say",
				"قاعدهٔ تکرارش " + k + "=" + v + " دارد که یک رویداد تکرارشونده در این تقویم ندارد"}
		}
	}
	r, why := intervalAndCount(parts)
	if why != nil {
		return r, why
	}
	r.Kind = domain.RepeatWeekly
	for _, d := range strings.Split(parts["BYDAY"], ",") {
		if d != "" && len(d) != 2 {
			return r, &reason{"its BYDAY names the nth weekday of a Gregorian month or year (" + d + ")",
				"روز چندم هفته از ماه یا سال میلادی (" + d + ") را می‌گوید"}
		}
	}
	switch freq := parts["FREQ"]; {
	case freq == "WEEKLY":
	case freq == "DAILY" && r.Interval == 1:
		if parts["BYDAY"] == "" {
			r.Days = domain.AllWeekdays // every day, however few the instances
		}
	case freq == "DAILY" && r.Interval%7 == 0 && parts["BYDAY"] == "":
		r.Interval /= 7
	case freq == "DAILY":
		return r, &reason{fmt.Sprintf("it repeats every %d days, which is no number of weeks", r.Interval),
			"هر " + jalali.FaNum(r.Interval) + " روز تکرار می‌شود که شمار درستی از هفته‌ها نیست"}
	case freq == "MONTHLY":
		return r, &reason{"it repeats by Gregorian months, which fall on different Jalali days",
			"ماه‌به‌ماه میلادی تکرار می‌شود که هر بار بر روز دیگری از ماه جلالی می‌افتد"}
	case freq == "YEARLY":
		return r, &reason{"it repeats by Gregorian years, which fall on different Jalali days",
			"سال‌به‌سال میلادی تکرار می‌شود که هر چند سال بر روز دیگری از سال جلالی می‌افتد"}
	default:
		return r, &reason{"it repeats by FREQ=" + freq, "با FREQ=" + freq + " تکرار می‌شود"}
	}
	if r.Interval > domain.MaxRepeatInterval {
		return r, &reason{fmt.Sprintf("it repeats every %d weeks, more than %d", r.Interval, domain.MaxRepeatInterval),
			"هر " + jalali.FaNum(r.Interval) + " هفته تکرار می‌شود، بیش از " + jalali.FaNum(domain.MaxRepeatInterval)}
	}
	return r, nil
}

// excluded returns the Tehran days of the instances of a series (at, by
// key; dayOf their days) that its EXDATEs take out: those of the same
// instant (or date, for an all-day series), and, on a timed series, those
// of a VALUE=DATE EXDATE's date in the series' zone. An EXDATE of no
// instance takes nothing out.
func (p *parser) excluded(c *goical.Component, sp span, at map[string]time.Time, dayOf map[string]jalali.Date) (map[jalali.Date]bool, error) {
	out := map[jalali.Date]bool{}
	exdates, err := dateList(c, goical.PropExceptionDates, sp.allDay)
	if err != nil {
		return nil, err
	}
	for _, t := range exdates {
		if d, ok := dayOf[instanceKey(t, sp.allDay)]; ok {
			out[d] = true
		}
	}
	if sp.allDay {
		return out, nil
	}
	dates := map[string]bool{}
	for _, prop := range c.Props.Values(goical.PropExceptionDates) {
		if isDate(&prop) {
			for _, v := range strings.Split(prop.Value, ",") {
				dates[strings.TrimSpace(v)] = true
			}
		}
	}
	for k, t := range at {
		if dates[t.In(sp.start.Location()).Format("20060102")] {
			out[dayOf[k]] = true
		}
	}
	return out, nil
}

// errNotKept is the English error of every reason keep gives.
var errNotKept = errors.New("imported as one event per instance")

// notKept is why keep did not import a series whole, in both languages.
func notKept(why reason) *problem {
	return &problem{prop: goical.PropRecurrenceRule, err: fmt.Errorf("%w: %s", errNotKept, why.en),
		fa: "قاعدهٔ تکرار آن را یک رویداد تکرارشونده در این تقویم نمی‌تواند گفت، چون " + why.fa + "؛ هر تکرار آن یک رویداد جدا شد."}
}

// noteExpanded records why the series of v was expanded rather than kept.
func (p *parser) noteExpanded(v vevent, why *problem) {
	uid, _ := text(v.c, goical.PropUID)
	summary, _ := text(v.c, goical.PropSummary)
	p.out.Expanded = append(p.out.Expanded, &EventError{N: v.n, UID: uid, Summary: summary, Prop: why.prop, Err: why.err, Fa: why.fa})
}
