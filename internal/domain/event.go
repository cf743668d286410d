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
	Yearly       bool // recurs every Jalali year on the same month and day
	Status       Status

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

// Validate checks e's fields and returns a ValidationError with Persian
// messages keyed by form field name, or nil.
func (e Event) Validate() error {
	v := ValidationError{}
	title := strings.TrimSpace(e.Title)
	switch {
	case title == "":
		v["title"] = "عنوان رویداد را بنویسید."
	case utf8.RuneCountInString(title) > MaxTitle:
		v["title"] = "عنوان بیش از " + jalali.FaNum(MaxTitle) + " نویسه است."
	}
	if !e.Kind.Valid() {
		v["kind"] = "نوع رویداد را از فهرست انتخاب کنید."
	}
	if e.Status != "" && !e.Status.Valid() { // "" is taken as confirmed by the store
		v["status"] = "وضعیت رویداد باید پیشنهادی، تأییدشده یا ردشده باشد."
	}
	if !e.CanBe(e.Status) || !e.Start.IsZero() && !e.Start.Valid() {
		v["start"] = "تاریخ شروع معتبر نیست."
	}
	if !e.End.IsZero() && !e.End.Valid() {
		v["end"] = "تاریخ پایان معتبر نیست (سال‌های ۱۰۰۰ تا ۳۰۰۰)."
	}
	if !e.Start.IsZero() && !e.End.IsZero() && e.End.Before(e.Start) {
		v["end"] = "تاریخ پایان نمی‌تواند پیش از تاریخ شروع باشد."
	}
	if e.Days() > 366 {
		v["end"] = "رویداد نمی‌تواند بیش از یک سال طول بکشد."
	}
	if e.StartTime != "" && !ValidTime(e.StartTime) {
		v["start_time"] = "ساعت شروع را به شکل ۰۹:۳۰ بنویسید."
	}
	if e.EndTime != "" && !ValidTime(e.EndTime) {
		v["end_time"] = "ساعت پایان را به شکل ۱۷:۰۰ بنویسید."
	}
	if e.EndTime != "" && e.StartTime == "" {
		v["start_time"] = "برای ساعت پایان، ساعت شروع را هم بنویسید."
	}
	if e.StartTime != "" && e.EndTime != "" && e.Start == e.End && e.EndTime < e.StartTime && v["end_time"] == "" && v["start_time"] == "" {
		v["end_time"] = "ساعت پایان پیش از ساعت شروع است."
	}
	if utf8.RuneCountInString(e.Description) > MaxDescription {
		v["description"] = "توضیحات بیش از " + jalali.FaNum(MaxDescription) + " نویسه است."
	}
	for field, val := range map[string]string{"location": e.Location, "province": e.Province, "organization": e.Organization} {
		if utf8.RuneCountInString(val) > MaxShortField {
			v[field] = "این فیلد بیش از " + jalali.FaNum(MaxShortField) + " نویسه است."
		}
	}
	if len(v) > 0 {
		return v
	}
	return nil
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
	v := ValidationError{}
	switch {
	case strings.TrimSpace(a.Text) == "":
		v["text"] = "متن خبر را وارد کنید."
	case len(a.Text) > MaxArticleBytes:
		v["text"] = "متن خبر بیش از ۲ مگابایت است."
	case !utf8.ValidString(a.Text):
		v["text"] = "متن خبر نویسه‌های نامعتبر دارد (UTF-8 نیست)."
	}
	if utf8.RuneCountInString(a.Title) > MaxTitle {
		v["title"] = "عنوان بیش از " + jalali.FaNum(MaxTitle) + " نویسه است."
	}
	if utf8.RuneCountInString(a.Source) > MaxShortField {
		v["source"] = "منبع بیش از " + jalali.FaNum(MaxShortField) + " نویسه است."
	}
	if utf8.RuneCountInString(a.Province) > MaxShortField {
		v["province"] = "استان بیش از " + jalali.FaNum(MaxShortField) + " نویسه است."
	}
	if !a.Published.IsZero() && !a.Published.Valid() {
		v["published"] = "تاریخ انتشار معتبر نیست."
	}
	if !a.PublishedFrom.IsZero() && (a.Published.IsZero() || !a.PublishedFrom.In(a.Text)) {
		v["published"] = "جای تاریخ انتشار در متن خبر معتبر نیست."
	}
	if len(v) > 0 {
		return v
	}
	return nil
}
