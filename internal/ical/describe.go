package ical

import (
	"strings"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// The Persian lines the writer puts above an event's own description, so
// that people whose calendar app shows only Gregorian dates still see the
// Jalali one. Parse recognizes and removes them again.
const (
	prefixDate     = "تاریخ: "
	prefixProvince = "استان: "
	prefixOrg      = "سازمان: "
	prefixSource   = "منبع: "
	lineYearly     = "رویداد سالانه"
	prefixRepeat   = "تکرار: "
	lineHoliday    = "تعطیل رسمی"
	prefixHijri    = "تاریخ قمری: "
	prefixRule     = "هر سال: "
	// provisionalMark follows a Hijri date whose month start is predicted
	// (Iran fixes it by sighting; an administrator corrects it).
	provisionalMark = "(پیش‌بینی)"
)

// dateLine writes out a span in Persian: "تاریخ: ۲۷ اردیبهشت ۱۴۰۳، ساعت
// ۱۰:۰۰ تا ۱۲:۰۰", "تاریخ: ۲ شهریور ۱۴۰۳ تا ۸ شهریور ۱۴۰۳", …. With
// everyYear, for a VEVENT that recurs by an RSCALE rule, the years are left
// out: "تاریخ: هر سال ۲۷ اردیبهشت".
func dateLine(start, end jalali.Date, startTime, endTime string, everyYear bool) string {
	format := jalali.Date.Format
	if everyYear {
		format = monthDay
	}
	var b strings.Builder
	b.WriteString(prefixDate)
	if everyYear {
		b.WriteString("هر سال ")
	}
	b.WriteString(format(start))
	if startTime != "" {
		b.WriteString("، ساعت ")
		b.WriteString(jalali.FaDigits(startTime))
	}
	if end != start {
		b.WriteString(" تا ")
		b.WriteString(format(end))
		if endTime != "" {
			b.WriteString("، ساعت ")
		}
	} else if endTime != "" {
		b.WriteString(" تا ")
	}
	b.WriteString(jalali.FaDigits(endTime))
	return b.String()
}

// monthDay formats d without its year: "۲۷ اردیبهشت".
func monthDay(d jalali.Date) string {
	return jalali.FaNum(d.Day) + " " + jalali.MonthName(d.Month)
}

// eventDescription is the DESCRIPTION of one occurrence of e: the date line,
// the line of its repeat (Writer.repeatLine), province, organization and
// source article, then a blank line and e's own description.
func eventDescription(e domain.Event, start, end jalali.Date, source string, everyYear bool, repeat string) string {
	lines := []string{dateLine(start, end, e.StartTime, e.EndTime, everyYear)}
	if repeat != "" {
		lines = append(lines, repeat)
	}
	if e.Province != "" {
		lines = append(lines, prefixProvince+oneLine(e.Province))
	}
	if e.Organization != "" {
		lines = append(lines, prefixOrg+oneLine(e.Organization))
	}
	if source != "" {
		lines = append(lines, prefixSource+oneLine(source))
	}
	return withBody(lines, e.Description)
}

// occasionDescription is the DESCRIPTION of one occurrence of o: its
// dates, its lunar dates (hijri, "" for a solar or Gregorian occasion), the
// rule it recurs by when that is more than a Jalali month and day, the
// holiday mark, the province of a provincial day.
func occasionDescription(o domain.Occasion, start, end jalali.Date, hijri string, everyYear bool) string {
	lines := []string{dateLine(start, end, "", "", everyYear)}
	if hijri != "" {
		lines = append(lines, hijri)
	}
	if o.Calendar != domain.CalJalali || o.Rule != domain.RuleDate || o.Offset != 0 {
		lines = append(lines, prefixRule+calendar.Describe(o.Recurrence))
	}
	if o.Province != "" {
		lines = append(lines, prefixProvince+oneLine(o.Province))
	}
	if o.Holiday {
		lines = append(lines, lineHoliday)
	}
	return withBody(lines, o.Description)
}

func withBody(header []string, body string) string {
	h := strings.Join(header, "\n")
	if body == "" {
		return h
	}
	return h + "\n\n" + body
}

// oneLine keeps a header value on its line, so that the header stays
// recognizable.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// header is what Parse recovers from the lines the writer added.
type header struct {
	ours                   bool // the lines were recognized
	province, organization string
	body                   string
}

// splitDescription undoes eventDescription. The header is recognized only
// when its first line is exactly the date line the writer would produce for
// the parsed dates and every following line before the first blank line is
// one the writer writes; otherwise desc is somebody else's text and is
// returned whole as the body.
func splitDescription(desc, wantDateLine string) header {
	head, body, _ := strings.Cut(desc, "\n\n")
	lines := strings.Split(head, "\n")
	if lines[0] != wantDateLine {
		return header{body: desc}
	}
	h := header{ours: true, body: body}
	for _, l := range lines[1:] {
		switch {
		case l == lineYearly || l == lineHoliday || strings.HasPrefix(l, prefixRepeat):
		case strings.HasPrefix(l, prefixProvince):
			h.province = strings.TrimPrefix(l, prefixProvince)
		case strings.HasPrefix(l, prefixOrg):
			h.organization = strings.TrimPrefix(l, prefixOrg)
		case strings.HasPrefix(l, prefixSource):
		default:
			return header{body: desc}
		}
	}
	return h
}

// repeatLine is the line that says how e repeats: the yearly mark of a
// plain yearly event, the rule of another series (calendar.DescribeRepeat),
// "" for a one-off event.
func (w *Writer) repeatLine(e domain.Event) string {
	switch {
	case plainYearly(e):
		return lineYearly
	case e.Repeats():
		return prefixRepeat + w.cal.DescribeRepeat(e)
	}
	return ""
}
