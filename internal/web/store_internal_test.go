package web

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/ruydad/ruydad/internal/sqlite"
)

// openStore opens a new database file called name in a folder of the
// test's own, through the real migrations, closed when the test ends.
func openStore(t *testing.T, name string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
