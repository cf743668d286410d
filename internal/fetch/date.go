package fetch

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/ruydad/ruydad/internal/jalali"
)

// zoned are the layouts of a date that says its offset.
var zoned = []string{
	time.RFC3339,
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05 Z07:00",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -0700 MST",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 02 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04:05 -0700",
	"02 Jan 2006 15:04:05 -0700",
	time.RFC822Z,
	time.RFC822,
}

// local are the layouts of a date without an offset: it is Tehran's time.
var local = []string{
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02 15:04:05",
	"2006/01/02 15:04",
	"2006/01/02 - 15:04",
	"2006/01/02",
	"Mon, 2 Jan 2006 15:04:05",
	"Mon, 02 Jan 2006 15:04:05",
	"2 Jan 2006",
}

// tehranZones are the abbreviations Go would read as a zone of offset 0.
var tehranZones = map[string]int{"IRST": 3*3600 + 1800, "IRDT": 4*3600 + 1800}

// parseDate reads a date as feeds and pages write it: RFC 3339, RFC 1123 and
// their common variants, in Tehran time when no offset is given; Persian
// digits; a date of a Jalali year (13xx, 14xx) read as a Jalali one. It reports
// false for anything else.
func parseDate(s string) (time.Time, bool) {
	s = oneLine(latinDigits(s))
	if s == "" {
		return time.Time{}, false
	}
	if t, ok := parseJalali(s); ok {
		return t, true
	}
	for _, l := range zoned {
		if t, err := time.Parse(l, s); err == nil {
			name, offset := t.Zone()
			if o, ok := tehranZones[name]; ok && offset == 0 {
				t = t.Add(-time.Duration(o) * time.Second).In(jalali.Tehran)
			}
			return plausible(t)
		}
	}
	for _, l := range local {
		if t, err := time.ParseInLocation(l, s, jalali.Tehran); err == nil {
			return plausible(t)
		}
	}
	return time.Time{}, false
}

// plausible refuses years no news article has.
func plausible(t time.Time) (time.Time, bool) {
	if y := t.Year(); y < 1990 || y > 2200 {
		return time.Time{}, false
	}
	return t, true
}

// jalaliDate is a Jalali date as Iranian sites write one in their metadata
// (1405/09/14, 1405-09-14 10:30), read in Tehran time.
var jalaliDate = regexp.MustCompile(`^(1[34]\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:[ T]+(?:-\s*)?(\d{1,2}):(\d{2})(?::(\d{2}))?)?$`)

func parseJalali(s string) (time.Time, bool) {
	m := jalaliDate.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	n := make([]int, len(m))
	for i, v := range m[1:] {
		n[i+1], _ = strconv.Atoi(v)
	}
	d, err := jalali.New(n[1], n[2], n[3])
	if err != nil || n[4] > 23 || n[5] > 59 || n[6] > 59 {
		return time.Time{}, false
	}
	y, mo, day := d.Gregorian()
	return time.Date(y, mo, day, n[4], n[5], n[6], 0, jalali.Tehran), true
}

// latinDigits replaces Persian and Arabic-Indic digits by Latin ones.
func latinDigits(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r >= '۰' && r <= '۹' || r >= '٠' && r <= '٩' }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '۰' && r <= '۹':
			return '0' + r - '۰'
		case r >= '٠' && r <= '٩':
			return '0' + r - '٠'
		}
		return r
	}, s)
}
