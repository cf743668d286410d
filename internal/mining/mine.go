package mining

import (
	"sort"
	"strings"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// Mine finds the candidate events of an article.
func (m *Miner) Mine(in Input) Result {
	d := analyze(in.Text)
	res := Result{Published: in.Published, Title: d.headline()}
	header := -1 // the expression that gave the publication date
	if res.Published.IsZero() {
		res.Published, header = d.publication()
		if header >= 0 {
			res.PublishedFromText = true
			if line, ok := d.lineOf(d.exprs[header].i); ok {
				s, e := d.origSpan(line.start, line.end)
				res.PublishedFrom = domain.Span{Start: s, End: e}
			}
		}
	}
	c := &context{pub: res.Published, today: m.todayDate(), cal: m.cal}
	c.maxYr, c.anchor = d.statedYears(c)
	a := &article{doc: d, m: m, c: c, header: header, province: d.articleProvince()}
	if c.pub.IsZero() && c.anchor == 0 {
		c.anchor = a.weekdayAnchor()
	}
	exprBySent := make([][]int, len(d.sents))
	k := 0
	for s, sent := range d.sents {
		for k < len(d.exprs) && d.exprs[k].i < sent.j {
			exprBySent[s] = append(exprBySent[s], k)
			k++
		}
	}
	a.findPeriods(exprBySent)
	for s := range d.sents {
		a.sentence(s, exprBySent[s])
	}
	res.Events, res.Mentions = dedupe(in.Text, dropHistory(a.out, c.pub))
	res.steps = d.p.steps
	return res
}

// historyDays is how long before its publication an article's dated event
// is background history, not news for a calendar ("کنگره آمریکا در سال ۷۳
// …"): more than a year.
const historyDays = 400

// dropHistory drops the candidates dated more than historyDays before the
// publication date.
func dropHistory(cs []Candidate, pub jalali.Date) []Candidate {
	if pub.IsZero() {
		return cs
	}
	out := cs[:0]
	for _, c := range cs {
		if c.Dated() && c.End.DaysUntil(pub) > historyDays {
			continue
		}
		out = append(out, c)
	}
	return out
}

// article holds the state of one Mine call.
type article struct {
	*doc
	m        *Miner
	c        *context
	header   int // index into exprs of the publication dateline, -1 if none
	province string
	out      []Candidate
	periods  []namedPeriod // the periods the text names and dates
	// periodsAt lists the periods each sentence defines, periodsByHead
	// those whose name starts with a word (indexes into periods).
	periodsAt     map[int][]int
	periodsByHead map[string][]int
	names         map[string]*nameSeen // by trigger head, for titles of bare mentions
	scratch       scratch              // buffers for the gazetteer's searches
	lastDate      *when                // the date of the last dated event, for "این مراسم"
	words         map[string]bool      // the article's words, built when a title needs them
}

// statedYears returns the newest Jalali year the text states and, when there
// is no publication date, that year as the anchor for dates without one.
func (d *doc) statedYears(c *context) (maxYr, anchor int) {
	for k, e := range d.exprs {
		if e.y == 0 || e.yDigits != 4 && e.yDigits != 2 || e.cal != calJalali || d.isClock(k) {
			continue
		}
		y := expandYear(e.y, e.yDigits, c)
		if y >= 1300 && y <= 1500 && y > maxYr {
			maxYr = y
		}
	}
	if c.pub.IsZero() {
		anchor = maxYr
	}
	return maxYr, anchor
}

// weekdayAnchor resolves the first weekday-checked date of an article with
// no publication date and no stated year; its year becomes the anchor for
// the article's other dates without a year.
func (a *article) weekdayAnchor() int {
	for _, e := range a.exprs {
		if (e.typ == xDate || e.typ == xRange) && e.wd >= 0 && e.y == 0 && e.cal == calJalali {
			if y, _, _ := a.c.inferYear(a.c.daySpan(e), e.wd, 0, graceDate); y != 0 {
				return y
			}
		}
	}
	return 0
}

// dedupe merges candidates with the same dates, kind and occasion (or, for
// undated ones, the same kind and title), keeping the most confident, then
// takes the mentions of the calendar's occasions apart, merges the
// candidates that are one event told once (same dates, overlapping
// evidence), and orders both by position.
func dedupe(text string, cs []Candidate) ([]Candidate, []Mention) {
	type key struct {
		s, e       jalali.Date
		kind       domain.Kind
		occ, title string
	}
	seen := map[key]int{}
	var out []Candidate
	for _, c := range cs {
		k := key{s: c.Start, e: c.End, kind: c.Kind, occ: c.Occasion}
		if !c.Dated() {
			k.title = c.Title
		}
		if i, ok := seen[k]; ok {
			if c.Confidence > out[i].Confidence {
				// The surer reading (a stated year over a guessed one) speaks.
				out[i].Confidence, out[i].ReviewNote = c.Confidence, c.ReviewNote
			}
			continue
		}
		seen[k] = len(out)
		out = append(out, c)
	}
	out, mentions := splitMentions(out)
	out = dropEchoes(mergeSameEvent(text, dropOccasionEchoes(out)))
	sort.SliceStable(out, func(i, j int) bool { return out[i].EvidenceStart < out[j].EvidenceStart })
	return out, mentions
}

// splitMentions takes the candidates that only name one of the calendar's
// occasions out of cs, as mentions (one per occasion and occurrence, at its
// first naming).
func splitMentions(cs []Candidate) ([]Candidate, []Mention) {
	var mentions []Mention
	seen := map[string]bool{}
	out := cs[:0]
	for _, c := range cs {
		if c.Kind != domain.KindOccasion || c.Occasion == "" || !c.Dated() {
			out = append(out, c)
			continue
		}
		k := c.Occasion + "|" + c.Start.String() + "|" + c.End.String()
		if seen[k] {
			continue
		}
		seen[k] = true
		mentions = append(mentions, Mention{Occasion: c.Occasion, Name: c.Title, Start: c.Start, End: c.End, EvidenceStart: c.EvidenceStart,
			EvidenceEnd: c.EvidenceEnd, Evidence: c.Evidence, Confidence: c.Confidence, ReviewNote: c.ReviewNote})
	}
	sort.SliceStable(mentions, func(i, j int) bool { return mentions[i].EvidenceStart < mentions[j].EvidenceStart })
	return out, mentions
}

// mergeSameEvent merges dated candidates with the same dates whose evidence
// overlaps ("مراسم تجلیل از خبرنگاران به مناسبت روز خبرنگار" names an
// occasion, a ceremony and an award, but tells of one event) into the most
// specific of them, which keeps the occasion's key and spans all their
// evidence.
func mergeSameEvent(text string, cs []Candidate) []Candidate {
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		switch {
		case a.Dated() != b.Dated():
			return a.Dated()
		case a.Start != b.Start:
			return a.Start.Before(b.Start)
		case a.End != b.End:
			return a.End.Before(b.End)
		}
		return a.EvidenceStart < b.EvidenceStart
	})
	out := cs[:0]
	for _, c := range cs {
		if n := len(out); n > 0 && c.Dated() && out[n-1].Start == c.Start && out[n-1].End == c.End &&
			c.EvidenceStart < out[n-1].EvidenceEnd {
			out[n-1] = mergeTwo(text, out[n-1], c)
			continue
		}
		out = append(out, c)
	}
	return out
}

