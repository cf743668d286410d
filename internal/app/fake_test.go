package app

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// memStore is an in-memory store of events, accounts and occasions for the
// use cases' tests: one lock is its transaction, and a write that fails
// leaves it as it was.
type memStore struct {
	mu        sync.Mutex
	events    map[int64]domain.Event
	users     map[int64]domain.User
	occasions []domain.Occasion
	nextID    int64
	writes    int  // transactions that changed something
	existed   bool // an account has been stored

	// inTx, when set, runs inside each accounts transaction before fn
	// (tests interleave two administrators with it).
	inTx func()
}

func newMemStore() *memStore {
	return &memStore{events: map[int64]domain.Event{}, users: map[int64]domain.User{}}
}

// Compile-time checks: memStore fakes these roles.
var (
	_ EventStore    = (*memStore)(nil)
	_ AccountStore  = (*memStore)(nil)
	_ CalendarStore = (*memStore)(nil)
	_ OccasionStore = (*memStore)(nil)
)

// memApp returns the use cases over a memStore, at a fixed clock.
func memApp(s *memStore, now time.Time) *App {
	return New(Stores{Events: s, Accounts: s, Calendar: s, Occasions: s}, Options{Now: func() time.Time { return now }})
}

func (s *memStore) Event(_ context.Context, id int64) (domain.Event, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.events[id]
	if !ok {
		return e, domain.ErrNotFound
	}
	return e, nil
}

func (s *memStore) EventsBetween(_ context.Context, from, to jalali.Date, f domain.EventFilter) ([]domain.Event, error) {
	var out []domain.Event
	s.EachEvent(context.Background(), f, false, func(e domain.Event, _ string) error {
		if !e.Start.After(to) && !e.Last().Before(from) {
			out = append(out, e)
		}
		return nil
	})
	return out, nil
}

func (s *memStore) BriefsBetween(ctx context.Context, from, to jalali.Date, f domain.EventFilter) ([]domain.Brief, error) {
	evs, err := s.EventsBetween(ctx, from, to, f)
	out := make([]domain.Brief, len(evs))
	for i, e := range evs {
		out[i] = domain.BriefOf(e)
	}
	return out, err
}

// DayCounts counts nothing by day: every event is a brief, as the
// contract allows.
func (s *memStore) DayCounts(ctx context.Context, from, to jalali.Date, f domain.EventFilter) ([]int, []domain.Brief, error) {
	briefs, err := s.BriefsBetween(ctx, from, to, f)
	return make([]int, to.Ordinal()-from.Ordinal()+1), briefs, err
}

func (s *memStore) EachEvent(_ context.Context, f domain.EventFilter, _ bool, fn func(domain.Event, string) error) error {
	s.mu.Lock()
	evs := slices.Collect(maps.Values(s.events))
	s.mu.Unlock()
	sort.Slice(evs, func(i, j int) bool {
		return evs[i].Start.Before(evs[j].Start) || evs[i].Start == evs[j].Start && evs[i].ID < evs[j].ID
	})
	statuses := f.Statuses
	if len(statuses) == 0 {
		statuses = []domain.Status{domain.StatusConfirmed}
	}
	for _, e := range evs {
		if !e.Dated() || !slices.Contains(statuses, e.Status) || f.Kind != "" && e.Kind != f.Kind ||
			f.Province != "" && e.Province != f.Province || f.Organization != "" && e.Organization != f.Organization {
			continue
		}
		if err := fn(e, ""); err != nil {
			return err
		}
	}
	return nil
}

func (s *memStore) CreateEvent(_ context.Context, e *domain.Event) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, o := range s.events {
		if o.UID == e.UID {
			return domain.ErrConflict
		}
	}
	s.nextID++
	e.ID = s.nextID
	s.events[e.ID] = *e
	s.writes++
	return nil
}

func (s *memStore) Overrides(_ context.Context, id int64) ([]domain.Event, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []domain.Event
	for _, e := range s.events {
		if e.Of.SeriesID == id {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b domain.Event) int { return a.Start.Compare(b.Start) })
	return out, nil
}

