package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/mattn/go-sqlite3"

	"github.com/ruydad/ruydad/db"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/persian"
	"github.com/ruydad/ruydad/seeds"
)

func builtin(t testing.TB) []domain.Occasion {
	t.Helper()
	cat, err := domain.ParseCatalogue(seeds.Occasions, seeds.OfficialOccasions)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func byKey(t testing.TB, d *DB) map[string]domain.Occasion {
	t.Helper()
	all, err := d.Occasions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]domain.Occasion{}
	for _, o := range all {
		if _, dup := out[o.Key]; dup {
			t.Fatalf("key %q stored twice", o.Key)
		}
		out[o.Key] = o
	}
	return out
}

// TestSeedOccasions: the first call stores the whole catalogue; later ones
// store nothing new, bring back nothing deleted, change nothing edited,
// and bring unedited built-ins up to a changed catalogue.
func TestSeedOccasions(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	cat := builtin(t)
	rep, err := d.SeedOccasions(ctx, cat)
	if err != nil || rep.Added != len(cat) || rep.Updated != 0 {
		t.Fatalf("first seed: %+v, %v", rep, err)
	}
	stored := byKey(t, d)
	if len(stored) != len(cat) {
		t.Fatalf("%d occasions stored, want %d", len(stored), len(cat))
	}
	for _, c := range cat {
		got := stored[c.Key]
		c.ID, c.UpdatedAt, c.Sequence = got.ID, got.UpdatedAt, got.Sequence
		if !sameDefinition(got, c) || got.Hidden != c.Hidden {
			t.Errorf("%s stored as %+v, want %+v", c.Key, got, c)
		}
	}
	if rep, err := d.SeedOccasions(ctx, cat); err != nil || rep != (SeedReport{}) {
		t.Fatalf("second seed: %+v, %v", rep, err)
	}

	pr, ashura := stored["pr-day"], stored["ashura"]
	pr.Name = "روز روابط عمومی استان"
	if err := uc(d).UpdateOccasion(ctx, pr); err != nil {
		t.Fatal(err)
	}
	if err := d.DeleteOccasion(ctx, stored["hafez-day"].ID); err != nil {
		t.Fatal(err)
	}
	if err := d.SetOccasionsHidden(ctx, []int64{ashura.ID}, true); err != nil {
		t.Fatal(err)
	}
	// A new catalogue renames every occasion.
	changed := make([]domain.Occasion, len(cat))
	for i, c := range cat {
		c.Name += " (ویرایش تازه)"
		changed[i] = c
	}
	rep, err = d.SeedOccasions(ctx, changed)
	if err != nil || rep.Added != 0 || rep.Updated != len(cat)-2 {
		t.Fatalf("seed of a changed catalogue: %+v, %v; want %d updated", rep, err, len(cat)-2)
	}
	after := byKey(t, d)
	if after["pr-day"].Name != "روز روابط عمومی استان" || !after["pr-day"].Edited {
		t.Errorf("the edited occasion changed: %+v", after["pr-day"])
	}
	if _, back := after["hafez-day"]; back {
		t.Error("a deleted built-in occasion came back")
	}
	if a := after["ashura"]; a.Name != "عاشورای حسینی (ویرایش تازه)" || !a.Hidden || a.Edited {
		t.Errorf("the hidden, unedited Ashura: %+v", a)
	}
	if after["ashura"].Sequence <= ashura.Sequence {
		t.Error("an upgraded occasion's sequence did not move (calendar apps would keep the old one)")
	}
}

// TestSeedKeepsTheOfficesOwn: an office that added an occasion the
// catalogue later brings (same day, same name whatever the spelling) keeps
// its own and does not get it twice.
func TestSeedKeepsTheOfficesOwn(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	mine := domain.Occasion{Key: "user-research", Name: "روز پژوهش", Group: domain.GroupOffice}
	mine.Recurrence = domain.Recurrence{Calendar: domain.CalJalali, Rule: domain.RuleDate, Month: 9, Day: 25, Length: 1}
	if err := uc(d).CreateOccasion(ctx, &mine); err != nil {
		t.Fatal(err)
	}
	rep, err := d.SeedOccasions(ctx, builtin(t))
	if err != nil || rep.Kept < 1 {
		t.Fatalf("seed: %+v, %v", rep, err)
	}
	n := 0
	for _, o := range byKey(t, d) {
		if persian.SearchKey(o.Name) == persian.SearchKey("روز پژوهش") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("روز پژوهش stored %d times", n)
	}
}