// mergeTwo merges two candidates for one event.
func mergeTwo(text string, a, b Candidate) Candidate {
	m := a
	if specificity(b) > specificity(a) || specificity(b) == specificity(a) && b.at < a.at {
		m = b
	}
	if m.Occasion == "" {
		m.Occasion = a.Occasion
		if m.Occasion == "" {
			m.Occasion = b.Occasion
		}
	}
	m.Confidence = max(a.Confidence, b.Confidence)
	for _, o := range []Candidate{a, b} {
		if m.ReviewNote == "" {
			m.ReviewNote = o.ReviewNote
		}
		if m.Province == "" {
			m.Province = o.Province
		}
		if m.Organization == "" {
			m.Organization = o.Organization
		}
	}
	m.EvidenceStart, m.EvidenceEnd = min(a.EvidenceStart, b.EvidenceStart), max(a.EvidenceEnd, b.EvidenceEnd)
	m.Evidence = text[m.EvidenceStart:m.EvidenceEnd]
	return m
}

// dropEchoes drops a proposal that tells again, less precisely, an event
// another dates: one event, proposed once. An undated one goes when a
// dated one has its kind and a title of mostly the same words (a headline
// «نشست خبری مدیرکل … برگزار می‌شود» and «… فردا ساعت ۱۰ … نشست خبری
// دارد»); one dated to a month or a week goes when such a one has its day
// inside that span ("همایش … اردیبهشت‌ماه برگزار می‌شود" and "همایش … روز
// ۲۷ اردیبهشت"; a coarse one of unknown kind when its title is in the
// other's: "نمایشگاه کتاب … در مهرماه" is "افتتاح نمایشگاه کتاب" on ۱۰
// مهر). Each is compared with the echoNear dated proposals nearest it in
// the text, so that a text of any length is done in linear time.
func dropEchoes(cs []Candidate) []Candidate {
	var dated []Candidate
	for _, c := range cs {
		if c.Dated() && c.Kind != domain.KindOccasion {
			dated = append(dated, c)
		}
	}
	sort.Slice(dated, func(i, j int) bool { return dated[i].EvidenceStart < dated[j].EvidenceStart })
	out := cs[:0]
	for _, c := range cs {
		coarse := c.Dated() && c.Precision != domain.PrecisionDay && c.Kind != domain.KindOccasion
		if (c.Dated() && !coarse) || !echoesOne(c, dated) {
			out = append(out, c)
		}
	}
	return out
}