func (s *memStore) StandIns(ctx context.Context) (map[int64][]domain.Event, error) {
	out := map[int64][]domain.Event{}
	s.mu.Lock()
	ids := make([]int64, 0, len(s.events))
	for _, e := range s.events {
		if e.Of.SeriesID != 0 && e.Status == domain.StatusConfirmed && !slices.Contains(ids, e.Of.SeriesID) {
			ids = append(ids, e.Of.SeriesID)
		}
	}
	s.mu.Unlock()
	for _, id := range ids {
		all, _ := s.Overrides(ctx, id)
		for _, e := range all {
			if e.Status == domain.StatusConfirmed {
				out[id] = append(out[id], e)
			}
		}
	}
	return out, nil
}

func (s *memStore) ChangeSeries(_ context.Context, id int64, fn func(*domain.Event) error, add *domain.Event) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.events[id]
	if !ok {
		return domain.ErrNotFound
	}
	if err := fn(&e); err != nil {
		return err // nothing written
	}
	s.events[id] = e
	if add != nil {
		s.nextID++
		add.ID = s.nextID
		s.events[add.ID] = *add
	}
	s.writes++
	return nil
}

func (s *memStore) ModifyEvents(_ context.Context, ids []int64, fn func(*domain.Event) (bool, error)) ([]int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	next := maps.Clone(s.events)
	var missing []int64
	changed := false
	for _, id := range ids {
		e, ok := next[id]
		if !ok {
			missing = append(missing, id)
			continue
		}
		ch, err := fn(&e)
		if err != nil {
			return nil, err // nothing written
		}
		if ch {
			e.ID, next[id], changed = id, e, true
		}
	}
	if changed {
		s.events = next
		s.writes++
	}
	return missing, nil
}

