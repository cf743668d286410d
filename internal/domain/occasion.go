package domain

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ruydad/ruydad/internal/jalali"
)

// CalendarSystem is the calendar a recurrence counts its months and days in.
type CalendarSystem string

// The calendars of Iran's official occasions.
const (
	CalJalali    CalendarSystem = "jalali"    // Solar Hijri, the civil calendar
	CalHijri     CalendarSystem = "hijri"     // Iran's lunar Hijri calendar (months begin by sighting)
	CalGregorian CalendarSystem = "gregorian" // international days
)

// Valid reports whether c is one of the three calendars.
func (c CalendarSystem) Valid() bool { return c == CalJalali || c == CalHijri || c == CalGregorian }

// Label returns the Persian name of c.
func (c CalendarSystem) Label() string {
	switch c {
	case CalJalali:
		return "خورشیدی"
	case CalHijri:
		return "قمری"
	case CalGregorian:
		return "میلادی"
	}
	return ""
}

// RuleKind says how a recurrence picks its day in a month.
type RuleKind string

// The rules of the official calendar (and "the whole month", for رمضان).
const (
	RuleDate        RuleKind = "date"         // the same month and day every year
	RuleNthWeekday  RuleKind = "nth-weekday"  // the Nth given weekday of the month (دومین جمعهٔ مهر)
	RuleLastWeekday RuleKind = "last-weekday" // the month's last given weekday (آخرین جمعهٔ رمضان)
	RuleMonthEnd    RuleKind = "month-end"    // the month's last day (۳۰ صفر, or ۲۹ when Safar has 29 days)
	RuleWholeMonth  RuleKind = "month"        // every day of the month (ماه مبارک رمضان)
	RuleNthDay      RuleKind = "nth-day"      // the Nth day counted from the month and day (روز ۲۵۶ام سال)
	RuleOnce        RuleKind = "once"         // the month and day of one year only
)

// Rules lists every rule in the order forms offer them.
var Rules = []RuleKind{RuleDate, RuleNthWeekday, RuleLastWeekday, RuleMonthEnd, RuleWholeMonth, RuleNthDay, RuleOnce}

// Valid reports whether r is one of Rules.
func (r RuleKind) Valid() bool {
	for _, k := range Rules {
		if r == k {
			return true
		}
	}
	return false
}

// Label returns the Persian name of r.
func (r RuleKind) Label() string {
	switch r {
	case RuleDate:
		return "روز معین ماه، هر سال"
	case RuleNthWeekday:
		return "چندمین روز از هفته در ماه"
	case RuleLastWeekday:
		return "آخرین روز از هفته در ماه"
	case RuleMonthEnd:
		return "آخرین روز ماه"
	case RuleWholeMonth:
		return "همهٔ روزهای ماه"
	case RuleNthDay:
		return "چندمین روز از تاریخی معین"
	case RuleOnce:
		return "فقط یک بار، در سالی معین"
	}
	return ""
}

// usesDay reports whether r reads Recurrence.Day.
func (r RuleKind) usesDay() bool { return r == RuleDate || r == RuleNthDay || r == RuleOnce }

// usesWeekday reports whether r reads Recurrence.Weekday.
func (r RuleKind) usesWeekday() bool { return r == RuleNthWeekday || r == RuleLastWeekday }

// usesNth reports whether r reads Recurrence.Nth.
func (r RuleKind) usesNth() bool { return r == RuleNthWeekday || r == RuleNthDay }

// Recurrence is when something recurs: a rule counted in one calendar,
// shifted by Offset days, lasting Length days, between two Jalali years.
// internal/calendar turns it into dates.
type Recurrence struct {
	Calendar CalendarSystem
	Rule     RuleKind
	Month    int            // 1..12 in Calendar
	Day      int            // RuleDate, RuleNthDay, RuleOnce: the day of the month
	Weekday  jalali.Weekday // RuleNthWeekday, RuleLastWeekday (Saturday is 0)
	Nth      int            // RuleNthWeekday: 1..5; RuleNthDay: 1..366
	Offset   int            // days added to the rule's day (-1: the eve of it)
	Length   int            // days, 1..31; RuleWholeMonth ignores it
	Year     int            // RuleOnce: the year, in Calendar
	FromYear int            // the first Jalali year it takes place, 0 for always
	ToYear   int            // the last Jalali year it takes place, 0 for always
}

// Normalize sets to zero the fields r's rule does not read (a weekday
// and Nth beside a day of the month, a day beside the month's end, a
// length beside the whole month, a year beside a yearly rule), so that two
// recurrences that say the same thing are equal, whatever a form sent.
func (r *Recurrence) Normalize() {
	if !r.Rule.usesDay() {
		r.Day = 0
	}
	if !r.Rule.usesWeekday() {
		r.Weekday = 0
	}
	if !r.Rule.usesNth() {
		r.Nth = 0
	}
	if r.Rule != RuleOnce {
		r.Year = 0
	}
	if r.Rule == RuleWholeMonth {
		r.Length = 0
	}
}

// Days returns the occurrence's length in days for rules other than
// RuleWholeMonth (whose length is its month's).
func (r Recurrence) Days() int {
	if r.Length < 1 {
		return 1
	}
	return r.Length
}

