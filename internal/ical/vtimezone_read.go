package ical

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	goical "github.com/emersion/go-ical"
	"github.com/teambition/rrule-go"

	"github.com/ruydad/ruydad/internal/jalali"
)

// vtzFrom and vtzHorizon are the years over which the onsets of a
// VTIMEZONE's endless rules are computed: earlier times keep DTSTART's
// offset, later ones the offset of the last onset before vtzHorizon.
// rrule-go reaches 292 years from a rule's start at most.
const vtzFrom, vtzHorizon = 1900, 2150

// maxOnsets is the most onsets a VTIMEZONE may have up to vtzHorizon: a
// yearly pair of rules is 500.
const maxOnsets = 5000

// onset is one change of a VTIMEZONE's offset.
type onset struct {
	at   int64 // the instant, Unix seconds
	to   int   // the offset from then on, seconds east of UTC
	dst  bool  // a DAYLIGHT onset
	name string
}

// readVTimezone builds the zone a VTIMEZONE describes (RFC 5545 3.6.5):
// each STANDARD and DAYLIGHT sub-component's onsets, at its DTSTART, at
// the occurrences of its RRULE (FREQ=YEARLY, as clients write it:
// BYMONTH=3;BYDAY=-1SU, BYMONTH=9;BYMONTHDAY=22, with or without UNTIL)
// and at its RDATEs, each a local time in TZOFFSETFROM from which
// TZOFFSETTO holds. At a given instant the zone's offset is the TZOFFSETTO
// of the latest onset at or before it, over both kinds; before the first,
// the first's TZOFFSETFROM. The onsets become a time.Location through the
// TZif form Go reads zone files in (RFC 8536), so that a recurring event
// in the zone keeps its wall-clock time across its changes.
func readVTimezone(c *goical.Component) (*time.Location, error) {
	var all []onset
	first := struct {
		at   int64
		from int
	}{at: 1<<63 - 1}
	for _, sub := range c.Children {
		dst := sub.Name == goical.CompTimezoneDaylight
		if !dst && sub.Name != goical.CompTimezoneStandard {
			continue
		}
		from, err := utcOffset(sub, goical.PropTimezoneOffsetFrom)
		if err != nil {
			return nil, err
		}
		to, err := utcOffset(sub, goical.PropTimezoneOffsetTo)
		if err != nil {
			return nil, err
		}
		locals, err := onsetTimes(sub, from)
		if err != nil {
			return nil, err
		}
		name := zoneAbbrev(sub, to)
		for _, l := range locals {
			at := l.Unix() - int64(from)
			all = append(all, onset{at: at, to: to, dst: dst, name: name})
			if at < first.at {
				first.at, first.from = at, from
			}
		}
		if len(all) > maxOnsets {
			return nil, vtzFault(fmt.Sprintf("more than %d onsets before %d", maxOnsets, vtzHorizon),
				"تا سال "+jalali.FaNum(vtzHorizon)+" بیش از "+jalali.FaNum(maxOnsets)+" بار ساعت را جابه‌جا می‌کند.")
		}
	}
	if len(all) == 0 {
		return nil, vtzFault("no STANDARD or DAYLIGHT sub-component", "بخش STANDARD یا DAYLIGHT ندارد.")
	}
	slices.SortStableFunc(all, func(a, b onset) int {
		switch {
		case a.at < b.at:
			return -1
		case a.at > b.at:
			return 1
		}
		return 0
	})
	id := ""
	if p := c.Props.Get(goical.PropTimezoneID); p != nil {
		id = p.Value
	}
	loc, err := time.LoadLocationFromTZData(id, tzif(onset{to: first.from, name: formatOffset(first.from)}, all))
	if err != nil {
		return nil, vtzFault(err.Error(), "از آن منطقه زمانی ساخته نشد.")
	}
	return loc, nil
}

// vtzFault is what is wrong with a VTIMEZONE, in both languages.
func vtzFault(en, fa string) error {
	return bad(goical.CompTimezone, fmt.Errorf("VTIMEZONE: %s", en), fa)
}

// utcOffset reads a sub-component's TZOFFSETFROM or TZOFFSETTO: +0330,
// -0500, +053000.
func utcOffset(sub *goical.Component, name string) (int, error) {
	p := sub.Props.Get(name)
	if p == nil {
		return 0, vtzFault(sub.Name+" without "+name, "بخش "+sub.Name+" آن "+name+" ندارد.")
	}
	v := strings.TrimSpace(p.Value)
	bad := vtzFault(fmt.Sprintf("%s %q is not a UTC offset", name, v), "اختلاف ساعت «"+isolate(clip(v))+"» ("+name+") خوانا نیست.")
	if len(v) != 5 && len(v) != 7 || (v[0] != '+' && v[0] != '-') {
		return 0, bad
	}
	var parts [3]int
	for i := 0; 1+2*i < len(v); i++ {
		n, err := strconv.Atoi(v[1+2*i : 3+2*i])
		if err != nil || n < 0 {
			return 0, bad
		}
		parts[i] = n
	}
	if parts[0] > 23 || parts[1] > 59 || parts[2] > 59 {
		return 0, bad
	}
	off := parts[0]*3600 + parts[1]*60 + parts[2]
	if v[0] == '-' {
		off = -off
	}
	return off, nil
}

