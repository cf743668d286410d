package domain

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ruydad/ruydad/internal/jalali"
)

// Field length limits, in characters.
const (
	MaxTitle       = 300
	MaxDescription = 10000
	MaxShortField  = 200
)

// Event is something that happens on a Jalali date or range of dates.
type Event struct {
	ID           int64
	UID          string // stable across edits and restarts; used by iCal
	Title        string
	Description  string
	Kind         Kind
	Start        jalali.Date
	End          jalali.Date // inclusive; equal to Start for a one-day event
	StartTime    string      // "HH:MM" or "" for an all-day event
	EndTime      string      // "HH:MM" or ""
	Location     string
	Province     string
	Organization string
	Owner        string // the person responsible for it (iCal CONTACT)
	Repeat       Repeat // how it repeats (weekly, monthly, yearly…); zero for a one-off event
	// Of names the occurrence of a series this event stands in for (moved
	// or changed); zero for any other event.
	Of        Override
	Reminders Reminders
	Status    Status

	// Set on mined events.
	ArticleID     int64 // 0 when typed in by hand
	EvidenceStart int   // byte offsets into the article's stored text
	EvidenceEnd   int
	Precision     Precision
	Confidence    float64
	ReviewNote    string // why a person should look (year guessed, …)
	Occasion      string // key of the occasion the event names, if any

	Sequence  int // incremented on every edit (iCal SEQUENCE)
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Repeats reports whether e is a series (it repeats by a rule).
func (e Event) Repeats() bool { return e.Repeat.Repeats() }

// Dated reports whether the event has a date (mined events may not).
func (e Event) Dated() bool { return !e.Start.IsZero() }

// CanBe reports whether e may have status s: an event without a date may
// only be proposed (mined, awaiting one) or rejected.
func (e Event) CanBe(s Status) bool {
	return e.Dated() || s == StatusProposed || s == StatusRejected
}

// Days returns how many days the event covers.
func (e Event) Days() int {
	if !e.Dated() {
		return 0
	}
	return e.Start.DaysUntil(e.Last()) + 1
}

// Last returns the event's last day: End, or Start when End is not set (a
// one-day event, as the store writes it).
func (e Event) Last() jalali.Date {
	if e.End.IsZero() {
		return e.Start
	}
	return e.End
}

var timeRE = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

// ValidTime reports whether s is a 24-hour HH:MM time.
func ValidTime(s string) bool { return timeRE.MatchString(s) }

// Validate checks e's fields and returns a ValidationError, or nil.
func (e Event) Validate() error {
	var v ValidationError
	title := strings.TrimSpace(e.Title)
	switch {
	case title == "":
		v.Set(fieldError(FieldTitle, CodeTitleMissing))
	case utf8.RuneCountInString(title) > MaxTitle:
		v.Set(FieldError{Field: FieldTitle, Code: CodeTitleTooLong, Max: MaxTitle})
	}
	if !e.Kind.Valid() {
		v.Set(fieldError(FieldKind, CodeKindUnknown))
	}
	if e.Status != "" && !e.Status.Valid() { // "" is taken as confirmed by the store
		v.Set(fieldError(FieldStatus, CodeStatusUnknown))
	}
	if !e.CanBe(e.Status) || !e.Start.IsZero() && !e.Start.Valid() {
		v.Set(fieldError(FieldStart, CodeStartInvalid))
	}
	if !e.End.IsZero() && !e.End.Valid() {
		v.Set(fieldError(FieldEnd, CodeEndInvalid))
	}
	if !e.Start.IsZero() && !e.End.IsZero() && e.End.Before(e.Start) {
		v.Set(fieldError(FieldEnd, CodeEndBeforeStart))
	}
	if e.Days() > 366 {
		v.Set(fieldError(FieldEnd, CodeLongerThanAYear))
	}
	if e.StartTime != "" && !ValidTime(e.StartTime) {
		v.Set(fieldError(FieldStartTime, CodeStartTimeFormat))
	}
	if e.EndTime != "" && !ValidTime(e.EndTime) {
		v.Set(fieldError(FieldEndTime, CodeEndTimeFormat))
	}
	if e.EndTime != "" && e.StartTime == "" {
		v.Set(fieldError(FieldStartTime, CodeEndTimeWithoutStart))
	}
	if e.StartTime != "" && e.EndTime != "" && e.Start == e.End && e.EndTime < e.StartTime && !v.Has(FieldEndTime) && !v.Has(FieldStartTime) {
		v.Set(fieldError(FieldEndTime, CodeEndTimeBeforeStart))
	}
	e.validateRepeat(&v)
	if utf8.RuneCountInString(e.Description) > MaxDescription {
		v.Set(FieldError{Field: FieldDescription, Code: CodeDescriptionTooLong, Max: MaxDescription})
	}
	for _, f := range []struct {
		field Field
		value string
	}{{FieldLocation, e.Location}, {FieldProvince, e.Province}, {FieldOrganization, e.Organization}, {FieldOwner, e.Owner}} {
		if utf8.RuneCountInString(f.value) > MaxShortField {
			v.Set(FieldError{Field: f.field, Code: CodeTooLong, Max: MaxShortField})
		}
	}
	if fe, ok := e.Reminders.check(); !ok {
		v.Set(fe)
	}
	return v.Err()
}

// Article is a news text from which events are mined.
type Article struct {
	ID        int64
	Title     string
	Text      string
	Source    string
	Province  string
	Published jalali.Date // zero when unknown
	// PublishedFrom is the dateline in Text (byte offsets) where the miner
	// read Published; zero when a person gave the date, or none is known.
	PublishedFrom Span
	Hash          string // sha256 of the normalized text, for de-duplication
	CreatedAt     time.Time
}

// Span is a run of an article's text, as byte offsets into it.
type Span struct{ Start, End int }

// IsZero reports whether s is empty (no span).
func (s Span) IsZero() bool { return s.Start == s.End }

// In reports whether s is a non-empty span of text.
func (s Span) In(text string) bool { return s.Start >= 0 && s.Start < s.End && s.End <= len(text) }

// MaxArticleBytes is the largest article text accepted.
const MaxArticleBytes = 2 << 20

// Validate checks an article's fields.
func (a Article) Validate() error {
	var v ValidationError
	switch {
	case strings.TrimSpace(a.Text) == "":
		v.Set(fieldError(FieldText, CodeTextMissing))
	case len(a.Text) > MaxArticleBytes:
		v.Set(fieldError(FieldText, CodeTextTooBig))
	case !utf8.ValidString(a.Text):
		v.Set(fieldError(FieldText, CodeTextNotUTF8))
	}
	if utf8.RuneCountInString(a.Title) > MaxTitle {
		v.Set(FieldError{Field: FieldTitle, Code: CodeTitleTooLong, Max: MaxTitle})
	}
	if utf8.RuneCountInString(a.Source) > MaxShortField {
		v.Set(FieldError{Field: FieldSource, Code: CodeSourceTooLong, Max: MaxShortField})
	}
	if utf8.RuneCountInString(a.Province) > MaxShortField {
		v.Set(FieldError{Field: FieldProvince, Code: CodeProvinceTooLong, Max: MaxShortField})
	}
	if !a.Published.IsZero() && !a.Published.Valid() {
		v.Set(fieldError(FieldPublished, CodePublishedInvalid))
	}
	if !a.PublishedFrom.IsZero() && (a.Published.IsZero() || !a.PublishedFrom.In(a.Text)) {
		v.Set(fieldError(FieldPublished, CodeDatelineInvalid))
	}
	return v.Err()
}
