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