func (s *memStore) ImportEvents(ctx context.Context, events []domain.Event, rules ImportRules) ([]domain.Imported, error) {
	replaces := rules.Replaces
	out := make([]domain.Imported, len(events))
	for i := range events {
		s.mu.Lock()
		var stored *domain.Event
		for id, e := range s.events {
			if e.UID == events[i].UID {
				stored = &e
				stored.ID = id
			}
		}
		switch {
		case stored != nil && replaces != nil && replaces(i, *stored):
			e := events[i]
			e.ID, e.ArticleID, e.CreatedAt = stored.ID, stored.ArticleID, stored.CreatedAt
			s.events[e.ID] = e
			out[i] = domain.ImportedUpdated
		case stored != nil:
			out[i] = domain.ImportedUnchanged
		}
		s.mu.Unlock()
		if stored != nil {
			continue
		}
		if err := s.CreateEvent(ctx, &events[i]); err != nil {
			return nil, err
		}
		out[i] = domain.ImportedNew
	}
	if rules.Retire == nil {
		return out, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, e := range events {
		if out[i] == domain.ImportedUnchanged || !e.Repeats() {
			continue
		}
		var related []domain.Event
		prefix := ""
		if rules.RelatedPrefix != nil {
			prefix = rules.RelatedPrefix(e)
		}
		for id, r := range s.events {
			r.ID = id
			if r.Of.SeriesID == e.ID || (prefix != "" && strings.HasPrefix(r.UID, prefix)) {
				related = append(related, r)
			}
		}
		slices.SortFunc(related, func(a, b domain.Event) int { return cmp.Compare(a.ID, b.ID) })
		for _, id := range rules.Retire(i, e, related) {
			delete(s.events, id)
		}
	}
	return out, nil
}

func (s *memStore) CountUsers(context.Context) (int, error) { return len(s.users), nil }

func (s *memStore) CountAccounts(context.Context) (total, admins int, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, u := range s.users {
		if u.Role == domain.RoleAdmin {
			admins++
		}
	}
	return len(s.users), admins, nil
}

func (s *memStore) Users(context.Context) ([]domain.User, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.userList(), nil
}

func (s *memStore) userList() []domain.User {
	out := slices.Collect(maps.Values(s.users))
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func (s *memStore) User(_ context.Context, id int64) (domain.User, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.users[id]
	if !ok {
		return u, domain.ErrNotFound
	}
	return u, nil
}

func (s *memStore) UserByName(_ context.Context, name string) (domain.User, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, u := range s.users {
		if strings.EqualFold(u.Name, name) {
			return u, nil
		}
	}
	return domain.User{}, domain.ErrNotFound
}

func (s *memStore) UserByFeedToken(context.Context, string) (domain.User, error) {
	return domain.User{}, domain.ErrNotFound
}
func (s *memStore) ResetFeedToken(context.Context, int64) (string, error) {
	return domain.NewToken(), nil
}
func (s *memStore) CreateSession(context.Context, int64) (string, error) {
	return domain.NewToken(), nil
}
func (s *memStore) SessionUser(context.Context, string, time.Duration, time.Duration) (domain.User, error) {
	return domain.User{}, domain.ErrNotFound
}
func (s *memStore) DeleteSession(context.Context, string) error { return nil }

func (s *memStore) CreateUser(ctx context.Context, u *domain.User) error {
	if _, err := s.UserByName(ctx, u.Name); err == nil {
		return domain.ErrConflict
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	u.ID = s.nextID
	s.users[u.ID] = *u
	s.existed = true
	return nil
}

func (s *memStore) AccountsExisted(context.Context) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.existed, nil
}

func (s *memStore) SetUserPassword(_ context.Context, id int64, hash string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.users[id]
	if !ok {
		return domain.ErrNotFound
	}
	u.PasswordHash = hash
	s.users[id] = u
	return nil
}

func (s *memStore) WriteAccounts(ctx context.Context, fn func(AccountTx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inTx != nil {
		s.inTx()
	}
	tx := &memAccountTx{users: maps.Clone(s.users), nextID: s.nextID}
	if err := fn(tx); err != nil {
		return err
	}
	s.users, s.nextID = tx.users, tx.nextID
	s.existed = s.existed || tx.created
	return nil
}

// memAccountTx is a transaction over a copy of the accounts.
type memAccountTx struct {
	users   map[int64]domain.User
	nextID  int64
	created bool
}

func (t *memAccountTx) CreateUser(_ context.Context, u *domain.User) error {
	for _, other := range t.users {
		if strings.EqualFold(other.Name, u.Name) {
			return domain.ErrConflict
		}
	}
	t.nextID++
	u.ID = t.nextID
	t.users[u.ID] = *u
	t.created = true
	return nil
}

func (t *memAccountTx) Users(context.Context) ([]domain.User, error) {
	out := slices.Collect(maps.Values(t.users))
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func (t *memAccountTx) SetUserRole(_ context.Context, id int64, role domain.Role) error {
	u, ok := t.users[id]
	if !ok {
		return domain.ErrNotFound
	}
	u.Role = role
	t.users[id] = u
	return nil
}

func (t *memAccountTx) DeleteUser(_ context.Context, id int64) error {
	if _, ok := t.users[id]; !ok {
		return domain.ErrNotFound
	}
	delete(t.users, id)
	return nil
}

func (s *memStore) HijriCorrections(context.Context) ([]domain.HijriCorrection, error) {
	return nil, nil
}
func (s *memStore) SetHijriCorrection(context.Context, domain.HijriCorrection, func([]domain.HijriCorrection) error) error {
	return nil
}
func (s *memStore) DeleteHijriCorrection(context.Context, int, int, func([]domain.HijriCorrection) error) error {
	return nil
}
func (s *memStore) DataVersion(context.Context) (int64, time.Time, error) { return 1, time.Time{}, nil }
func (s *memStore) CalendarVersion(context.Context) (int64, error)        { return 1, nil }

func (s *memStore) Occasions(context.Context) ([]domain.Occasion, error) { return s.occasions, nil }
func (s *memStore) Occasion(context.Context, int64) (domain.Occasion, error) {
	return domain.Occasion{}, domain.ErrNotFound
}
func (s *memStore) CreateOccasion(context.Context, *domain.Occasion) error  { return nil }
func (s *memStore) UpdateOccasion(context.Context, domain.Occasion) error   { return nil }
func (s *memStore) SetOccasionsHidden(context.Context, []int64, bool) error { return nil }
func (s *memStore) DeleteOccasion(context.Context, int64) error             { return nil }
