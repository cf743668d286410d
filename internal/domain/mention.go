package domain

import (
	"fmt"
	"strings"

	"github.com/ruydad/ruydad/internal/jalali"
)

// ArticleOccasion links an article to an occasion of the calendar that it
// names on the days of one of its occurrences (هفته دولت in a report of
// the week's ceremonies). The calendar already has the occasion, so it is
// a link, not an event to review.
type ArticleOccasion struct {
	ID        int64
	ArticleID int64
	Occasion  string // the occasion's key
	// Name is the occasion's name: its current one when the calendar still
	// has the occasion (Known), else the one it had when the article was
	// mined.
	Name          string
	Known         bool
	Start, End    jalali.Date // the days the article names; End == Start for one day
	EvidenceStart int         // byte offsets into the article's stored text
	EvidenceEnd   int
	Confidence    float64
	ReviewNote    string // how the year was chosen, when it was guessed
}

// Evidence returns the span of the article's text that names the occasion.
func (o ArticleOccasion) Evidence() Span { return Span{o.EvidenceStart, o.EvidenceEnd} }

// Validate checks o against the text of its article.
func (o ArticleOccasion) Validate(text string) error {
	switch {
	case strings.TrimSpace(o.Occasion) == "":
		return fmt.Errorf("occasion: no key: %w", ValidationError{fieldError(FieldOccasion, CodeOccasionKeyMissing)})
	case !o.Start.Valid() || !o.End.Valid() || o.End.Before(o.Start):
		return fmt.Errorf("occasion %s: days %v to %v: %w", o.Occasion, o.Start, o.End,
			ValidationError{fieldError(FieldStart, CodeOccasionDays)})
	case !o.Evidence().In(text):
		return fmt.Errorf("occasion %s: evidence %d..%d outside the text: %w", o.Occasion, o.EvidenceStart, o.EvidenceEnd,
			ValidationError{fieldError(FieldEvidence, CodeEvidenceOutside)})
	case o.Confidence < 0 || o.Confidence > 1:
		return fmt.Errorf("occasion %s: confidence %v: %w", o.Occasion, o.Confidence,
			ValidationError{fieldError(FieldConfidence, CodeConfidenceRange)})
	}
	return nil
}
