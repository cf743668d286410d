package app

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
)

// DumpTarget is the storage a dump is loaded into.
type DumpTarget interface {
	// LoadTx calls fn with one write transaction, committed when fn returns
	// nil and rolled back when it does not.
	LoadTx(ctx context.Context, fn func(DumpTx) error) error
}

// DumpTx is the write transaction a dump is loaded in: lookups by the
// natural keys a dump matches records by, and inserts that store domain
// values as given (uid, sequence and times included). The rules of what
// is added, skipped or replaced are LoadDump's.
type DumpTx interface {
	// OccasionByKey returns the stored occasion with key, or
	// domain.ErrNotFound.
	OccasionByKey(ctx context.Context, key string) (domain.Occasion, error)
	// InsertOccasion stores o as given (key, edited, sequence and
	// UpdatedAt included).
	InsertOccasion(ctx context.Context, o domain.Occasion) error
	// ReplaceOccasion stores o's definition and edited mark over the
	// stored occasion o.ID, as an edit: its sequence goes up by one, its
	// last change becomes o.UpdatedAt.
	ReplaceOccasion(ctx context.Context, o domain.Occasion) error
	// AddCatalogueKey records that the database was given the built-in
	// occasion key (nothing when it is recorded already).
	AddCatalogueKey(ctx context.Context, key string) error
	// HasHijriCorrection reports whether the start of Hijri month
	// year/month is set.
	HasHijriCorrection(ctx context.Context, year, month int) (bool, error)
	// InsertHijriCorrection stores c as given.
	InsertHijriCorrection(ctx context.Context, c domain.HijriCorrection) error
	// HijriCorrections returns every Hijri month start set (not the
	// records of removed ones).
	HijriCorrections(ctx context.Context) ([]domain.HijriCorrection, error)
	// HasPreparation reports whether the office prepares for the occasion
	// key.
	HasPreparation(ctx context.Context, key string) (bool, error)
	// InsertPreparation stores p as given (UpdatedAt included).
	InsertPreparation(ctx context.Context, p domain.Preparation) error
	// ArticleIDByHash returns the id of the stored article with content
	// hash, or domain.ErrNotFound.
	ArticleIDByHash(ctx context.Context, hash string) (int64, error)
	// InsertArticle stores a (CreatedAt included) and the occasions it
	// names, and fills in a.ID.
	InsertArticle(ctx context.Context, a *domain.Article, occasions []domain.ArticleOccasion) error
	// SourceIDByURL returns the id of the news source with URL url, or
	// domain.ErrNotFound.
	SourceIDByURL(ctx context.Context, url string) (int64, error)
	// InsertSource stores s as given (CreatedAt included, no status) and
	// fills in s.ID.
	InsertSource(ctx context.Context, s *domain.Source) error
	// InsertArticleLink stores l unless its URL is stored (added is false
	// then) and fills in l.ID.
	InsertArticleLink(ctx context.Context, l *domain.ArticleLink) (added bool, err error)
	// HasEvent reports whether an event with uid is stored.
	HasEvent(ctx context.Context, uid string) (bool, error)
	// InsertEvent stores e as given (uid, sequence, CreatedAt and
	// UpdatedAt included) and fills in e.ID.
	InsertEvent(ctx context.Context, e *domain.Event) error
	// MarkSeeded records, unless recorded already, that the database has
	// its built-in occasions and seed articles, so that they are not
	// added on top of loaded data.
	MarkSeeded(ctx context.Context) error
}

// LoadStats counts what a load added and what it kept as it was.
type LoadStats struct {
	Occasions, HijriCorrections, Preparations, Sources, Articles, Links, Events    int // added
	SkippedOccasions, SkippedHijriCorrections, SkippedPreparations, SkippedSources int // already stored, kept
	SkippedArticles, SkippedLinks, SkippedEvents                                   int // already stored, kept
	UpdatedOccasions                                                               int // built-ins taken from the dump's edited copies
}

