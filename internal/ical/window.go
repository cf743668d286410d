package ical

import (
	"errors"
	"fmt"
	"time"

	"github.com/ruydad/ruydad/internal/jalali"
)

// The default window of yearly items, around the current Jalali year, and
// the widest window anyone may ask for.
const (
	YearsBack      = 5
	YearsAhead     = 10
	MaxWindowYears = 50
)

// ErrWindow is wrapped by every error Window returns.
var ErrWindow = errors.New("bad window of years")

// Window returns the Jalali years from..to, inclusive, over which a feed
// writes its yearly items and Parse expands recurring events that have no
// end. A zero bound takes its default: YearsBack years before, or
// YearsAhead years after, the Jalali year of now. The window must run
// forwards, lie within the years the calendar knows (jalali.MinYear..
// jalali.MaxYear) and span at most MaxWindowYears years; otherwise the
// error, wrapping ErrWindow, says which rule the window breaks.
func Window(now time.Time, from, to int) (int, int, error) {
	from, to = defaultWindow(now, from, to)
	for _, y := range []int{from, to} {
		if y < jalali.MinYear || y > jalali.MaxYear {
			return 0, 0, fmt.Errorf("%w: year %d is not a Jalali year between %d and %d", ErrWindow, y, jalali.MinYear, jalali.MaxYear)
		}
	}
	switch {
	case from > to:
		return 0, 0, fmt.Errorf("%w: the first year, %d, is after the last, %d", ErrWindow, from, to)
	case to-from+1 > MaxWindowYears:
		return 0, 0, fmt.Errorf("%w: %d..%d spans %d years, more than %d", ErrWindow, from, to, to-from+1, MaxWindowYears)
	}
	return from, to, nil
}

// defaultWindow gives zero bounds their defaults.
func defaultWindow(now time.Time, from, to int) (int, int) {
	y := jalali.FromTime(now).Year
	if from == 0 {
		from = y - YearsBack
	}
	if to == 0 {
		to = y + YearsAhead
	}
	return from, to
}
