package app

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/bcrypt"

	"github.com/ruydad/ruydad/internal/domain"
)

// CreateUser adds an account called name with role, keeping only a hash
// of password (hashPassword).
func (a *App) CreateUser(ctx context.Context, name string, role domain.Role, password string) (domain.User, error) {
	u, err := a.newUser(name, role, password)
	if err != nil {
		return u, fmt.Errorf("create user: %w", err)
	}
	if err := a.accounts.CreateUser(ctx, &u); err != nil {
		return u, fmt.Errorf("create user %q: %w", name, err)
	}
	return u, nil
}

// AccountsState is where the accounts stand, as the server needs it for
// its first run.
type AccountsState struct {
	Admins  int  // administrators now
	Existed bool // an account has existed, even if none is left
	// DraftsPublic: an administrator let visitors who are not signed in
	// see the drafts (see SeesDrafts).
	DraftsPublic bool
}

// SeesDrafts reports whether a reader of role (domain.Role("") for a
// visitor not signed in) sees the drafts: proposed and rejected events,
// articles and the review queue. Editors and administrators do; so does
// everyone while no account has ever existed (an installation used by
// one office alone, or not yet set up), and once an administrator has
// made the drafts public.
func (s AccountsState) SeesDrafts(role domain.Role) bool {
	return !s.Existed || s.DraftsPublic || role.Allows(domain.RoleEditor)
}

// FirstRun reports whether no account has ever existed (so no
// administrator either): the server then lets the holder of its setup
// token create the first administrator (CreateFirstAdmin), and nobody
// writes anything until then. Once an account has existed, deleting every
// one never brings this back: an administrator then comes from the
// command line ('ruydad user add NAME --role admin').
func (s AccountsState) FirstRun() bool { return s.Admins == 0 && !s.Existed }

// AccountsState returns where the accounts stand.
func (a *App) AccountsState(ctx context.Context) (AccountsState, error) {
	var st AccountsState
	total, admins, err := a.accounts.CountAccounts(ctx)
	if err != nil {
		return st, err
	}
	st.Admins = admins
	st.Existed, err = a.accounts.AccountsExisted(ctx)
	st.Existed = st.Existed || total > 0
	if err == nil && a.settings != nil {
		st.DraftsPublic, err = a.settings.DraftsPublic(ctx)
	}
	return st, err
}

// SetDraftsPublic lets visitors who are not signed in see the drafts, or
// stops them (an administrator's choice; the route checks the role).
func (a *App) SetDraftsPublic(ctx context.Context, public bool) error {
	if a.settings == nil {
		return errors.New("set drafts public: no settings store")
	}
	return a.settings.SetDraftsPublic(ctx, public)
}

// CreateFirstAdmin adds the first administrator, as CreateUser does, unless
// an administrator exists (domain.ErrSetupDone): the check and the insert
// are one transaction, so two setups at once make one administrator.
func (a *App) CreateFirstAdmin(ctx context.Context, name, password string) (domain.User, error) {
	u, err := a.newUser(name, domain.RoleAdmin, password)
	if err != nil {
		return u, fmt.Errorf("create the first administrator: %w", err)
	}
	err = a.accounts.WriteAccounts(ctx, func(tx AccountTx) error {
		users, err := tx.Users(ctx)
		if err != nil {
			return err
		}
		for _, other := range users {
			if other.Role == domain.RoleAdmin {
				return domain.ErrSetupDone
			}
		}
		return tx.CreateUser(ctx, &u)
	})
	if err != nil {
		return u, fmt.Errorf("create the first administrator %q: %w", name, err)
	}
	return u, nil
}

// newUser checks a new account and returns it as stored: its password
// hashed, a feed token nobody has yet.
func (a *App) newUser(name string, role domain.Role, password string) (domain.User, error) {
	if err := domain.ValidateUser(name, role, password); err != nil {
		return domain.User{}, err
	}
	hash, err := hashPassword(password, a.cost)
	if err != nil {
		return domain.User{}, err
	}
	return domain.User{Name: name, Role: role, PasswordHash: hash,
		FeedTokenHash: domain.HashToken(domain.NewToken()), // a feed URL nobody has: the user makes one to see it
		CreatedAt:     a.stamp()}, nil
}

// SetPassword replaces an account's password and ends its sessions.
func (a *App) SetPassword(ctx context.Context, id int64, password string) error {
	if err := domain.ValidatePassword(password); err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	hash, err := hashPassword(password, a.cost)
	if err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	return a.accounts.SetUserPassword(ctx, id, hash)
}

// UserByName returns the account called name.
func (a *App) UserByName(ctx context.Context, name string) (domain.User, error) {
	return a.accounts.UserByName(ctx, name)
}