// LoadDump adds the records of the dump r to dst in one transaction, all
// or nothing. Records already stored (same occasion key, article hash,
// event uid, Hijri month) are kept as they are and counted as skipped,
// except that a stored built-in occasion nobody edited takes the dump's
// copy when a person edited that one. The Hijri corrections must fit
// together afterwards. A database loaded into counts as having its
// built-in occasions and seed articles (see DumpTx.MarkSeeded).
func LoadDump(ctx context.Context, dst DumpTarget, r io.Reader) (LoadStats, error) {
	var stats LoadStats
	err := dst.LoadTx(ctx, func(tx DumpTx) error {
		l := &dumpLoader{tx: tx, articles: map[string]int64{}}
		if err := readDump(ctx, r, l); err != nil {
			return err
		}
		cs, err := tx.HijriCorrections(ctx)
		if err != nil {
			return err
		}
		if err := calendar.Check(cs); err != nil {
			return fmt.Errorf("the Hijri month corrections do not fit together: %w", err)
		}
		if err := tx.MarkSeeded(ctx); err != nil {
			return err
		}
		stats = l.stats
		return nil
	})
	if err != nil {
		return LoadStats{}, err
	}
	return stats, nil
}

// dumpLoader applies the records of one dump, in the file's order, to a
// transaction.
type dumpLoader struct {
	tx       DumpTx
	v1       bool             // the dump is of version 1 (see firstRelease)
	articles map[string]int64 // hash → id in the target, of every article seen so far
	stats    LoadStats
}

// occasion adds rec unless an occasion with its key is stored. A stored
// built-in occasion nobody edited here gives way to the dump's copy when a
// person edited that one (the work moves with the data).
func (l *dumpLoader) occasion(ctx context.Context, rec occasionRecord) error {
	o, err := rec.occasion()
	if err != nil {
		return err
	}
	if l.v1 && o.Sequence > 0 {
		o.Edited = true // version 1 kept no mark: a sequence meant a person's edit
	}
	stored, err := l.tx.OccasionByKey(ctx, o.Key)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		if err := l.tx.InsertOccasion(ctx, o); err != nil {
			return fmt.Errorf("load occasion %q: %w", o.Key, err)
		}
		l.stats.Occasions++
	case err != nil:
		return fmt.Errorf("load occasion %q: %w", o.Key, err)
	case o.Edited && !stored.Edited && stored.Group != domain.GroupOffice:
		o.ID = stored.ID
		if err := l.tx.ReplaceOccasion(ctx, o); err != nil {
			return fmt.Errorf("load occasion %q: %w", o.Key, err)
		}
		l.stats.UpdatedOccasions++
	default:
		l.stats.SkippedOccasions++
	}
	return nil
}

// catalogueKey records that the dumped database was given the built-in
// occasion key, so that the catalogue does not add it again here (it was
// deleted there when the dump holds no occasion with that key).
func (l *dumpLoader) catalogueKey(ctx context.Context, key string) error {
	if key == "" {
		return errors.New("load catalogue key: empty")
	}
	if err := l.tx.AddCatalogueKey(ctx, key); err != nil {
		return fmt.Errorf("load catalogue key %q: %w", key, err)
	}
	return nil
}

// firstRelease says the dump is of version 1, which predates the record
// of keys and of edits: its database had the first catalogue (so a key of
// it that the dump lacks was deleted, and is recorded as given), and an
// occasion with a sequence was edited by a person.
func (l *dumpLoader) firstRelease(ctx context.Context) error {
	l.v1 = true
	for _, k := range firstCatalogue {
		if err := l.catalogueKey(ctx, k); err != nil {
			return err
		}
	}
	return nil
}

