package app

import (
	"log/slog"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/ruydad/ruydad/internal/mining"
)

// Miner finds events in an article.
type Miner interface {
	Mine(in mining.Input) mining.Result
}

// Options are what the use cases need besides storage.
type Options struct {
	// Now is the clock events are stamped with; time.Now when nil.
	Now func() time.Time
	// Logger takes the warnings (a Hijri correction that does not fit);
	// slog.Default() when nil.
	Logger *slog.Logger
	// PasswordCost is bcrypt's cost for new password hashes;
	// bcrypt.DefaultCost when 0. Tests lower it to bcrypt.MinCost.
	PasswordCost int
	// Fetcher reads news sources' feeds and article pages; nil: nothing
	// is fetched (FetchSource and ImportLink return ErrNoFetcher).
	Fetcher Fetcher
	// Rand returns a number in [0, 1), for the jitter of the sources'
	// polls; math/rand/v2's Float64 when nil. Tests fix it.
	Rand func() float64
	// SourceTimeout is the longest one source's poll may take
	// (DefaultSourceTimeout when 0); FetchLimit how many sources FetchDue
	// polls at once (DefaultFetchLimit when 0).
	SourceTimeout time.Duration
	FetchLimit    int
}

// App is ruydad's use cases over its stores. Reading goes straight to the
// stores (the embedded readers); every write goes through a method here.
type App struct {
	EventReader
	ReviewReader
	ArticleReader
	OccasionStore
	CalendarStore
	SearchStore
	AccountReader
	Pinger

	events   EventStore
	trash    TrashStore
	articles ArticleStore
	accounts AccountStore
	prepare  PreparationStore
	sources  SourceStore
	fetch    fetchOptions
	settings SettingsStore
	now      func() time.Time
	log      *slog.Logger
	states   stateCache
	cost     int // bcrypt's, for new passwords
	dummy    struct {
		once sync.Once
		hash string
	} // what an unknown name's password is compared with, at cost
}

// New returns the use cases over s.
func New(s Stores, o Options) *App {
	a := &App{
		EventReader: s.Events, ReviewReader: s.Review, ArticleReader: s.Articles, OccasionStore: s.Occasions,
		CalendarStore: s.Calendar, SearchStore: s.Search, AccountReader: s.Accounts, Pinger: s.Health,
		events: s.Events, trash: s.Trash, articles: s.Articles, accounts: s.Accounts, settings: s.Settings, prepare: s.Prepare, sources: s.Sources, now: o.Now, log: o.Logger,
		fetch: newFetchOptions(o),
	}
	if a.now == nil {
		a.now = time.Now
	}
	a.cost = o.PasswordCost
	if a.cost == 0 {
		a.cost = bcrypt.DefaultCost
	}
	if a.log == nil {
		a.log = slog.Default()
	}
	return a
}

// Over returns the use cases over one storage that plays every role.
func Over(s Storage, o Options) *App { return New(StoresOf(s), o) }

func (a *App) logError(msg string, err error) { a.log.Error(msg, "err", err) }

// stamp is the current time as events are stamped with it: UTC.
func (a *App) stamp() time.Time { return a.now().UTC() }
