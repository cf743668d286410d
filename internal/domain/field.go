package domain

import (
	"slices"
	"strings"
)

// Field names what a FieldError is about: a field of an event, article,
// occasion, user or Hijri correction. Forms and files map it to where the
// value came from (an input's name, an iCal property).
type Field string

// The fields validation speaks of.
const (
	// Events (and articles, occasions, where they share a field).
	FieldTitle        Field = "title"
	FieldKind         Field = "kind"
	FieldStatus       Field = "status"
	FieldStart        Field = "start"
	FieldEnd          Field = "end"
	FieldStartTime    Field = "start_time"
	FieldEndTime      Field = "end_time"
	FieldDescription  Field = "description"
	FieldLocation     Field = "location"
	FieldProvince     Field = "province"
	FieldOrganization Field = "organization"
	FieldOwner        Field = "owner"
	FieldReminders    Field = "reminders"

	// An event's repeat.
	FieldRepeat         Field = "repeat"
	FieldRepeatInterval Field = "repeat_interval"
	FieldRepeatDays     Field = "repeat_days"
	FieldRepeatNth      Field = "repeat_nth"
	FieldRepeatUntil    Field = "repeat_until"
	FieldRepeatCount    Field = "repeat_count"

	// Articles.
	FieldText      Field = "text"
	FieldSource    Field = "source"
	FieldPublished Field = "published"

	// Occasions and their recurrence.
	FieldName     Field = "name" // also a user's name
	FieldGroup    Field = "group"
	FieldAliases  Field = "aliases"
	FieldCalendar Field = "calendar"
	FieldRule     Field = "rule"
	FieldMonth    Field = "month"
	FieldDay      Field = "day"
	FieldWeekday  Field = "weekday"
	FieldNth      Field = "nth"
	FieldOffset   Field = "offset"
	FieldLength   Field = "length"
	FieldYear     Field = "year"
	FieldFromYear Field = "from_year"
	FieldToYear   Field = "to_year"

	// Users.
	FieldRole     Field = "role"
	FieldPassword Field = "password"

	// An article's mention of an occasion.
	FieldOccasion   Field = "occasion"
	FieldEvidence   Field = "evidence"
	FieldConfidence Field = "confidence"

	// A Hijri month's correction.
	FieldNote Field = "note"

	// An occasion an office prepares for.
	FieldLeadDays Field = "lead_days"

	// A news source (and a link pasted for an article).
	FieldURL      Field = "url"
	FieldInterval Field = "interval"
)

// Code says what is wrong with a field. Each code is one sentence of the
// web's message catalogue (internal/locale), worded there with the
// FieldError's parameters: validation writes no Persian.
type Code string

