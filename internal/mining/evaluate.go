package mining

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// LabelEvent is one dated event a careful reader finds in an article.
type LabelEvent struct {
	Start, End jalali.Date // End == Start for one day
	Precision  domain.Precision
	Kind       domain.Kind
	Required   bool // false: a good miner should find it, but it is debatable
	Title      string
	Evidence   string
	Phrasing   string // how the date is written: numeric, day-month, relative, occasion… ("" unclassed)
}

// Label holds the labelled events of one article file.
type Label struct {
	File      string
	Part      string // of a development set: tune or held-out ("" for none)
	Province  string
	Published jalali.Date // zero when the article has none
	Events    []LabelEvent
}

type rawLabel struct {
	File      string  `json:"file"`
	Part      string  `json:"part"`
	Province  string  `json:"province"`
	Published *string `json:"published"`
	Events    []struct {
		Start     string  `json:"start"`
		End       *string `json:"end"`
		Precision string  `json:"precision"`
		Kind      string  `json:"kind"`
		Required  bool    `json:"required"`
		Title     string  `json:"title"`
		Evidence  string  `json:"evidence"`
		Phrasing  string  `json:"phrasing"`
	} `json:"events"`
}

// ParseLabels reads labels in the format of seeds/labels.jsonl: one JSON
// object a line, blank lines ignored.
func ParseLabels(r io.Reader) ([]Label, error) {
	var out []Label
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var raw rawLabel
		if err := json.Unmarshal([]byte(line), &raw); err != nil {
			return nil, fmt.Errorf("parse labels: line %d: %w", n, err)
		}
		l := Label{File: raw.File, Part: raw.Part, Province: raw.Province}
		if raw.Published != nil {
			d, err := jalali.Parse(*raw.Published)
			if err != nil {
				return nil, fmt.Errorf("parse labels: line %d: published: %w", n, err)
			}
			l.Published = d
		}
		for k, e := range raw.Events {
			ev := LabelEvent{Precision: domain.Precision(e.Precision), Kind: domain.Kind(e.Kind),
				Required: e.Required, Title: e.Title, Evidence: e.Evidence, Phrasing: e.Phrasing}
			var err error
			if ev.Start, err = jalali.Parse(e.Start); err != nil {
				return nil, fmt.Errorf("parse labels: line %d: event %d start: %w", n, k, err)
			}
			ev.End = ev.Start
			if e.End != nil {
				if ev.End, err = jalali.Parse(*e.End); err != nil {
					return nil, fmt.Errorf("parse labels: line %d: event %d end: %w", n, k, err)
				}
			}
			l.Events = append(l.Events, ev)
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("parse labels: %w", err)
	}
	return out, nil
}

// dateRange is an event's start and end, the unit of matching.
type dateRange struct{ start, end jalali.Date }

// FileReport is the evaluation of one article.
type FileReport struct {
	File          string
	Missing       bool // no text was given for the file
	PublishedWant jalali.Date
	PublishedGot  jalali.Date
	Labelled      int // label events
	Required      int
	Found         int // label events whose dates a candidate has
	RequiredFound int
	Ranges        int // distinct date ranges among dated candidates
	RangesMatched int // of those, ranges some label event has
	KindChecked   int // found label events
	KindRight     int // found label events with a candidate of the same dates and kind
	Undated       int // undated candidates
	// TitleSum adds, over the found label events, the word overlap (F1)
	// of the label's title with the closest title of a candidate of the
	// same dates; TitleGood counts those of overlap at least 0.5.
	TitleSum  float64
	TitleGood int
	Titles    []TitlePair // the found events whose title overlap is under 0.5
	Missed    []LabelEvent
	Unmatched []Candidate // dated candidates whose dates no label has
	WrongKind []LabelEvent
}

// Report is an evaluation over a set of labelled articles. Precision and
// recall are over dates: a candidate matches a label event when their
// start and end are equal (precision counts distinct candidate ranges);
// kinds are scored separately, over the label events found (a candidate
// that names an occasion has the kind of an occasion label too).
type Report struct {
	Files                                          []FileReport
	Precision, Recall, F1, RequiredRecall, KindAcc float64
	PublishedRight, PublishedChecked               int
	Labelled, Required, Found, RequiredFound       int
	Ranges, RangesMatched, KindChecked, KindRight  int
	// TitleF1 is the mean word overlap of the found label events' titles
	// with their candidates'; TitleGood the share of at least 0.5.
	TitleF1, TitleGood float64
	// ByKind tallies label events by their kind (recall) and candidate
	// date ranges by the kinds of their candidates (precision); ByPhrasing
	// tallies label events by how their date is written (recall).
	ByKind, ByPhrasing map[string]*Tally
}

// TitlePair is a label's title and the closest candidate title.
type TitlePair struct {
	Want, Got string
	F1        float64
}

// Tally is one row of a report's breakdown.
type Tally struct {
	Labelled, Found  int // label events, and those found
	Ranges, Matched  int // candidate date ranges, and those a label has
	Required, ReqFnd int // required label events, and those found
}

// Options change how Evaluate mines.
type Options struct {
	// GivePublished tells the miner each label's publication date, as the
	// article form does; without it the miner reads the date from the text.
	GivePublished bool
}