// Occasion groups: the official calendar of Iran, the international days
// (offered, hidden until an office shows them) and an office's own.
const (
	GroupOfficial      = "official"
	GroupInternational = "international"
	GroupOffice        = "office"
)

// GroupLabel returns the Persian name of an occasion group.
func GroupLabel(g string) string {
	switch g {
	case GroupOfficial:
		return "تقویم رسمی ایران"
	case GroupInternational:
		return "روزهای جهانی"
	case GroupOffice:
		return "مناسبت‌های این دفتر"
	}
	return ""
}

// Occasion is a named day or span that recurs by a rule on the Jalali,
// Hijri or Gregorian calendar: PR Day on 27 Ordibehesht, Ashura on 10
// Muharram, Government Week from 2 to 8 Shahrivar.
type Occasion struct {
	ID   int64
	Key  string // stable identifier, e.g. "pr-day"
	Name string
	Recurrence
	Holiday     bool     // an official day off
	Province    string   // a provincial day (روز همدان): the province it belongs to, "" for national
	Group       string   // GroupOfficial, GroupInternational or GroupOffice
	Hidden      bool     // kept, but not shown on the calendar or in feeds
	Edited      bool     // a person changed a built-in occasion: catalogue upgrades leave it alone
	Aliases     []string // other phrasings the miner looks for
	Description string
	Sequence    int       // edits so far (the feed's SEQUENCE)
	UpdatedAt   time.Time // the last edit (the feed's LAST-MODIFIED)
}

// Limits of an occasion's fields.
const (
	MaxAliases   = 50
	MaxOffset    = 7
	MaxSpanDays  = 31
	MaxNthDay    = 366
	maxNthInWeek = 5
)

// Validate checks an occasion's fields and returns a ValidationError, or
// nil.
func (o Occasion) Validate() error {
	var v ValidationError
	switch name := strings.TrimSpace(o.Name); {
	case name == "":
		v.Set(fieldError(FieldName, CodeNameMissing))
	case utf8.RuneCountInString(name) > MaxTitle:
		v.Set(FieldError{Field: FieldName, Code: CodeNameTooLong, Max: MaxTitle})
	}
	o.Recurrence.validate(&v)
	if utf8.RuneCountInString(o.Province) > MaxShortField {
		v.Set(FieldError{Field: FieldProvince, Code: CodeProvinceTooLong, Max: MaxShortField})
	}
	if o.Group != "" && GroupLabel(o.Group) == "" {
		v.Set(fieldError(FieldGroup, CodeGroupUnknown))
	}
	if utf8.RuneCountInString(o.Description) > MaxDescription {
		v.Set(FieldError{Field: FieldDescription, Code: CodeDescriptionTooLong, Max: MaxDescription})
	}
	if len(o.Aliases) > MaxAliases {
		v.Set(FieldError{Field: FieldAliases, Code: CodeTooManyAliases, Max: MaxAliases})
	}
	for _, a := range o.Aliases {
		if utf8.RuneCountInString(a) > MaxTitle {
			v.Set(FieldError{Field: FieldAliases, Code: CodeAliasTooLong, Max: MaxTitle})
		}
	}
	return v.Err()
}

// Validate checks a recurrence alone (the fields an event's repeat shares
// with an occasion's rule).
func (r Recurrence) Validate() error {
	var v ValidationError
	r.validate(&v)
	return v.Err()
}

func (r Recurrence) validate(v *ValidationError) {
	if !r.Calendar.Valid() {
		v.Set(fieldError(FieldCalendar, CodeCalendarUnknown))
	}
	if !r.Rule.Valid() {
		v.Set(fieldError(FieldRule, CodeRuleUnknown))
	}
	if r.Month < 1 || r.Month > 12 {
		v.Set(fieldError(FieldMonth, CodeMonthUnknown))
	} else if r.Rule.usesDay() && r.Calendar.Valid() {
		if n := longestMonth(r.Calendar, r.Month); r.Day < 1 || r.Day > n {
			v.Set(FieldError{Field: FieldDay, Code: CodeDayNotInMonth, Calendar: r.Calendar, Month: r.Month, Max: n})
		}
	}
	if r.Rule.usesWeekday() && (r.Weekday < jalali.Saturday || r.Weekday > jalali.Friday) {
		v.Set(fieldError(FieldWeekday, CodeWeekdayUnknown))
	}
	switch {
	case r.Rule == RuleNthWeekday && (r.Nth < 1 || r.Nth > maxNthInWeek):
		v.Set(fieldError(FieldNth, CodeNthWeekdayUnknown))
	case r.Rule == RuleNthDay && (r.Nth < 1 || r.Nth > MaxNthDay):
		v.Set(FieldError{Field: FieldNth, Code: CodeNthDayRange, Min: 1, Max: MaxNthDay})
	case r.Rule == RuleNthDay && !v.Has(FieldDay) && r.Calendar.Valid():
		// The count stays within a year of its month and day, so that an
		// occurrence lies in its own year or the next (internal/calendar).
		if most := shortestYear(r.Calendar) - (r.Day - 1); r.Nth > most {
			v.Set(FieldError{Field: FieldNth, Code: CodeNthDayPastYear, Calendar: r.Calendar, Max: most})
		}
	}
	if r.Offset < -MaxOffset || r.Offset > MaxOffset {
		v.Set(FieldError{Field: FieldOffset, Code: CodeOffsetRange, Max: MaxOffset})
	}
	if r.Rule != RuleWholeMonth && (r.Length < 1 || r.Length > MaxSpanDays) {
		v.Set(FieldError{Field: FieldLength, Code: CodeLengthRange, Min: 1, Max: MaxSpanDays})
	}
	if r.Rule == RuleOnce {
		r.validateOnce(v)
	}
	validYear := func(y int) bool { return y == 0 || y >= jalali.MinYear && y <= jalali.MaxYear }
	switch {
	case !validYear(r.FromYear):
		v.Set(FieldError{Field: FieldFromYear, Code: CodeFromYearRange, Min: jalali.MinYear, Max: jalali.MaxYear})
	case !validYear(r.ToYear):
		v.Set(FieldError{Field: FieldToYear, Code: CodeToYearRange, Min: jalali.MinYear, Max: jalali.MaxYear})
	case r.FromYear != 0 && r.ToYear != 0 && r.ToYear < r.FromYear:
		v.Set(fieldError(FieldToYear, CodeToYearBeforeFrom))
	}
}

