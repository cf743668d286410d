package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/ical"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/locale"
	"github.com/ruydad/ruydad/views"
)

// maxICSBytes bounds an uploaded .ics file.
const maxICSBytes = 5 << 20

// maxCopiesNamed is how many of the VEVENTs left out as copies the page
// after an import names (by UID); it counts the others.
const maxCopiesNamed = 5

// clipUID shortens a UID to name it on a page.
func clipUID(uid string) string {
	if r := []rune(uid); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return uid
}

func (s *Server) handleImportPage(c echo.Context) error {
	v := views.ImportView{Result: importResult(c)}
	v.Page = s.page(c, "درون‌ریزی از iCal", "import")
	return s.render(c, http.StatusOK, views.ImportPage(v))
}

// importResult says in Persian what the import that redirected here did,
// from ?created=&updated=&unchanged=&dropped=&merged= (see app.ImportCounts), the
// ?tasks=&journals= left out, the ?cancelled= instances taken out of
// their series, ?copies= and the UIDs of the first few copies
// left out (?copy=, see ical.Copy), the ?skipped= and ?refused= VEVENTs
// (named on the page itself), the ?kept= series imported as one series
// each and, when recurring events were expanded, ?series=&occurrences=
// and ?endless=&through= (the window's last year).
func importResult(c echo.Context) string { return resultText(c.QueryParams()) }

// resultText is importResult over the query q.
func resultText(q url.Values) string {
	n, err := strconv.Atoi(q.Get("created"))
	if err != nil {
		return ""
	}
	num := func(name string) int { v, _ := strconv.Atoi(q.Get(name)); return max(v, 0) }
	msg := jalali.FaNum(n) + " رویداد افزوده شد."
	if updated := num("updated"); updated > 0 {
		msg += " " + jalali.FaNum(updated) + " رویداد پیش‌تر در تقویم بود و نسخهٔ تازه‌تر فایل (SEQUENCE یا LAST-MODIFIED بالاتر) جای آن را گرفت."
	}
	if unchanged := num("unchanged"); unchanged > 0 {
		msg += " " + jalali.FaNum(unchanged) + " رویداد با همین نسخه یا نسخه‌ای تازه‌تر در تقویم بود و دست نخورد."
	}
	if merged := num("merged"); merged > 0 {
		msg += " " + jalali.FaNum(merged) + " رویداد تکی که درون‌ریزی پیشین از تکرارهای همین رویدادهای تکرارشونده ساخته بود به سطل بازیافت رفت، چون اکنون خود رویداد تکرارشونده آن روزها را نشان می‌دهد."
	}
	if dropped := num("dropped"); dropped > 0 {
		msg += " " + jalali.FaNum(dropped) + " رویداد که جای یکی از تکرارهای یک رویداد تکرارشونده را گرفته بود به سطل بازیافت رفت، چون نسخهٔ تازهٔ آن رویداد دیگر آن تکرار را جابه‌جا نمی‌کند."
	}
	if copies := num("copies"); copies > 0 {
		uids := q["copy"]
		uids = uids[:min(len(uids), copies, maxCopiesNamed)]
		for i := range uids {
			uids[i] = clipUID(uids[i])
		}
		msg += " " + locale.ImportCopies(copies, uids)
	}
	if skipped := num("skipped"); skipped > 0 {
		msg += " " + jalali.FaNum(skipped) + " رویداد فایل خوانا نبود و کنار گذاشته شد؛ چرایی هر یک در فهرست زیر آمده است."
	}
	if refused := num("refused"); refused > 0 {
		msg += " " + jalali.FaNum(refused) + " رویداد فایل خوانده شد ولی پذیرفته نشد؛ چرایی هر یک در فهرست زیر آمده است."
	}
	if cancelled := num("cancelled"); cancelled > 0 {
		msg += " " + jalali.FaNum(cancelled) + " تکرار لغوشده (STATUS:CANCELLED) از رویدادهای تکرارشونده برداشته شد."
	}
	if left := locale.ImportLeftOut(num("tasks"), num("journals")); left != "" {
		msg += " " + left
	}
	if alarms := num("alarms"); alarms > 0 {
		msg += " " + locale.ImportIgnoredAlarms(alarms, q["alarm"])
	}
	if kept := num("kept"); kept > 0 {
		msg += " " + jalali.FaNum(kept) + " رویداد تکرارشونده با قاعدهٔ تکرار خود (و تکرارهای حذف‌شده و جابه‌جاشده‌اش) وارد شد."
	}
	if series := num("series"); series > 0 {
		msg += " " + jalali.FaNum(series) + " رویداد تکرارشونده به " + jalali.FaNum(num("occurrences")) + " رویداد جدا، یکی برای هر تکرار، تبدیل شد."
		if endless, through := num("endless"), num("through"); endless > 0 && through > 0 {
			msg += " " + jalali.FaNum(endless) + " رویداد تکرارشونده پایانی نداشت یا بیش از " + jalali.FaNum(ical.MaxOccurrences) + " بار تکرار می‌شد و تکرارهایش تا پایان سال " + jalali.FaNum(through) + " وارد شد."
		}
	}
	return msg
}

