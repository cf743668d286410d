package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/ruydad/ruydad/internal/domain"
)

// The review queue's order: the newest article first, its dated events
// before its undated ones, each in text order. It is the order of the
// index events_review_queue (migration 0020), which every queue query names
// (INDEXED BY): without statistics the planner would rather take
// events_by_status and sort every proposed event. Within one article its
// first key is constant, and is left out of the order: SQLite does not see
// that an equality on an indexed expression keeps the index's order.
const (
	queueIndex        = `events INDEXED BY events_review_queue`
	queueArticle      = `coalesce(article_id, 0)`
	queueInArticle    = `start_date IS NULL, coalesce(evidence_start, -1), id`
	queueOrder        = queueArticle + ` DESC, ` + queueInArticle
	queueInArticleKey = `(` + queueInArticle + `)`
)

// reviewWhere is the condition of the queue narrowed by f, and its
// arguments.
func reviewWhere(f domain.ReviewFilter) (string, []any) {
	where, args := `status = 'proposed'`, []any{}
	if f.ArticleID != 0 {
		where, args = where+` AND `+queueArticle+` = ?`, append(args, f.ArticleID)
	}
	if f.Kind != "" {
		where, args = where+` AND kind = ?`, append(args, string(f.Kind))
	}
	if f.Below > 0 {
		where, args = where+` AND confidence < ?`, append(args, f.Below)
	}
	if f.Undated {
		where += ` AND start_date IS NULL`
	}
	return where, args
}

// reviewOrder is the queue's order under f.
func reviewOrder(f domain.ReviewFilter) string {
	if f.ArticleID != 0 {
		return queueInArticle
	}
	return queueOrder
}

// queueCountQuery counts the queue under where, up to its one argument
// after where's: a walk of the queue's index that stops there.
func queueCountQuery(where string) string {
	return `SELECT count(*) FROM (SELECT 1 FROM ` + queueIndex + ` WHERE ` + where + limitArg + `)`
}

// queuePageQuery reads a page of the queue under f (where), limit and
// offset its two arguments after where's: a walk of the queue's index.
func queuePageQuery(f domain.ReviewFilter, where string) string {
	return `SELECT ` + eventColumns + ` FROM ` + queueIndex + ` WHERE ` + where + ` ORDER BY ` + reviewOrder(f) + limitArg + ` OFFSET ?`
}

// nextQuery reads the first event of the queue under where, other than
// the one given by id after where's arguments, that meets cond, in order.
func nextQuery(where, cond, order string) string {
	return `SELECT ` + eventColumns + ` FROM ` + queueIndex + ` WHERE ` + where + ` AND id <> ?` + cond + ` ORDER BY ` + order + ` LIMIT 1`
}

// proposedArticlesQuery reads the newest articles (as many as its
// argument) with events awaiting review, and how many each has.
const proposedArticlesQuery = `SELECT a.id, a.title, p.n FROM (
    SELECT ` + queueArticle + ` AS id, count(*) AS n FROM ` + queueIndex + `
    WHERE status = 'proposed' AND ` + queueArticle + ` > 0 GROUP BY ` + queueArticle + ` ORDER BY ` + queueArticle + ` DESC` + limitArg + `
) p JOIN articles a ON a.id = p.id`

// ProposedEvents returns a page of the review queue narrowed by f (limit
// events from offset), grouped by article, the newest article first, its
// dated events before its undated ones; and how many the queue so narrowed
// holds, counted up to max(domain.ReviewCountCap, offset+limit) and one more:
// a total above that bound means "more than the bound", and costs no count
// of the whole queue.
func (d *DB) ProposedEvents(ctx context.Context, f domain.ReviewFilter, limit, offset int) ([]domain.Event, int, error) {
	where, args := reviewWhere(f)
	total, err := d.queueCount(ctx, where, args, max(domain.ReviewCountCap, offset+limit)+1)
	if err != nil {
		return nil, 0, fmt.Errorf("proposed events: %w", err)
	}
	if limit == 0 {
		return nil, total, nil
	}
	page, err := d.stmt(ctx, queuePageQuery(f, where))
	if err != nil {
		return nil, 0, fmt.Errorf("proposed events: %w", err)
	}
	rows, err := page.QueryContext(ctx, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("proposed events: %w", err)
	}
	defer rows.Close()
	out := make([]domain.Event, 0, limit)
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("proposed events: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("proposed events: %w", err)
	}
	return out, total, nil
}

