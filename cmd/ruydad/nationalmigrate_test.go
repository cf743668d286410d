package main

import (
	"io/fs"
	"testing"

	"github.com/ruydad/ruydad/db"
)

// TestMigrationCode: the national bench times a migration that only
// creates tables, indexes and triggers (the statements of a trigger's
// body run on later writes), and not one that changes stored rows.
func TestMigrationCode(t *testing.T) {
	for name, changes := range map[string]bool{
		"0017_search_grams.sql":       true,  // fills the FTS tables from the keys
		"0031_event_ranks.sql":        false, // an index
		"0033_event_quads_rowids.sql": true,  // copies a table
		"0034_event_rank_log.sql":     false, // a table and its triggers
	} {
		body, err := fs.ReadFile(db.Migrations, "migrations/"+name)
		if err != nil {
			t.Fatal(err)
		}
		if _, got := migrationCode(string(body)); got != changes {
			t.Errorf("%s changes stored rows: %v, want %v", name, got, changes)
		}
	}
	if _, got := migrationCode("CREATE TRIGGER t AFTER INSERT ON a BEGIN\n    SELECT 1;\nEND;\nUPDATE a SET x = 1;"); !got {
		t.Error("an UPDATE after a trigger's body was not seen")
	}
}