// The codes of the domain's validation.
const (
	// Events.
	CodeTitleMissing        Code = "title_missing"
	CodeTitleTooLong        Code = "title_too_long" // Max
	CodeKindUnknown         Code = "kind_unknown"
	CodeStatusUnknown       Code = "status_unknown"
	CodeStartInvalid        Code = "start_invalid"
	CodeEndInvalid          Code = "end_invalid"
	CodeEndBeforeStart      Code = "end_before_start"
	CodeLongerThanAYear     Code = "longer_than_a_year"
	CodeStartTimeFormat     Code = "start_time_format"
	CodeEndTimeFormat       Code = "end_time_format"
	CodeEndTimeWithoutStart Code = "end_time_without_start"
	CodeEndTimeBeforeStart  Code = "end_time_before_start"
	CodeDescriptionTooLong  Code = "description_too_long" // Max
	CodeTooLong             Code = "too_long"             // Max; a field the message does not name
	CodeReminderUnreadable  Code = "reminder_unreadable"
	CodeReminderRange       Code = "reminder_range"     // Max: days before the start
	CodeTooManyReminders    Code = "too_many_reminders" // Max

	// An event's repeat.
	CodeRepeatUnknown            Code = "repeat_unknown"
	CodeRepeatRulesWithoutRepeat Code = "repeat_rules_without_repeat"
	CodeRepeatUndated            Code = "repeat_undated"
	CodeRepeatIntervalRange      Code = "repeat_interval_range" // Min, Max
	CodeRepeatDaysMissing        Code = "repeat_days_missing"
	CodeRepeatStartNotOnDay      Code = "repeat_start_not_on_day"
	CodeRepeatNthUnknown         Code = "repeat_nth_unknown"
	CodeRepeatStartNotNth        Code = "repeat_start_not_nth"
	CodeRepeatTooLong            Code = "repeat_too_long" // Max
	CodeRepeatUntilInvalid       Code = "repeat_until_invalid"
	CodeRepeatUntilBeforeStart   Code = "repeat_until_before_start"
	CodeRepeatUntilAndCount      Code = "repeat_until_and_count"
	CodeRepeatCountRange         Code = "repeat_count_range"      // Min, Max
	CodeRepeatTooManySkipped     Code = "repeat_too_many_skipped" // Max
	CodeRepeatSkippedInvalid     Code = "repeat_skipped_invalid"
	CodeRepeatOverrideInvalid    Code = "repeat_override_invalid"

	// Articles.
	CodeTextMissing      Code = "text_missing"
	CodeTextTooBig       Code = "text_too_big"
	CodeTextNotUTF8      Code = "text_not_utf8"
	CodeSourceTooLong    Code = "source_too_long"   // Max
	CodeProvinceTooLong  Code = "province_too_long" // Max
	CodePublishedInvalid Code = "published_invalid"
	CodeDatelineInvalid  Code = "dateline_invalid"

	// Occasions.
	CodeNameMissing    Code = "name_missing"
	CodeNameTooLong    Code = "name_too_long" // Max
	CodeGroupUnknown   Code = "group_unknown"
	CodeTooManyAliases Code = "too_many_aliases" // Max
	CodeAliasTooLong   Code = "alias_too_long"   // Max

	// Recurrences.
	CodeCalendarUnknown   Code = "calendar_unknown"
	CodeRuleUnknown       Code = "rule_unknown"
	CodeMonthUnknown      Code = "month_unknown"
	CodeDayNotInMonth     Code = "day_not_in_month" // Calendar, Month; Max: the most days the month has
	CodeWeekdayUnknown    Code = "weekday_unknown"
	CodeNthWeekdayUnknown Code = "nth_weekday_unknown"
	CodeNthDayRange       Code = "nth_day_range"     // Min, Max
	CodeNthDayPastYear    Code = "nth_day_past_year" // Calendar; Max: the most the count may be
	CodeOffsetRange       Code = "offset_range"      // Max
	CodeLengthRange       Code = "length_range"      // Min, Max
	CodeYearMissing       Code = "year_missing"
	CodeYearRange         Code = "year_range"            // Calendar, Min, Max
	CodeDayNotInYearMonth Code = "day_not_in_year_month" // Calendar, Year, Month; Max: the days of that month
	CodeFromYearRange     Code = "from_year_range"       // Min, Max
	CodeToYearRange       Code = "to_year_range"         // Min, Max
	CodeToYearBeforeFrom  Code = "to_year_before_from"

	// Hijri corrections.
	CodeMonthStartInvalid Code = "month_start_invalid"

	// Preparations.
	CodeLeadDaysRange Code = "lead_days_range" // Min, Max

	// News sources and links.
	CodeURLMissing    Code = "url_missing"
	CodeURLTooLong    Code = "url_too_long" // Max
	CodeURLInvalid    Code = "url_invalid"
	CodeURLScheme     Code = "url_scheme"
	CodeIntervalRange Code = "interval_range" // Min, Max: minutes

	// Users.
	CodeUserNameInvalid Code = "user_name_invalid"
	// CodeUserNameMixedScripts: a name that could pass for another (its
	// letters of two scripts, or look-alike forms: see ValidateUser).
	CodeUserNameMixedScripts Code = "user_name_mixed_scripts"
	CodeRoleUnknown          Code = "role_unknown"
	CodePasswordTooShort     Code = "password_too_short" // Min
	CodePasswordTooLong      Code = "password_too_long"  // Max

	// An article's mention of an occasion.
	CodeOccasionKeyMissing Code = "occasion_key_missing"
	CodeOccasionDays       Code = "occasion_days_invalid"
	CodeEvidenceOutside    Code = "evidence_outside_text"
	CodeConfidenceRange    Code = "confidence_range"
)

