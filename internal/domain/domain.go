// Package domain holds ruydad's types (events, articles, occasions), their
// validation and the domain errors that storage and handlers share.
package domain

import (
	"errors"
	"time"

	"github.com/ruydad/ruydad/internal/jalali"
)

// ErrNotFound is returned when a requested record does not exist.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned when a write would duplicate an existing record.
var ErrConflict = errors.New("conflict")

// Kind is what sort of event something is.
type Kind string

// The kinds of event.
const (
	KindOccasion        Kind = "occasion"
	KindMeeting         Kind = "meeting"
	KindCeremony        Kind = "ceremony"
	KindConference      Kind = "conference"
	KindPressConference Kind = "press_conference"
	KindMediaTour       Kind = "media_tour"
	KindTraining        Kind = "training"
	KindFestival        Kind = "festival"
	KindVisit           Kind = "visit"
	KindInauguration    Kind = "inauguration"
	KindAward           Kind = "award"
	KindOther           Kind = "other"
)

// Kinds lists every kind in the order forms offer them.
var Kinds = []Kind{
	KindMeeting, KindCeremony, KindConference, KindPressConference, KindMediaTour, KindTraining,
	KindFestival, KindVisit, KindInauguration, KindAward, KindOccasion, KindOther,
}

var kindLabels = map[Kind]string{
	KindOccasion:        "مناسبت",
	KindMeeting:         "جلسه",
	KindCeremony:        "مراسم",
	KindConference:      "همایش",
	KindPressConference: "نشست خبری",
	KindMediaTour:       "تور رسانه‌ای",
	KindTraining:        "دوره آموزشی",
	KindFestival:        "جشنواره",
	KindVisit:           "بازدید",
	KindInauguration:    "افتتاح",
	KindAward:           "تجلیل و جایزه",
	KindOther:           "سایر",
}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool { _, ok := kindLabels[k]; return ok }

// Label returns the Persian name of k.
func (k Kind) Label() string { return kindLabels[k] }

// Status is the review state of an event.
type Status string

// The review states. Events typed in by hand are confirmed.
const (
	StatusProposed  Status = "proposed"
	StatusConfirmed Status = "confirmed"
	StatusRejected  Status = "rejected"
)

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	return s == StatusProposed || s == StatusConfirmed || s == StatusRejected
}

// Label returns the Persian name of s.
func (s Status) Label() string {
	switch s {
	case StatusProposed:
		return "پیشنهادی"
	case StatusConfirmed:
		return "تأییدشده"
	case StatusRejected:
		return "ردشده"
	}
	return ""
}

// Precision says how exactly a mined date is known.
type Precision string

// The precisions of a mined date.
const (
	PrecisionDay   Precision = "day"
	PrecisionWeek  Precision = "week"
	PrecisionMonth Precision = "month"
)

// EventFilter narrows an event listing. Empty fields do not filter; an empty
// Statuses means confirmed only.
type EventFilter struct {
	Statuses     []Status
	Kind         Kind
	Province     string
	Organization string
}

// ArticleSummary is an article as a list shows it.
type ArticleSummary struct {
	ID        int64
	Title     string
	Source    string
	Province  string
	Published jalali.Date
	CreatedAt time.Time
	Events    int // events mined from it
	Proposed  int // of which still awaiting review
}