// TestUpgradeFromTheFirstCatalogue: a database made before lunar occasions
// (migrations 0001-0006) with the first catalogue's 25 occasions, some
// edited, one deleted, one of the office's own, keeps all of that and
// gains Iran's official calendar, nothing twice.
func TestUpgradeFromTheFirstCatalogue(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	oldDB(t, path)
	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	before := byKey(t, d)
	if before["pr-day"].Group != domain.GroupOfficial || !before["pr-day"].Edited || before["user-1"].Group != domain.GroupOffice {
		t.Fatalf("the migration marked them: %+v %+v", before["pr-day"], before["user-1"])
	}
	cat := builtin(t)
	rep, err := d.SeedOccasions(ctx, cat)
	if err != nil {
		t.Fatal(err)
	}
	after := byKey(t, d)
	if got := after["pr-day"]; got.Name != "روز روابط عمومی استان همدان" || got.Calendar != domain.CalJalali || got.Day != 27 {
		t.Errorf("the admin's edit of PR Day was lost: %+v", got)
	}
	if _, back := after["hafez-day"]; back {
		t.Error("the deleted Hafez day came back")
	}
	if got := after["user-1"]; got.Name != "روز پژوهش" || got.Group != domain.GroupOffice {
		t.Errorf("the office's own occasion: %+v", got)
	}
	if got := after["labour-day"]; got.Calendar != domain.CalGregorian || got.Month != 5 || got.Day != 1 || got.ID != before["labour-day"].ID {
		t.Errorf("the unedited Labour Day did not become 1 May: %+v", got)
	}
	// Every catalogue occasion is there once, but the deleted one and the
	// one the office already had.
	if want := len(before) + len(cat) - 25 - 1; len(after) != want {
		t.Errorf("%d occasions after the upgrade, want %d (report %+v)", len(after), want, rep)
	}
	if _, ok := after["ashura"]; !ok || after["ashura"].Calendar != domain.CalHijri {
		t.Error("no Ashura after the upgrade")
	}
}

