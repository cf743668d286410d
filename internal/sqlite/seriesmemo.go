package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/ruydad/ruydad/internal/domain"
)

// The series a range's pages read (seriesBriefs) are every repeating event
// matching the page's filter that has not ended before the range: at
// national size about 2,500 of 6,700 for any day, each read from its index
// and its rule parsed, on every day, week and month page (85% of a cold day
// page's time, issue 18). They change only when the data does, so they are
// read once per data version and filter (all of a filter's series, ended
// or not: a few megabytes for the whole country), and each page keeps
// those that touch its range. The memo holds at most seriesMemoFilters
// filters (an organization's few series each) and forgets them all when
// the data changes.
const seriesMemoFilters = 256

// seriesMemo is the series read at one data version, by filter, and the
// longest span of an event then (longestSpan, which every range's read
// asks first).
type seriesMemo struct {
	mu      sync.Mutex
	version int64
	byKey   map[string]*seriesRead
	reads   atomic.Int64 // the reads from the database (tests)

	spanVersion int64 // the version span was read at
	span        int
	spanRead    bool
	spanReads   atomic.Int64 // the reads of the longest span (tests)
}

// seriesRead is one filter's series, read once: ready is closed when
// briefs and err are set.
type seriesRead struct {
	ready  chan struct{}
	briefs []domain.Brief
	last   []int // each counted series' last start (lastStart), 0 for others
	err    error
}

// allSeries returns every repeating event matching where (with args), as
// seriesBriefs reads them, at the current data version: read at most once
// per version and filter, however many pages ask at once.
func (d *DB) allSeries(ctx context.Context, where string, args []any) ([]domain.Brief, []int, error) {
	v, _, err := d.DataVersion(ctx)
	if err != nil {
		return nil, nil, err
	}
	var key strings.Builder
	key.WriteString(where)
	for _, a := range args {
		fmt.Fprintf(&key, "\x00%v", a)
	}
	m := &d.series
	m.mu.Lock()
	if m.version != v || m.byKey == nil || len(m.byKey) >= seriesMemoFilters {
		m.version, m.byKey = v, map[string]*seriesRead{}
	}
	r, found := m.byKey[key.String()]
	if !found {
		r = &seriesRead{ready: make(chan struct{})}
		m.byKey[key.String()] = r
	}
	m.mu.Unlock()
	if found {
		select {
		case <-r.ready:
			return r.briefs, r.last, r.err
		case <-ctx.Done():
			return nil, nil, ctx.Err()
		}
	}
	r.briefs, r.err = d.readSeries(context.WithoutCancel(ctx), where, args)
	r.last = make([]int, len(r.briefs))
	for i := range r.briefs {
		r.last[i] = lastStart(&r.briefs[i])
	}
	close(r.ready)
	if r.err != nil {
		// Not kept: the next page reads again.
		m.mu.Lock()
		if m.byKey[key.String()] == r {
			delete(m.byKey, key.String())
		}
		m.mu.Unlock()
	}
	return r.briefs, r.last, r.err
}

// readSeries reads every repeating event matching where, with its rule.
func (d *DB) readSeries(ctx context.Context, where string, args []any) ([]domain.Brief, error) {
	d.series.reads.Add(1)
	// Every start and every end: the bounds of seriesBriefsQuery opened
	// wide (ISO dates compare as text).
	qargs := append(append(make([]any, 0, len(args)+2), args...), "9999-12-31", "0000-01-01")
	st, err := d.stmt(ctx, seriesBriefsQuery(where))
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, qargs...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.Brief
	var row, rule string
	for rows.Next() {
		if err := rows.Scan(&row, &rule); err != nil {
			return nil, err
		}
		b, rest, err := parseBrief(row)
		if err == nil && rest != "" {
			err = fmt.Errorf("brief %q: %d bytes more", row, len(rest))
		}
		if err != nil {
			return nil, err
		}
		// The brief's texts share row's memory, which the next Scan may
		// reuse: keep copies.
		b.Title, b.Occasion, b.StartTime, b.EndTime = strings.Clone(b.Title), strings.Clone(b.Occasion), strings.Clone(b.StartTime), strings.Clone(b.EndTime)
		r, err := parseRule(rule)
		if err != nil {
			return nil, fmt.Errorf("event %d: %w", b.ID, err)
		}
		b.Repeat = &r
		out = append(out, b)
	}
	return out, rows.Err()
}

// longest returns the most days any dated event lasts beyond its first
// (longestSpan), read once per data version.
func (d *DB) longest(ctx context.Context) (int, error) {
	v, _, err := d.DataVersion(ctx)
	if err != nil {
		return 0, err
	}
	m := &d.series
	m.mu.Lock()
	span, known := m.span, m.spanRead && m.spanVersion == v
	m.mu.Unlock()
	if known {
		return span, nil
	}
	m.spanReads.Add(1)
	var read sql.NullFloat64
	st, err := d.stmt(ctx, longestSpan)
	if err != nil {
		return 0, err
	}
	if err := st.QueryRowContext(ctx).Scan(&read); err != nil {
		return 0, err
	}
	// Kept under the version read before it: after a write since, the
	// version has moved past v and the next reader reads again.
	m.mu.Lock()
	m.spanVersion, m.span, m.spanRead = v, int(read.Float64), true
	m.mu.Unlock()
	return int(read.Float64), nil
}