// firstCatalogue is the keys of the 25 occasions the first release built
// in (as migration 0007 records them for a database it upgrades).
var firstCatalogue = []string{"nowruz", "islamic-republic-day", "nature-day", "labour-day", "teacher-day", "ferdowsi-day",
	"pr-day", "khomeini-death", "khordad-15", "journalist-day", "physician-day", "government-week", "employee-day",
	"counter-terrorism-day", "sacred-defence-week", "hafez-day", "student-pupil-day", "book-day", "basij-week",
	"student-day", "fajr-decade", "revolution-day", "engineer-day", "tree-planting-day", "oil-nationalization-day"}

// hijriCorrection adds rec unless that month's start is already set here.
// LoadDump checks at the end that the corrections fit together (they came
// from one installation where they did).
func (l *dumpLoader) hijriCorrection(ctx context.Context, rec hijriRecord) error {
	c, err := rec.correction()
	if err != nil {
		return err
	}
	set, err := l.tx.HasHijriCorrection(ctx, c.Year, c.Month)
	if err != nil {
		return fmt.Errorf("load hijri correction %d/%d: %w", c.Year, c.Month, err)
	}
	if set {
		l.stats.SkippedHijriCorrections++
		return nil
	}
	if err := l.tx.InsertHijriCorrection(ctx, c); err != nil {
		return fmt.Errorf("load hijri correction %d/%d: %w", c.Year, c.Month, err)
	}
	l.stats.HijriCorrections++
	return nil
}

// article adds rec unless an article with its hash is stored; either way
// later events naming its hash link to the stored article, and its links
// not stored are added to it.
func (l *dumpLoader) article(ctx context.Context, rec articleRecord) error {
	a, occasions, err := rec.article()
	if err != nil {
		return err
	}
	id, err := l.tx.ArticleIDByHash(ctx, a.Hash)
	switch {
	case err == nil:
		l.articles[a.Hash] = id
		l.stats.SkippedArticles++
		return l.links(ctx, id, rec.Links)
	case !errors.Is(err, domain.ErrNotFound):
		return fmt.Errorf("load article %q: %w", a.Hash, err)
	}
	if err := l.tx.InsertArticle(ctx, &a, occasions); err != nil {
		return fmt.Errorf("load article %q: %w", a.Hash, err)
	}
	l.articles[a.Hash] = a.ID
	l.stats.Articles++
	return l.links(ctx, a.ID, rec.Links)
}

// event adds rec unless an event with its uid is stored. The article it
// names must come before it in the file.
func (l *dumpLoader) event(ctx context.Context, rec eventRecord) error {
	e, hash, err := rec.event()
	if err != nil {
		return err
	}
	found, err := l.tx.HasEvent(ctx, e.UID)
	if err != nil {
		return fmt.Errorf("load event %q: %w", e.UID, err)
	}
	if found {
		l.stats.SkippedEvents++
		return nil
	}
	if hash != "" {
		id, ok := l.articles[hash]
		if !ok {
			return fmt.Errorf("load event %q: its article %s is not in the file before it", e.UID, hash)
		}
		e.ArticleID = id
	}
	if err := l.tx.InsertEvent(ctx, &e); err != nil {
		return fmt.Errorf("load event %q: %w", e.UID, err)
	}
	l.stats.Events++
	return nil
}

// preparation adds the lead time of rec's occasion unless the office here
// has one for it already (its own choice is kept).
func (l *dumpLoader) preparation(ctx context.Context, rec preparationRecord) error {
	p, err := rec.preparation()
	if err != nil {
		return err
	}
	has, err := l.tx.HasPreparation(ctx, p.Occasion)
	if err != nil {
		return fmt.Errorf("load preparation %q: %w", p.Occasion, err)
	}
	if has {
		l.stats.SkippedPreparations++
		return nil
	}
	if err := l.tx.InsertPreparation(ctx, p); err != nil {
		return fmt.Errorf("load preparation %q: %w", p.Occasion, err)
	}
	l.stats.Preparations++
	return nil
}