// NextProposed returns the proposed event that follows after in the queue
// narrowed by f, where after stood as given (it may have been confirmed or
// changed since): the next one in the queue's order, else the first one
// (the queue has events before it), never after itself. It returns
// domain.ErrNotFound when no other event is left.
//
// Each step is a seek in the queue's index: the rest of after's article,
// then the older articles, then the queue's start.
func (d *DB) NextProposed(ctx context.Context, f domain.ReviewFilter, after domain.Event) (domain.Event, error) {
	where, args := reviewWhere(f)
	undated, evidence := 0, -1
	if !after.Dated() {
		undated = 1
	}
	if after.ArticleID != 0 {
		evidence = after.EvidenceStart
	}
	steps := []struct {
		cond, order string
		args        []any
	}{
		{` AND ` + queueArticle + ` = ? AND ` + queueInArticleKey + ` > (?, ?, ?)`, queueInArticle,
			[]any{after.ArticleID, undated, evidence, after.ID}},
		{` AND ` + queueArticle + ` < ?`, reviewOrder(f), []any{after.ArticleID}},
		{``, reviewOrder(f), nil},
	}
	for _, s := range steps {
		e, err := scanEvent(d.db.QueryRowContext(ctx, nextQuery(where, s.cond, s.order),
			append(append(append([]any{}, args...), after.ID), s.args...)...))
		if err == nil {
			return e, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return e, fmt.Errorf("next proposed event after %d: %w", after.ID, err)
		}
	}
	return domain.Event{}, fmt.Errorf("next proposed event after %d: %w", after.ID, domain.ErrNotFound)
}

// proposedArticles reads ProposedArticles' articles: the first entries of
// the queue's index, grouped.
func (d *DB) proposedArticles(ctx context.Context, limit int) ([]domain.ArticleSummary, error) {
	st, err := d.stmt(ctx, proposedArticlesQuery)
	if err != nil {
		return nil, fmt.Errorf("articles awaiting review: %w", err)
	}
	rows, err := st.QueryContext(ctx, limit)
	if err != nil {
		return nil, fmt.Errorf("articles awaiting review: %w", err)
	}
	defer rows.Close()
	var out []domain.ArticleSummary
	for rows.Next() {
		var s domain.ArticleSummary
		if err := rows.Scan(&s.ID, &s.Title, &s.Proposed); err != nil {
			return nil, fmt.Errorf("articles awaiting review: %w", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("articles awaiting review: %w", err)
	}
	// The newest first, sorted here: an ORDER BY on the join would sort
	// in a temporary B-tree.
	slices.SortFunc(out, func(a, b domain.ArticleSummary) int { return cmp.Compare(b.ID, a.ID) })
	return out, nil
}

// evidenceQuery reads the runs of articles' texts its argument names, a
// JSON array of [article, start, end] (byte offsets), each as its place in
// the array and the bytes from start to end, fewer when the text is
// shorter; no row when the article is gone.
const evidenceQuery = `SELECT j.key, substr(CAST(a.body AS BLOB), json_extract(j.value, '$[1]') + 1,
    json_extract(j.value, '$[2]') - json_extract(j.value, '$[1]'))
FROM json_each(?) j JOIN articles a ON a.id = json_extract(j.value, '$[0]')`

// Evidence returns the sentences of their articles that support events,
// by event number: for each event with an article and a span of it, the
// run of the article's text the span covers, "" when it does not fit the
// text or the article is gone. A review page shows fifty events' sentences:
// read so, they cost a few hundred bytes each, not their articles' whole
// texts, one query each (issue 18).
func (d *DB) Evidence(ctx context.Context, events []domain.Event) (map[int64]string, error) {
	type ask [3]int64
	var asks []ask
	var ids []int64
	for _, e := range events {
		if e.ArticleID != 0 && e.EvidenceStart >= 0 && e.EvidenceStart < e.EvidenceEnd {
			asks = append(asks, ask{e.ArticleID, int64(e.EvidenceStart), int64(e.EvidenceEnd)})
			ids = append(ids, e.ID)
		}
	}
	out := make(map[int64]string, len(ids))
	if len(asks) == 0 {
		return out, nil
	}
	list, err := json.Marshal(asks)
	if err != nil {
		return nil, err
	}
	st, err := d.stmt(ctx, evidenceQuery)
	if err != nil {
		return nil, fmt.Errorf("evidence: %w", err)
	}
	rows, err := st.QueryContext(ctx, string(list))
	if err != nil {
		return nil, fmt.Errorf("evidence: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var i int
		var run []byte
		if err := rows.Scan(&i, &run); err != nil {
			return nil, fmt.Errorf("evidence: %w", err)
		}
		if i < 0 || i >= len(ids) {
			return nil, fmt.Errorf("evidence: row %d of %d", i, len(ids))
		}
		out[ids[i]] = ""
		if a := asks[i]; int64(len(run)) == a[2]-a[1] { // the span fits the text (domain.Span.In)
			out[ids[i]] = string(run)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("evidence: %w", err)
	}
	return out, nil
}
