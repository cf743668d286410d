package views

import (
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

// Tooltip is a timed event's whole title, with its times and kind.
func (b TimedBlock) Tooltip() string {
	if b.Until != "" {
		return b.tooltip(b.Time+"–"+b.Until, "")
	}
	return b.tooltip(b.Time, "")
}

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
// that marks it current, and who sees it (nobody is shown a link to a page
// they could not use).
type section struct {
	URL, Label, Nav string
	For             sectionFor
}

// sectionFor is who sees a header link.
type sectionFor int

const (
	forEveryone sectionFor = iota
	forDrafts              // those who see the drafts (Page.Drafts)
	forWriters             // those who may write (Page.Writer)
	forAdmins              // administrators
)

// shownTo reports whether the page's reader sees s.
func (s section) shownTo(p Page) bool {
	switch s.For {
	case forDrafts:
		return p.Drafts
	case forWriters:
		return p.Writer
	case forAdmins:
		return p.Admin
	}
	return true
}

var sections = []section{
	{HomeURL, "تقویم", "calendar", forEveryone},
	{AgendaURL, "برنامهٔ پیش رو", "agenda", forEveryone},
	{ArticlesURL, "خبرها", "articles", forDrafts},
	{ReviewURL, "بازبینی", "review", forDrafts},
	{SourcesURL, "منابع خبر", "sources", forWriters},
	{OccasionsURL, "مناسبت‌ها", "occasions", forEveryone},
	{NewEventURL, "رویداد تازه", "new", forWriters},
	{ImportURL, "درون‌ریزی (iCal)", "import", forWriters},
	{TrashURL, "حذف‌شده‌ها", "trash", forWriters},
	{UsersURL, "کاربران", "users", forAdmins},
}
