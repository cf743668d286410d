package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
)

// users is the users table's one column list.
var users = newTable("users",
	col("id", func(u *domain.User) any { return &u.ID }).rowID(),
	col("name", func(u *domain.User) any { return &u.Name }),
	col("role", func(u *domain.User) any { return &u.Role }),
	col("password_hash", func(u *domain.User) any { return &u.PasswordHash }),
	col("feed_token_hash", func(u *domain.User) any { return &u.FeedTokenHash }),
	col("created_at", func(u *domain.User) any { return &u.CreatedAt }),
)

func scanUser(r rowScanner) (domain.User, error) { return users.scan(r) }

// CreateUser stores account u as given and sets its ID; a taken name is
// domain.ErrConflict.
func (d *DB) CreateUser(ctx context.Context, u *domain.User) error {
	return d.inTx(ctx, func(tx *sql.Tx) error { return createUser(ctx, tx, u) })
}

func createUser(ctx context.Context, q querier, u *domain.User) error {
	res, err := q.ExecContext(ctx, users.insert, users.values(u)...)
	if err != nil {
		if isUnique(err) {
			return fmt.Errorf("create user %q: %w", u.Name, domain.ErrConflict)
		}
		return fmt.Errorf("create user: %w", err)
	}
	u.ID, _ = res.LastInsertId()
	return nil
}

// AccountsExisted reports whether an account has ever been stored
// (db/migrations/0012 records it), even if none is left.
func (d *DB) AccountsExisted(ctx context.Context) (bool, error) {
	v, err := getMeta(ctx, d.db, "accounts_existed")
	if err != nil {
		return false, fmt.Errorf("accounts existed: %w", err)
	}
	return v != "", nil
}

// UserByName returns the account called name (case-insensitively).
func (d *DB) UserByName(ctx context.Context, name string) (domain.User, error) {
	return d.oneUser(ctx, `WHERE name = ?`, name)
}

// User returns the account with id.
func (d *DB) User(ctx context.Context, id int64) (domain.User, error) {
	return d.oneUser(ctx, `WHERE id = ?`, id)
}

// UserByFeedToken returns the account whose private feed URL holds token
// (only its hash is stored).
func (d *DB) UserByFeedToken(ctx context.Context, token string) (domain.User, error) {
	return d.oneUser(ctx, `WHERE feed_token_hash = ?`, hashToken(token))
}

func (d *DB) oneUser(ctx context.Context, where string, arg any) (domain.User, error) {
	u, err := scanUser(d.db.QueryRowContext(ctx, `SELECT `+users.list+` FROM users `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return u, fmt.Errorf("user: %w", domain.ErrNotFound)
	}
	if err != nil {
		return u, fmt.Errorf("user: %w", err)
	}
	return u, nil
}

// Users returns every account by name.
func (d *DB) Users(ctx context.Context) ([]domain.User, error) {
	out, err := listUsers(ctx, d.db)
	if err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	return out, nil
}

func listUsers(ctx context.Context, q querier) ([]domain.User, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+users.list+` FROM users ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// CountUsers returns how many accounts exist.
func (d *DB) CountUsers(ctx context.Context) (int, error) {
	var n int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM users`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count users: %w", err)
	}
	return n, nil
}

