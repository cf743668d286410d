package main

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/sqlite"
)

// TestServerRecountsTheSearchPieces: a calendar whose search pieces were
// never counted (as every installation that grew from its seed) has them
// counted by the server's look, which says so in its log.
func TestServerRecountsTheSearchPieces(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "grown.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	err = db.BulkFill(ctx, func(b *sqlite.Bulk) error {
		for i := range 1200 {
			e := domain.Event{UID: fmt.Sprintf("grown-%d@ruydad", i), Title: fmt.Sprintf("نشست خبری استانداری همدان %d", i),
				Kind: domain.KindPressConference, Status: domain.StatusConfirmed, Precision: domain.PrecisionDay,
				Start: jalali.MustNew(1403, 2, 1).AddDays(i % 300), End: jalali.MustNew(1403, 2, 1).AddDays(i % 300)}
			if err := b.Event(&e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw := openFile(t, path)
	if _, err := raw.Exec(`DELETE FROM search_piece_docs`); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	db, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	lookCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { recountSearch(lookCtx, db, log, 10*time.Millisecond); close(done) }()
	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(logs.String(), "counted the search's pieces again"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no recount logged in 30 s:\n%s", logs)
		}
	}
	time.Sleep(50 * time.Millisecond) // a few looks more: nothing is stale now
	stop()
	<-done
	if n := strings.Count(logs.String(), "counted the search's pieces again"); n != 1 {
		t.Errorf("counted %d times, want once:\n%s", n, logs)
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("errors logged:\n%s", logs)
	}
	raw = openFile(t, path)
	defer raw.Close()
	var keys int
	if err := raw.QueryRow(`SELECT docs FROM search_piece_docs WHERE doc = 'event' AND piece = ''`).Scan(&keys); err != nil || keys != 1200 {
		t.Errorf("keys counted: %d, %v; want 1200", keys, err)
	}
}
