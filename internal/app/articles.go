package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/mining"
	"github.com/ruydad/ruydad/internal/persian"
)

// ImportOptions say how an article is imported.
type ImportOptions struct {
	// Miner finds the article's events (the official calendar's, with the
	// Hijri corrections stored).
	Miner Miner
	// RequirePublished refuses, with ErrNoPublished, an article whose
	// publication date is neither given nor found in its text, so that a
	// person can be asked for it: the miner takes the year of a date
	// written without one from the publication date.
	RequirePublished bool
	// Organization is given to the mined events that name none (the
	// organization of the source an article came from).
	Organization string
}

// ImportResult is what one import did.
type ImportResult struct {
	Article   domain.Article // as stored (the earlier copy when it was a duplicate)
	Created   bool           // false when the article was already stored
	Events    int            // candidates stored (0 for a duplicate)
	Dated     int            // of which have a date
	Occasions int            // links to the calendar's occasions stored (0 for a duplicate)
}

// ErrEmpty is returned for an article with no text.
var ErrEmpty = errors.New("article is empty")

// ErrNotUTF8 is returned for an article whose bytes are not UTF-8 text.
var ErrNotUTF8 = errors.New("article is not UTF-8 text")

// ErrNoPublished is returned, when ImportOptions.RequirePublished, for an
// article whose publication date is neither given nor in its text.
var ErrNoPublished = errors.New("article has no publication date")

// ImportArticle mines a and stores it with its candidates as proposed
// events and its links to the calendar's occasions it names, once: an
// article already stored (by normalized text) is not stored again. A
// missing title or publication date is taken from the mining result; a
// publication date read from the text is stored with the line it was read
// from.
func (app *App) ImportArticle(ctx context.Context, a domain.Article, o ImportOptions) (ImportResult, error) {
	if !utf8.ValidString(a.Text) {
		return ImportResult{}, ErrNotUTF8
	}
	// NUL and the bidi overrides are stored nowhere (a form's texts come
	// stripped already; a file's are stripped here).
	a.Text, a.Title = persian.StripControls(a.Text), persian.StripControls(a.Title)
	a.Source, a.Province = persian.StripControls(a.Source), persian.StripControls(a.Province)
	if strings.TrimSpace(a.Text) == "" {
		return ImportResult{}, ErrEmpty
	}
	if err := a.Validate(); err != nil {
		return ImportResult{}, fmt.Errorf("import: %w", err)
	}
	res := o.Miner.Mine(mining.Input{Text: a.Text, Published: a.Published, Source: a.Source})
	if a.Published.IsZero() {
		a.Published = res.Published
		if res.PublishedFromText && res.PublishedFrom.In(a.Text) {
			a.PublishedFrom = res.PublishedFrom
		}
	}
	if a.Published.IsZero() && o.RequirePublished {
		return ImportResult{}, ErrNoPublished
	}
	if strings.TrimSpace(a.Title) == "" {
		a.Title = res.Title
	}
	if strings.TrimSpace(a.Title) == "" {
		a.Title = firstLine(a.Text)
	}
	events, occasions := Events(res, a), Occasions(res, a)
	for i := range events {
		if events[i].Organization == "" {
			events[i].Organization = o.Organization
		}
	}
	created, err := app.storeArticle(ctx, &a, events, occasions)
	if err != nil {
		return ImportResult{}, fmt.Errorf("import: %w", err)
	}
	r := ImportResult{Article: a, Created: created}
	if created {
		r.Events, r.Occasions = len(events), len(occasions)
		for _, e := range events {
			if e.Dated() {
				r.Dated++
			}
		}
	}
	return r, nil
}

// StoreArticle stores article a with the events mined from it (proposed
// unless they say otherwise, with the defaults of any event) and the
// calendar's occasions it names, in one transaction, once: when an article
// with the same normalized text is stored, a becomes that one and created
// is false.
func (app *App) StoreArticle(ctx context.Context, a *domain.Article, events []domain.Event, occasions []domain.ArticleOccasion) (created bool, err error) {
	if err := a.Validate(); err != nil {
		return false, err
	}
	return app.storeArticle(ctx, a, events, occasions)
}

