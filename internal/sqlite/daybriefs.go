package sqlite

import (
	"context"
	"fmt"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// DayBriefs returns what BriefsBetween returns, for a range of a few days
// (a day, a week, the agenda's weeks): the one-off events read as
// BriefsBetween reads them, the series from the blocks of days kept for
// the data version (seriesOn) instead of all the filter's series placed
// on each page.
func (d *DB) DayBriefs(ctx context.Context, from, to jalali.Date, f domain.EventFilter) ([]domain.Brief, error) {
	out, err := d.dayBriefs(ctx, from, to, f)
	if err != nil {
		return nil, fmt.Errorf("briefs between %v and %v: %w", from, to, err)
	}
	return out, nil
}

func (d *DB) dayBriefs(ctx context.Context, from, to jalali.Date, f domain.EventFilter) ([]domain.Brief, error) {
	where, args := filterSQL(f)
	longest, err := d.longest(ctx)
	if err != nil {
		return nil, err
	}
	out, err := d.readBriefs(ctx, briefsQuery(where, lookbackClasses(longest)), rangeArgs(args, from, to, longest))
	if err != nil {
		return nil, err
	}
	series, err := d.seriesOn(ctx, where, args, from, to, longest)
	if err != nil {
		return nil, err
	}
	return sortBriefs(append(out, series...)), nil
}