// vtzLocal is a local DATE-TIME.
const vtzLocal = "20060102T150405"

// onsetTimes are a sub-component's onsets as local wall times (in UTC, as
// plain clock readings): DTSTART, its RRULE's occurrences up to
// vtzHorizon, its RDATEs.
func onsetTimes(sub *goical.Component, from int) ([]time.Time, error) {
	sp := sub.Props.Get(goical.PropDateTimeStart)
	if sp == nil {
		return nil, vtzFault(sub.Name+" without DTSTART", "بخش "+sub.Name+" آن تاریخ آغاز (DTSTART) ندارد.")
	}
	start, err := localTime(sp.Value)
	if err != nil {
		return nil, vtzFault(fmt.Sprintf("%s DTSTART %q is not a local date-time", sub.Name, sp.Value),
			"تاریخ آغاز (DTSTART) بخش "+sub.Name+" آن، «"+isolate(clip(sp.Value))+"»، خوانا نیست.")
	}
	out := []time.Time{start}
	horizon := time.Date(vtzHorizon, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, rp := range sub.Props.Values(goical.PropRecurrenceRule) {
		rule, err := yearlyRule(rp.Value, start, from)
		if err != nil {
			return nil, err
		}
		next := rule.Iterator()
		for t, ok := next(); ok && t.Before(horizon); t, ok = next() {
			if len(out) > maxOnsets {
				break
			}
			if !t.Equal(start) {
				out = append(out, t)
			}
		}
	}
	for _, rp := range sub.Props.Values(goical.PropRecurrenceDates) {
		if rp.Params.Get(goical.ParamValue) == string(goical.ValuePeriod) {
			return nil, vtzFault("RDATE;VALUE=PERIOD", "تاریخ‌های تغییر ساعت از نوع بازه (RDATE;VALUE=PERIOD) است.")
		}
		for _, v := range strings.Split(rp.Value, ",") {
			t, err := localTime(v)
			if err != nil {
				return nil, vtzFault(fmt.Sprintf("%s RDATE %q is not a local date-time", sub.Name, v),
					"تاریخ تغییر ساعت (RDATE) بخش "+sub.Name+" آن، «"+isolate(clip(v))+"»، خوانا نیست.")
			}
			if out = append(out, t); len(out) > maxOnsets {
				break
			}
		}
	}
	return out, nil
}

// localTime reads a VTIMEZONE's local DATE-TIME (or DATE, its midnight) as
// a clock reading. A trailing Z, which RFC 5545 does not allow there, is
// read as local time, as Outlook means it.
func localTime(v string) (time.Time, error) {
	v = strings.TrimSuffix(strings.TrimSpace(v), "Z")
	if len(v) == len("20060102") {
		return time.Parse("20060102", v)
	}
	return time.Parse(vtzLocal, v)
}

// ruleUntil is the UNTIL of an RRULE, upper case, "" when it has none.
func ruleUntil(rule string) string {
	for _, part := range strings.Split(strings.ToUpper(rule), ";") {
		if v, ok := strings.CutPrefix(part, "UNTIL="); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// vtzRuleParts are the parts of a VTIMEZONE's RRULE yearlyRule reads.
var vtzRuleParts = map[string]bool{
	"FREQ": true, "INTERVAL": true, "UNTIL": true, "COUNT": true, "WKST": true,
	"BYMONTH": true, "BYDAY": true, "BYMONTHDAY": true, "BYYEARDAY": true, "BYWEEKNO": true,
}

// yearlyRule reads a VTIMEZONE sub-component's RRULE, which must be
// FREQ=YEARLY, as a rule over clock readings from start. UNTIL, a UTC time
// in RFC 5545 (Apple's 20220321T203000Z ends a rule whose last onset is at
// 00:00 +03:30 on 22 March), becomes a clock reading in the offset from
// which the rule's onsets change, from.
func yearlyRule(value string, start time.Time, from int) (*rrule.RRule, error) {
	fault := func(why string) error {
		return vtzFault(fmt.Sprintf("RRULE %q: %s", value, why), "قاعده تغییر ساعت (RRULE) آن، «"+isolate(clip(value))+"»، خوانا نیست یا سالانه (FREQ=YEARLY) نیست.")
	}
	for _, part := range strings.Split(strings.ToUpper(value), ";") {
		k, _, _ := strings.Cut(part, "=")
		if !vtzRuleParts[k] {
			// BYHOUR, BYMINUTE, BYSECOND and BYSETPOS would make a rule of
			// thousands of onsets a day: no client writes them here.
			return nil, fault(k + " is not supported in a VTIMEZONE")
		}
	}
	opt, err := rrule.StrToROptionInLocation(value, time.UTC)
	if err != nil {
		return nil, fault(err.Error())
	}
	if opt.Freq != rrule.YEARLY {
		return nil, fault("only FREQ=YEARLY is supported in a VTIMEZONE")
	}
	if start.Year() < vtzFrom && opt.Count == 0 {
		// rrule-go counts in time.Duration from DTSTART, which ends 292
		// years on: Outlook's 1601 would stop its rules in 1893. An
		// endless yearly rule gives the same onsets from a later DTSTART
		// on the same day (by a whole number of INTERVALs).
		step := max(opt.Interval, 1)
		years := (vtzFrom - start.Year() + step - 1) / step * step
		start = time.Date(start.Year()+years, start.Month(), start.Day(), start.Hour(), start.Minute(), start.Second(), 0, time.UTC)
	}
	opt.Dtstart = start
	if !opt.Until.IsZero() && strings.HasSuffix(ruleUntil(value), "Z") {
		opt.Until = opt.Until.UTC().Add(time.Duration(from) * time.Second)
	}
	r, err := rrule.NewRRule(*opt)
	if err != nil {
		return nil, fault(err.Error())
	}
	return r, nil
}

// zoneAbbrev is a sub-component's TZNAME when it is a short ASCII name,
// else its offset (+0330).
func zoneAbbrev(sub *goical.Component, to int) string {
	if p := sub.Props.Get(goical.PropTimezoneName); p != nil {
		v := strings.TrimSpace(p.Value)
		ok := len(v) >= 1 && len(v) <= 10
		for _, r := range v {
			ok = ok && (r == '+' || r == '-' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z')
		}
		if ok {
			return v
		}
	}
	return formatOffset(to)
}

// formatOffset writes an offset as TZOFFSETTO does: +0330.
func formatOffset(off int) string {
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("%c%02d%02d", sign, off/3600, off/60%60)
}

// tzif writes the onsets, in time order, as version 2 TZif data (RFC
// 8536), initial being the zone before the first: an empty version 1
// block, which Go skips, then the 64-bit one, without a footer.
func tzif(initial onset, all []onset) []byte {
	type info struct {
		off  int
		dst  bool
		name string
	}
	types := []info{{initial.to, false, initial.name}}
	index := map[info]int{}
	var chars []byte
	abbr := map[string]int{}
	abbrIndex := func(name string) int {
		if i, ok := abbr[name]; ok {
			return i
		}
		if len(chars)+len(name) >= 255 {
			return 0 // an index is a byte: the first name stands in
		}
		abbr[name] = len(chars)
		chars = append(append(chars, name...), 0)
		return abbr[name]
	}
	var times []int64
	var idx []byte
	for _, o := range all {
		k := info{o.to, o.dst, o.name}
		i, ok := index[k]
		if !ok {
			if len(types) == 255 {
				// RFC 8536 allows 256 types; a file with more kinds of
				// offset than that keeps the last one it has room for.
				i = len(types) - 1
			} else {
				i = len(types)
				index[k] = i
				types = append(types, k)
			}
		}
		if n := len(times); n > 0 && times[n-1] == o.at {
			idx[n-1] = byte(i)
			continue
		}
		times = append(times, o.at)
		idx = append(idx, byte(i))
	}
	header := func(b []byte, counts [6]int) []byte {
		b = append(b, "TZif2"...)
		b = append(b, make([]byte, 15)...)
		for _, n := range counts {
			b = binary.BigEndian.AppendUint32(b, uint32(n))
		}
		return b
	}
	var ttinfo []byte
	for _, t := range types {
		ttinfo = binary.BigEndian.AppendUint32(ttinfo, uint32(int32(t.off)))
		dst := byte(0)
		if t.dst {
			dst = 1
		}
		ttinfo = append(ttinfo, dst, byte(abbrIndex(t.name)))
	}
	b := header(nil, [6]int{})
	b = header(b, [6]int{0, 0, 0, len(times), len(types), len(chars)})
	for _, t := range times {
		b = binary.BigEndian.AppendUint64(b, uint64(t))
	}
	b = append(b, idx...)
	b = append(b, ttinfo...)
	return append(b, chars...)
}
