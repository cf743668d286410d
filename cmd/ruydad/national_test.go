package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/persian"
	"github.com/ruydad/ruydad/internal/sqlite"
)

// testCorpus is the Fars News corpus where it is present (../shared), else
// the seed articles.
func testCorpus() string {
	if _, err := os.Stat(defaultCorpus); err == nil {
		return defaultCorpus
	}
	return ""
}

// TestNationalFill fills a small national database and checks its shape:
// the counts, every province and most organizations used, each
// organization named after its province, repeating events, the statuses
// mixed, every row searchable, the file intact; and a second fill of the
// same shape reuses it, one of another shape is refused.
func TestNationalFill(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "national.db")
	shape := nationalShape{Events: 2000, Articles: 200, Users: 30, Provinces: 31, Orgs: 200, Years: 10,
		FirstYear: nationalFirstYear, Seed: 7, Corpus: corpusName(testCorpus())}
	var progress bytes.Buffer
	data, filled, err := fillNational(ctx, path, shape, testCorpus(), &progress)
	if err != nil {
		t.Fatal(err)
	}
	if data.events != 2000 || data.articles != 200 || len(data.eventIDs) != 2000 || len(data.months) != 120 ||
		len(data.provinces) != 31 || len(data.orgs) != 200 || filled.TextBytes == 0 {
		t.Errorf("fill: %d events, %d articles, %d ids, %d months, %d provinces, %d organizations, %d bytes",
			data.events, data.articles, len(data.eventIDs), len(data.months), len(data.provinces), len(data.orgs), filled.TextBytes)
	}
	info, err := sqlite.CheckBackup(ctx, path) // PRAGMA integrity_check, and the counts
	if err != nil {
		t.Fatalf("check: %v", err)
	}
	if info.Events != 2000+filled.Mined || info.Articles != 200 || info.Occasions == 0 {
		t.Errorf("stored %d events (%d mined), %d articles, %d occasions", info.Events, filled.Mined, info.Articles, info.Occasions)
	}

	checkNationalRows(t, path)

	again, _, err := fillNational(ctx, path, shape, testCorpus(), &progress)
	if err != nil || again.events != 2000 || again.password == "" || again.password == data.password {
		t.Errorf("reuse: %d events, %v", again.events, err)
	}
	other := shape
	other.Seed++
	if _, _, err := fillNational(ctx, path, other, testCorpus(), &progress); err == nil || !strings.Contains(err.Error(), "holds another fill") {
		t.Errorf("a fill of another shape: %v", err)
	}
}

