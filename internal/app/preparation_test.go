package app

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/seeds"
)

// memPreparations keeps preparations in memory.
type memPreparations struct{ list []domain.Preparation }

func (m *memPreparations) Preparations(context.Context) ([]domain.Preparation, error) {
	return m.list, nil
}

func (m *memPreparations) SetPreparation(_ context.Context, p domain.Preparation) error {
	m.list = append(m.list, p)
	return nil
}

func (m *memPreparations) DeletePreparation(context.Context, string) error { return nil }

var _ PreparationStore = (*memPreparations)(nil)

// preparingApp is the use cases over the built-in catalogue and preps.
func preparingApp(t *testing.T, preps ...domain.Preparation) *App {
	t.Helper()
	s := newMemStore()
	var err error
	if s.occasions, err = domain.ParseCatalogue(seeds.Occasions, seeds.OfficialOccasions); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2025, 7, 31, 9, 0, 0, 0, time.UTC) // 9 Mordad 1404
	return New(Stores{Events: s, Accounts: s, Calendar: s, Occasions: s, Prepare: &memPreparations{list: preps}},
		Options{Now: func() time.Time { return now }})
}

// TestPreparingOn: an occasion is listed from its lead time before its
// start until the day it starts, the soonest first; one whose window has
// not begun, or whose key is no occasion, is not.
func TestPreparingOn(t *testing.T) {
	a := preparingApp(t,
		domain.Preparation{Occasion: "journalist-day", LeadDays: 7}, // 17 Mordad
		domain.Preparation{Occasion: "pr-day", LeadDays: 30},        // 27 Ordibehesht: past this year
		domain.Preparation{Occasion: "gone", LeadDays: 30},
	)
	ctx := context.Background()
	for _, tt := range []struct {
		today jalali.Date
		want  string
	}{
		{jalali.MustNew(1404, 5, 9), ""},
		{jalali.MustNew(1404, 5, 10), "روز خبرنگار 1404/05/17 7"},
		{jalali.MustNew(1404, 5, 17), "روز خبرنگار 1404/05/17 0"},
		{jalali.MustNew(1404, 5, 18), ""},
		{jalali.MustNew(1405, 1, 28), "روز ملی ارتباطات و روابط عمومی 1405/02/27 30"},
	} {
		list, err := a.PreparingOn(ctx, tt.today)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range list {
			got = append(got, p.Occasion.Name+" "+p.Start.String()+" "+itoa(p.DaysLeft))
		}
		if strings.Join(got, "; ") != tt.want {
			t.Errorf("on %s: %q, want %q", tt.today, strings.Join(got, "; "), tt.want)
		}
	}
}

func itoa(n int) string { return jalali.LatinDigits(jalali.FaNum(n)) }

// TestPreparingSoonestFirst: two windows open at once are listed by the
// days left.
func TestPreparingSoonestFirst(t *testing.T) {
	a := preparingApp(t, domain.Preparation{Occasion: "pr-day", LeadDays: 60}, domain.Preparation{Occasion: "journalist-day", LeadDays: 180})
	list, err := a.PreparingOn(context.Background(), jalali.MustNew(1405, 2, 1))
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Occasion.Key != "pr-day" || list[1].Occasion.Key != "journalist-day" || list[0].DaysLeft != 26 {
		t.Errorf("%+v", list)
	}
}

// TestFeedRemindsOfPreparedOccasions: with Reminders the feed gives each
// VEVENT of an occasion prepared for a VALARM its lead time before, and
// no other occasion one; without, none.
func TestFeedRemindsOfPreparedOccasions(t *testing.T) {
	a := preparingApp(t, domain.Preparation{Occasion: "journalist-day", LeadDays: 7})
	ctx := context.Background()
	write := func(reminders bool) string {
		f, err := a.Feed(ctx, FeedSpec{Occasions: true, FromYear: 1404, ToYear: 1404, Reminders: reminders})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := f.Write(ctx, &b, nil); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	with := write(true)
	if n := strings.Count(with, "BEGIN:VALARM"); n != 1 {
		t.Errorf("%d VALARMs with reminders, want 1", n)
	}
	i := strings.Index(with, "UID:occasion-journalist-day-1404@ruydad")
	if i < 0 {
		t.Fatal("no journalist day VEVENT")
	}
	vevent := with[i : i+strings.Index(with[i:], "END:VEVENT")]
	if !strings.Contains(vevent, "TRIGGER;RELATED=START:-P1W\r\n") || !strings.Contains(vevent, "DESCRIPTION:روز خبرنگار\r\n") {
		t.Errorf("the journalist day's VEVENT:\n%s", vevent)
	}
	if strings.Contains(write(false), "VALARM") {
		t.Error("a VALARM without reminders asked for")
	}
}

// TestPrepareForChecksTheLeadTime: a lead time out of range is a
// ValidationError and nothing is stored.
func TestPrepareForChecksTheLeadTime(t *testing.T) {
	prep := &memPreparations{}
	s := newMemStore()
	a := New(Stores{Occasions: occasionByID{s}, Prepare: prep}, Options{})
	var v domain.ValidationError
	if err := a.PrepareFor(context.Background(), 1, 0); !errors.As(err, &v) || !v.Has(domain.FieldLeadDays) {
		t.Errorf("0 days: %v", err)
	}
	if err := a.PrepareFor(context.Background(), 1, 7); err != nil || len(prep.list) != 1 || prep.list[0] != (domain.Preparation{Occasion: "journalist-day", LeadDays: 7}) {
		t.Errorf("7 days: %v, stored %+v", err, prep.list)
	}
}

// occasionByID is a memStore whose occasion 1 is the journalist day.
type occasionByID struct{ *memStore }

func (o occasionByID) Occasion(_ context.Context, id int64) (domain.Occasion, error) {
	if id != 1 {
		return domain.Occasion{}, domain.ErrNotFound
	}
	return domain.Occasion{ID: 1, Key: "journalist-day", Name: "روز خبرنگار"}, nil
}
