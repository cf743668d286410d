package ical

import (
	"strings"
	"unicode"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// The writer appends a DESCRIPTION straight into its content line, escaped
// as it goes, instead of building the text (eventDescription) and escaping
// it after: the same bytes (TEXT escaping is done character by character,
// and no part the writer puts together ends in a CR that the next would
// pair with an LF), without the half a dozen strings each VEVENT made.

// appendDateLine appends dateLine(start, end, startTime, endTime,
// everyYear), which needs no escaping: Persian words and digits, spaces,
// «،» and ':' (the times are HH:MM, checked by checkEvent).
func appendDateLine(dst []byte, start, end jalali.Date, startTime, endTime string, everyYear bool) []byte {
	format := jalali.Date.AppendFormat
	if everyYear {
		format = appendMonthDay
	}
	dst = append(dst, prefixDate...)
	if everyYear {
		dst = append(dst, "هر سال "...)
	}
	dst = format(start, dst)
	if startTime != "" {
		dst = append(dst, "، ساعت "...)
		dst = jalali.AppendFaDigits(dst, startTime)
	}
	if end != start {
		dst = append(dst, " تا "...)
		dst = format(end, dst)
		if endTime != "" {
			dst = append(dst, "، ساعت "...)
		}
	} else if endTime != "" {
		dst = append(dst, " تا "...)
	}
	return jalali.AppendFaDigits(dst, endTime)
}

// appendMonthDay appends monthDay(d).
func appendMonthDay(d jalali.Date, dst []byte) []byte {
	dst = append(jalali.AppendFaNum(dst, d.Day), ' ')
	return append(dst, jalali.MonthName(d.Month)...)
}

// escapedBreak is a line break inside a TEXT value.
const escapedBreak = `\n`

// appendOneLine appends oneLine(s) as TEXT: its words, escaped, one space
// between them (the spaces strings.Fields splits on).
func appendOneLine(dst []byte, s string) []byte {
	first := true
	for {
		i := strings.IndexFunc(s, notSpace)
		if i < 0 {
			return dst
		}
		s = s[i:]
		j := strings.IndexFunc(s, unicode.IsSpace)
		if j < 0 {
			j = len(s)
		}
		if !first {
			dst = append(dst, ' ')
		}
		first = false
		dst = appendText(dst, s[:j])
		s = s[j:]
	}
}

func notSpace(r rune) bool { return !unicode.IsSpace(r) }

// appendEventDescription appends eventDescription(e, start, end, source,
// everyYear, repeat) as TEXT (appendText's bytes of it).
func appendEventDescription(dst []byte, e *domain.Event, start, end jalali.Date, source string, everyYear bool, repeat string) []byte {
	dst = appendDateLine(dst, start, end, e.StartTime, e.EndTime, everyYear)
	cr := false // the last line ended in a CR, which the next break pairs with
	if repeat != "" {
		dst = appendText(append(dst, escapedBreak...), repeat)
		cr = strings.HasSuffix(repeat, "\r")
	}
	for _, l := range [...]struct{ prefix, value string }{{prefixProvince, e.Province}, {prefixOrg, e.Organization}, {prefixSource, source}} {
		if l.value != "" {
			dst = appendOneLine(append(appendBreak(dst, &cr), l.prefix...), l.value)
		}
	}
	if e.Description != "" {
		dst = appendText(append(appendBreak(dst, &cr), escapedBreak...), e.Description)
	}
	return dst
}

// appendBreak appends the break between two lines of a DESCRIPTION,
// unless the first ended in a CR (*cr), which the break's LF made one
// break with (appendText turns a CRLF into one \n).
func appendBreak(dst []byte, cr *bool) []byte {
	if *cr {
		*cr = false
		return dst
	}
	return append(dst, escapedBreak...)
}

// appendOccasionDescription appends occasionDescription(o, start, end,
// hijri, everyYear) as TEXT.
func appendOccasionDescription(dst []byte, o *domain.Occasion, start, end jalali.Date, hijri string, everyYear bool) []byte {
	dst = appendDateLine(dst, start, end, "", "", everyYear)
	cr := false
	if hijri != "" {
		dst = appendText(append(dst, escapedBreak...), hijri)
		cr = strings.HasSuffix(hijri, "\r")
	}
	if o.Calendar != domain.CalJalali || o.Rule != domain.RuleDate || o.Offset != 0 {
		rule := calendar.Describe(o.Recurrence)
		dst = appendText(append(appendBreak(dst, &cr), prefixRule...), rule)
		cr = strings.HasSuffix(rule, "\r")
	}
	if o.Province != "" {
		dst = appendOneLine(append(appendBreak(dst, &cr), prefixProvince...), o.Province)
	}
	if o.Holiday {
		dst = append(appendBreak(dst, &cr), lineHoliday...)
	}
	if o.Description != "" {
		dst = appendText(append(appendBreak(dst, &cr), escapedBreak...), o.Description)
	}
	return dst
}

// nextDay returns the day after d (d.AddDays(1) without the round trip
// through the Gregorian calendar). d is valid.
func nextDay(d jalali.Date) jalali.Date {
	if d.Day < 29 || d.Day < jalali.MonthLength(d.Year, d.Month) {
		d.Day++
		return d
	}
	if d.Month < 12 {
		return jalali.Date{Year: d.Year, Month: d.Month + 1, Day: 1}
	}
	return jalali.Date{Year: d.Year + 1, Month: 1, Day: 1}
}
