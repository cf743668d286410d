package mining

import (
	"math"
	"strings"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/persian"
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
	if ref.w.prec == domain.PrecisionDay && ref.w.start == ref.w.end {
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
	c.Province = a.provinceIn(wlo, whi)
	if c.Province == "" {
		c.Province = a.province
	}
	c.Organization = a.organizationIn(wlo, whi)
	return c
}

// maxWindow bounds, in tokens, how far evidence, places and verbs are
// looked for around an event, so that a sentence of any length is mined in
// linear time.
const maxWindow = 60

// titleStops end a title phrase.
var titleStops = map[string]bool{
	"که": true, "با": true, "در": true, "را": true, "به": true, "از": true, "برای": true, "توسط": true, "تا": true,
	"گفت": true, "است": true, "شد": true, "می": true, "بود": true, "روز": true, "امروز": true, "این": true,
	"خواهد": true, "میشود": true, "برگزار": true, "شده": true, "نیز": true, "هم": true, "اظهار": true, "افزود": true,
	"کرد": true, "شود": true, "همزمان": true, "طی": true, "پس": true, "قبل": true, "بعد": true,
}

// title builds a short Persian title from the trigger's phrase, with the
// province when the phrase does not name it.
func (a *article) title(tr trigger, sent sentence, province string) string {
	if tr.ref {
		// "این جشنواره": the festival told of before, if there is one.
		for k := len(a.out) - 1; k >= max(0, len(a.out)-maxWindow); k-- {
			if a.out[k].Kind == tr.kind {
				return a.out[k].Title
			}
		}
	}
	i, j := tr.i, tr.j
	if tr.generic {
		// "برنامه‌های متنوع … برگزار می‌شود": the clause's opening words name it.
		i = tr.i
		for i > sent.i && a.toks[i-1].brk == brkNone {
			i--
		}
		j = i
		for j < tr.i && j-i < 6 && !titleStops[a.toks[j].text] && !a.startsDate(j) {
			j++
		}
		if j == i {
			return "رویداد"
		}
	} else {
		for j < sent.j && j-i < 7 && a.toks[j].kind != tPunct {
			if mn := a.m.gaz.find(a.toks, j, min(j+a.m.gaz.maxLen+2, sent.j)); len(mn) > 0 && mn[0].i == j {
				j = mn[0].j // "همایش پاسداشت روز ملی روابط عمومی"
				continue
			}
			if titleStops[a.toks[j].text] || a.startsDate(j) {
				break
			}
			j++
		}
	}
	from := a.toks[i].s
	if i == tr.i {
		from += tr.glued
	}
	s, e := a.origSpan(from, a.toks[j-1].e)
	t := persian.RepairZWNJ(clean(a.text[s:e]), a.known)
	t = strings.TrimPrefix(t, "برگزاری ")
	if province != "" && !strings.Contains(t, province) {
		if strings.HasSuffix(t, " استان") {
			t += " " + province
		} else {
			t += " استان " + province
		}
	}
	return t
}

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
