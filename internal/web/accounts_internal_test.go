package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/sqlite"
)

// countingAccounts counts the store's readings of the accounts' state,
// each made slow, as a large table's would be, so that requests arriving
// together all find the state still unread.
type countingAccounts struct {
	*sqlite.DB
	n atomic.Int64
}

func (c *countingAccounts) CountAccounts(ctx context.Context) (int, int, error) {
	c.n.Add(1)
	time.Sleep(20 * time.Millisecond)
	return c.DB.CountAccounts(ctx)
}

// TestAccountsStateReadOncePerVersion: many requests at once after a
// write read where the accounts stand once between them, not once each.
func TestAccountsStateReadOncePerVersion(t *testing.T) {
	ctx := context.Background()
	db := openStore(t, "accounts.db")
	store := &countingAccounts{DB: db}
	a := app.Over(store, app.Options{})
	if _, err := a.CreateUser(ctx, "admin", domain.RoleAdmin, "a-long-password"); err != nil {
		t.Fatal(err)
	}
	_, e := newServer(a, Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	srv := httptest.NewServer(e)
	defer srv.Close()
	burst := func() {
		t.Helper()
		var wg sync.WaitGroup
		for range 32 {
			wg.Go(func() {
				resp, err := http.Get(srv.URL + "/calendar/1403/2")
				if err != nil {
					t.Error(err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					t.Errorf("status %d", resp.StatusCode)
				}
			})
		}
		wg.Wait()
	}
	for round, write := range []func() error{
		nil,
		func() error { return a.SetDraftsPublic(ctx, true) },
		func() error { _, err := a.CreateUser(ctx, "editor", domain.RoleEditor, "a-long-password"); return err },
	} {
		if write != nil {
			if err := write(); err != nil {
				t.Fatal(err)
			}
		}
		before := store.n.Load()
		burst()
		if n := store.n.Load() - before; n != 1 {
			t.Errorf("round %d: 32 requests read the accounts' state %d times, want once", round, n)
		}
	}
}
