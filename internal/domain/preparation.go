package domain

import "time"

// MaxLeadDays is the longest an office may start preparing for an
// occasion before it.
const MaxLeadDays = 180

// Preparation is an occasion an office works on: from LeadDays days before
// each of its occurrences, the agenda lists it to prepare for, and the feed
// asked for reminders reminds of it then.
type Preparation struct {
	Occasion  string // the occasion's Key
	LeadDays  int
	UpdatedAt time.Time
}

// Validate checks p's fields and returns a ValidationError, or nil.
func (p Preparation) Validate() error {
	var v ValidationError
	if p.Occasion == "" {
		v.Set(fieldError(FieldOccasion, CodeOccasionKeyMissing))
	}
	if p.LeadDays < 1 || p.LeadDays > MaxLeadDays {
		v.Set(FieldError{Field: FieldLeadDays, Code: CodeLeadDaysRange, Min: 1, Max: MaxLeadDays})
	}
	return v.Err()
}
