package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/ruydad/ruydad/internal/domain"
)

// DumpArticle is an article in a dump.
type DumpArticle struct {
	Hash      string  `json:"hash"`
	Title     string  `json:"title"`
	Text      string  `json:"text"`
	Source    string  `json:"source"`
	Province  string  `json:"province"`
	Published *string `json:"published"` // null when unknown
	// PublishedFrom is where in the text the publication date was read
	// ([start, end) byte offsets), absent when a person gave it.
	PublishedFrom *[2]int `json:"published_from,omitempty"`
	Created       string  `json:"created"`
	// Occasions are the calendar's occasions the article names, absent
	// when none (and in files from before they were kept).
	Occasions []DumpArticleOccasion `json:"occasions,omitempty"`
}

// DumpArticleOccasion is an occasion an article names, in a dump.
type DumpArticleOccasion struct {
	Occasion      string  `json:"occasion"` // the occasion's key
	Name          string  `json:"name"`     // its name when the article was mined
	Start         string  `json:"start"`
	End           string  `json:"end"`
	EvidenceStart int     `json:"evidence_start"`
	EvidenceEnd   int     `json:"evidence_end"`
	Confidence    float64 `json:"confidence"`
	ReviewNote    string  `json:"review_note"`
}

func dumpArticles(ctx context.Context, conn *sql.Conn, sink DumpSink) error {
	occasions := map[int64][]DumpArticleOccasion{}
	err := articleOccasionRows(ctx, conn, func(article int64, o domain.ArticleOccasion) error {
		occasions[article] = append(occasions[article], DumpArticleOccasion{Occasion: o.Occasion, Name: o.Name,
			Start: o.Start.ISO(), End: o.End.ISO(), EvidenceStart: o.EvidenceStart, EvidenceEnd: o.EvidenceEnd,
			Confidence: o.Confidence, ReviewNote: o.ReviewNote})
		return nil
	})
	if err != nil {
		return err
	}
	rows, err := conn.QueryContext(ctx, `SELECT id, content_hash, title, body, source, province, published,
    published_start, published_end, created_at
FROM articles ORDER BY id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var a DumpArticle
		var id int64
		var published sql.NullString
		var from, to sql.NullInt64
		if err := rows.Scan(&id, &a.Hash, &a.Title, &a.Text, &a.Source, &a.Province, &published, &from, &to, &a.Created); err != nil {
			return err
		}
		a.Published = nullString(published)
		if from.Valid && to.Valid {
			a.PublishedFrom = &[2]int{int(from.Int64), int(to.Int64)}
		}
		a.Occasions = occasions[id]
		if err := sink.Article(a); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Article adds a unless an article with its hash is stored; either way
// later events naming a.Hash link to the stored article.
func (l *Load) Article(ctx context.Context, a DumpArticle) error {
	dom := domain.Article{Title: a.Title, Text: a.Text, Hash: a.Hash}
	if a.Hash == "" {
		return fmt.Errorf("load article %q: no hash", a.Title)
	}
	if a.Published != nil {
		var err error
		if dom.Published, err = parseDumpDate("published", *a.Published); err != nil {
			return fmt.Errorf("load article %q (%q): %w", a.Hash, a.Title, err)
		}
	}
	if a.PublishedFrom != nil {
		dom.PublishedFrom = domain.Span{Start: a.PublishedFrom[0], End: a.PublishedFrom[1]}
		if dom.PublishedFrom.IsZero() {
			return fmt.Errorf("load article %q (%q): published_from is empty", a.Hash, a.Title)
		}
	}
	if err := dom.Validate(); err != nil {
		return fmt.Errorf("load article %q (%q): %w", a.Hash, a.Title, err)
	}
	occasions, err := a.articleOccasions()
	if err != nil {
		return fmt.Errorf("load article %q (%q): %w", a.Hash, a.Title, err)
	}
	var id int64
	err = l.tx.QueryRowContext(ctx, `SELECT id FROM articles WHERE content_hash = ?`, a.Hash).Scan(&id)
	switch {
	case err == nil:
		l.articles[a.Hash] = id
		l.stats.SkippedArticles++
		return nil
	case !errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("load article %q: %w", a.Hash, err)
	}
	var from, to any
	if a.PublishedFrom != nil {
		from, to = a.PublishedFrom[0], a.PublishedFrom[1]
	}
	res, err := l.tx.ExecContext(ctx, `INSERT INTO articles (title, body, source, province, published, published_start,
    published_end, content_hash, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.Title, a.Text, a.Source, a.Province, a.Published, from, to, a.Hash, a.Created)
	if err != nil {
		return fmt.Errorf("load article %q: %w", a.Hash, err)
	}
	id, _ = res.LastInsertId()
	l.articles[a.Hash] = id
	for i := range occasions {
		occasions[i].ArticleID = id
		if err := occasions[i].Validate(a.Text); err != nil {
			return fmt.Errorf("load article %q: %w", a.Hash, err)
		}
		if err := insertArticleOccasion(ctx, l.tx, a.Text, &occasions[i]); err != nil {
			return fmt.Errorf("load article %q: %w", a.Hash, err)
		}
	}
	dom.Source, dom.Province = a.Source, a.Province
	if err := indexDoc(ctx, l.tx, "article", id, articleKey(&dom)); err != nil {
		return fmt.Errorf("load article %q: %w", a.Hash, err)
	}
	l.stats.Articles++
	return nil
}

// articleOccasions returns the occasions a names, as stored, with their
// dates checked (their evidence is checked against the text as they are
// stored).
func (a DumpArticle) articleOccasions() ([]domain.ArticleOccasion, error) {
	out := make([]domain.ArticleOccasion, 0, len(a.Occasions))
	for _, o := range a.Occasions {
		start, err := parseDumpDate("occasion "+o.Occasion+" start", o.Start)
		if err != nil {
			return nil, err
		}
		end, err := parseDumpDate("occasion "+o.Occasion+" end", o.End)
		if err != nil {
			return nil, err
		}
		out = append(out, domain.ArticleOccasion{Occasion: o.Occasion, Name: o.Name, Start: start, End: end,
			EvidenceStart: o.EvidenceStart, EvidenceEnd: o.EvidenceEnd, Confidence: o.Confidence, ReviewNote: o.ReviewNote})
	}
	return out, nil
}
