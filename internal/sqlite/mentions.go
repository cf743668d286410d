package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/ruydad/ruydad/internal/domain"
)

// articleOccasions is the article_occasions table's one column list.
var articleOccasions = newTable("article_occasions",
	col("id", func(o *domain.ArticleOccasion) any { return &o.ID }).rowID(),
	col("article_id", func(o *domain.ArticleOccasion) any { return &o.ArticleID }),
	col("occasion_key", func(o *domain.ArticleOccasion) any { return &o.Occasion }),
	col("name", func(o *domain.ArticleOccasion) any { return &o.Name }),
	col("start_date", func(o *domain.ArticleOccasion) any { return &o.Start }),
	col("end_date", func(o *domain.ArticleOccasion) any { return &o.End }),
	col("evidence_start", func(o *domain.ArticleOccasion) any { return &o.EvidenceStart }),
	col("evidence_end", func(o *domain.ArticleOccasion) any { return &o.EvidenceEnd }),
	col("confidence", func(o *domain.ArticleOccasion) any { return &o.Confidence }),
	col("review_note", func(o *domain.ArticleOccasion) any { return &o.ReviewNote }),
)

// insertArticleOccasion stores o, an occasion named by an article, and
// fills in its ID.
func insertArticleOccasion(ctx context.Context, q querier, o *domain.ArticleOccasion) error {
	res, err := q.ExecContext(ctx, articleOccasions.insert, articleOccasions.values(o)...)
	if err != nil {
		return fmt.Errorf("occasion %s: %w", o.Occasion, err)
	}
	o.ID, _ = res.LastInsertId()
	return nil
}

// knownOccasionColumns selects an article occasion (m) under the current
// name of its occasion (o) when the calendar still has it.
var knownOccasionColumns = strings.Replace(prefixed("m.", articleOccasions.list), "m.name", "coalesce(o.name, m.name)", 1)

// ArticleOccasions returns the calendar's occasions that an article names,
// in text order, each under its current name when the calendar still has
// it (Known) and under the name it had when the article was mined when not.
func (d *DB) ArticleOccasions(ctx context.Context, articleID int64) ([]domain.ArticleOccasion, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+knownOccasionColumns+`, o.id IS NOT NULL
FROM article_occasions m LEFT JOIN occasions o ON o.key = m.occasion_key
WHERE m.article_id = ? ORDER BY m.evidence_start, m.id`, articleID)
	if err != nil {
		return nil, fmt.Errorf("occasions of article %d: %w", articleID, err)
	}
	defer rows.Close()
	var out []domain.ArticleOccasion
	for rows.Next() {
		var known bool
		o, err := articleOccasions.scan(scanPlus{rows, []any{&known}})
		if err != nil {
			return nil, fmt.Errorf("occasions of article %d: %w", articleID, err)
		}
		o.Known = known
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("occasions of article %d: %w", articleID, err)
	}
	return out, nil
}

// articleOccasionRows calls fn with every stored article occasion, by
// article and then in text order, as stored (the name it was mined with).
func articleOccasionRows(ctx context.Context, q querier, fn func(articleID int64, o domain.ArticleOccasion) error) error {
	rows, err := q.QueryContext(ctx, `SELECT `+articleOccasions.list+` FROM article_occasions ORDER BY article_id, evidence_start, id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		o, err := articleOccasions.scan(rows)
		if err != nil {
			return err
		}
		if err := fn(o.ArticleID, o); err != nil {
			return err
		}
	}
	return rows.Err()
}
