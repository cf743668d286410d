package sqlite

import (
	"context"
	"fmt"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// insertArticleOccasion stores o, an occasion named by the article whose
// stored text is text, and fills in its ID.
func insertArticleOccasion(ctx context.Context, q querier, text string, o *domain.ArticleOccasion) error {
	res, err := q.ExecContext(ctx, `INSERT INTO article_occasions (article_id, occasion_key, name, start_date, end_date,
    evidence_start, evidence_end, confidence, review_note)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, o.ArticleID, o.Occasion, o.Name, o.Start.ISO(), o.End.ISO(),
		o.EvidenceStart, o.EvidenceEnd, o.Confidence, o.ReviewNote)
	if err != nil {
		return fmt.Errorf("occasion %s: %w", o.Occasion, err)
	}
	o.ID, _ = res.LastInsertId()
	return nil
}

// ArticleOccasions returns the calendar's occasions that an article names,
// in text order, each under its current name when the calendar still has
// it (Known) and under the name it had when the article was mined when not.
func (d *DB) ArticleOccasions(ctx context.Context, articleID int64) ([]domain.ArticleOccasion, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT m.id, m.article_id, m.occasion_key, coalesce(o.name, m.name), o.id IS NOT NULL,
    m.start_date, m.end_date, m.evidence_start, m.evidence_end, m.confidence, m.review_note
FROM article_occasions m LEFT JOIN occasions o ON o.key = m.occasion_key
WHERE m.article_id = ? ORDER BY m.evidence_start, m.id`, articleID)
	if err != nil {
		return nil, fmt.Errorf("occasions of article %d: %w", articleID, err)
	}
	defer rows.Close()
	var out []domain.ArticleOccasion
	for rows.Next() {
		o, err := scanArticleOccasion(rows)
		if err != nil {
			return nil, fmt.Errorf("occasions of article %d: %w", articleID, err)
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("occasions of article %d: %w", articleID, err)
	}
	return out, nil
}

func scanArticleOccasion(r rowScanner) (domain.ArticleOccasion, error) {
	var o domain.ArticleOccasion
	var start, end string
	if err := r.Scan(&o.ID, &o.ArticleID, &o.Occasion, &o.Name, &o.Known, &start, &end,
		&o.EvidenceStart, &o.EvidenceEnd, &o.Confidence, &o.ReviewNote); err != nil {
		return o, err
	}
	var err error
	if o.Start, err = jalali.ParseISO(start); err != nil {
		return o, err
	}
	if o.End, err = jalali.ParseISO(end); err != nil {
		return o, err
	}
	return o, nil
}

// articleOccasionRows calls fn with every stored article occasion, by
// article and then in text order, as stored (the name it was mined with).
func articleOccasionRows(ctx context.Context, q querier, fn func(articleID int64, o domain.ArticleOccasion) error) error {
	rows, err := q.QueryContext(ctx, `SELECT id, article_id, occasion_key, name, 0, start_date, end_date,
    evidence_start, evidence_end, confidence, review_note
FROM article_occasions ORDER BY article_id, evidence_start, id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		o, err := scanArticleOccasion(rows)
		if err != nil {
			return err
		}
		if err := fn(o.ArticleID, o); err != nil {
			return err
		}
	}
	return rows.Err()
}