// The codes of input that cannot be read as a value (a date typed so that
// it is none), and of rules a request breaks rather than a record: forms
// and the handlers behind them return these.
const (
	CodeStartMissing          Code = "start_missing"
	CodeStartUnreadable       Code = "start_unreadable"
	CodeEndUnreadable         Code = "end_unreadable"
	CodeRepeatUntilUnreadable Code = "repeat_until_unreadable"
	CodePublishedUnreadable   Code = "published_unreadable"
	CodePublishedNotFound     Code = "published_not_found"
	CodeTextUnreadable        Code = "text_unreadable"
	CodeNotANumber            Code = "not_a_number"
	CodeOffsetUnknown         Code = "offset_unknown"
	CodeMonthStartUnreadable  Code = "month_start_unreadable"
	CodeNoteTooLong           Code = "note_too_long" // Max
	CodeNameTaken             Code = "name_taken"
	CodeLastAdmin             Code = "last_admin"
	CodeLastAdminDeleted      Code = "last_admin_deleted"
	CodeOwnAccount            Code = "own_account"
	CodeSourceTaken           Code = "source_taken"
	CodeIntervalUnreadable    Code = "interval_unreadable"
	// A link that could not be fetched or read (the article form's URL):
	// the FetchProblem's sentence is shown instead (locale.FetchProblem).
	CodeLinkUnfetched Code = "link_unfetched"

	// A date typed plainly whose day does not exist (31 Mehr, 30 Esfand of a
	// common year): Calendar, Year, Month and Day as typed; Max: the days of
	// that month, 0 when there is no such month.
	CodeNoSuchDay Code = "no_such_day"
	// A date typed with a weekday it does not fall on: Year, Month, Day of
	// the (Jalali) date.
	CodeWrongWeekday Code = "wrong_weekday"
)

// FieldError is what is wrong with one field. The other fields are the
// parameters its Code's message needs (see each code), zero otherwise.
type FieldError struct {
	Field Field
	Code  Code

	Min, Max    int            // bounds: a length, a count, a range of years
	Calendar    CalendarSystem // the calendar a day, month or year is counted in
	Year, Month int            // the month (and year) a day is counted in
	Day         int            // a day typed (CodeNoSuchDay, CodeWrongWeekday)
}

// String says in English what is wrong, for logs and the command line.
func (e FieldError) String() string { return string(e.Field) + " (" + string(e.Code) + ")" }

// ValidationError is what is wrong with a record or a form: at most one
// FieldError per field, in the order found. Handlers show each beside its
// field, in Persian, through the web's message catalogue.
type ValidationError []FieldError

// Error lists the fields at fault, sorted, with their codes (for logs and
// the command line): "invalid end (end_before_start), title (title_missing)".
func (v ValidationError) Error() string {
	parts := make([]string, 0, len(v))
	for _, e := range v {
		parts = append(parts, e.String())
	}
	slices.Sort(parts)
	return "invalid " + strings.Join(parts, ", ")
}

// Set records e, in place of the error its field had, if any.
func (v *ValidationError) Set(e FieldError) {
	if i := v.index(e.Field); i >= 0 {
		(*v)[i] = e
		return
	}
	*v = append(*v, e)
}

// Add records e unless its field already has an error: the first error
// found on a field is the one shown.
func (v *ValidationError) Add(e FieldError) {
	if !v.Has(e.Field) {
		*v = append(*v, e)
	}
}

// Has reports whether field f has an error.
func (v ValidationError) Has(f Field) bool { return v.index(f) >= 0 }

// Get returns field f's error, if it has one.
func (v ValidationError) Get(f Field) (FieldError, bool) {
	if i := v.index(f); i >= 0 {
		return v[i], true
	}
	return FieldError{}, false
}

func (v ValidationError) index(f Field) int {
	return slices.IndexFunc(v, func(e FieldError) bool { return e.Field == f })
}

// Err returns v as an error, or nil when it holds none.
func (v ValidationError) Err() error {
	if len(v) == 0 {
		return nil
	}
	return v
}

// fieldError is a FieldError with no parameters.
func fieldError(f Field, c Code) FieldError { return FieldError{Field: f, Code: c} }