// oldDB writes at path a database as the first release left it: the
// migrations up to 0006, the first catalogue (testdata/occasions-v1.json)
// with PR Day edited and Hafez day deleted, and an office's own
// «روز پژوهش».
func oldDB(t *testing.T, path string) {
	t.Helper()
	raw, exec := migratedTo(t, path, 6)
	defer raw.Close()
	data, err := os.ReadFile("testdata/occasions-v1.json")
	if err != nil {
		t.Fatal(err)
	}
	var v1 []struct {
		Key, Name, Description string
		Month, Day, Length     int
		Holiday                bool
		Aliases                []string
	}
	if err := json.Unmarshal(data, &v1); err != nil {
		t.Fatal(err)
	}
	if len(v1) != 25 {
		t.Fatalf("%d occasions in the first catalogue", len(v1))
	}
	stamp := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339Nano)
	for _, o := range v1 {
		aliases, _ := json.Marshal(o.Aliases)
		exec(`INSERT INTO occasions (key, name, month, day, length, holiday, aliases, description, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			o.Key, o.Name, o.Month, o.Day, o.Length, o.Holiday, string(aliases), o.Description, stamp)
	}
	exec(`INSERT INTO meta (key, value) VALUES ('occasions_seeded', ?)`, stamp)
	exec(`UPDATE occasions SET name = 'روز روابط عمومی استان همدان', sequence = 1 WHERE key = 'pr-day'`)
	exec(`DELETE FROM occasions WHERE key = 'hafez-day'`)
	exec(`INSERT INTO occasions (key, name, month, day, length, holiday, aliases, description, updated_at)
VALUES ('user-1', 'روز پژوهش', 9, 25, 1, 0, '[]', '', ?)`, stamp)
}

// TestHijriCorrections: corrections are stored, replaced and removed only
// when fits accepts the whole set, and every change moves the data
// version (pages and feeds show it at once).
func TestHijriCorrections(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	version := func() int64 {
		n, _, err := d.DataVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	accept := func([]domain.HijriCorrection) error { return nil }
	refuse := errors.New("does not fit")
	c := domain.HijriCorrection{Year: 1448, Month: 10, Start: jalali.MustNew(1405, 12, 20), Note: "ستاد استهلال"}
	v := version()
	if err := d.SetHijriCorrection(ctx, c, accept); err != nil {
		t.Fatal(err)
	}
	if version() == v {
		t.Error("a correction did not move the data version")
	}
	var seen []domain.HijriCorrection
	c2 := c
	c2.Start = jalali.MustNew(1405, 12, 19)
	err := d.SetHijriCorrection(ctx, c2, func(all []domain.HijriCorrection) error { seen = all; return refuse })
	if !errors.Is(err, refuse) || len(seen) != 1 || seen[0].Start != c2.Start {
		t.Fatalf("a refused replacement: %v, fits saw %+v", err, seen)
	}
	got, err := d.HijriCorrections(ctx)
	if err != nil || len(got) != 1 || got[0].Start != c.Start || got[0].Note != c.Note || got[0].UpdatedAt.IsZero() {
		t.Fatalf("after a refused change: %+v, %v", got, err)
	}
	if err := d.DeleteHijriCorrection(ctx, 1448, 10, func([]domain.HijriCorrection) error { return refuse }); !errors.Is(err, refuse) {
		t.Errorf("a refused removal: %v", err)
	}
	v = version()
	if err := d.DeleteHijriCorrection(ctx, 1448, 10, accept); err != nil {
		t.Fatal(err)
	}
	if version() == v {
		t.Error("removing a correction did not move the data version")
	}
	if err := d.DeleteHijriCorrection(ctx, 1448, 10, accept); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("removing it again: %v", err)
	}
	// The removal is remembered (the feed's SEQUENCE must not fall back),
	// as a record with no start, until the month is set again.
	got, err = d.HijriCorrections(ctx)
	if err != nil || len(got) != 1 || !got[0].Removed() || got[0].Year != 1448 || got[0].Month != 10 || got[0].UpdatedAt.IsZero() {
		t.Fatalf("after the removal: %+v, %v", got, err)
	}
	if err := d.SetHijriCorrection(ctx, c, accept); err != nil {
		t.Fatal(err)
	}
	if got, err = d.HijriCorrections(ctx); err != nil || len(got) != 1 || got[0].Removed() || got[0].Start != c.Start {
		t.Fatalf("set again after the removal: %+v, %v", got, err)
	}
	if err := d.DeleteHijriCorrection(ctx, 1448, 10, accept); err != nil {
		t.Fatal(err)
	}
	if err := d.SetHijriCorrection(ctx, domain.HijriCorrection{Year: 1448, Month: 13, Start: c.Start}, accept); err == nil {
		t.Error("month 13 stored")
	}
}

// migratedTo writes at path a database with the first n migrations applied,
// as a release of that time left it, and returns it open with a function
// that runs a statement on it or fails the test.
func migratedTo(t *testing.T, path string, n int) (*sql.DB, func(q string, args ...any)) {
	t.Helper()
	// With the SQL functions migrations call (token_hash, in 0012).
	raw := sql.OpenDB(connector{dsn: DSN(path), driver: &sqlite3.SQLiteDriver{ConnectHook: registerFuncs}})
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := raw.Exec(q, args...); err != nil {
			t.Fatalf("%.60s: %v", q, err)
		}
	}
	exec(`CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`)
	names, _ := fs.Glob(db.Migrations, "migrations/*.sql")
	sort.Strings(names)
	for _, name := range names[:n] {
		body, _ := fs.ReadFile(db.Migrations, name)
		exec(string(body))
		exec(`INSERT INTO schema_migrations (name, applied_at) VALUES (?, '2024-05-01T00:00:00Z')`, name)
	}
	return raw, exec
}
