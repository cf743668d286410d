package mining

import (
	"strings"

	"github.com/ruydad/ruydad/internal/domain"
)

// A text can name a period the calendar does not know and give its days:
// "از ۱۹ تا ۲۵ تیرماه هفته تأمین اجتماعی نام‌گذاری شده است"، "هفته
// کتابخوانی (۲۴ تا ۳۰ آبان)". The period is proposed as an occasion, and
// wherever the article names it again ("در هفته تأمین اجتماعی") it dates
// the events told there.

// namedPeriod is a period the article names and dates.
type namedPeriod struct {
	name string   // as the text writes it
	key  []string // its normalized words
	w    when
	sent int // the sentence that defines it
	i, j int // where its name is
}

// periodHeads open the name of a period.
var periodHeads = wordSet("هفته", "دهه")

// findPeriods finds the periods the article names with their days.
func (a *article) findPeriods(exprBySent [][]int) {
	var seen map[string]bool
	for s, ex := range exprBySent {
		var hs *hints
		for _, k := range ex {
			e := a.exprs[k]
			if e.typ != xRange {
				continue
			}
			i, j, ok := a.periodNameNear(e, a.sents[s])
			if !ok || a.m.gaz.find(a.toks, i, j) != nil {
				continue // unnamed, or the calendar's own
			}
			if hs == nil {
				hs = a.hintsFor(ex)
			}
			w := a.c.resolve(e, hs.at(e.i), 0)
			if !w.ok || w.prec != domain.PrecisionDay {
				continue
			}
			key := make([]string, 0, j-i)
			for t := i; t < j; t++ {
				key = append(key, a.toks[t].text)
			}
			joined := strings.Join(key, " ")
			if seen[joined] {
				continue // named and dated again: the first tells it
			}
			if seen == nil {
				seen = map[string]bool{}
				a.periodsAt = map[int][]int{}
				a.periodsByHead = map[string][]int{}
			}
			seen[joined] = true
			a.periodsAt[s] = append(a.periodsAt[s], len(a.periods))
			a.periodsByHead[key[0]] = append(a.periodsByHead[key[0]], len(a.periods))
			a.periods = append(a.periods, namedPeriod{name: a.runsText([]tokRun{{i, j}}, trigger{i: -1}), key: key,
				w: w, sent: s, i: i, j: j})
		}
	}
}

// periodNameNear returns the name of a period right after a range ("۱۹ تا
// ۲۵ تیرماه هفته تأمین اجتماعی"، "… به عنوان هفته …") or right before it
// ("هفته کتابخوانی از ۲۴ تا ۳۰ آبان"، "هفته کتابخوانی (۲۴ تا ۳۰ آبان)").
func (a *article) periodNameNear(e expr, sent sentence) (int, int, bool) {
	name := func(h int) (int, int, bool) {
		if !periodHeads[a.p.word(h)] {
			return 0, 0, false
		}
		if _, _, rel := a.p.direction(h + 1); rel || a.p.is(h+1, "اول", "دوم", "سوم", "چهارم", "نخست", "آخر", "پایانی", "اخیر") {
			return 0, 0, false // "هفته گذشته"، "دهه اول": when, not a name
		}
		r := a.phrase(h+1, sent, "")
		r.j = min(r.j, h+6)
		if r.j <= r.i || r.i != h+1 || a.allWeak(r) {
			return 0, 0, false
		}
		return h, r.j, true
	}
	h := e.j
	for h < sent.j && h-e.j < 3 && (a.p.is(h, "به", "عنوان", "را") || a.p.punct(h) == ")" || a.p.punct(h) == "،") {
		h++
	}
	// A name after the days only with a word that names ("… هفته تأمین
	// اجتماعی نام‌گذاری شده"، "به عنوان هفته …"), not "۱۰ تا ۱۶ مهر، هفته
	// سختی برای کشاورزان خواهد بود".
	naming := a.hasWord(e.j, h, "عنوان") || a.hasWord(max(sent.i, e.i-maxWindow), min(sent.j, e.j+maxWindow),
		"نامگذاری", "نام", "نامیده", "موسوم", "نامگذاری")
	if i, j, ok := name(h); ok && naming {
		return i, j, true
	}
	for h := e.i - 1; h >= max(sent.i, e.i-7); h-- {
		if i, j, ok := name(h); ok && (j == e.i || j < e.i && a.p.is(j, "از") || a.p.punct(j) == "(") {
			return i, j, true
		}
	}
	return 0, 0, false
}

// periodRefs returns the dates the named periods give to the sentence: the
// defining one's name, and its names elsewhere. One pass over the
// sentence's words, each looked up by its first word.
func (a *article) periodRefs(s int) []dateRef {
	var refs []dateRef
	sent := a.sents[s]
	for k := sent.i; k < sent.j; k++ {
		for _, n := range a.periodsByHead[a.toks[k].text] {
			p := a.periods[n]
			if k+len(p.key) <= sent.j && a.matchKey(k, p.key) {
				refs = append(refs, dateRef{i: k, j: k + len(p.key), w: p.w, class: 1, occ: -1})
				k += len(p.key) - 1
				break
			}
		}
	}
	return refs
}

func (a *article) matchKey(k int, key []string) bool {
	a.p.steps += len(key)
	for n, w := range key {
		if a.toks[k+n].text != w {
			return false
		}
	}
	return true
}

// emitPeriods proposes the periods sentence s defines, as occasions of the
// article's own.
func (a *article) emitPeriods(s int) {
	for _, n := range a.periodsAt[s] {
		p := a.periods[n]
		c := a.base(a.sents[s], p.i, p.j)
		c.at = p.i
		c.Start, c.End, c.Precision = p.w.start, p.w.end, p.w.prec
		c.Kind = domain.KindOccasion
		c.Title = strings.TrimSpace(p.name)
		c.Confidence = round2(p.w.conf - 0.1)
		c.ReviewNote = joinNotes(p.w.note, notePeriodInText)
		a.out = append(a.out, c)
	}
}
