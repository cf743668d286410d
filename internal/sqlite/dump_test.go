package sqlite

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

func ptr(s string) *string { return &s }

const stamp = "2024-05-09T06:30:00Z"

// dumpEvent is a valid confirmed event record; edit makes it what a test needs.
func dumpEvent(uid string, edit func(*DumpEvent)) DumpEvent {
	e := DumpEvent{UID: uid, Title: "نشست خبری", Kind: "press_conference", Start: ptr("2024-05-16"), End: ptr("2024-05-16"),
		Status: "confirmed", Precision: "day", Confidence: 1, Created: stamp, Updated: stamp}
	edit(&e)
	return e
}

// TestLoadRefusesDatesOutsideTheSupportedYears: a dump whose article or
// event dates fall outside Jalali 1000..3000 (jalali.ParseISO checks only
// the form) is refused, the error names the record, and nothing of the
// load is stored.
func TestLoadRefusesDatesOutsideTheSupportedYears(t *testing.T) {
	ctx := context.Background()
	last := jalali.MustNew(jalali.MaxYear, 12, jalali.MonthLength(jalali.MaxYear, 12))
	late, early := last.AddDays(5).ISO(), jalali.MustNew(jalali.MinYear, 1, 1).AddDays(-10).ISO()
	for _, tt := range []struct {
		name string
		load func(*Load) error
		who  string
	}{
		{"article published too late", func(l *Load) error {
			return l.Article(ctx, DumpArticle{Hash: "h1", Title: "خبر", Text: "متن", Published: ptr(late), Created: stamp})
		}, `"h1"`},
		{"article published too early", func(l *Load) error {
			return l.Article(ctx, DumpArticle{Hash: "h2", Title: "خبر", Text: "متن", Published: ptr(early), Created: stamp})
		}, `"h2"`},
		{"event ending after 3000", func(l *Load) error {
			return l.Event(ctx, dumpEvent("u1@x", func(e *DumpEvent) { e.Start, e.End = ptr(last.ISO()), ptr(late) }))
		}, `"u1@x"`},
		{"proposed event starting before 1000", func(l *Load) error {
			return l.Event(ctx, dumpEvent("u2@x", func(e *DumpEvent) { e.Status, e.Start, e.End = "proposed", ptr(early), ptr(early) }))
		}, `"u2@x"`},
	} {
		d := open(t)
		l, err := d.BeginLoad(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := l.Event(ctx, dumpEvent("good@x", func(*DumpEvent) {})); err != nil {
			t.Fatalf("%s: a valid event: %v", tt.name, err)
		}
		err = tt.load(l)
		if err == nil || !strings.Contains(err.Error(), tt.who) || !errors.Is(err, jalali.ErrInvalid) {
			t.Errorf("%s: %v, want an error naming %s and wrapping jalali.ErrInvalid", tt.name, err, tt.who)
		}
		l.Rollback()
		if e, err := d.EventsBetween(ctx, jalali.MustNew(1403, 1, 1), jalali.MustNew(1403, 12, 30), domain.EventFilter{}); err != nil || len(e) != 0 {
			t.Errorf("%s: %d events stored after the refused load (%v)", tt.name, len(e), err)
		}
	}
}

// TestLoadErrorsWrap: invalid records are reported with their validation
// error wrapped, not flattened.
func TestLoadErrorsWrap(t *testing.T) {
	ctx := context.Background()
	l, err := open(t).BeginLoad(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Rollback()
	var verr domain.ValidationError
	bad := DumpOccasion{CatalogueEntry: domain.CatalogueEntry{Key: "bad", Name: "x", Month: 7, Day: 31, Length: 1}, Updated: stamp}
	if err := l.Occasion(ctx, bad); !errors.As(err, &verr) || !verr.Has(domain.FieldDay) {
		t.Errorf("31 Mehr: %v, want a wrapped ValidationError", err)
	}
	if err := l.Article(ctx, DumpArticle{Hash: "h", Text: " ", Created: stamp}); !errors.As(err, &verr) || !verr.Has(domain.FieldText) {
		t.Errorf("empty article: %v, want a wrapped ValidationError", err)
	}
	noKey := DumpOccasion{CatalogueEntry: domain.CatalogueEntry{Name: "بدون کلید", Month: 1, Day: 1, Length: 1}, Updated: stamp}
	if err := l.Occasion(ctx, noKey); err == nil || !strings.Contains(err.Error(), "بدون کلید") {
		t.Errorf("an occasion without a key: %v", err)
	}
}
