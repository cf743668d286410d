package seeds_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/seeds"
)

var update = flag.Bool("update", false, "rewrite official-occasions.json from ../shared/data")

// sharedEvents is the official calendar's data file beside the project.
var sharedEvents = filepath.Join("..", "..", "shared", "data", "official-calendar", "events.json")

// provinces names the province of each provincial day of the official
// calendar (روز دزفول is a city's: Khuzestan's).
var provinces = map[string]string{
	"روز همدان": "همدان", "روز زنجان": "زنجان", "روز مازندران": "مازندران", "روز اصفهان": "اصفهان",
	"روز کرمان": "کرمان", "روز چهارمحال و بختیاری": "چهارمحال و بختیاری", "روز بوشهر": "بوشهر",
	"روز دزفول": "خوزستان", "روز سیستان و بلوچستان": "سیستان و بلوچستان",
}

type sourceEntry struct {
	Calendar string `json:"calendar"`
	Type     string `json:"type"`
	Rule     string `json:"rule"`
	Holiday  bool   `json:"holiday"`
	Month    int    `json:"month"`
	Day      int    `json:"day"`
	Weekday  *int   `json:"weekday"`
	Nth      int    `json:"nth"`
	Offset   int    `json:"offset"`
	Year     int    `json:"year"`
	Title    string `json:"title"`
	Metadata struct {
		BeginningPersianYear int    `json:"beginningPersianYear"`
		Alias                string `json:"alias"`
	} `json:"metadata"`
}

var (
	calendars = map[string]string{"Persian": "jalali", "Hijri": "hijri", "Gregorian": "gregorian"}
	rules     = map[string]string{"simple": "date", "nth weekday of month": "nth-weekday",
		"last weekday of month": "last-weekday", "end of month": "month-end", "single event": "once", "nth day from": "nth-day"}
	groups = map[string]string{"Iran": domain.GroupOfficial, "International": domain.GroupInternational}
)

// official turns the official calendar's data into catalogue entries: Iran's
// entries (group official) and the international days (group
// international, hidden until an office shows them); Afghanistan's and the
// ancient Iranian feasts are left out.
func official(t *testing.T, data []byte) []domain.CatalogueEntry {
	t.Helper()
	var src struct {
		Data []sourceEntry `json:"data"`
	}
	if err := json.Unmarshal(data, &src); err != nil {
		t.Fatal(err)
	}
	var out []domain.CatalogueEntry
	for _, s := range src.Data {
		group, ok := groups[s.Type]
		if !ok {
			continue
		}
		cal, rule := calendars[s.Calendar], rules[s.Rule]
		if cal == "" || rule == "" {
			t.Fatalf("%q: calendar %q or rule %q is new", s.Title, s.Calendar, s.Rule)
		}
		sum := sha256.Sum256([]byte(s.Title))
		prefix := map[string]string{domain.GroupOfficial: "ir", domain.GroupInternational: "int"}[group]
		e := domain.CatalogueEntry{
			Key:  fmt.Sprintf("%s-%c%02d%02d-%s", prefix, cal[0], s.Month, s.Day, hex.EncodeToString(sum[:3])),
			Name: s.Title, Calendar: cal, Rule: rule, Month: s.Month, Day: s.Day, Weekday: s.Weekday, Nth: s.Nth,
			Offset: s.Offset, Year: s.Year, FromYear: s.Metadata.BeginningPersianYear, Holiday: s.Holiday,
			Province: provinces[s.Title], Group: group, Hidden: group == domain.GroupInternational, Aliases: []string{},
		}
		if s.Metadata.Alias != "" {
			e.Aliases = append(e.Aliases, s.Metadata.Alias)
		}
		out = append(out, e)
	}
	return out
}

// encodeEntries writes one entry a line, so that a change reads as a diff.
func encodeEntries(t *testing.T, entries []domain.CatalogueEntry) []byte {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("[\n")
	for i, e := range entries {
		var line bytes.Buffer
		enc := json.NewEncoder(&line)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(e); err != nil {
			t.Fatal(err)
		}
		b.WriteString("  ")
		b.Write(bytes.TrimSuffix(line.Bytes(), []byte("\n")))
		if i < len(entries)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	return b.Bytes()
}

// TestOfficialOccasionsFromData: official-occasions.json is exactly what
// the official calendar's data file gives (go test ./seeds -update
// rewrites it).
func TestOfficialOccasionsFromData(t *testing.T) {
	data, err := os.ReadFile(sharedEvents)
	if os.IsNotExist(err) {
		t.Skipf("%s is not beside the project", sharedEvents)
	}
	if err != nil {
		t.Fatal(err)
	}
	want := encodeEntries(t, official(t, data))
	if *update {
		if err := os.WriteFile("official-occasions.json", want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(seeds.OfficialOccasions, want) {
		t.Fatal("official-occasions.json differs from what ../shared/data gives; run go test ./seeds -update and review the diff")
	}
	entries := official(t, data)
	counts := map[string]int{}
	for _, e := range entries {
		counts[e.Group+" "+e.Calendar]++
	}
	// The data's README: 332 Jalali, 82 Hijri and 31 Gregorian entries for
	// Iran, 85 international days.
	for k, n := range map[string]int{"official jalali": 332, "official hijri": 82, "official gregorian": 31, "international gregorian": 85} {
		if counts[k] != n {
			t.Errorf("%s: %d entries, want %d", k, counts[k], n)
		}
	}
}

// TestCatalogue: the curated and official files make one valid catalogue
// of about 550 occasions with unique keys, in which every official holiday
// of Iran is still a holiday.
func TestCatalogue(t *testing.T) {
	cat, err := domain.ParseCatalogue(seeds.Occasions, seeds.OfficialOccasions)
	if err != nil {
		t.Fatal(err)
	}
	if len(cat) < 500 {
		t.Errorf("%d occasions in the catalogue", len(cat))
	}
	keys := map[string]bool{}
	for _, o := range cat {
		if keys[o.Key] {
			t.Errorf("key %q twice", o.Key)
		}
		keys[o.Key] = true
		if err := o.Validate(); err != nil {
			t.Errorf("%q: %v", o.Key, err)
		}
	}
	for _, key := range []string{"pr-day", "government-week", "journalist-day", "ashura", "tasua", "eid-fitr", "ramadan"} {
		if !keys[key] {
			t.Errorf("no occasion %q", key)
		}
	}
}
