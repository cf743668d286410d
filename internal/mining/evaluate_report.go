package mining

import (
	"fmt"
	"io"
	"sort"

	"github.com/ruydad/ruydad/internal/jalali"
)

// tally adds one article's label events and candidate ranges to the
// breakdowns by kind and by phrasing.
func (r *Report) tally(l Label, events, mentions []Candidate) {
	row := func(m map[string]*Tally, k string) *Tally {
		if k == "" {
			k = "(none)"
		}
		if m[k] == nil {
			m[k] = &Tally{}
		}
		return m[k]
	}
	found := map[dateRange]bool{}
	kinds := map[dateRange]map[string]bool{}
	for _, c := range events {
		if !c.Dated() {
			continue
		}
		dr := dateRange{c.Start, c.End}
		found[dr] = true
		if kinds[dr] == nil {
			kinds[dr] = map[string]bool{}
		}
		kinds[dr][string(c.Kind)] = true
	}
	for _, c := range mentions {
		found[dateRange{c.Start, c.End}] = true
	}
	labelled := map[dateRange]bool{}
	for _, e := range l.Events {
		dr := dateRange{e.Start, e.End}
		labelled[dr] = true
		for _, t := range []*Tally{row(r.ByKind, string(e.Kind)), row(r.ByPhrasing, e.Phrasing)} {
			t.Labelled++
			if e.Required {
				t.Required++
			}
			if found[dr] {
				t.Found++
				if e.Required {
					t.ReqFnd++
				}
			}
		}
	}
	for dr, ks := range kinds {
		for k := range ks {
			t := row(r.ByKind, k)
			t.Ranges++
			if labelled[dr] {
				t.Matched++
			}
		}
	}
}

// writeBreakdown prints one breakdown table; withPrecision adds the
// candidates' precision (by kind; phrasing is a label's only).
func (r Report) writeBreakdown(ew *errWriter, name string, rows map[string]*Tally, withPrecision bool) {
	keys := make([]string, 0, len(rows))
	for k := range rows {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	ew.printf("\nby %s:\n", name)
	for _, k := range keys {
		t := rows[k]
		ew.printf("  %-17s recall %5.3f (%d/%d), required %d/%d", k, ratio(t.Found, t.Labelled), t.Found, t.Labelled, t.ReqFnd, t.Required)
		if withPrecision {
			ew.printf("; precision %5.3f (%d/%d ranges)", ratio(t.Matched, t.Ranges), t.Matched, t.Ranges)
		}
		ew.printf("\n")
	}
}

// Write prints the report in English: totals first, then each file.
func (r Report) Write(w io.Writer) error {
	ew := &errWriter{w: w}
	ew.printf("files: %d; publication date right in %d of %d\n", len(r.Files), r.PublishedRight, r.PublishedChecked)
	ew.printf("precision (dates): %.3f  (%d of %d distinct candidate date ranges match a label)\n", r.Precision, r.RangesMatched, r.Ranges)
	ew.printf("recall (dates):    %.3f  (%d of %d label events found)\n", r.Recall, r.Found, r.Labelled)
	ew.printf("F1:                %.3f\n", r.F1)
	ew.printf("required recall:   %.3f  (%d of %d)\n", r.RequiredRecall, r.RequiredFound, r.Required)
	ew.printf("kind accuracy:     %.3f  (%d of %d found label events have a candidate of the right kind)\n", r.KindAcc, r.KindRight, r.KindChecked)
	ew.printf("titles:            %.3f word overlap on average; %.3f of found events have one of at least 0.5\n", r.TitleF1, r.TitleGood)
	r.writeBreakdown(ew, "kind", r.ByKind, true)
	r.writeBreakdown(ew, "phrasing", r.ByPhrasing, false)
	for _, f := range r.Files {
		ew.printf("\n%s", f.File)
		if f.Missing {
			ew.printf(" (no text)")
		}
		ew.printf(": published want %s got %s; found %d/%d (required %d/%d); candidate ranges %d matched %d; undated %d\n",
			orNone(f.PublishedWant), orNone(f.PublishedGot), f.Found, f.Labelled, f.RequiredFound, f.Required, f.Ranges, f.RangesMatched, f.Undated)
		for _, e := range f.Missed {
			ew.printf("  missed    %s %s %s\n", rangeString(e.Start, e.End), e.Kind, e.Title)
		}
		for _, e := range f.WrongKind {
			ew.printf("  wrong kind for %s (want %s)\n", rangeString(e.Start, e.End), e.Kind)
		}
		for _, t := range f.Titles {
			ew.printf("  title %.2f: want %q got %q\n", t.F1, t.Want, t.Got)
		}
		for _, c := range f.Unmatched {
			ew.printf("  unlabelled %s %s %s\n", rangeString(c.Start, c.End), c.Kind, c.Title)
		}
	}
	return ew.err
}

func orNone(d jalali.Date) string {
	if d.IsZero() {
		return "none"
	}
	return d.String()
}

func rangeString(s, e jalali.Date) string {
	if s == e {
		return s.String()
	}
	return s.String() + "–" + e.String()
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