// echoNear bounds how many dated proposals each side of a proposal are
// compared with it.
const echoNear = 32

// echoesOne reports whether c tells again one of dated, nearest first.
func echoesOne(c Candidate, dated []Candidate) bool {
	at := sort.Search(len(dated), func(i int) bool { return dated[i].EvidenceStart >= c.EvidenceStart })
	for k := max(0, at-echoNear); k < min(len(dated), at+echoNear); k++ {
		d := dated[k]
		if titleOverlap(c.Title, d.Title) < 0.6 {
			continue
		}
		if !c.Dated() && d.Kind == c.Kind {
			return true
		}
		if c.Dated() && d.Precision == domain.PrecisionDay && !d.Start.Before(c.Start) && !c.End.Before(d.End) &&
			(d.Kind == c.Kind || c.Kind == domain.KindOther && strings.Contains(d.Title, c.Title)) {
			return true
		}
	}
	return false
}

// specificity ranks kinds: an occasion least, an event of unknown kind
// next, any named kind most.
func specificity(c Candidate) int {
	switch c.Kind {
	case domain.KindOccasion:
		return 0
	case domain.KindOther:
		return 1
	}
	return 2
}

// dropOccasionEchoes drops an event dated only by the occasion it names
// ("همایش پاسداشت روز ملی روابط عمومی") when the same event, by kind and
// title, is also found with a stated date: the stated date wins.
func dropOccasionEchoes(cs []Candidate) []Candidate {
	stated := map[string]bool{}
	for _, c := range cs {
		if c.Dated() && c.Occasion == "" && c.Kind != domain.KindOccasion {
			stated[string(c.Kind)+"|"+c.Title] = true
		}
	}
	out := cs[:0]
	for _, c := range cs {
		if c.Dated() && c.Occasion != "" && c.Kind != domain.KindOccasion && stated[string(c.Kind)+"|"+c.Title] {
			continue
		}
		out = append(out, c)
	}
	return out
}
