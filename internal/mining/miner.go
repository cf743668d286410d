// Package mining turns a news article into candidate calendar events: it
// reads the publication date, finds temporal expressions and named
// occasions, infers missing years, ties event triggers to the dates in their
// sentence and explains each guess for the person who reviews it.
//
// It is pure: no database, no network, no clock except through WithToday.
package mining

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/persian"
)

// Input is an article to mine.
type Input struct {
	Text      string
	Published jalali.Date // zero when unknown: the miner then looks for it in the text
	Source    string
}

// Candidate is one mined event, proposed for review.
type Candidate struct {
	Start, End                 jalali.Date      // Start zero: undated, kept for review only; End == Start for one day
	Precision                  domain.Precision // "" when undated
	Kind                       domain.Kind
	Title                      string // short Persian title
	EvidenceStart, EvidenceEnd int    // byte offsets into Input.Text
	Evidence                   string // Input.Text[EvidenceStart:EvidenceEnd]
	Occasion                   string // occasion key when the event names one
	Confidence                 float64
	ReviewNote                 string // Persian: why a person should look; "" if nothing stands out
	Province, Organization     string
	Place                      string // the city or venue the text names for it, "" when none
	StartTime, EndTime         string // "HH:MM" when the text gives the hour, else ""

	at int // token where the trigger or the occasion's name starts
}

// Dated reports whether c has a date.
func (c Candidate) Dated() bool { return !c.Start.IsZero() }

// Result is what Mine finds in one article.
type Result struct {
	Published         jalali.Date
	PublishedFromText bool // the date was read from the article's text
	// PublishedFrom is the line of Input.Text the publication date was read
	// from (byte offsets), zero unless PublishedFromText.
	PublishedFrom domain.Span
	steps         int    // words looked at (see parser.steps)
	Title         string // the article's headline, guessed
	Events        []Candidate
	// Mentions are the occasions of the calendar the article names on a
	// day: linked to the article, not proposed again as events. An event
	// held for one of them (a ceremony in هفته دولت) is an Event of its own
	// kind that carries the occasion's key.
	Mentions []Mention
}

// All returns the events and, after them, the mentions as candidates.
func (r Result) All() []Candidate {
	return append(r.Events[:len(r.Events):len(r.Events)], r.MentionCandidates()...)
}

// MentionCandidates returns the mentions as candidates of kind occasion
// (for scoring and for listing them with the events).
func (r Result) MentionCandidates() []Candidate {
	out := make([]Candidate, 0, len(r.Mentions))
	for _, m := range r.Mentions {
		out = append(out, Candidate{Start: m.Start, End: m.End, Precision: domain.PrecisionDay, Kind: domain.KindOccasion,
			Title: m.Name, Occasion: m.Occasion, EvidenceStart: m.EvidenceStart, EvidenceEnd: m.EvidenceEnd, Evidence: m.Evidence,
			Confidence: m.Confidence, ReviewNote: m.ReviewNote})
	}
	return out
}

// Mention is an occasion the calendar has, named by an article on the
// days of one of its occurrences.
type Mention struct {
	Occasion                   string // the occasion's key
	Name                       string // the occasion's name
	Start, End                 jalali.Date
	EvidenceStart, EvidenceEnd int // byte offsets into Input.Text
	Evidence                   string
	Confidence                 float64
	ReviewNote                 string // how the year was chosen, if guessed
}

// Miner mines articles. It is safe for concurrent use.
type Miner struct {
	gaz   *gazetteer
	cal   *calendar.Calendar // places occasions and converts Hijri dates
	today jalali.Date        // zero: the clock decides, when needed
}

// New returns a Miner that knows the given occasions and finds their days,
// and those of Hijri dates in the text, with cal (Iran's Hijri month
// starts, an administrator's corrections included); calendar.Official()
// when cal is nil.
func New(occasions []domain.Occasion, cal *calendar.Calendar) *Miner {
	if cal == nil {
		cal = calendar.Official()
	}
	return &Miner{gaz: newGazetteer(occasions), cal: cal}
}

// WithToday returns a copy of m that takes d as today's date. Today only
// bounds the year chosen for a weekday-checked date in an article with no
// publication date (the newest fitting year not after today).
func (m *Miner) WithToday(d jalali.Date) *Miner {
	c := *m
	c.today = d
	return &c
}

func (m *Miner) todayDate() jalali.Date {
	if !m.today.IsZero() {
		return m.today
	}
	return jalali.FromTime(time.Now())
}

// Span is a temporal expression found in a text, as byte offsets into it.
type Span struct {
	Start, End int
	Text       string
	// Resolved is true for expressions that denote calendar dates (a day, a
	// range, a month, a year, a relative day); false for durations, sets,
	// seasons, Hijri dates and the like.
	Resolved bool
}

// DateSpans returns the date expressions of text (durations, sets and
// relative expressions included; clock times excluded), in order.
func (m *Miner) DateSpans(text string) []Span {
	d := analyze(text)
	out := make([]Span, 0, len(d.exprs))
	for _, e := range d.exprs {
		s, en := d.origSpan(d.toks[e.i].s, d.toks[e.j-1].e)
		out = append(out, Span{Start: s, End: en, Text: text[s:en], Resolved: e.typ != xOther})
	}
	return out
}

// doc is an analysed text.
type doc struct {
	text  string
	norm  string
	omap  persian.OffsetMap
	toks  []token
	sents []sentence
	exprs []expr // in order; none crosses a sentence
	p     *parser
}

func analyze(text string) *doc {
	norm, omap := persian.Normalize(text)
	d := &doc{text: text, norm: norm, omap: omap, toks: tokenize(norm)}
	d.sents = sentences(d.toks)
	d.p = &parser{toks: d.toks}
	for _, s := range d.sents {
		d.exprs = append(d.exprs, d.p.scan(s.i, s.j)...)
	}
	return d
}

// origSpan maps a normalized span to the original text, trimmed of space.
func (d *doc) origSpan(s, e int) (int, int) {
	os, oe := d.omap.Span(s, e)
	for os < oe {
		r, n := utf8.DecodeRuneInString(d.text[os:])
		if !unicode.IsSpace(r) && r != 0x200C {
			break
		}
		os += n
	}
	for oe > os {
		r, n := utf8.DecodeLastRuneInString(d.text[os:oe])
		if !unicode.IsSpace(r) && r != 0x200C {
			break
		}
		oe -= n
	}
	return os, oe
}

// tokText returns the normalized text of tokens [i, j).
func (d *doc) tokText(i, j int) string {
	if i >= j {
		return ""
	}
	return d.norm[d.toks[i].s:d.toks[j-1].e]
}

// hasWord reports whether a token of [i, j) is one of ws.
func (d *doc) hasWord(i, j int, ws ...string) bool {
	d.p.steps += max(0, j-i)
	for k := i; k < j; k++ {
		if d.toks[k].kind == tWord && contains(ws, d.toks[k].text) {
			return true
		}
	}
	return false
}

func contains(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

// clean tidies an original-text fragment for display.
func clean(s string) string { return strings.TrimSpace(persian.Clean(s)) }