// checkNationalRows checks the rows of the small national fill at path.
func checkNationalRows(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	all := domain.EventFilter{Statuses: []domain.Status{domain.StatusConfirmed, domain.StatusProposed, domain.StatusRejected}}
	first := jalali.MustNew(nationalFirstYear, 1, 1)
	evs, err := db.EventsBetween(ctx, first, jalali.MustNew(nationalFirstYear+9, 12, 29), all)
	if err != nil {
		t.Fatal(err)
	}
	provinces, orgs, statuses, repeats := map[string]bool{}, map[string]bool{}, map[domain.Status]int{}, map[domain.RepeatKind]int{}
	typed := 0
	for _, e := range evs {
		if e.ArticleID != 0 {
			continue
		}
		typed++
		provinces[e.Province], orgs[e.Organization] = true, true
		statuses[e.Status]++
		repeats[e.Repeat.Kind]++
		if !strings.Contains(e.Organization, e.Province) && e.Province != "تهران" {
			t.Errorf("event %d: %q is not an organization of %s", e.ID, e.Organization, e.Province)
		}
	}
	if typed != 2000 {
		t.Errorf("%d typed-in events in the ten years, want 2000", typed)
	}
	if len(provinces) != 31 || len(orgs) < 150 {
		t.Errorf("%d provinces, %d organizations used", len(provinces), len(orgs))
	}
	if statuses[domain.StatusConfirmed] < 1500 || statuses[domain.StatusProposed] == 0 || statuses[domain.StatusRejected] == 0 {
		t.Errorf("statuses: %v", statuses)
	}
	if len(repeats) < 3 || repeats[domain.RepeatNone] == 2000 {
		t.Errorf("repeats: %v", repeats)
	}
	// The search index holds every row: the first event found by its
	// title and organization, an article by its title.
	e, err := db.Event(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	found, _, err := db.Search(ctx, persian.SearchTerms(e.Title+" "+e.Organization), 3000, true)
	if err != nil || !containsEvent(found, 1) {
		t.Errorf("search %q: event 1 not found among %d (%v)", e.Title+" "+e.Organization, len(found), err)
	}
	a, err := db.Article(ctx, 200)
	if err != nil {
		t.Fatal(err)
	}
	_, arts, err := db.Search(ctx, persian.SearchTerms(a.Title), 300, true)
	if err != nil || len(arts) == 0 {
		t.Errorf("search the title %q: %d articles (%v)", a.Title, len(arts), err)
	}
}

func containsEvent(evs []domain.Event, id int64) bool {
	for _, e := range evs {
		if e.ID == id {
			return true
		}
	}
	return false
}

// TestNationalFillIsDeterministic fills twice with one seed: the same
// events.
func TestNationalFillIsDeterministic(t *testing.T) {
	ctx := context.Background()
	shape := nationalShape{Events: 300, Articles: 20, Users: 3, Provinces: 5, Orgs: 20, Years: 2, FirstYear: nationalFirstYear, Seed: 11, Corpus: "seeds"}
	var titles [2][]string
	for i := range titles {
		path := filepath.Join(t.TempDir(), "national.db")
		if _, _, err := fillNational(ctx, path, shape, "", &bytes.Buffer{}); err != nil {
			t.Fatal(err)
		}
		db, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		for id := int64(1); id <= 300; id += 37 {
			e, err := db.Event(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			titles[i] = append(titles[i], e.Title+"|"+e.Organization+"|"+e.Start.String()+"|"+string(e.Repeat.Kind))
		}
		db.Close()
	}
	if strings.Join(titles[0], "\n") != strings.Join(titles[1], "\n") {
		t.Errorf("two fills differ:\n%s\n--\n%s", strings.Join(titles[0], "\n"), strings.Join(titles[1], "\n"))
	}
}

// TestNationalBench runs 'ruydad bench --national' small through the real
// binary, twice on one kept file: every route is loaded without a
// failure, start-up, reopening and the backup under load are reported,
// and the second run reuses the fill.
func TestNationalBench(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and loads it: not in -short")
	}
	keep := filepath.Join(t.TempDir(), "kept.db")
	for run := range 2 {
		var out, errOut bytes.Buffer
		args := []string{"bench", "--national", "--events", "600", "--articles", "30", "--users", "5", "--orgs", "40",
			"--conns", "4", "--duration", "500ms", "--server", binary(t), "--corpus", "", "--keep", keep}
		routes, extras := nationalRoutes, 1
		if run == 1 { // the reuse: two routes are enough, without the extras
			routes, extras = []string{"static", "province-month"}, 0
			args = append(args, "--routes", strings.Join(routes, ","), "--extras=false")
		}
		err := run_(t, args, &out, &errOut)
		if err != nil {
			t.Fatalf("run %d: %v\n%s\n%s", run+1, err, out.String(), errOut.String())
		}
		text := out.String()
		for _, want := range []string{"server up (first /healthz 200)", "database kept in " + keep} {
			if !strings.Contains(text, want) {
				t.Errorf("run %d: no %q in\n%s", run+1, want, text)
			}
		}
		for _, extra := range []string{"reopened (no migration pending) in", "the last migration (", "backup of the served database under load: finished in", "integrity ok"} {
			if strings.Contains(text, extra) != (extras == 1) {
				t.Errorf("run %d: %q shown: %v\n%s", run+1, extra, extras == 1, text)
			}
		}
		if reused := strings.Contains(text, "reused the fill"); reused != (run == 1) {
			t.Errorf("run %d: reused %v:\n%s", run+1, reused, text)
		}
		rows := 0
		for _, l := range strings.Split(text, "\n") {
			cells := strings.Split(l, "|")
			if len(cells) < 11 || !strings.HasPrefix(l, "| ") || strings.HasPrefix(l, "| route") {
				continue
			}
			rows++
			if reqs, failed := strings.TrimSpace(cells[2]), strings.TrimSpace(cells[9]); reqs == "0" || failed != "0" {
				t.Errorf("run %d: %s: %s requests, %s failed", run+1, cells[1], reqs, failed)
			}
			// Each route's CPU per request, the server's (nginx's on its
			// routes) and the generator's; the backup's row has none.
			if len(cells) < 14 || !strings.Contains(cells[1], "during the backup") &&
				(!strings.HasSuffix(strings.TrimSpace(cells[11]), " µs") || !strings.HasSuffix(strings.TrimSpace(cells[12]), " µs")) {
				t.Errorf("run %d: no CPU per request in %q", run+1, l)
			}
		}
		want := len(routes) + extras
		if slices.Contains(routes, "nginx-province-feed") && benchFindNginx() == "" {
			want-- // said instead, with how to install it
		}
		if rows != want {
			t.Errorf("run %d: %d rows, want %d routes and the backup's:\n%s", run+1, rows, len(routes), text)
		}
	}
}

// run_ runs the command with args.
func run_(t *testing.T, args []string, out, errOut *bytes.Buffer) error {
	t.Helper()
	return run(context.Background(), args, func(string) string { return "" }, strings.NewReader(""), out, errOut)
}

func TestNationalFlags(t *testing.T) {
	parse := func(args ...string) (benchConfig, error) {
		return parseBench(args, func(string) string { return "" }, &bytes.Buffer{})
	}
	c, err := parse("--national")
	if err != nil || c.events != nationalEvents || c.articles != nationalArticles || c.users != nationalUsers ||
		strings.Join(c.routes, ",") != strings.Join(nationalRoutes, ",") {
		t.Errorf("--national: %+v, %v", c, err)
	}
	c, err = parse("--national", "--events", "5000", "--keep", "/tmp/x.db")
	if err != nil || c.events != 5000 || c.articles != nationalArticles || c.keepPath != "/tmp/x.db" || !c.keep {
		t.Errorf("--keep FILE: %+v, %v", c, err)
	}
	c, err = parse("--keep=/tmp/y.db", "--routes", "month")
	if err != nil || c.keepPath != "/tmp/y.db" || c.events != 20000 {
		t.Errorf("--keep=FILE: %+v, %v", c, err)
	}
	c, err = parse("--keep")
	if err != nil || !c.keep || c.keepPath != "" {
		t.Errorf("--keep: %+v, %v", c, err)
	}
	for _, args := range [][]string{
		{"--keep", "a.db", "extra"},
		{"--national", "--users", "0"},
		{"--national", "--large-articles", "1"},
	} {
		if _, err := parse(args...); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}

// TestGrowth runs 'ruydad bench --growth' small: the routes at a tenth of
// the size and at the full size, in one table of a row per route.
func TestGrowth(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and loads it: not in -short")
	}
	var out, errOut bytes.Buffer
	keep := filepath.Join(t.TempDir(), "grown.db")
	err := run_(t, []string{"bench", "--growth", "--events", "1000", "--articles", "20", "--users", "3", "--orgs", "40",
		"--routes", "static,event", "--conns", "4", "--duration", "300ms", "--server", binary(t), "--corpus", "", "--keep", keep}, &out, &errOut)
	if err != nil {
		t.Fatalf("%v\n%s\n%s", err, out.String(), errOut.String())
	}
	text := out.String()
	_, table, ok := strings.Cut(text, "\ngrowth:\n")
	if !ok || !strings.Contains(text, "100 events, 2 articles") || !strings.Contains(text, "1,000 events, 20 articles") {
		t.Fatalf("no growth table or sizes:\n%s", text)
	}
	for _, route := range []string{"static /robots.txt (ceiling)", "event pages"} {
		found := false
		for _, l := range strings.Split(table, "\n") {
			if cells := strings.Split(l, "|"); strings.HasPrefix(l, "| "+route+" |") && len(cells) == 10 {
				found = true
			}
		}
		if !found {
			t.Errorf("no row of p50, p99 and req/s at both sizes for %s:\n%s", route, table)
		}
	}
	for _, f := range []string{keep, filepath.Join(filepath.Dir(keep), "grown-tenth.db")} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("kept file: %v", err)
		}
	}
}
