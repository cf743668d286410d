// Package importer takes articles in: it mines each for dated events and
// stores the article with its events as proposed and its links to the
// calendar's occasions it names, once (an article already stored, by
// normalized content, is not stored again). The web form, the import
// command and the first start's seed import all go through it.
package importer

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

// Store is where imported articles go.
type Store interface {
	CreateArticle(ctx context.Context, a *domain.Article, events []domain.Event, occasions []domain.ArticleOccasion) (created bool, err error)
}

// Miner finds events in an article.
type Miner interface {
	Mine(in mining.Input) mining.Result
}

// Importer mines and stores articles.
type Importer struct {
	store         Store
	miner         Miner
	needPublished bool
}

// New returns an Importer over store and miner.
func New(store Store, miner Miner) *Importer { return &Importer{store: store, miner: miner} }

// RequirePublished returns a copy of im that refuses, with ErrNoPublished,
// an article whose publication date is neither given nor found in its
// text, so that a person can be asked for it: the miner takes the year of
// a date written without one from the publication date.
func (im *Importer) RequirePublished() *Importer {
	c := *im
	c.needPublished = true
	return &c
}

// Result is what one import did.
type Result struct {
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

// ErrNoPublished is returned by an Importer made by RequirePublished for
// an article whose publication date is neither given nor in its text.
var ErrNoPublished = errors.New("article has no publication date")

// Import mines a and stores it with its candidates as proposed events and
// its links to the calendar's occasions it names. A missing title or
// publication date is taken from the mining result; a publication date read
// from the text is stored with the line it was read from.
func (im *Importer) Import(ctx context.Context, a domain.Article) (Result, error) {
	if !utf8.ValidString(a.Text) {
		return Result{}, ErrNotUTF8
	}
	if strings.TrimSpace(a.Text) == "" {
		return Result{}, ErrEmpty
	}
	if err := a.Validate(); err != nil {
		return Result{}, fmt.Errorf("import: %w", err)
	}
	res := im.miner.Mine(mining.Input{Text: a.Text, Published: a.Published, Source: a.Source})
	if a.Published.IsZero() {
		a.Published = res.Published
		if res.PublishedFromText && res.PublishedFrom.In(a.Text) {
			a.PublishedFrom = res.PublishedFrom
		}
	}
	if a.Published.IsZero() && im.needPublished {
		return Result{}, ErrNoPublished
	}
	if strings.TrimSpace(a.Title) == "" {
		a.Title = res.Title
	}
	if strings.TrimSpace(a.Title) == "" {
		a.Title = firstLine(a.Text)
	}
	a.Hash = Hash(a.Text)
	events, occasions := Events(res, a), Occasions(res, a)
	created, err := im.store.CreateArticle(ctx, &a, events, occasions)
	if err != nil {
		return Result{}, fmt.Errorf("import: %w", err)
	}
	r := Result{Article: a, Created: created}
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
	Result
	Err error
}

// ImportFS imports every regular file of dir in fsys (not below it; names
// starting with "." are skipped), in name order. A file that cannot be read
// or is not UTF-8 text gets its error in its FileResult; the others are
// still imported.
func (im *Importer) ImportFS(ctx context.Context, fsys fs.FS, dir string) ([]FileResult, error) {
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
			fr.Result, fr.Err = im.Import(ctx, domain.Article{Text: string(b), Source: ent.Name()})
		}
		out = append(out, fr)
		if ctx.Err() != nil {
			return out, ctx.Err()
		}
	}
	return out, nil
}
