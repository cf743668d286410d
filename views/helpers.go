package views

import (
	"strconv"
	"strings"

	"github.com/ruydad/ruydad/internal/jalali"
)

func faCount(n int) string { return jalali.FaNum(n) }

func ariaInvalid(errs map[string]string, field string) string {
	if errs[field] != "" {
		return "true"
	}
	return "false"
}

// boolAttr is "true" or "false", for aria-* attributes.
func boolAttr(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// col is the CSS class that puts a day's cell in column n of its grid.
func col(n int) string { return "c" + strconv.Itoa(n) }

// Tooltip is a bar's whole title, with its time, kind and days: the bar
// itself may show only its beginning.
func (b Bar) Tooltip() string { return b.tooltip(b.Time, b.Dates) }

// Tooltip is a timed event's whole title, with its times and kind.
func (b TimedBlock) Tooltip() string {
	if b.Until != "" {
		return b.tooltip(b.Time+"–"+b.Until, "")
	}
	return b.tooltip(b.Time, "")
}

// Spoken is what a screen reader hears after a bar's title (which the bar
// may cut on the screen): its kind, its days and whether it is proposed.
func (b Bar) Spoken() string { return b.spoken(b.Dates) }

// Spoken is what a screen reader hears after a timed event's title.
func (b TimedBlock) Spoken() string { return b.spoken("") }

func (c EventChip) spoken(dates string) string {
	s := "، " + c.KindName
	if dates != "" {
		s += "، " + dates
	}
	if c.Proposed {
		s += "، پیشنهادی"
	}
	return s
}

func (c EventChip) tooltip(time, dates string) string {
	s := c.Title
	if time != "" {
		s = time + " " + s
	}
	return s + " (" + strings.TrimPrefix(c.spoken(dates), "، ") + ")"
}

// section is a link of the header: where it leads, its label, the Page.Nav
// that marks it current, and whether only administrators see it.
type section struct {
	URL, Label, Nav string
	Admin           bool
}

var sections = []section{
	{HomeURL, "تقویم", "calendar", false},
	{AgendaURL, "برنامهٔ پیش رو", "agenda", false},
	{ArticlesURL, "خبرها", "articles", false},
	{ReviewURL, "بازبینی", "review", false},
	{OccasionsURL, "مناسبت‌ها", "occasions", false},
	{NewEventURL, "رویداد تازه", "new", false},
	{ImportURL, "درون‌ریزی (iCal)", "import", false},
	{SearchURL, "جست‌وجو", "search", false},
	{UsersURL, "کاربران", "users", true},
}
