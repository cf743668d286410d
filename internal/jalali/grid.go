package jalali

// Grid is a Saturday-first month grid: whole weeks from the Saturday on or
// before the 1st to the Friday on or after the last day. Days of the
// neighbouring months fill the first and last week.
type Grid struct {
	Year, Month int
	Weeks       [][7]Date
}

// MonthGrid returns the grid of year/month. It returns an error wrapping
// ErrInvalid when the month does not exist.
func MonthGrid(year, month int) (Grid, error) {
	first, err := New(year, month, 1)
	if err != nil {
		return Grid{}, err
	}
	start := first.AddDays(-int(first.Weekday()))
	last := first.LastOfMonth()
	days := start.DaysUntil(last) + 1
	weeks := (days + 6) / 7
	g := Grid{Year: year, Month: month, Weeks: make([][7]Date, weeks)}
	d := start
	for w := range g.Weeks {
		for i := range 7 {
			g.Weeks[w][i] = d
			d = d.Next()
		}
	}
	return g, nil
}

// InMonth reports whether d belongs to the grid's own month.
func (g Grid) InMonth(d Date) bool { return d.Year == g.Year && d.Month == g.Month }

// First returns the first cell of the grid (a Saturday).
func (g Grid) First() Date { return g.Weeks[0][0] }

// Last returns the last cell of the grid (a Friday).
func (g Grid) Last() Date { return g.Weeks[len(g.Weeks)-1][6] }

// Next returns the following day, without a round trip through Gregorian.
func (d Date) Next() Date {
	if d.Day < MonthLength(d.Year, d.Month) {
		return Date{d.Year, d.Month, d.Day + 1}
	}
	if d.Month < 12 {
		return Date{d.Year, d.Month + 1, 1}
	}
	return Date{d.Year + 1, 1, 1}
}
