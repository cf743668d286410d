package sqlite

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/ruydad/ruydad/internal/domain"
)

// Every page of the review queue counts the queue (up to
// domain.ReviewCountCap, ten thousand steps of its index at national
// size) and lists the newest articles awaiting review (a hundred groups
// of the index, each article's title read): the same answers on every
// page until the data changes, a fifth of a page's time (issue 18). They
// are kept for the data version (reviewMemo): a page then costs its own
// rows.
type reviewMemo struct {
	mu       sync.Mutex
	version  int64
	counts   map[string]int
	articles map[int][]domain.ArticleSummary
	reads    int // the counts and lists read from the database (tests)
}

// reviewMemoCounts bounds the counts kept (a filter and bound each).
const reviewMemoCounts = 256

// at returns the memo emptied unless it is of data version v; the caller
// holds mu.
func (m *reviewMemo) at(v int64) *reviewMemo {
	if m.version != v || m.counts == nil || len(m.counts) >= reviewMemoCounts {
		m.version, m.counts, m.articles = v, map[string]int{}, map[int][]domain.ArticleSummary{}
	}
	return m
}

// queueCount counts the queue under where (with args) up to bound, as
// queueCountQuery does, once per data version.
func (d *DB) queueCount(ctx context.Context, where string, args []any, bound int) (int, error) {
	v, _, err := d.DataVersion(ctx)
	if err != nil {
		return 0, err
	}
	key := memoKey(bound, where, args)
	m := &d.review
	m.mu.Lock()
	n, ok := m.at(v).counts[key]
	m.mu.Unlock()
	if ok {
		return n, nil
	}
	st, err := d.stmt(ctx, queueCountQuery(where))
	if err != nil {
		return 0, err
	}
	if err := st.QueryRowContext(ctx, append(slices.Clip(args), bound)...).Scan(&n); err != nil {
		return 0, err
	}
	m.mu.Lock()
	m.reads++
	m.at(v).counts[key] = n
	m.mu.Unlock()
	return n, nil
}

// ProposedArticles returns the newest limit articles that have events
// awaiting review, newest first, with how many each has (Proposed): the
// first entries of the queue's index, grouped, read once per data
// version.
func (d *DB) ProposedArticles(ctx context.Context, limit int) ([]domain.ArticleSummary, error) {
	v, _, err := d.DataVersion(ctx)
	if err != nil {
		return nil, fmt.Errorf("articles awaiting review: %w", err)
	}
	m := &d.review
	m.mu.Lock()
	kept, ok := m.at(v).articles[limit]
	m.mu.Unlock()
	if ok {
		return slices.Clone(kept), nil
	}
	out, err := d.proposedArticles(ctx, limit)
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	m.reads++
	m.at(v).articles[limit] = out
	m.mu.Unlock()
	return slices.Clone(out), nil
}
