package app

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ruydad/ruydad/internal/domain"
)

// memDump is an in-memory DumpSource and DumpTarget: what storage does
// for a dump, without SQL, so that the format and the rules of a load can
// be tested in milliseconds. A load works on a copy that replaces the
// store only when it succeeds.
type memDump struct {
	occasions []domain.Occasion
	catalogue map[string]bool
	hijri     []domain.HijriCorrection
	prepared  []domain.Preparation
	articles  []memArticle
	events    []domain.Event
	sources   []domain.Source
	links     []domain.ArticleLink
	seeded    bool
	lastID    int64
}

type memArticle struct {
	article   domain.Article
	occasions []domain.ArticleOccasion
}

var (
	_ DumpSource   = (*memDump)(nil)
	_ DumpTarget   = (*memDump)(nil)
	_ DumpSnapshot = (*memDump)(nil)
	_ DumpTx       = (*memDump)(nil)
)

func newMemDump() *memDump { return &memDump{catalogue: map[string]bool{}} }

func (m *memDump) id() int64 { m.lastID++; return m.lastID }

func (m *memDump) clone() *memDump {
	c := *m
	c.occasions, c.hijri = slices.Clone(m.occasions), slices.Clone(m.hijri)
	c.articles, c.events = slices.Clone(m.articles), slices.Clone(m.events)
	c.sources, c.links = slices.Clone(m.sources), slices.Clone(m.links)
	c.catalogue = maps.Clone(m.catalogue)
	return &c
}

func (m *memDump) ReadSnapshot(ctx context.Context, read func(DumpSnapshot) error) error {
	return read(m.clone())
}

func (m *memDump) LoadTx(ctx context.Context, fn func(DumpTx) error) error {
	tx := m.clone()
	if err := fn(tx); err != nil {
		return err
	}
	*m = *tx
	return nil
}

// The snapshot.

func (m *memDump) Occasions(context.Context) ([]domain.Occasion, error) { return m.occasions, nil }

func (m *memDump) CatalogueKeys(context.Context) ([]string, error) {
	return slices.Sorted(maps.Keys(m.catalogue)), nil
}

func (m *memDump) HijriCorrections(context.Context) ([]domain.HijriCorrection, error) {
	return m.hijri, nil
}

func (m *memDump) Preparations(context.Context) ([]domain.Preparation, error) { return m.prepared, nil }

func (m *memDump) HasPreparation(_ context.Context, key string) (bool, error) {
	return slices.ContainsFunc(m.prepared, func(p domain.Preparation) bool { return p.Occasion == key }), nil
}

func (m *memDump) InsertPreparation(_ context.Context, p domain.Preparation) error {
	m.prepared = append(m.prepared, p)
	slices.SortStableFunc(m.prepared, func(a, b domain.Preparation) int { return strings.Compare(a.Occasion, b.Occasion) })
	return nil
}
func (m *memDump) Sources(context.Context) ([]domain.Source, error) { return m.sources, nil }

func (m *memDump) EachArticle(ctx context.Context, fn func(DumpedArticle) error) error {
	for _, a := range m.articles {
		d := DumpedArticle{Article: a.article, Occasions: a.occasions, Created: formatDumpStamp(a.article.CreatedAt)}
		for _, l := range m.links {
			if l.ArticleID == a.article.ID {
				dl := DumpedLink{Link: l}
				for _, s := range m.sources {
					if s.ID == l.SourceID && l.SourceID != 0 {
						dl.SourceURL = s.URL
					}
				}
				d.Links = append(d.Links, dl)
			}
		}
		if err := fn(d); err != nil {
			return err
		}
	}
	return nil
}

func (m *memDump) EachEvent(ctx context.Context, fn func(DumpedEvent) error) error {
	for _, e := range m.events {
		d := DumpedEvent{Event: e, Created: formatDumpStamp(e.CreatedAt), Updated: formatDumpStamp(e.UpdatedAt)}
		for _, a := range m.articles {
			if e.ArticleID != 0 && a.article.ID == e.ArticleID {
				d.ArticleHash = a.article.Hash
			}
		}
		if err := fn(d); err != nil {
			return err
		}
	}
	return nil
}

// The load transaction.

func (m *memDump) OccasionByKey(ctx context.Context, key string) (domain.Occasion, error) {
	for _, o := range m.occasions {
		if o.Key == key {
			return o, nil
		}
	}
	return domain.Occasion{}, fmt.Errorf("occasion %q: %w", key, domain.ErrNotFound)
}

func (m *memDump) InsertOccasion(ctx context.Context, o domain.Occasion) error {
	o.ID = m.id()
	m.occasions = append(m.occasions, o)
	return nil
}

func (m *memDump) ReplaceOccasion(ctx context.Context, o domain.Occasion) error {
	for i, s := range m.occasions {
		if s.ID == o.ID {
			o.Sequence = s.Sequence + 1
			m.occasions[i] = o
			return nil
		}
	}
	return domain.ErrNotFound
}

func (m *memDump) AddCatalogueKey(ctx context.Context, key string) error {
	m.catalogue[key] = true
	return nil
}

func (m *memDump) HasHijriCorrection(ctx context.Context, year, month int) (bool, error) {
	return slices.ContainsFunc(m.hijri, func(c domain.HijriCorrection) bool { return c.Year == year && c.Month == month }), nil
}

func (m *memDump) InsertHijriCorrection(ctx context.Context, c domain.HijriCorrection) error {
	m.hijri = append(m.hijri, c)
	slices.SortStableFunc(m.hijri, func(a, b domain.HijriCorrection) int { return (a.Year*12 + a.Month) - (b.Year*12 + b.Month) })
	return nil
}

func (m *memDump) ArticleIDByHash(ctx context.Context, hash string) (int64, error) {
	for _, a := range m.articles {
		if a.article.Hash == hash {
			return a.article.ID, nil
		}
	}
	return 0, fmt.Errorf("article %q: %w", hash, domain.ErrNotFound)
}

func (m *memDump) InsertArticle(ctx context.Context, a *domain.Article, occasions []domain.ArticleOccasion) error {
	a.ID = m.id()
	for i := range occasions {
		occasions[i].ArticleID = a.ID
	}
	m.articles = append(m.articles, memArticle{*a, occasions})
	return nil
}

func (m *memDump) SourceIDByURL(ctx context.Context, u string) (int64, error) {
	for _, s := range m.sources {
		if s.URL == u {
			return s.ID, nil
		}
	}
	return 0, fmt.Errorf("source %q: %w", u, domain.ErrNotFound)
}

func (m *memDump) InsertSource(ctx context.Context, s *domain.Source) error {
	s.ID = m.id()
	m.sources = append(m.sources, *s)
	return nil
}

func (m *memDump) InsertArticleLink(ctx context.Context, l *domain.ArticleLink) (bool, error) {
	if slices.ContainsFunc(m.links, func(s domain.ArticleLink) bool { return s.URL == l.URL }) {
		return false, nil
	}
	l.ID = m.id()
	m.links = append(m.links, *l)
	return true, nil
}

func (m *memDump) HasEvent(ctx context.Context, uid string) (bool, error) {
	return slices.ContainsFunc(m.events, func(e domain.Event) bool { return e.UID == uid }), nil
}

func (m *memDump) InsertEvent(ctx context.Context, e *domain.Event) error {
	e.ID = m.id()
	m.events = append(m.events, *e)
	return nil
}

func (m *memDump) MarkSeeded(context.Context) error {
	m.seeded = true
	return nil
}
