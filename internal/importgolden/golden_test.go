// Package importgolden_test runs every .ics file of internal/ical/testdata/import
// through an import as the web page and 'ruydad import --ics' make it (ical.ParseWith
// with SkipFaulty, then app.ImportEvents into a real SQLite database made by the
// real migrations, at a fixed clock) and compares what the import reported and
// what it stored with NAME.golden beside the file. go test ./internal/importgolden
// -update rewrites them. A file of testdata/import/before with the same name is
// imported first, so that the file is a later import of the same calendar (a
// newer or older revision of its events).
package importgolden_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/ical"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/sqlite"
)

var update = flag.Bool("update", false, "rewrite the .golden files of internal/ical/testdata/import")

// dir holds the import files.
const dir = "../ical/testdata/import"

// now is the clock of every import: 1404/02/11 11:30 in Tehran, so that
// the window of endless series is 1399..1414.
var now = time.Date(2025, 5, 1, 8, 0, 0, 0, time.UTC)

func TestImportGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(dir, "*.ics"))
	if err != nil || len(files) < 30 {
		t.Fatalf("%d import files (%v), want at least 30", len(files), err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".ics")
		t.Run(name, func(t *testing.T) {
			got := importReport(t, file)
			golden := strings.TrimSuffix(file, ".ics") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if errors.Is(err, os.ErrNotExist) {
				t.Fatalf("%s has no %s: run go test ./internal/importgolden -update, then read the file and check it is what a user should get", file, filepath.Base(golden))
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("the import of %s differs from %s (go test ./internal/importgolden -update rewrites it):\n%s", file, filepath.Base(golden), diff(string(want), got))
			}
		})
	}
}

// importReport imports file (after its before/ file, if any) into an empty
// database and returns the report and the stored events as text.
func importReport(t *testing.T, file string) string {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "import.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	a := app.Over(db, app.Options{Now: func() time.Time { return now }})
	var b strings.Builder
	before := filepath.Join(filepath.Dir(file), "before", filepath.Base(file))
	if _, err := os.Stat(before); err == nil {
		fmt.Fprintf(&b, "# first imported: before/%s\n", filepath.Base(file))
		importFile(t, a, before, &strings.Builder{})
		writeStored(t, ctx, a, &b)
		b.WriteString("\n# then:\n")
	}
	importFile(t, a, file, &b)
	b.WriteString("\n")
	writeStored(t, ctx, a, &b)
	return b.String()
}

// importFile imports one file as the web page does and writes its report.
func importFile(t *testing.T, a *app.App, file string, b *strings.Builder) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := ical.ParseWith(f, ical.Options{Now: now, SkipFaulty: true})
	if err != nil {
		fmt.Fprintf(b, "refused whole: %v\n", err)
		for _, fa := range ical.Persian(err) {
			fmt.Fprintf(b, "  fa: %s\n", fa)
		}
		return
	}
	got, err := a.ImportEvents(context.Background(), p.Events)
	if err != nil {
		t.Fatalf("import %s: %v", file, err)
	}
	fmt.Fprintf(b, "imported %d, updated %d, unchanged %d; stand-ins dropped %d; instances merged %d\n", got.Imported, got.Updated, got.Unchanged, got.Dropped, got.Merged)
	fmt.Fprintf(b, "series kept whole %d; expanded %d into %d events (%d over %d..%d only); cancelled instances %d; tasks %d; journals %d\n",
		p.Kept, p.Series, p.Occurrences, p.Endless, p.FromYear, p.ToYear, p.CancelledInstances, p.Tasks, p.Journals)
	for i, o := range got.Outcomes {
		fmt.Fprintf(b, "outcome %s: %s\n", p.Events[i].UID, outcome(o))
	}
	for _, list := range []struct {
		name string
		errs []*ical.EventError
	}{{"skipped", p.Skipped}, {"refused", p.Refused}, {"adjusted", p.Adjusted}, {"expanded", p.Expanded}} {
		for _, e := range list.errs {
			fmt.Fprintf(b, "%s %v\n  fa: %s\n", list.name, e, e.Persian())
		}
	}
	for _, c := range p.Copies {
		fmt.Fprintf(b, "copy %v (%d events)\n", c, c.Events)
	}
	for _, al := range p.IgnoredAlarms {
		fmt.Fprintf(b, "alarm %v\n", al)
	}
}

func outcome(o domain.Imported) string {
	switch o {
	case domain.ImportedNew:
		return "new"
	case domain.ImportedUpdated:
		return "updated"
	}
	return "unchanged"
}

// writeStored writes every stored event as a user would read it.
func writeStored(t *testing.T, ctx context.Context, a *app.App, b *strings.Builder) {
	t.Helper()
	evs, err := a.EventsBetween(ctx, jalali.MustNew(jalali.MinYear, 1, 1), jalali.MustNew(jalali.MaxYear, 1, 1), domain.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := a.Calendar(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(b, "stored %d events:\n", len(evs))
	for _, e := range evs {
		fmt.Fprintf(b, "#%d %s\n", e.ID, e.UID)
		fmt.Fprintf(b, "  title: %s\n", e.Title)
		when := e.Start.String()
		if e.StartTime != "" {
			when += " " + e.StartTime
		}
		when += " .. " + e.End.String()
		if e.EndTime != "" {
			when += " " + e.EndTime
		}
		allDay := "all day"
		if e.StartTime != "" {
			allDay = "Tehran time"
		}
		fmt.Fprintf(b, "  when: %s (%s; %s)\n", when, allDay, e.Start.FormatLong())
		fmt.Fprintf(b, "  status: %s; kind: %s (%s); sequence %d\n", e.Status, e.Kind, e.Kind.Label(), e.Sequence)
		for _, f := range []struct{ name, value string }{
			{"location", e.Location}, {"description", e.Description}, {"province", e.Province},
			{"organization", e.Organization}, {"owner", e.Owner}, {"review note", e.ReviewNote}, {"reminders", string(e.Reminders)},
		} {
			if f.value != "" {
				fmt.Fprintf(b, "  %s: %q\n", f.name, f.value)
			}
		}
		if e.Repeats() {
			r := e.Repeat
			fmt.Fprintf(b, "  repeat: %s every %d, days %v, nth %d, until %q, count %d, skipped %q, moved %q\n",
				r.Kind, r.Every(), r.Days.List(), r.Nth, r.Until.String(), r.Count, r.Skipped, r.Moved)
			fmt.Fprintf(b, "  repeat, as shown: %s\n", st.Cal.DescribeRepeat(e))
			first, _ := calendar.YearRange(e.Start.Year)
			spans := st.Cal.EventStarting(e, first, e.Start.AddDays(3*366))
			var days []string
			for _, s := range spans[:min(len(spans), 8)] {
				days = append(days, s.Start.String())
			}
			fmt.Fprintf(b, "  first occurrences: %s\n", strings.Join(days, " "))
		}
		if !e.Of.IsZero() {
			fmt.Fprintf(b, "  stands in for: series #%d %s on %s %s (%s)\n", e.Of.SeriesID, e.Of.SeriesUID, e.Of.Date, e.Of.Time, e.Of.Kind)
		}
	}
}

// diff names the first line where want and got part.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\nwant %s\n got %s", i+1, a, b)
		}
	}
	return ""
}
