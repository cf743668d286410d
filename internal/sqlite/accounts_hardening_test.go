package sqlite

import (
	"context"
	"io/fs"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/db"
	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
)

// migrationsBefore returns how many migrations come before the one whose
// file name starts with prefix.
func migrationsBefore(t *testing.T, prefix string) int {
	t.Helper()
	names, _ := fs.Glob(db.Migrations, "migrations/*.sql")
	sort.Strings(names)
	i := slices.IndexFunc(names, func(n string) bool { return strings.HasPrefix(n, "migrations/"+prefix) })
	if i < 0 {
		t.Fatalf("no migration %s", prefix)
	}
	return i
}

// Issue 14: private feed tokens were stored as they are. Migration 0012
// keeps their hashes instead: the URLs given out keep working, the
// database holds no usable one, and a new token is stored as a hash too.
func TestFeedTokensAreStoredHashed(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	raw, exec := migratedTo(t, path, migrationsBefore(t, "0012"))
	const given = "old-secret-token-given-out-to-a-calendar-app"
	exec(`INSERT INTO users (id, name, role, password_hash, feed_token, created_at) VALUES (1, 'maryam', 'viewer', 'x', ?, '2025-01-01T00:00:00Z')`, given)
	raw.Close()

	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var stored string
	if err := d.db.QueryRowContext(ctx, `SELECT feed_token_hash FROM users WHERE id = 1`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if stored == given || stored != domain.HashToken(given) {
		t.Errorf("stored %q, want the token's SHA-256 %q", stored, domain.HashToken(given))
	}
	if u, err := d.UserByFeedToken(ctx, given); err != nil || u.Name != "maryam" {
		t.Errorf("the URL given out before the migration: %+v, %v", u, err)
	}
	if _, err := d.UserByFeedToken(ctx, stored); err == nil {
		t.Error("the stored hash works as a feed token")
	}
	fresh, err := d.ResetFeedToken(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	d.db.QueryRowContext(ctx, `SELECT feed_token_hash FROM users WHERE id = 1`).Scan(&stored)
	if stored == fresh || stored != domain.HashToken(fresh) {
		t.Errorf("a new token is stored as %q", stored)
	}
	if _, err := d.UserByFeedToken(ctx, given); err == nil {
		t.Error("the old URL works after a reset")
	}
	if u, err := d.UserByFeedToken(ctx, fresh); err != nil || u.ID != 1 {
		t.Errorf("the new token: %+v, %v", u, err)
	}
	// The database had an account: it is recorded as having had one.
	if existed, err := d.AccountsExisted(ctx); err != nil || !existed {
		t.Errorf("accounts existed before the migration: %v, %v", existed, err)
	}
}

// Once an account has been stored, the database says so for good, even
// with every account deleted; a change of role moves the data version
// (issue 14, item 4).
func TestAccountsExistedForGood(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	if existed, err := d.AccountsExisted(ctx); err != nil || existed {
		t.Fatalf("a new database: existed %v, %v", existed, err)
	}
	u := domain.User{Name: "maryam", Role: domain.RoleAdmin, PasswordHash: "x", FeedTokenHash: "h"}
	if err := d.CreateUser(ctx, &u); err != nil {
		t.Fatal(err)
	}
	before, _, _ := d.DataVersion(ctx)
	if err := d.WriteAccounts(ctx, func(tx app.AccountTx) error { return tx.SetUserRole(ctx, u.ID, domain.RoleEditor) }); err != nil {
		t.Fatal(err)
	}
	if after, _, _ := d.DataVersion(ctx); after <= before {
		t.Errorf("a change of role left the data version at %d", after)
	}
	if err := d.WriteAccounts(ctx, func(tx app.AccountTx) error { return tx.DeleteUser(ctx, u.ID) }); err != nil {
		t.Fatal(err)
	}
	if n, _ := d.CountUsers(ctx); n != 0 {
		t.Fatalf("%d accounts left", n)
	}
	if existed, err := d.AccountsExisted(ctx); err != nil || !existed {
		t.Errorf("every account deleted: existed %v, %v; want true for good", existed, err)
	}
	// An account created inside an accounts transaction counts too.
	d2 := open(t)
	if err := d2.WriteAccounts(ctx, func(tx app.AccountTx) error {
		return tx.CreateUser(ctx, &domain.User{Name: "reza", Role: domain.RoleAdmin, PasswordHash: "x", FeedTokenHash: "h2"})
	}); err != nil {
		t.Fatal(err)
	}
	if existed, _ := d2.AccountsExisted(ctx); !existed {
		t.Error("an account made in a transaction is not recorded")
	}
}