// Evaluate mines every labelled article (texts maps file names to article
// text) without telling the miner the publication date, and scores the
// candidates against the labels.
func Evaluate(m *Miner, labels []Label, texts map[string]string) Report {
	return EvaluateWith(m, labels, texts, Options{})
}

// EvaluateWith is Evaluate with options.
func EvaluateWith(m *Miner, labels []Label, texts map[string]string, opt Options) Report {
	rep := Report{ByKind: map[string]*Tally{}, ByPhrasing: map[string]*Tally{}}
	for _, l := range labels {
		fr := FileReport{File: l.File, PublishedWant: l.Published}
		text, ok := texts[l.File]
		if !ok {
			fr.Missing = true
		}
		in := Input{Text: text, Source: l.File}
		if opt.GivePublished {
			in.Published = l.Published
		}
		res := m.Mine(in)
		fr.PublishedGot = res.Published
		// A mention links the calendar's occasion: the right answer for a
		// label of kind occasion on those days. It is not a proposal a person
		// reviews, so it does not count against precision.
		scoreFile(&fr, l, res.Events, res.MentionCandidates())
		rep.add(fr)
		rep.tally(l, res.Events, res.MentionCandidates())
	}
	rep.Precision = ratio(rep.RangesMatched, rep.Ranges)
	rep.Recall = ratio(rep.Found, rep.Labelled)
	if rep.Precision+rep.Recall > 0 {
		rep.F1 = 2 * rep.Precision * rep.Recall / (rep.Precision + rep.Recall)
	}
	rep.RequiredRecall = ratio(rep.RequiredFound, rep.Required)
	rep.KindAcc = ratio(rep.KindRight, rep.KindChecked)
	good, sum := 0, 0.0
	for _, f := range rep.Files {
		good += f.TitleGood
		sum += f.TitleSum
	}
	if rep.Found > 0 {
		rep.TitleF1 = sum / float64(rep.Found)
	}
	rep.TitleGood = ratio(good, rep.Found)
	return rep
}

func scoreFile(fr *FileReport, l Label, events, mentions []Candidate) {
	labelled := map[dateRange]bool{}
	for _, e := range l.Events {
		labelled[dateRange{e.Start, e.End}] = true
	}
	ranges := map[dateRange][]Candidate{}
	var order []dateRange
	for _, c := range events {
		if !c.Dated() {
			fr.Undated++
			continue
		}
		r := dateRange{c.Start, c.End}
		if _, seen := ranges[r]; !seen {
			order = append(order, r)
		}
		ranges[r] = append(ranges[r], c)
	}
	for _, r := range order {
		fr.Ranges++
		if labelled[r] {
			fr.RangesMatched++
		} else {
			fr.Unmatched = append(fr.Unmatched, ranges[r]...)
		}
	}
	for _, c := range mentions {
		r := dateRange{c.Start, c.End}
		ranges[r] = append(ranges[r], c)
	}
	for _, e := range l.Events {
		fr.Labelled++
		if e.Required {
			fr.Required++
		}
		cs, found := ranges[dateRange{e.Start, e.End}]
		if !found {
			fr.Missed = append(fr.Missed, e)
			continue
		}
		fr.Found++
		if e.Required {
			fr.RequiredFound++
		}
		fr.KindChecked++
		right := false
		for _, c := range cs {
			// An event held on an occasion carries the occasion's key: it
			// stands for the occasion too ("مراسم روز کارمند").
			right = right || c.Kind == e.Kind || e.Kind == domain.KindOccasion && c.Occasion != ""
		}
		if right {
			fr.KindRight++
		} else {
			fr.WrongKind = append(fr.WrongKind, e)
		}
		best := TitlePair{Want: e.Title, F1: -1}
		for _, c := range cs {
			if f := titleOverlap(e.Title, c.Title); f > best.F1 {
				best.Got, best.F1 = c.Title, f
			}
		}
		best.F1 = max(best.F1, 0)
		fr.TitleSum += best.F1
		if best.F1 >= 0.5 {
			fr.TitleGood++
		} else {
			fr.Titles = append(fr.Titles, best)
		}
	}
}

func (r *Report) add(fr FileReport) {
	r.Files = append(r.Files, fr)
	if !fr.Missing {
		r.PublishedChecked++
		if fr.PublishedGot == fr.PublishedWant {
			r.PublishedRight++
		}
	}
	r.Labelled += fr.Labelled
	r.Required += fr.Required
	r.Found += fr.Found
	r.RequiredFound += fr.RequiredFound
	r.Ranges += fr.Ranges
	r.RangesMatched += fr.RangesMatched
	r.KindChecked += fr.KindChecked
	r.KindRight += fr.KindRight
}

// titleOverlap is the F1 of the words two titles share, spelled alike
// (ZWNJ and Arabic letters aside).
func titleOverlap(want, got string) float64 {
	words := func(s string) map[string]int {
		m := map[string]int{}
		for _, w := range strings.Fields(strings.ReplaceAll(clean(s), "\u200c", "")) {
			m[strings.Trim(w, "()«»،,.:")]++
		}
		delete(m, "")
		return m
	}
	a, b := words(want), words(got)
	na, nb, both := 0, 0, 0
	for w, n := range a {
		na += n
		both += min(n, b[w])
	}
	for _, n := range b {
		nb += n
	}
	if both == 0 {
		return 0
	}
	p, r := float64(both)/float64(nb), float64(both)/float64(na)
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}
