package sqlite

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/persian"
)

// passageBytes is about how much of an article's text a passage holds (cut
// between characters): with its row, it fills one database page.
const passageBytes = 4000

// A passage is one row of article_passages.
type passage struct {
	ArticleID int64
	Seq       int
	KeyStart  int // where its text begins in the article's search key, in characters
	Text      string
}

// passages is the article_passages table's one column list.
var passages = newTable("article_passages",
	col("article_id", func(p *passage) any { return &p.ArticleID }),
	col("seq", func(p *passage) any { return &p.Seq }),
	col("key_start", func(p *passage) any { return &p.KeyStart }),
	col("text", func(p *passage) any { return &p.Text }),
)

// cutPassages cuts a's text into its passages.
func cutPassages(a *domain.Article) []passage {
	// The key is the title's, source's and province's, then the text's
	// (articleKey): SearchKey folds rune by rune, so the text's key begins
	// after theirs.
	at := utf8.RuneCountInString(persian.SearchKey(strings.Join([]string{a.Title, a.Source, a.Province}, " ")))
	var out []passage
	for from := 0; from < len(a.Text); {
		end := min(from+passageBytes, len(a.Text))
		for end < len(a.Text) && !utf8.RuneStart(a.Text[end]) {
			end++
		}
		text := a.Text[from:end]
		out = append(out, passage{ArticleID: a.ID, Seq: len(out), KeyStart: at, Text: text})
		at += utf8.RuneCountInString(persian.SearchKey(text))
		from = end
	}
	return out
}

// indexArticle indexes a stored article for search: its key in search_index
// and its passages (replacing any it had).
func indexArticle(ctx context.Context, tx querier, a *domain.Article) error {
	if err := indexDoc(ctx, tx, "article", a.ID, articleKey(a)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM article_passages WHERE article_id = ?`, a.ID); err != nil {
		return err
	}
	for _, p := range cutPassages(a) {
		if _, err := tx.ExecContext(ctx, passages.insert, passages.values(&p)...); err != nil {
			return err
		}
	}
	return nil
}
