package sqlite

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// goldenDump is internal/app's dump of every shape of record.
const goldenDump = "../app/testdata/dump.golden.json"

func readGoldenDump(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(goldenDump)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDumpRoundTrip: a dump loaded into a fresh database and dumped again
// is the same, byte for byte; what was loaded is stored as given (uid,
// sequence, times), linked (events to their article) and searchable, and
// the database counts as seeded.
func TestDumpRoundTrip(t *testing.T) {
	ctx := context.Background()
	golden := readGoldenDump(t)
	d := open(t)
	st, err := app.LoadDump(ctx, d, bytes.NewReader(golden))
	if err != nil {
		t.Fatal(err)
	}
	if want := (app.LoadStats{Occasions: 3, HijriCorrections: 1, Preparations: 1, Sources: 2, Articles: 2, Links: 2, Events: 7}); st != want {
		t.Errorf("stats %+v, want %+v", st, want)
	}
	var out bytes.Buffer
	if _, err := app.WriteDump(ctx, d, &out); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), golden) {
		t.Errorf("load → dump differs from %s:\n%s", goldenDump, out.Bytes())
	}

	evs, err := d.EventsBetween(ctx, jalali.MustNew(1404, 2, 1), jalali.MustNew(1404, 2, 31), domain.EventFilter{})
	if err != nil || len(evs) != 2 || evs[1].UID != "weekly@ruydad" {
		t.Fatalf("confirmed events in Ordibehesht 1404 (the typed one, the weekly series): %+v %v", evs, err)
	}
	typed := evs[0]
	if typed.UID != "typed@ruydad" || typed.Sequence != 3 || !typed.CreatedAt.Equal(time.Date(2024, 5, 9, 6, 30, 0, 0, time.UTC)) ||
		!typed.UpdatedAt.Equal(time.Date(2024, 5, 11, 10, 0, 0, 250e6, time.UTC)) {
		t.Errorf("the typed event is not as given: %+v", typed)
	}
	proposed, _, err := d.ProposedEvents(ctx, domain.ReviewFilter{}, 10, 0)
	if err != nil || len(proposed) != 2 || proposed[0].ArticleID == 0 {
		t.Fatalf("proposed events: %+v %v", proposed, err)
	}
	named, err := d.ArticleOccasions(ctx, proposed[0].ArticleID)
	if err != nil || len(named) != 2 || named[1].Occasion != "gone-day" || named[1].Known {
		t.Errorf("the article's occasions: %+v %v", named, err)
	}
	if evs, arts, err := d.Search(ctx, []string{"همایش"}, 10, true); err != nil || len(evs) != 1 || len(arts) != 0 {
		t.Errorf("search after the load: %d events, %d articles, %v", len(evs), len(arts), err)
	}
	for _, key := range []string{"occasions_seeded", "articles_seeded"} {
		if v, err := d.Meta(ctx, key); err != nil || v == "" {
			t.Errorf("meta %s = %q (%v) after a load", key, v, err)
		}
	}
}

// TestLoadRollsBack: a load refused at the last record of the file stores
// nothing.
func TestLoadRollsBack(t *testing.T) {
	ctx := context.Background()
	golden := string(readGoldenDump(t))
	at := strings.LastIndex(golden, `"kind":"other"`)
	bad := golden[:at] + `"kind":"party"` + golden[at+len(`"kind":"other"`):]
	d := open(t)
	if _, err := app.LoadDump(ctx, d, strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "invalid kind") {
		t.Fatalf("load: %v, want an invalid kind", err)
	}
	var out bytes.Buffer
	if _, err := app.WriteDump(ctx, d, &out); err != nil {
		t.Fatal(err)
	}
	empty := "{\"format\": \"ruydad\", \"version\": 6,\n\"occasions\": [],\n\"catalogue_keys\": [],\n\"hijri_corrections\": [],\n" +
		"\"preparations\": [],\n\"sources\": [],\n\"articles\": [],\n\"events\": []}\n"
	if out.String() != empty {
		t.Errorf("after a refused load the database holds:\n%s", out.String())
	}
	if v, _ := d.Meta(ctx, "occasions_seeded"); v != "" {
		t.Errorf("a refused load marked the database seeded (%q)", v)
	}
}

// TestSnapshotIsOneMoment: what is written while a snapshot is read is not
// in it.
func TestSnapshotIsOneMoment(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	e := domain.Event{Title: "پیش از", Kind: domain.KindMeeting, Start: jalali.MustNew(1404, 2, 27)}
	if err := uc(d).SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	var titles []string
	err := d.ReadSnapshot(ctx, func(s app.DumpSnapshot) error {
		if _, err := s.Occasions(ctx); err != nil {
			return err
		}
		later := domain.Event{Title: "در میانه", Kind: domain.KindMeeting, Start: jalali.MustNew(1404, 2, 27)}
		if err := uc(d).SaveEvent(ctx, &later); err != nil {
			return err
		}
		return s.EachEvent(ctx, func(e app.DumpedEvent) error {
			titles = append(titles, e.Event.Title)
			return nil
		})
	})
	if err != nil || len(titles) != 1 || titles[0] != "پیش از" {
		t.Errorf("the snapshot read %q (%v), want only the event written before it", titles, err)
	}
}
