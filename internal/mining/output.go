package mining

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/ruydad/ruydad/internal/jalali"
)

type jsonEvent struct {
	Start      *string `json:"start"`
	End        *string `json:"end"`
	Precision  *string `json:"precision"`
	Kind       string  `json:"kind"`
	Title      string  `json:"title"`
	Evidence   string  `json:"evidence"`
	Confidence float64 `json:"confidence"`
}

type jsonLine struct {
	Source    string      `json:"source"`
	Published *string     `json:"published"`
	Events    []jsonEvent `json:"events"`
}

func datePtr(d jalali.Date) *string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

// JSONLine returns the result as one line of JSON (no trailing newline):
// {"source": …, "published": "YYYY/MM/DD" or null, "events": [{"start",
// "end" (null for one day), "precision", "kind", "title", "evidence",
// "confidence"}]}. Undated candidates have "start", "end" and "precision"
// null.
func (r Result) JSONLine(source string) ([]byte, error) {
	line := jsonLine{Source: source, Published: datePtr(r.Published), Events: make([]jsonEvent, 0, len(r.Events))}
	for _, c := range r.Events {
		ev := jsonEvent{Start: datePtr(c.Start), Kind: string(c.Kind),
			Title: c.Title, Evidence: c.Evidence, Confidence: c.Confidence}
		if c.Dated() && c.Precision != "" {
			p := string(c.Precision)
			ev.Precision = &p
		}
		if c.Dated() && c.End != c.Start {
			ev.End = datePtr(c.End)
		}
		line.Events = append(line.Events, ev)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(line); err != nil {
		return nil, fmt.Errorf("encode mined events of %q: %w", source, err)
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// Text returns the result for people: the source, the publication date,
// the headline and one block per candidate.
func (r Result) Text(source string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", source)
	switch {
	case r.Published.IsZero():
		b.WriteString("  published: unknown\n")
	case r.PublishedFromText:
		fmt.Fprintf(&b, "  published: %s (read from the text)\n", r.Published)
	default:
		fmt.Fprintf(&b, "  published: %s\n", r.Published)
	}
	if r.Title != "" {
		fmt.Fprintf(&b, "  headline: %s\n", r.Title)
	}
	if len(r.Events) == 0 {
		b.WriteString("  no events\n")
	}
	for _, c := range r.Events {
		when := "undated"
		switch {
		case !c.Dated():
		case c.End == c.Start:
			when = c.Start.String()
		default:
			when = c.Start.String() + "–" + c.End.String()
		}
		kind := string(c.Kind)
		if c.Dated() {
			kind += ", " + string(c.Precision)
		}
		fmt.Fprintf(&b, "  - %s [%s] %s (confidence %.2f)\n", when, kind, c.Title, c.Confidence)
		if c.Occasion != "" {
			fmt.Fprintf(&b, "    occasion: %s\n", c.Occasion)
		}
		if c.Province != "" || c.Organization != "" {
			fmt.Fprintf(&b, "    where: %s\n", strings.Trim(c.Province+" / "+c.Organization, " /"))
		}
		if c.Place != "" {
			fmt.Fprintf(&b, "    place: %s\n", c.Place)
		}
		if c.ReviewNote != "" {
			fmt.Fprintf(&b, "    review: %s\n", c.ReviewNote)
		}
		fmt.Fprintf(&b, "    evidence [%d:%d]: %s\n", c.EvidenceStart, c.EvidenceEnd, oneLine(c.Evidence))
	}
	return b.String()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