// storeArticle is StoreArticle for a checked article.
func (app *App) storeArticle(ctx context.Context, a *domain.Article, events []domain.Event, occasions []domain.ArticleOccasion) (bool, error) {
	if a.Hash == "" {
		a.Hash = Hash(a.Text)
	}
	a.CreatedAt = app.stamp()
	for i := range events {
		if events[i].Status == "" {
			events[i].Status = domain.StatusProposed
		}
		app.fillEvent(&events[i])
		if err := events[i].Validate(); err != nil {
			return false, fmt.Errorf("event %q: %w", events[i].Title, err)
		}
	}
	for i := range occasions {
		if occasions[i].End.IsZero() {
			occasions[i].End = occasions[i].Start
		}
		if err := occasions[i].Validate(a.Text); err != nil {
			return false, fmt.Errorf("occasion %s: %w", occasions[i].Occasion, err)
		}
	}
	return app.articles.CreateArticle(ctx, a, events, occasions)
}

// Hash identifies an article by its normalized text, so that the same
// article with other digits, Arabic letters or spacing is one article.
func Hash(text string) string {
	norm, _ := persian.Normalize(text)
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(norm), " ")))
	return hex.EncodeToString(sum[:])
}

// Events turns mining candidates into proposed events of article a.
func Events(res mining.Result, a domain.Article) []domain.Event {
	out := make([]domain.Event, 0, len(res.Events))
	for _, c := range res.Events {
		e := domain.Event{
			Title: c.Title, Kind: c.Kind, Start: c.Start, End: c.End, Status: domain.StatusProposed,
			Province: c.Province, Organization: c.Organization, Location: c.Place,
			StartTime: c.StartTime, EndTime: c.EndTime,
			EvidenceStart: c.EvidenceStart, EvidenceEnd: c.EvidenceEnd, Precision: c.Precision,
			Confidence: c.Confidence, ReviewNote: c.ReviewNote, Occasion: c.Occasion,
		}
		if e.Province == "" {
			e.Province = a.Province
		}
		if e.End.IsZero() {
			e.End = e.Start
		}
		if !e.Kind.Valid() {
			e.Kind = domain.KindOther
		}
		if strings.TrimSpace(e.Title) == "" {
			e.Title = e.Kind.Label()
		}
		out = append(out, e)
	}
	return out
}

// Occasions turns the occasions of the calendar that the mining result
// names into links of article a. One that would not store (no key, no
// days, evidence outside the text) is left out: it is a link to a day the
// calendar shows anyway, and the article and its events matter more.
func Occasions(res mining.Result, a domain.Article) []domain.ArticleOccasion {
	out := make([]domain.ArticleOccasion, 0, len(res.Mentions))
	for _, m := range res.Mentions {
		o := domain.ArticleOccasion{Occasion: m.Occasion, Name: m.Name, Start: m.Start, End: m.End,
			EvidenceStart: m.EvidenceStart, EvidenceEnd: m.EvidenceEnd, Confidence: m.Confidence, ReviewNote: m.ReviewNote}
		if o.End.IsZero() {
			o.End = o.Start
		}
		if o.Validate(a.Text) == nil {
			out = append(out, o)
		}
	}
	return out
}

func firstLine(text string) string {
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			if r := []rune(line); len(r) > 120 {
				return string(r[:120]) + "…"
			}
			return line
		}
	}
	return ""
}

// FileResult is the import of one file.
type FileResult struct {
	Name string
	ImportResult
	Err error
}

// ImportFS imports every regular file of dir in fsys (not below it; names
// starting with "." are skipped), in name order. A file that cannot be read
// or is not UTF-8 text gets its error in its FileResult; the others are
// still imported.
func (app *App) ImportFS(ctx context.Context, fsys fs.FS, dir string, o ImportOptions) ([]FileResult, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", dir, err)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	var out []FileResult
	for _, ent := range entries {
		if ent.IsDir() || strings.HasPrefix(ent.Name(), ".") {
			continue
		}
		name := path.Join(dir, ent.Name())
		fr := FileResult{Name: name}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			fr.Err = err
		} else {
			fr.ImportResult, fr.Err = app.ImportArticle(ctx, domain.Article{Text: string(b), Source: ent.Name()}, o)
		}
		out = append(out, fr)
		if ctx.Err() != nil {
			return out, ctx.Err()
		}
	}
	return out, nil
}