// validateOnce checks a one-time rule's year (and, where the domain can
// tell, its day): one its calendar supports, in which the day exists.
func (r Recurrence) validateOnce(v *ValidationError) {
	lo, hi := OnceYears(r.Calendar)
	switch {
	case !r.Calendar.Valid():
	case r.Year == 0:
		v.Set(fieldError(FieldYear, CodeYearMissing))
	case r.Year < lo || r.Year > hi:
		v.Set(FieldError{Field: FieldYear, Code: CodeYearRange, Calendar: r.Calendar, Min: lo, Max: hi})
	case v.Has(FieldMonth) || v.Has(FieldDay) || r.Calendar == CalHijri:
		// A lunar month's length in a given year is in internal/hijri's table.
	case r.Day > monthLength(r.Calendar, r.Year, r.Month):
		v.Set(FieldError{Field: FieldDay, Code: CodeDayNotInYearMonth, Calendar: r.Calendar, Year: r.Year, Month: r.Month,
			Max: monthLength(r.Calendar, r.Year, r.Month)})
	}
}

// OnceYears returns the first and last year, in calendar c, of a one-time
// occasion: the years whose every day the Jalali calendar supports
// (jalali.MinYear..jalali.MaxYear), Hijri months included.
func OnceYears(c CalendarSystem) (first, last int) {
	switch c {
	case CalJalali:
		return jalali.MinYear, jalali.MaxYear
	case CalHijri:
		// internal/hijri knows the months 1030/4..3092/9 that touch
		// jalali.MinYear..MaxYear (its Range; the calendar package's
		// tests hold the two together).
		return 1031, 3091
	case CalGregorian:
		gf, _, _ := jalali.Date{Year: jalali.MinYear, Month: 1, Day: 1}.Gregorian()
		gl, _, _ := jalali.Date{Year: jalali.MaxYear, Month: 12, Day: jalali.MonthLength(jalali.MaxYear, 12)}.Gregorian()
		return gf + 1, gl - 1 // 1622..3621: Jalali 1000 starts in March 1621
	}
	return 0, 0
}

// shortestYear returns the fewest days a year of calendar c has.
func shortestYear(c CalendarSystem) int {
	if c == CalHijri {
		return 354
	}
	return 365
}

// monthLength returns the days of month m of year in calendar c (not
// Hijri, whose months come from a table).
func monthLength(c CalendarSystem, year, m int) int {
	if c == CalJalali {
		return jalali.MonthLength(year, m)
	}
	return time.Date(year, time.Month(m)+1, 0, 12, 0, 0, 0, time.UTC).Day()
}

// longestMonth returns the most days month m of calendar c ever has.
func longestMonth(c CalendarSystem, m int) int {
	switch c {
	case CalJalali:
		return jalali.MonthLength(1403, m) // 1403 is a leap year
	case CalHijri:
		return 30
	}
	return time.Date(2024, time.Month(m)+1, 0, 12, 0, 0, 0, time.UTC).Day() // 2024 is a leap year
}

// HijriCorrection is an administrator's setting of the day a Hijri month
// began in Iran (announced after the crescent was sighted), which moves
// every lunar occasion and holiday of that month.
//
// One with a zero Start records that the month's correction was removed
// at UpdatedAt (the month follows the table again): it moves nothing, but
// feeds count the removal as a change of the occurrences it moved back.
type HijriCorrection struct {
	Year, Month int         // the Hijri month, e.g. 1448/10
	Start       jalali.Date // its first day; zero for a removal
	Note        string      // where the announcement came from, if given
	UpdatedAt   time.Time
}

// Removed reports whether c records a removed correction (see
// HijriCorrection).
func (c HijriCorrection) Removed() bool { return c.Start.IsZero() }
