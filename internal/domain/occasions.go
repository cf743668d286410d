package domain

import (
	"encoding/json"
	"fmt"
)

// ParseOccasions reads an occasions catalogue (seeds/occasions.json) and
// validates every entry.
func ParseOccasions(data []byte) ([]Occasion, error) {
	var raw []struct {
		Key         string   `json:"key"`
		Name        string   `json:"name"`
		Month       int      `json:"month"`
		Day         int      `json:"day"`
		Length      int      `json:"length"`
		Holiday     bool     `json:"holiday"`
		Aliases     []string `json:"aliases"`
		Description string   `json:"description"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("parse occasions: %w", err)
	}
	out := make([]Occasion, 0, len(raw))
	seen := map[string]bool{}
	for _, r := range raw {
		o := Occasion{Key: r.Key, Name: r.Name, Month: r.Month, Day: r.Day, Length: r.Length,
			Holiday: r.Holiday, Aliases: r.Aliases, Description: r.Description}
		if err := o.Validate(); err != nil {
			return nil, fmt.Errorf("parse occasions: %q: %w", r.Key, err)
		}
		if r.Key == "" || seen[r.Key] {
			return nil, fmt.Errorf("parse occasions: missing or repeated key %q", r.Key)
		}
		seen[r.Key] = true
		out = append(out, o)
	}
	return out, nil
}

// DuplicatesOccasion returns the catalogue occasion that e repeats, if any:
// e is a confirmed event of kind occasion, its occasion key names one of
// occasions, and its days are that occasion's days in e's first year (a
// mined «روز ملی ارتباطات و روابط عمومی» on 1403/02/27, once confirmed).
// Calendars show such an event once, as the catalogue occasion; the event
// keeps its own page, and its article its link to it.
func DuplicatesOccasion(e Event, occasions []Occasion) (Occasion, bool) {
	if e.Status != StatusConfirmed || e.Kind != KindOccasion || e.Occasion == "" || !e.Dated() {
		return Occasion{}, false
	}
	for _, o := range occasions {
		if o.Key != e.Occasion {
			continue
		}
		start, end, ok := o.In(e.Start.Year)
		return o, ok && start == e.Start && end == e.End
	}
	return Occasion{}, false
}
