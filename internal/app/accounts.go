package app

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/crypto/bcrypt"

	"github.com/ruydad/ruydad/internal/domain"
)

// CreateUser adds an account called name with role, keeping only a bcrypt
// hash of password.
func (a *App) CreateUser(ctx context.Context, name string, role domain.Role, password string) (domain.User, error) {
	if err := domain.ValidateUser(name, role, password); err != nil {
		return domain.User{}, fmt.Errorf("create user: %w", err)
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), a.cost)
	if err != nil {
		return domain.User{}, fmt.Errorf("create user: %w", err)
	}
	u := domain.User{Name: name, Role: role, PasswordHash: string(hash), FeedToken: domain.NewToken(), CreatedAt: a.stamp()}
	if err := a.accounts.CreateUser(ctx, &u); err != nil {
		return u, fmt.Errorf("create user %q: %w", name, err)
	}
	return u, nil
}

// SetPassword replaces an account's password and ends its sessions.
func (a *App) SetPassword(ctx context.Context, id int64, password string) error {
	if err := domain.ValidatePassword(password); err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), a.cost)
	if err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	return a.accounts.SetUserPassword(ctx, id, string(hash))
}

// UserByName returns the account called name.
func (a *App) UserByName(ctx context.Context, name string) (domain.User, error) {
	return a.accounts.UserByName(ctx, name)
}

// Authenticate returns the user whose name and password these are, or
// domain.ErrBadCredentials. It spends a bcrypt comparison even for unknown
// names, so timing does not tell which names exist.
func (a *App) Authenticate(ctx context.Context, name, password string) (domain.User, error) {
	u, err := a.accounts.UserByName(ctx, name)
	if errors.Is(err, domain.ErrNotFound) {
		bcrypt.CompareHashAndPassword(dummyHash, []byte(password))
		return domain.User{}, domain.ErrBadCredentials
	}
	if err != nil {
		return domain.User{}, err
	}
	if bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(password)) != nil {
		return domain.User{}, domain.ErrBadCredentials
	}
	return u, nil
}

var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("ruydad-no-such-user"), bcrypt.DefaultCost)

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