// CountAccounts returns how many accounts exist and how many are
// administrators.
func (d *DB) CountAccounts(ctx context.Context) (total, admins int, err error) {
	err = d.db.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE role = 'admin') FROM users`).Scan(&total, &admins)
	if err != nil {
		return 0, 0, fmt.Errorf("count accounts: %w", err)
	}
	return total, admins, nil
}

// SetUserPassword replaces an account's password hash and ends its
// sessions.
func (d *DB) SetUserPassword(ctx context.Context, id int64, hash string) error {
	return d.inTx(ctx, func(tx *sql.Tx) error {
		if err := execOne(ctx, tx, "set password", `UPDATE users SET password_hash = ? WHERE id = ?`, hash, id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, id)
		return err
	})
}

// WriteAccounts runs fn over the accounts in one write transaction.
func (d *DB) WriteAccounts(ctx context.Context, fn func(app.AccountTx) error) error {
	return d.inTx(ctx, func(tx *sql.Tx) error { return fn(accountTx{tx}) })
}

// accountTx reads and writes accounts inside a transaction.
type accountTx struct{ tx *sql.Tx }

func (a accountTx) Users(ctx context.Context) ([]domain.User, error) { return listUsers(ctx, a.tx) }

func (a accountTx) CreateUser(ctx context.Context, u *domain.User) error {
	return createUser(ctx, a.tx, u)
}

func (a accountTx) SetUserRole(ctx context.Context, id int64, role domain.Role) error {
	return execOne(ctx, a.tx, "set role", `UPDATE users SET role = ? WHERE id = ?`, string(role), id)
}

// DeleteUser removes an account (its sessions go with it).
func (a accountTx) DeleteUser(ctx context.Context, id int64) error {
	return execOne(ctx, a.tx, "delete user", `DELETE FROM users WHERE id = ?`, id)
}

// ResetFeedToken gives an account a new private feed URL, storing only the
// token's hash, and returns the token; the old URL stops working.
func (d *DB) ResetFeedToken(ctx context.Context, id int64) (string, error) {
	t := domain.NewToken()
	return t, d.inTx(ctx, func(tx *sql.Tx) error {
		return execOne(ctx, tx, "reset feed token", `UPDATE users SET feed_token_hash = ? WHERE id = ?`, hashToken(t), id)
	})
}

// execOne runs a statement that must change exactly one row.
func execOne(ctx context.Context, q querier, op, query string, args ...any) error {
	res, err := q.ExecContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%s: %w", op, domain.ErrNotFound)
	}
	return nil
}

// hashToken is what is stored of a session's or a feed URL's token.
func hashToken(token string) string { return domain.HashToken(token) }

// CreateSession starts a session for user id and returns its token (for
// the cookie; only its hash is stored).
func (d *DB) CreateSession(ctx context.Context, userID int64) (string, error) {
	token := domain.NewToken()
	now := d.stamp()
	if err := d.exec(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, last_seen) VALUES (?, ?, ?, ?)`,
		hashToken(token), userID, now, now); err != nil {
		return "", fmt.Errorf("create session: %w", err)
	}
	return token, nil
}

// SessionUser returns the user of a live session and marks it seen. A
// session idle longer than idle, or older than maxAge, is ended and
// reported as not found.
func (d *DB) SessionUser(ctx context.Context, token string, idle, maxAge time.Duration) (domain.User, error) {
	var created, seen string
	var uid int64
	h := hashToken(token)
	err := d.db.QueryRowContext(ctx, `SELECT user_id, created_at, last_seen FROM sessions WHERE token_hash = ?`, h).Scan(&uid, &created, &seen)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.User{}, fmt.Errorf("session: %w", domain.ErrNotFound)
	}
	if err != nil {
		return domain.User{}, fmt.Errorf("session: %w", err)
	}
	now := d.now()
	if now.Sub(parseStamp(seen)) > idle || now.Sub(parseStamp(created)) > maxAge {
		d.exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, h)
		return domain.User{}, fmt.Errorf("session expired: %w", domain.ErrNotFound)
	}
	// Write last_seen at most once a minute: reads stay reads.
	if now.Sub(parseStamp(seen)) > time.Minute {
		if err := d.exec(ctx, `UPDATE sessions SET last_seen = ? WHERE token_hash = ?`, d.stamp(), h); err != nil {
			return domain.User{}, fmt.Errorf("session: %w", err)
		}
	}
	return d.User(ctx, uid)
}

// DeleteSession ends the session with token.
func (d *DB) DeleteSession(ctx context.Context, token string) error {
	if err := d.exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, hashToken(token)); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}
