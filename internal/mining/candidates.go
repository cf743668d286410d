package mining

import (
	"math"
	"strings"

	"github.com/ruydad/ruydad/internal/domain"
)

// emitOccasion adds the candidate for an occasion named in a sentence.
func (a *article) emitOccasion(mn mention, w when, sent sentence) {
	o := a.m.gaz.occ[mn.occ]
	c := a.base(sent, mn.i, mn.j)
	c.at = mn.i
	c.Start, c.End = w.start, w.end
	c.Precision = domain.PrecisionDay
	c.Kind = domain.KindOccasion
	c.Title = o.Name
	c.Occasion = o.Key
	c.Confidence = round2(w.conf)
	c.ReviewNote = w.note
	a.out = append(a.out, c)
}

// eventCandidate builds the candidate for a trigger tied to a date.
func (a *article) eventCandidate(tr trigger, ref dateRef, sent sentence) Candidate {
	c := a.base(sent, min(tr.i, ref.i), max(tr.j, ref.j))
	c.at = tr.i
	c.Start, c.End, c.Precision = ref.w.start, ref.w.end, ref.w.prec
	if ref.occ >= 0 {
		c.Occasion = a.m.gaz.occ[ref.occ].Key
	}
	c.Kind = tr.kind
	c.Title = a.title(tr, sent, c.Province)
	if !strings.Contains(c.Title, " ") {
		// "به مناسبت ولادت امام حسن عسکری (ع) جشن برگزار می‌شود": the
		// occasion names the bare event ("جشن ولادت امام حسن عسکری").
		if ref.occ >= 0 && ref.class == 1 {
			c.Title += " " + a.runsText([]tokRun{{ref.i, ref.j}}, trigger{i: -1})
		} else if mns := a.m.gaz.find(a.toks, max(sent.i, tr.i-12), min(sent.j, tr.j+12)); len(mns) > 0 {
			mn := mns[0]
			for _, x := range mns[1:] {
				if abs(x.i-tr.i) < abs(mn.i-tr.i) {
					mn = x
				}
			}
			c.Title += " " + a.runsText([]tokRun{{mn.i, mn.j}}, trigger{i: -1})
		}
	}
	if ref.w.prec == domain.PrecisionDay && ref.w.start == ref.w.end {
		if n := a.daysLong(tr, sent); n > 1 {
			c.End = c.Start.AddDays(n - 1) // "اجلاس سه‌روزه … دیروز آغاز شد"
		}
	}
	if ref.w.prec == domain.PrecisionDay && c.Start == c.End {
		c.StartTime, c.EndTime = a.clockNear(tr.i, tr.j, ref.i, ref.j, sent)
	}
	conf := ref.w.conf
	if tr.kind == domain.KindOther {
		conf -= 0.2
	}
	c.Confidence = round2(conf)
	c.ReviewNote = ref.w.note
	return c
}

// daysLong reads how many days an event lasts from an adjective beside its
// trigger: "اجلاس سه‌روزه"، "سفر دو روزه"، "دوره ۵ روزه". 0 when none.
func (a *article) daysLong(tr trigger, sent sentence) int {
	for k := max(sent.i, tr.i-3); k < min(sent.j, tr.j+4); k++ {
		if k >= tr.i && k < tr.j {
			continue
		}
		n, ordinal, _, j, ok := a.p.number(k)
		if ok && !ordinal && a.p.is(j, "روزه") && n > 1 && n <= 31 {
			return n
		}
	}
	return 0
}

// undatedCandidate keeps an event with no date for review.
func (a *article) undatedCandidate(tr trigger, sent sentence, note string) Candidate {
	c := a.base(sent, tr.i, tr.j)
	c.at = tr.i
	c.Kind = tr.kind
	c.Title = a.title(tr, sent, c.Province)
	c.Confidence = baseUndated
	c.ReviewNote = note
	return c
}

// base fills the evidence (the clauses of the sentence around tokens [i,
// j)), the province and the organization.
func (a *article) base(sent sentence, i, j int) Candidate {
	lo, hi := i, j
	for lo > sent.i && a.toks[lo-1].brk == brkNone && i-lo < maxWindow {
		lo--
	}
	for hi < sent.j && a.toks[hi].brk == brkNone && hi-j < maxWindow {
		hi++
	}
	s, e := a.origSpan(a.toks[lo].s, a.toks[hi-1].e)
	c := Candidate{EvidenceStart: s, EvidenceEnd: e, Evidence: a.text[s:e]}
	wlo, whi := max(sent.i, lo-maxWindow), min(sent.j, hi+maxWindow)
	place, cityProvince := a.placeIn(wlo, whi, i, sent)
	c.Place = place
	c.Province = a.provinceIn(wlo, whi)
	if c.Province == "" {
		c.Province = cityProvince
	}
	if c.Province == "" {
		c.Province = a.province
	}
	c.Organization = a.organizationIn(wlo, whi, sent)
	return c
}

// maxWindow bounds, in tokens, how far evidence, places and verbs are
// looked for around an event, so that a sentence of any length is mined in
// linear time.
const maxWindow = 60

// known reports whether w is a word of the article, so that a title's
// dropped ZWNJ can be put back in the right place ("رسانهای" is "رسانه‌ای"
// where the article says "رسانه").
func (a *article) known(w string) bool {
	if a.words == nil {
		a.words = make(map[string]bool, len(a.toks)/2)
		for _, t := range a.toks {
			if t.kind == tWord {
				a.words[t.text] = true
			}
		}
	}
	return a.words[w]
}

// startsDate reports whether a temporal expression starts at token k.
func (d *doc) startsDate(k int) bool {
	_, ok := d.p.atom(k)
	return ok
}

func round2(x float64) float64 {
	x = math.Max(0, math.Min(1, x))
	return math.Round(x*100) / 100
}
