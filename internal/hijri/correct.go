package hijri

import (
	"cmp"
	"slices"

	"github.com/ruydad/ruydad/internal/jalali"
)

// Correction sets the first day of one Hijri month: an administrator's,
// after the month was announced.
type Correction struct {
	Month Month
	Start jalali.Date
}

// WithCorrections returns a new Calendar with c's corrections and cs
// applied over the uncorrected one (the table and its predictions); c is
// unchanged. A corrected month starts on its Correction.Start
// (SourceCorrected). Walking forward from it, an uncorrected month whose
// predecessor would be shorter than 29 days or longer than 30 moves just
// enough to keep the predecessor 29 or 30 days long (SourcePredicted),
// until the months realign with the uncorrected ones.
//
// It refuses the corrections, with a *CorrectionError, when a month is
// outside Range, a start is not a supported Jalali day or is more than two
// days from the uncorrected start, two corrections name the same month,
// the month before a corrected one would not be 29 or 30 days long given
// its own (uncorrected or corrected) start, or a correction's cascade gives
// that month a length other than 29 or 30 (two corrections conflict).
func (c *Calendar) WithCorrections(cs []Correction) (*Calendar, error) {
	if len(cs) == 0 {
		return c, nil
	}
	all := append(slices.Clone(c.corrections), cs...)
	base := c.base
	if base == nil { // the zero Calendar
		base = c
	}
	if err := base.checkEach(all); err != nil {
		return nil, err
	}
	slices.SortFunc(all, func(a, b Correction) int { return cmp.Compare(a.Month.Index(), b.Month.Index()) })
	if err := base.checkPredecessors(all); err != nil {
		return nil, err
	}
	return base.apply(all)
}

// checkEach checks each correction on its own, and that no month comes twice.
func (c *Calendar) checkEach(cs []Correction) error {
	seen := make(map[Month]bool, len(cs))
	for _, cr := range cs {
		e := &CorrectionError{Month: cr.Month, Start: cr.Start}
		i, ok := c.position(cr.Month)
		n, okStart := dayNumber(cr.Start)
		switch {
		case !ok:
			e.Reason = ReasonOutOfRange
		case !okStart:
			e.Reason = ReasonBadStart
		case seen[cr.Month]:
			e.Reason = ReasonDuplicate
		case abs(n-int(c.starts[i])) > margin:
			e.Reason, e.Base = ReasonTooFar, anyJalaliDate(int(c.starts[i]))
		default:
			seen[cr.Month] = true
			continue
		}
		return e
	}
	return nil
}

// checkPredecessors checks, for sorted corrections cs, that the month
// before each corrected one keeps 29 or 30 days given its own start.
func (c *Calendar) checkPredecessors(cs []Correction) error {
	for k, cr := range cs {
		i, _ := c.position(cr.Month)
		if i == 0 {
			continue
		}
		prev := int(c.starts[i-1])
		if k > 0 && cs[k-1].Month.Index() == cr.Month.Index()-1 {
			prev, _ = dayNumber(cs[k-1].Start)
		}
		n, _ := dayNumber(cr.Start)
		if l := n - prev; l != 29 && l != 30 {
			return &CorrectionError{Month: cr.Month, Start: cr.Start, Reason: ReasonLength, Other: cr.Month.Add(-1), Days: l}
		}
	}
	return nil
}

// apply returns c (uncorrected) with sorted, checked corrections cs.
func (c *Calendar) apply(cs []Correction) (*Calendar, error) {
	s, src := slices.Clone(c.starts), slices.Clone(c.sources)
	k := 0 // the next correction
	for j, _ := c.position(cs[0].Month); j < len(s); j++ {
		if k < len(cs) && j == cs[k].Month.Index()-c.first {
			n, _ := dayNumber(cs[k].Start)
			if k > 0 { // then j > 0
				if err := conflict(cs, k, n-int(s[j-1])); err != nil {
					return nil, err
				}
			}
			s[j], src[j] = int32(n), SourceCorrected
			k++
			continue
		}
		s[j] = min(max(c.starts[j], s[j-1]+29), s[j-1]+30)
		switch {
		case s[j] != c.starts[j]:
			if j < len(src) {
				src[j] = SourcePredicted
			}
		case k == len(cs):
			j = len(s) // realigned after the last correction
		default:
			j = cs[k].Month.Index() - c.first - 1 // realigned: the months up to the next correction are as before
		}
	}
	return &Calendar{first: c.first, starts: s, sources: src, table: c.table, base: c, corrections: cs}, nil
}

// conflict returns the error for correction k when the cascade of the ones
// before it leaves its predecessor l days long, or nil when l is 29 or 30.
func conflict(cs []Correction, k, l int) error {
	if l == 29 || l == 30 {
		return nil
	}
	return &CorrectionError{Month: cs[k].Month, Start: cs[k].Start, Reason: ReasonConflict,
		Other: cs[k].Month.Add(-1), Days: l, With: cs[k-1].Month}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
