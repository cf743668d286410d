package web

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/ical"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/locale"
	"github.com/ruydad/ruydad/views"
)

// reminderOffers are the reminders the event form always offers.
var reminderOffers = []domain.Reminder{domain.ReminderQuarter, domain.ReminderHour, domain.ReminderDay, domain.ReminderWeek}

// formReminders reads the ticked reminders (the "reminders" checkboxes,
// several at once) as the form keeps them: their values, comma-separated.
func formReminders(c echo.Context) string {
	params, err := c.FormParams()
	if err != nil {
		return ""
	}
	var ticked []string
	for _, v := range params["reminders"] {
		if v = strings.TrimSpace(v); v != "" {
			ticked = append(ticked, v)
		}
	}
	return strings.Join(ticked, ",")
}

// parseReminders reads the form's reminders; ok is false when a value is
// not a count of minutes (a forged or mangled post).
func parseReminders(s string) (domain.Reminders, bool) {
	if s == "" {
		return "", true
	}
	var list []domain.Reminder
	for _, v := range strings.Split(s, ",") {
		n, err := strconv.Atoi(jalali.LatinDigits(v))
		if err != nil {
			return "", false
		}
		list = append(list, domain.Reminder(n))
	}
	return domain.RemindersOf(list...), true
}

// applyReminders sets e's reminders from the form's, recording in errs a
// value that cannot be read.
func applyReminders(s string, e *domain.Event, errs *domain.ValidationError) {
	rs, ok := parseReminders(s)
	if !ok {
		errs.Set(domain.FieldError{Field: domain.FieldReminders, Code: domain.CodeReminderUnreadable})
		return
	}
	e.Reminders = rs
}

// reminderChoices are the form's reminder checkboxes: the usual ones and
// any other the event has (one imported from another calendar app, say),
// the earliest first, those in ticked (the form's value) ticked.
func reminderChoices(ticked string) []views.ReminderChoice {
	on := map[string]bool{}
	for _, v := range strings.Split(ticked, ",") {
		on[v] = v != ""
	}
	all := slices.Clone(reminderOffers)
	if rs, ok := parseReminders(ticked); ok {
		list, _ := rs.List()
		all = append(all, list...)
	}
	slices.SortFunc(all, func(a, b domain.Reminder) int { return int(b - a) })
	all = slices.Compact(all)
	out := make([]views.ReminderChoice, len(all))
	for i, r := range all {
		v := strconv.Itoa(int(r))
		out[i] = views.ReminderChoice{Value: v, Label: locale.Reminder(r), Checked: on[v]}
	}
	return out
}

// reminderDetail is the event page's line about e's reminders, if it has
// any.
func reminderDetail(e domain.Event) []views.Detail {
	if s := locale.Reminders(e.Reminders); s != "" {
		return []views.Detail{{Label: "یادآوری", Value: s}}
	}
	return nil
}

// addIgnoredAlarms puts in the query of the page after an import how many
// VALARMs of the file became no reminder (?alarms=) and why, each reason
// once (?alarm=, an ical.AlarmProblem).
func addIgnoredAlarms(q url.Values, ignored []ical.IgnoredAlarm) {
	if len(ignored) == 0 {
		return
	}
	q.Set("alarms", strconv.Itoa(len(ignored)))
	seen := map[ical.AlarmProblem]bool{}
	for _, a := range ignored {
		if !seen[a.Why] {
			seen[a.Why] = true
			q.Add("alarm", string(a.Why))
		}
	}
}
