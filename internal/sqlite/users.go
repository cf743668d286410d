package sqlite

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/ruydad/ruydad/internal/domain"
)

const userColumns = `id, name, role, password_hash, feed_token, created_at`

// randomToken returns 32 random bytes, URL-safe.
func randomToken() string {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b[:])
}

func scanUser(r rowScanner) (domain.User, error) {
	var u domain.User
	var role, created string
	if err := r.Scan(&u.ID, &u.Name, &role, &u.PasswordHash, &u.FeedToken, &created); err != nil {
		return u, err
	}
	u.Role, u.CreatedAt = domain.Role(role), parseStamp(created)
	return u, nil
}

// CreateUser adds an account with a bcrypt hash of password.
func (d *DB) CreateUser(ctx context.Context, name string, role domain.Role, password string) (domain.User, error) {
	if err := domain.ValidateUser(name, role, password); err != nil {
		return domain.User{}, fmt.Errorf("create user: %w", err)
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return domain.User{}, fmt.Errorf("create user: %w", err)
	}
	u := domain.User{Name: name, Role: role, PasswordHash: string(hash), FeedToken: randomToken(), CreatedAt: d.now().UTC()}
	res, err := d.w.ExecContext(ctx, `INSERT INTO users (name, role, password_hash, feed_token, created_at) VALUES (?, ?, ?, ?, ?)`,
		u.Name, string(u.Role), u.PasswordHash, u.FeedToken, d.stamp())
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE constraint failed: users.name") {
			return u, fmt.Errorf("create user %q: %w", name, domain.ErrConflict)
		}
		return u, fmt.Errorf("create user: %w", err)
	}
	u.ID, _ = res.LastInsertId()
	return u, nil
}

// Authenticate returns the user whose name and password these are, or
// domain.ErrBadCredentials. It spends a bcrypt comparison even for unknown
// names, so timing does not tell which names exist.
func (d *DB) Authenticate(ctx context.Context, name, password string) (domain.User, error) {
	u, err := d.UserByName(ctx, name)
	if errors.Is(err, domain.ErrNotFound) {
		bcrypt.CompareHashAndPassword(dummyHash, []byte(password))
		return u, domain.ErrBadCredentials
	}
	if err != nil {
		return u, err
	}
	if bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(password)) != nil {
		return domain.User{}, domain.ErrBadCredentials
	}
	return u, nil
}

var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("ruydad-no-such-user"), bcrypt.DefaultCost)

// UserByName returns the account called name (case-insensitively).
func (d *DB) UserByName(ctx context.Context, name string) (domain.User, error) {
	return d.oneUser(ctx, `WHERE name = ?`, name)
}

// User returns the account with id.
func (d *DB) User(ctx context.Context, id int64) (domain.User, error) {
	return d.oneUser(ctx, `WHERE id = ?`, id)
}

// UserByFeedToken returns the account whose private feed URL holds token.
func (d *DB) UserByFeedToken(ctx context.Context, token string) (domain.User, error) {
	return d.oneUser(ctx, `WHERE feed_token = ?`, token)
}

func (d *DB) oneUser(ctx context.Context, where string, arg any) (domain.User, error) {
	u, err := scanUser(d.db.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users `+where, arg))
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
	rows, err := d.db.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	defer rows.Close()
	var out []domain.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("users: %w", err)
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

// SetUserRole changes an account's role.
func (d *DB) SetUserRole(ctx context.Context, id int64, role domain.Role) error {
	if !role.Valid() {
		return fmt.Errorf("set role: %w", domain.ValidationError{{Field: domain.FieldRole, Code: domain.CodeRoleUnknown}})
	}
	return d.execOne(ctx, "set role", `UPDATE users SET role = ? WHERE id = ?`, string(role), id)
}

// SetUserPassword replaces an account's password and ends its sessions.
func (d *DB) SetUserPassword(ctx context.Context, id int64, password string) error {
	if err := domain.ValidateUser("placeholder", domain.RoleViewer, password); err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	if err := d.execOne(ctx, "set password", `UPDATE users SET password_hash = ? WHERE id = ?`, string(hash), id); err != nil {
		return err
	}
	_, err = d.w.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, id)
	return err
}

// ResetFeedToken gives an account a new private feed URL; the old one
// stops working.
func (d *DB) ResetFeedToken(ctx context.Context, id int64) (string, error) {
	t := randomToken()
	return t, d.execOne(ctx, "reset feed token", `UPDATE users SET feed_token = ? WHERE id = ?`, t, id)
}

// DeleteUser removes an account and its sessions.
func (d *DB) DeleteUser(ctx context.Context, id int64) error {
	return d.execOne(ctx, "delete user", `DELETE FROM users WHERE id = ?`, id)
}

// execOne runs a statement that must change exactly one row.
func (d *DB) execOne(ctx context.Context, op, query string, args ...any) error {
	res, err := d.w.ExecContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%s: %w", op, domain.ErrNotFound)
	}
	return nil
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateSession starts a session for user id and returns its token (for
// the cookie; only its hash is stored).
func (d *DB) CreateSession(ctx context.Context, userID int64) (string, error) {
	token := randomToken()
	now := d.stamp()
	if _, err := d.w.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, last_seen) VALUES (?, ?, ?, ?)`,
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
		d.w.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = ?`, h)
		return domain.User{}, fmt.Errorf("session expired: %w", domain.ErrNotFound)
	}
	// Write last_seen at most once a minute: reads stay reads.
	if now.Sub(parseStamp(seen)) > time.Minute {
		if _, err := d.w.ExecContext(ctx, `UPDATE sessions SET last_seen = ? WHERE token_hash = ?`, d.stamp(), h); err != nil {
			return domain.User{}, fmt.Errorf("session: %w", err)
		}
	}
	return d.User(ctx, uid)
}

// DeleteSession ends the session with token.
func (d *DB) DeleteSession(ctx context.Context, token string) error {
	if _, err := d.w.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = ?`, hashToken(token)); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}
