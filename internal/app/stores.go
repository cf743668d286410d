package app

import (
	"context"
	"errors"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// The storage the use cases need, one small interface per role. Readers
// are passed through to the web server as they are (App embeds them);
// writers are reached only through the use cases, which fill in defaults
// and check the rules before a store stores what it is given as given.

// EventReader reads the calendar's events.
type EventReader interface {
	Event(ctx context.Context, id int64) (domain.Event, error)
	// EventsBetween returns the events that touch from..to (yearly ones
	// included), ordered by start.
	EventsBetween(ctx context.Context, from, to jalali.Date, f domain.EventFilter) ([]domain.Event, error)
	// BriefsBetween returns the same events as EventsBetween, in the same
	// order, as a month grid shows them (domain.Brief).
	BriefsBetween(ctx context.Context, from, to jalali.Date, f domain.EventFilter) ([]domain.Brief, error)
	// DayCounts returns what a year page shows of the same events: how
	// many of them are on each day from..to (counts[0] is from's), counted
	// by the store (the one-day one-off events without an occasion, by
	// sqlite), and the others as briefs, for the page to place.
	DayCounts(ctx context.Context, from, to jalali.Date, f domain.EventFilter) (counts []int, others []domain.Brief, err error)
	// Overrides returns the events that stand in for occurrences of
	// series id (domain.Override), by date.
	Overrides(ctx context.Context, id int64) ([]domain.Event, error)
	// StandIns returns the confirmed events that stand in for occurrences
	// of a series, by the series' id (a feed writes them with their series).
	StandIns(ctx context.Context) (map[int64][]domain.Event, error)
	// EachEvent streams every dated event matching f, in date order,
	// reading as it goes (never the whole list at once); with sources,
	// each with the title of the article it was mined from ("" for none).
	EachEvent(ctx context.Context, f domain.EventFilter, sources bool, fn func(e domain.Event, source string) error) error
}

// EventStore reads and writes events.
type EventStore interface {
	EventReader
	// CreateEvent stores e as given and sets its ID; a stored UID is
	// domain.ErrConflict.
	CreateEvent(ctx context.Context, e *domain.Event) error
	// ModifyEvents reads each of ids in one write transaction, passes it
	// to fn and stores what fn left when it reports a change; it returns
	// the ids no longer stored.
	ModifyEvents(ctx context.Context, ids []int64, fn func(e *domain.Event) (changed bool, err error)) (missing []int64, err error)
	// ChangeSeries reads event id in one write transaction, passes it to
	// fn and stores what fn left, with add (when not nil) created beside
	// it and its ID set; domain.ErrNotFound when id is not stored.
	ChangeSeries(ctx context.Context, id int64, fn func(e *domain.Event) error, add *domain.Event) error
	// ImportEvents stores events as given in one transaction and says
	// what became of each: events[i], whose UID is stored, replaces the
	// stored event (keeping its number, article and creation time) when
	// rules.Replaces(i, stored) says so, and is left out otherwise. In
	// the same transaction, each event stored (new or updated) that
	// repeats is given, with rules.Retire, the events standing in for its
	// occurrences and those whose UID begins with rules.RelatedPrefix of
	// it, and the ones Retire returns go to the trash at rules.At.
	ImportEvents(ctx context.Context, events []domain.Event, rules ImportRules) ([]domain.Imported, error)
}

// ImportRules say, for EventStore.ImportEvents, which stored events an
// import replaces and which it moves to the trash; nil functions replace
// and retire nothing.
type ImportRules struct {
	Replaces      func(i int, stored domain.Event) bool
	RelatedPrefix func(e domain.Event) string
	Retire        func(i int, e domain.Event, related []domain.Event) []int64
	At            time.Time
}

// TrashStore keeps deleted events: out of every page, search, count and
// feed, restorable as they were until purged, their numbers never used
// again.
type TrashStore interface {
	// TrashEvent moves the event id to the trash, deleted at at.
	TrashEvent(ctx context.Context, id int64, at time.Time) error
	// RestoreEvent puts the event id back as it was deleted, passes it
	// to fn (with when it was deleted) and stores it as fn left it, in
	// one transaction; fn's error undoes it. Never deleted:
	// domain.ErrNotFound; purged: domain.ErrGone; its UID taken since:
	// domain.ErrConflict.
	RestoreEvent(ctx context.Context, id int64, fn func(e *domain.Event, deleted time.Time) error) (domain.Event, error)
	// PurgeTrash purges, at at, the events deleted at or before before,
	// and returns how many.
	PurgeTrash(ctx context.Context, before, at time.Time) (int, error)
	// DeletedEvent returns the deleted event numbered id (never deleted:
	// domain.ErrNotFound).
	DeletedEvent(ctx context.Context, id int64) (domain.DeletedEvent, error)
	// Trash returns the deleted events not purged, the latest first.
	Trash(ctx context.Context) ([]domain.DeletedEvent, error)
}

// ReviewReader reads the review queue.
type ReviewReader interface {
	// ProposedEvents returns limit events of the queue from offset, and
	// how many it holds, counted up to max(a cap, offset+limit) and one
	// more: a total above offset+limit and the cap means "more than".
	ProposedEvents(ctx context.Context, f domain.ReviewFilter, limit, offset int) ([]domain.Event, int, error)
	NextProposed(ctx context.Context, f domain.ReviewFilter, after domain.Event) (domain.Event, error)
	// ProposedArticles returns the newest limit articles with events
	// awaiting review.
	ProposedArticles(ctx context.Context, limit int) ([]domain.ArticleSummary, error)
}

// ArticleReader reads articles and what was mined from them.
type ArticleReader interface {
	Article(ctx context.Context, id int64) (domain.Article, error)
	Articles(ctx context.Context, limit, offset int) ([]domain.ArticleSummary, error)
	ArticleEvents(ctx context.Context, articleID int64) ([]domain.Event, error)
	ArticleOccasions(ctx context.Context, articleID int64) ([]domain.ArticleOccasion, error)
	ArticleTitles(ctx context.Context, ids []int64) (map[int64]string, error)
}

// ArticleStore reads and writes articles.
type ArticleStore interface {
	ArticleReader
	// CreateArticle stores a with its events and occasion links, each as
	// given, in one transaction, unless an article with a's hash is
	// stored: then a becomes that one and created is false.
	CreateArticle(ctx context.Context, a *domain.Article, events []domain.Event, occasions []domain.ArticleOccasion) (created bool, err error)
}

// OccasionStore keeps the calendar's occasions.
type OccasionStore interface {
	Occasions(ctx context.Context) ([]domain.Occasion, error)
	Occasion(ctx context.Context, id int64) (domain.Occasion, error)
	CreateOccasion(ctx context.Context, o *domain.Occasion) error
	UpdateOccasion(ctx context.Context, o domain.Occasion) error
	SetOccasionsHidden(ctx context.Context, ids []int64, hidden bool) error
	DeleteOccasion(ctx context.Context, id int64) error
}

// PreparationStore keeps the occasions an office prepares for, and how
// early (db/migrations/0014).
type PreparationStore interface {
	Preparations(ctx context.Context) ([]domain.Preparation, error)
	// SetPreparation stores p in place of its occasion's earlier one.
	SetPreparation(ctx context.Context, p domain.Preparation) error
	DeletePreparation(ctx context.Context, occasionKey string) error
}

// CalendarStore keeps the Hijri month corrections and the data versions
// that pages and feeds are cached by.
type CalendarStore interface {
	HijriCorrections(ctx context.Context) ([]domain.HijriCorrection, error)
	// SetHijriCorrection and DeleteHijriCorrection store the change when
	// fits accepts the corrections it leaves, in one transaction.
	SetHijriCorrection(ctx context.Context, c domain.HijriCorrection, fits func([]domain.HijriCorrection) error) error
	DeleteHijriCorrection(ctx context.Context, year, month int, fits func([]domain.HijriCorrection) error) error
	DataVersion(ctx context.Context) (int64, time.Time, error)
	CalendarVersion(ctx context.Context) (int64, error)
}

// SearchStore finds events and articles by folded search terms. The
// articles come with their id, title and publication date, and a bounded
// excerpt of their text.
type SearchStore interface {
	// SearchEach finds the events not rejected and the articles, newest
	// first, at most events and articles of them; without drafts, the
	// confirmed events only and no article. The events come with what a
	// result shows of them alone: id, title, kind, status, days, times
	// and whether they repeat (their other fields are zero).
	SearchEach(ctx context.Context, terms []string, events, articles int, drafts bool) ([]domain.Event, []domain.ArticleMatch, error)
}

// SettingsStore keeps the installation's settings an administrator
// switches.
type SettingsStore interface {
	// DraftsPublic reports whether visitors who are not signed in see the
	// drafts (proposed and rejected events, articles, the review queue)
	// once accounts exist.
	DraftsPublic(ctx context.Context) (bool, error)
	SetDraftsPublic(ctx context.Context, public bool) error
}

// AccountReader reads accounts and sessions.
type AccountReader interface {
	CountUsers(ctx context.Context) (int, error)
	// CountAccounts returns how many accounts exist and how many of them
	// are administrators, without reading them.
	CountAccounts(ctx context.Context) (total, admins int, err error)
	// AccountsExisted reports whether an account has ever been stored,
	// even if none is left.
	AccountsExisted(ctx context.Context) (bool, error)
	Users(ctx context.Context) ([]domain.User, error)
	User(ctx context.Context, id int64) (domain.User, error)
	// UserByFeedToken returns the account whose private feed URL holds
	// token (whose FeedTokenHash is its hash).
	UserByFeedToken(ctx context.Context, token string) (domain.User, error)
	// ResetFeedToken gives account id a new private feed token, keeping
	// its hash only, and returns the token: the one time it is seen.
	ResetFeedToken(ctx context.Context, id int64) (string, error)
	CreateSession(ctx context.Context, userID int64) (string, error)
	SessionUser(ctx context.Context, token string, idle, maxAge time.Duration) (domain.User, error)
	DeleteSession(ctx context.Context, token string) error
}

// AccountStore reads and writes accounts.
type AccountStore interface {
	AccountReader
	UserByName(ctx context.Context, name string) (domain.User, error)
	// CreateUser stores u as given (its password hash and feed token
	// made) and sets its ID; a taken name is domain.ErrConflict.
	CreateUser(ctx context.Context, u *domain.User) error
	SetUserPassword(ctx context.Context, id int64, hash string) error
	// WriteAccounts runs fn in one write transaction over the accounts.
	WriteAccounts(ctx context.Context, fn func(AccountTx) error) error
}

// AccountTx is what a use case reads and writes accounts through inside
// one transaction.
type AccountTx interface {
	Users(ctx context.Context) ([]domain.User, error)
	// CreateUser stores u as AccountStore.CreateUser does.
	CreateUser(ctx context.Context, u *domain.User) error
	SetUserRole(ctx context.Context, id int64, role domain.Role) error
	DeleteUser(ctx context.Context, id int64) error
}

// SourceStore keeps the news sources an office watches, what their polls
// did, and the addresses articles were found at (db/migrations/0016).
type SourceStore interface {
	Sources(ctx context.Context) ([]domain.Source, error)
	Source(ctx context.Context, id int64) (domain.Source, error)
	SourceByURL(ctx context.Context, url string) (domain.Source, error)
	// CreateSource stores s as given and sets its ID; a stored URL is
	// domain.ErrConflict.
	CreateSource(ctx context.Context, s *domain.Source) error
	// UpdateSource stores s's settings, leaving its status as stored.
	UpdateSource(ctx context.Context, s domain.Source) error
	SetSourceStatus(ctx context.Context, id int64, st domain.SourceStatus) error
	// DeleteSource removes source id; its articles and links stay.
	DeleteSource(ctx context.Context, id int64) error
	// AddArticleLink stores l and sets its ID unless its URL is stored
	// (added is false then).
	AddArticleLink(ctx context.Context, l *domain.ArticleLink) (added bool, err error)
	// LinkedArticles returns which of the canonical urls are stored, each
	// with its article's id.
	LinkedArticles(ctx context.Context, urls []string) (map[string]int64, error)
	// ArticleLinks returns the links of the articles ids, by article.
	ArticleLinks(ctx context.Context, ids ...int64) (map[int64][]domain.ArticleLink, error)
}

// ErrDamaged is storage finding its file damaged (a page that is not what
// it should be): what it holds cannot all be read, and a backup should be
// restored.
var ErrDamaged = errors.New("the database file is damaged")

// Pinger answers whether storage is up and sound.
type Pinger interface {
	// Ping returns nil when storage answers and is not known to be
	// damaged, an error wrapping ErrDamaged when it is.
	Ping(ctx context.Context) error
	// Failed is told of an error a use case met while serving; if it shows
	// storage damaged, Ping says so from then on. It reports whether this
	// error was the first to show it.
	Failed(err error) bool
}

// Storage is everything the use cases need, as one database provides it.
type Storage interface {
	EventStore
	TrashStore
	ReviewReader
	ArticleStore
	OccasionStore
	CalendarStore
	SearchStore
	AccountStore
	SettingsStore
	Pinger
	PreparationStore
	SourceStore
}

// Stores are the use cases' stores, one per role; tests give fakes of the
// ones they use.
type Stores struct {
	Events    EventStore
	Trash     TrashStore
	Review    ReviewReader
	Articles  ArticleStore
	Occasions OccasionStore
	Calendar  CalendarStore
	Search    SearchStore
	Accounts  AccountStore
	Settings  SettingsStore // nil: the drafts are never public
	Health    Pinger
	Prepare   PreparationStore
	Sources   SourceStore
}

// StoresOf returns every role played by one storage.
func StoresOf(s Storage) Stores {
	return Stores{Events: s, Trash: s, Review: s, Articles: s, Occasions: s, Calendar: s, Search: s, Accounts: s, Settings: s, Health: s, Prepare: s, Sources: s}
}