// Authenticate returns the user whose name and password these are, or
// domain.ErrBadCredentials. It looks the name up once and spends one
// bcrypt comparison, even for an unknown name, so timing does not tell
// which names exist.
func (a *App) Authenticate(ctx context.Context, name, password string) (domain.User, error) {
	u, err := a.accounts.UserByName(ctx, name)
	if errors.Is(err, domain.ErrNotFound) {
		checkPassword(a.dummyHash(), password)
		return domain.User{}, domain.ErrBadCredentials
	}
	if err != nil {
		return domain.User{}, err
	}
	if !checkPassword(u.PasswordHash, password) {
		return domain.User{}, domain.ErrBadCredentials
	}
	return u, nil
}

// dummyHash is a hash at the cost of new ones, made on first use, for
// Authenticate to spend a comparison on an unknown name.
func (a *App) dummyHash() string {
	a.dummy.once.Do(func() { a.dummy.hash, _ = hashPassword("ruydad-no-such-user", a.cost) })
	return a.dummy.hash
}

// Password hashes. bcrypt reads at most 72 bytes of a password (37 Persian
// letters), and x/crypto refuses to hash more. So a password is first
// hashed with SHA-256, and bcrypt hashes that digest in base64 (44 bytes,
// no NUL): every password of any length counts whole. Such a hash is
// stored as prehashPrefix and the bcrypt hash; a hash without the prefix
// is the plain bcrypt of the password that earlier releases stored, and
// still verifies.
const prehashPrefix = "$sha256-bcrypt"

// hashPassword returns the stored form of password's hash.
func hashPassword(password string, cost int) (string, error) {
	h, err := bcrypt.GenerateFromPassword(prehash(password), cost)
	if err != nil {
		return "", err
	}
	return prehashPrefix + string(h), nil
}

// checkPassword reports whether password is the one hash was made of,
// hash being either kind (see prehashPrefix).
func checkPassword(hash, password string) bool {
	if h, ok := strings.CutPrefix(hash, prehashPrefix); ok {
		return bcrypt.CompareHashAndPassword([]byte(h), prehash(password)) == nil
	}
	// A plain bcrypt hash was made of at most 72 bytes; bcrypt would
	// compare only the first 72 of a longer one, so that a password
	// followed by anything would pass.
	if len(password) > 72 {
		return false
	}
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) == nil
}

// prehash is the SHA-256 of password in base64, what bcrypt is given.
func prehash(password string) []byte {
	sum := sha256.Sum256([]byte(password))
	return []byte(base64.StdEncoding.EncodeToString(sum[:]))
}

// SetUserRole gives account id role. Taking the last administrator's role
// away is domain.ErrLastAdmin unless force: the check and the change are
// one transaction, so two administrators demoting each other at once leave
// one of them.
func (a *App) SetUserRole(ctx context.Context, id int64, role domain.Role, force bool) error {
	if !role.Valid() {
		return fmt.Errorf("set role: %w", domain.ValidationError{{Field: domain.FieldRole, Code: domain.CodeRoleUnknown}})
	}
	err := a.accounts.WriteAccounts(ctx, func(tx AccountTx) error {
		if role != domain.RoleAdmin && !force {
			if err := keepAnAdmin(ctx, tx, id); err != nil {
				return err
			}
		}
		return tx.SetUserRole(ctx, id, role)
	})
	if err != nil {
		return fmt.Errorf("set role of user %d: %w", id, err)
	}
	return nil
}

// DeleteUser removes account id and its sessions. Removing the last
// administrator is domain.ErrLastAdmin unless force, checked in the same
// transaction.
func (a *App) DeleteUser(ctx context.Context, id int64, force bool) error {
	err := a.accounts.WriteAccounts(ctx, func(tx AccountTx) error {
		if !force {
			if err := keepAnAdmin(ctx, tx, id); err != nil {
				return err
			}
		}
		return tx.DeleteUser(ctx, id)
	})
	if err != nil {
		return fmt.Errorf("delete user %d: %w", id, err)
	}
	return nil
}

// keepAnAdmin refuses, with domain.ErrLastAdmin, to let account id stop
// being an administrator when no other one is left. An id not stored is
// domain.ErrNotFound.
func keepAnAdmin(ctx context.Context, tx AccountTx, id int64) error {
	users, err := tx.Users(ctx)
	if err != nil {
		return err
	}
	found, admins, isAdmin := false, 0, false
	for _, u := range users {
		if u.Role == domain.RoleAdmin {
			admins++
		}
		if u.ID == id {
			found, isAdmin = true, u.Role == domain.RoleAdmin
		}
	}
	switch {
	case !found:
		return domain.ErrNotFound
	case isAdmin && admins <= 1:
		return domain.ErrLastAdmin
	}
	return nil
}
