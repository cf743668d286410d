package main

import (
	"context"
	"database/sql"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/sqlite"
)

// TestExportStampIsTheDataVersion: 'ruydad export --ics' writes the time
// the data last changed as every DTSTAMP, as the web's feeds do, not the
// clock: two exports of the same data are the same bytes.
func TestExportStampIsTheDataVersion(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "stamp.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	e := domain.Event{Title: "همایش", Kind: domain.KindConference, Start: jalali.MustNew(1404, 5, 17)}
	if err := uc(db).SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	db.Close()
	export := func() string {
		var out strings.Builder
		if err := run(ctx, []string{"export", "--db", path, "--ics", "-"}, noenv, nil, &out, io.Discard); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	export() // the first opening loads the occasions' catalogue, a change
	// The data last changed long before this test's clock.
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE data_version SET changed_at = '2024-01-02T03:04:05.000Z' WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	first := export()
	stamps := regexp.MustCompile(`(?m)^DTSTAMP:(.*)\r$`).FindAllStringSubmatch(first, -1)
	if len(stamps) < 2 {
		t.Fatalf("%d DTSTAMPs", len(stamps))
	}
	for _, s := range stamps {
		if s[1] != "20240102T030405Z" {
			t.Fatalf("DTSTAMP %s, want the data version's change time 20240102T030405Z", s[1])
		}
	}
	if export() != first {
		t.Error("two exports of the same data differ")
	}
}