// handleImportICS adds the events of an uploaded .ics file, in one
// transaction. A VEVENT at fault is left out (ical.Options.SkipFaulty): the
// page then shows the report at once (200), with each one that could not
// be read (ical.Parsed.Skipped) and each one read but refused by ruydad's
// rules or cancelled (Refused) named by its SUMMARY and UID and what is
// wrong, in Persian, each one changed to be imported (Adjusted: a title
// given, a location cut) with what was changed, and each series imported
// as one event per occurrence (Expanded) with why; without any, it
// redirects to the report. A file that is not iCalendar, or that has no
// event to import, comes back as a 422 that says why.
func (s *Server) handleImportICS(c echo.Context) error {
	fail := func(msg string, details ...string) error {
		v := views.ImportView{Error: msg, Details: details}
		v.Page = s.page(c, "درون‌ریزی از iCal", "import")
		return s.render(c, http.StatusUnprocessableEntity, views.ImportPage(v))
	}
	fh, err := c.FormFile("file")
	if err != nil {
		return fail(locale.ImportNoFile)
	}
	if fh.Size > maxICSBytes {
		return fail(locale.ImportTooBig)
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	parsed, err := ical.ParseWith(f, ical.Options{Now: s.now(), SkipFaulty: true})
	var problems *ical.Problems
	switch {
	case errors.As(err, &problems):
		return fail(locale.ImportRefused, ical.Persian(err)...)
	case errors.Is(err, ical.ErrMalformed):
		return fail(locale.ImportMalformed, ical.Persian(err)...)
	case err != nil:
		return err
	case len(parsed.Events) == 0:
		details := append(skippedLines(parsed.Skipped), skippedLines(parsed.Refused)...)
		if left := locale.ImportLeftOut(parsed.Tasks, parsed.Journals); left != "" {
			details = append(details, left)
		}
		return fail(locale.ImportNoEvents, details...)
	}
	got, err := s.app.ImportEvents(c.Request().Context(), parsed.Events)
	if err != nil {
		return err
	}
	q := url.Values{"created": {strconv.Itoa(got.Imported)}, "updated": {strconv.Itoa(got.Updated)}, "unchanged": {strconv.Itoa(got.Unchanged)}}
	if got.Dropped > 0 {
		q.Set("dropped", strconv.Itoa(got.Dropped))
	}
	if got.Merged > 0 {
		q.Set("merged", strconv.Itoa(got.Merged))
	}
	if len(parsed.Copies) > 0 {
		q.Set("copies", strconv.Itoa(len(parsed.Copies)))
		for _, cp := range parsed.Copies[:min(len(parsed.Copies), maxCopiesNamed)] {
			q.Add("copy", clipUID(cp.UID))
		}
	}
	addIgnoredAlarms(q, parsed.IgnoredAlarms)
	if parsed.CancelledInstances > 0 {
		q.Set("cancelled", strconv.Itoa(parsed.CancelledInstances))
	}
	if parsed.Tasks > 0 {
		q.Set("tasks", strconv.Itoa(parsed.Tasks))
	}
	if parsed.Journals > 0 {
		q.Set("journals", strconv.Itoa(parsed.Journals))
	}
	if parsed.Kept > 0 {
		q.Set("kept", strconv.Itoa(parsed.Kept))
	}
	if parsed.Series > 0 {
		q.Set("series", strconv.Itoa(parsed.Series))
		q.Set("occurrences", strconv.Itoa(parsed.Occurrences))
	}
	if parsed.Endless > 0 {
		q.Set("endless", strconv.Itoa(parsed.Endless))
		q.Set("through", strconv.Itoa(parsed.ToYear))
	}
	if len(parsed.Skipped)+len(parsed.Refused)+len(parsed.Adjusted)+len(parsed.Expanded) == 0 {
		return c.Redirect(http.StatusSeeOther, views.ImportURL+"?"+q.Encode())
	}
	if len(parsed.Skipped) > 0 {
		q.Set("skipped", strconv.Itoa(len(parsed.Skipped)))
	}
	if len(parsed.Refused) > 0 {
		q.Set("refused", strconv.Itoa(len(parsed.Refused)))
	}
	v := views.ImportView{Result: resultText(q), Skipped: skippedLines(parsed.Skipped), Refused: skippedLines(parsed.Refused),
		Adjusted: skippedLines(parsed.Adjusted), Expanded: skippedLines(parsed.Expanded)}
	v.Page = s.page(c, "درون‌ریزی از iCal", "import")
	return s.render(c, http.StatusOK, views.ImportPage(v))
}

// skippedLines names each VEVENT skipped (or adjusted) and says why, in
// Persian.
func skippedLines(skipped []*ical.EventError) []string {
	lines := make([]string, len(skipped))
	for i, e := range skipped {
		lines[i] = e.Persian()
	}
	return lines
}
