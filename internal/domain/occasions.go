package domain

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/ruydad/ruydad/internal/jalali"
)

// CatalogueEntry is an occasion as the built-in catalogue files
// (seeds/occasions.json, seeds/official-occasions.json) and the JSON dump
// write it. Omitted fields take the defaults of a plain yearly Jalali day:
// calendar "jalali", rule "date", length 1.
type CatalogueEntry struct {
	Key         string   `json:"key"`
	Name        string   `json:"name"`
	Calendar    string   `json:"calendar,omitempty"`
	Rule        string   `json:"rule,omitempty"`
	Month       int      `json:"month"`
	Day         int      `json:"day,omitempty"`
	Weekday     *int     `json:"weekday,omitempty"`
	Nth         int      `json:"nth,omitempty"`
	Offset      int      `json:"offset,omitempty"`
	Length      int      `json:"length,omitempty"`
	Year        int      `json:"year,omitempty"`
	FromYear    int      `json:"from_year,omitempty"`
	ToYear      int      `json:"to_year,omitempty"`
	Holiday     bool     `json:"holiday"`
	Province    string   `json:"province,omitempty"`
	Group       string   `json:"group,omitempty"`
	Hidden      bool     `json:"hidden,omitempty"`
	Aliases     []string `json:"aliases"`
	Description string   `json:"description"`
	// Replaces names the official entries a curated entry stands for (a
	// week or a decade for its «آغاز هفتهٔ …» day); only in seeds/occasions.json.
	Replaces []string `json:"replaces,omitempty"`
}

// Occasion returns e as an occasion (with the defaults filled in), not
// validated.
func (e CatalogueEntry) Occasion() Occasion {
	o := Occasion{Key: e.Key, Name: e.Name, Holiday: e.Holiday, Province: e.Province, Group: e.Group,
		Hidden: e.Hidden, Aliases: e.Aliases, Description: e.Description}
	o.Recurrence = Recurrence{Calendar: CalendarSystem(e.Calendar), Rule: RuleKind(e.Rule), Month: e.Month, Day: e.Day,
		Nth: e.Nth, Offset: e.Offset, Length: e.Length, Year: e.Year, FromYear: e.FromYear, ToYear: e.ToYear}
	if e.Weekday != nil {
		o.Weekday = jalali.Weekday(*e.Weekday)
	}
	if o.Calendar == "" {
		o.Calendar = CalJalali
	}
	if o.Rule == "" {
		o.Rule = RuleDate
	}
	if o.Length == 0 && o.Rule != RuleWholeMonth {
		o.Length = 1
	}
	return o
}

// EntryOf returns o as a catalogue entry (the form the dump writes).
func EntryOf(o Occasion) CatalogueEntry {
	e := CatalogueEntry{Key: o.Key, Name: o.Name, Calendar: string(o.Calendar), Rule: string(o.Rule), Month: o.Month,
		Day: o.Day, Nth: o.Nth, Offset: o.Offset, Length: o.Length, Year: o.Year, FromYear: o.FromYear, ToYear: o.ToYear,
		Holiday: o.Holiday, Province: o.Province, Group: o.Group, Hidden: o.Hidden, Aliases: o.Aliases,
		Description: o.Description}
	if o.Rule.usesWeekday() {
		w := int(o.Weekday)
		e.Weekday = &w
	}
	if e.Aliases == nil {
		e.Aliases = []string{}
	}
	return e
}

// ParseOccasions reads a catalogue file (a JSON list of CatalogueEntry)
// and validates every entry; group defaults to GroupOfficial. Keys must be
// present and unique.
func ParseOccasions(data []byte) ([]Occasion, error) {
	entries, err := parseEntries(data)
	if err != nil {
		return nil, err
	}
	out := make([]Occasion, 0, len(entries))
	for _, e := range entries {
		out = append(out, e.Occasion())
	}
	return out, nil
}

func parseEntries(data []byte) ([]CatalogueEntry, error) {
	var entries []CatalogueEntry
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&entries); err != nil {
		return nil, fmt.Errorf("parse occasions: %w", err)
	}
	seen := map[string]bool{}
	for i := range entries {
		e := &entries[i]
		if e.Group == "" {
			e.Group = GroupOfficial
		}
		if err := e.Occasion().Validate(); err != nil {
			return nil, fmt.Errorf("parse occasions: %q: %w", e.Key, err)
		}
		if e.Key == "" || seen[e.Key] {
			return nil, fmt.Errorf("parse occasions: missing or repeated key %q", e.Key)
		}
		seen[e.Key] = true
	}
	return entries, nil
}

// ParseCatalogue builds the built-in catalogue from the curated file and
// the official one: every curated entry, then every official entry that no
// curated entry replaces. A curated entry replacing an unknown key, or a
// key in both files, is an error.
func ParseCatalogue(curated, official []byte) ([]Occasion, error) {
	cur, err := parseEntries(curated)
	if err != nil {
		return nil, fmt.Errorf("curated catalogue: %w", err)
	}
	off, err := parseEntries(official)
	if err != nil {
		return nil, fmt.Errorf("official catalogue: %w", err)
	}
	known := map[string]bool{}
	for _, e := range off {
		known[e.Key] = true
	}
	replaced := map[string]string{}
	out := make([]Occasion, 0, len(cur)+len(off))
	for _, e := range cur {
		if known[e.Key] {
			return nil, fmt.Errorf("catalogue: key %q is both curated and official", e.Key)
		}
		for _, k := range e.Replaces {
			if !known[k] {
				return nil, fmt.Errorf("catalogue: %q replaces %q, which is not an official entry", e.Key, k)
			}
			if by, dup := replaced[k]; dup {
				return nil, fmt.Errorf("catalogue: %q and %q both replace %q", by, e.Key, k)
			}
			replaced[k] = e.Key
		}
		out = append(out, e.Occasion())
	}
	for _, e := range off {
		if replaced[e.Key] == "" {
			out = append(out, e.Occasion())
		}
	}
	return out, nil
}
