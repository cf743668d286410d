package calendar

import (
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/hijri"
)

// revision is the last time an administrator set, or removed, the start
// of one Hijri month, and how many months after it the change can move.
type revision struct {
	month hijri.Month
	reach int // months after month whose starts a correction of it can move
	at    time.Time
}

// revisionsOf returns the revisions of the corrections applied (of cs)
// and of the removals among cs; a refused correction moved nothing.
func revisionsOf(cs []domain.HijriCorrection, applied []hijri.Correction) []revision {
	kept := make(map[hijri.Month]bool, len(applied))
	for _, x := range applied {
		kept[x.Month] = true
	}
	var out []revision
	for _, x := range cs {
		m := hijri.Month{Year: x.Year, Month: x.Month}
		if x.UpdatedAt.IsZero() || !x.Removed() && !kept[m] {
			continue
		}
		out = append(out, revision{month: m, reach: cascade(hijri.Official(), m), at: x.UpdatedAt})
	}
	return out
}

// maxShift is the most days a correction moves a month's start from the
// official one (internal/hijri refuses more).
const maxShift = 2

// cascade returns how many months after m a correction of m can move in h
// (the uncorrected calendar): each month after a moved one keeps 29 or 30
// days, so a shift runs on, shrinking in months of the other length, until
// the months realign. A shift of maxShift, either way, runs furthest.
func cascade(h *hijri.Calendar, m hijri.Month) int {
	info, ok := h.Month(m)
	if !ok {
		return 0
	}
	most := 0
	for _, shift := range []int{-maxShift, maxShift} {
		s, n := info.Start.Ordinal()+shift, 0
		for next := m.Add(1); ; next = next.Add(1) {
			ni, ok := h.Month(next)
			if !ok {
				break
			}
			base := ni.Start.Ordinal()
			if s = min(max(base, s+29), s+30); s == base {
				break
			}
			n++
		}
		most = max(most, n)
	}
	return most
}

// Revised returns when the Hijri month starts that place r's occurrence
// of Hijri year year last changed by an administrator's hand: the latest
// time a correction that moves, or may move, it was set or removed (of its
// month; of the next month too when the rule reads its month's length; of
// an earlier month whose shift can run on into them). Zero when there is
// none, and for rules on the other calendars. Feeds derive an occurrence's
// LAST-MODIFIED and SEQUENCE from it.
func (c *Calendar) Revised(r domain.Recurrence, year int) time.Time {
	if r.Calendar != domain.CalHijri || len(c.revisions) == 0 {
		return time.Time{}
	}
	first := hijri.Month{Year: year, Month: r.Month}.Index()
	last := first
	if readsLength(r) {
		last++ // the month's length is where the next month starts
	}
	var at time.Time
	for _, v := range c.revisions {
		if i := v.month.Index(); i <= last && i+v.reach >= first && v.at.After(at) {
			at = v.at
		}
	}
	return at
}

// readsLength reports whether r's day in its month depends on the month
// having 29 or 30 days.
func readsLength(r domain.Recurrence) bool {
	switch r.Rule {
	case domain.RuleMonthEnd, domain.RuleWholeMonth, domain.RuleLastWeekday:
		return true
	case domain.RuleNthWeekday:
		return r.Nth >= 5 // the fifth may fall on the 29th or 30th; the fourth never does
	}
	return r.Day >= 30
}
