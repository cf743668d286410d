package web_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// TestYearlyEventShowsThisOccurrence: the day page and the agenda write a
// yearly event's dates as the occurrence shown, not as its first year.
func TestYearlyEventShowsThisOccurrence(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	e := domain.Event{Title: "سالروز تأسیس", Kind: domain.KindCeremony, Start: jalali.MustNew(1390, 9, 10), Repeat: domain.Repeat{Kind: domain.RepeatYearly}}
	soon := domain.Event{Title: "هفتهٔ فرهنگی", Kind: domain.KindFestival, Start: jalali.MustNew(1390, 2, 18), End: jalali.MustNew(1390, 2, 22), Repeat: domain.Repeat{Kind: domain.RepeatYearly}}
	for _, ev := range []*domain.Event{&e, &soon} {
		if err := uc(a.db).SaveEvent(ctx, ev); err != nil {
			t.Fatal(err)
		}
	}
	_, doc := a.get("/calendar/1405/9/10")
	li := doc.Find(`main li:has([data-event-id="` + itoa(e.ID) + `"])`)
	want := jalali.MustNew(1405, 9, 10).FormatLong()
	if got := li.Text(); !strings.Contains(got, want) || strings.Contains(got, "۱۳۹۰") {
		t.Errorf("the day page of 1405/09/10 writes the yearly event as %q, want %q", got, want)
	}
	// The agenda, from 1403/02/20: the festival's 1403 occurrence (18–22
	// Ordibehesht) is under way.
	_, doc = a.get("/agenda")
	li = doc.Find(`main li:has([data-event-id="` + itoa(soon.ID) + `"])`)
	from, to := jalali.MustNew(1403, 2, 18).FormatLong(), jalali.MustNew(1403, 2, 22).FormatLong()
	if got := li.Text(); !strings.Contains(got, from) || !strings.Contains(got, to) || strings.Contains(got, "۱۳۹۰") {
		t.Errorf("the agenda writes the yearly festival as %q, want %s to %s", got, from, to)
	}
}

// TestYearlyEventAcrossEsfandKeepsItsLength: a yearly event that crosses
// the end of Esfand lasts as many days every year (as an iCalendar
// recurrence does), so its last day moves with Esfand's length; the form
// and the event page say so.
func TestYearlyEventAcrossEsfandKeepsItsLength(t *testing.T) {
	a := newApp(t)
	e := domain.Event{Title: "نمایشگاه نوروزی", Kind: domain.KindFestival, Start: jalali.MustNew(1403, 12, 29), End: jalali.MustNew(1404, 1, 2), Repeat: domain.Repeat{Kind: domain.RepeatYearly}}
	if err := uc(a.db).SaveEvent(context.Background(), &e); err != nil {
		t.Fatal(err)
	}
	if e.Days() != 4 {
		t.Fatalf("1403/12/29–1404/01/02 is %d days", e.Days())
	}
	chip := `[data-event-id="` + itoa(e.ID) + `"]`
	// After Esfand 1404 (29 days) it runs 1404/12/29 to 1405/01/03.
	_, doc := a.get("/calendar/1405/1")
	if got := barDays(t, doc, itoa(e.ID)); !slices.Equal(got, []string{"1405/01/01", "1405/01/02", "1405/01/03"}) {
		t.Errorf("1405/01 shows the event on %v, want 1405/01/01 to 1405/01/03", got)
	}
	_, doc = a.get("/calendar/1404/12")
	if doc.Find(`td[data-date="1404/12/29"] `+chip).Length() != 1 {
		t.Error("the 1404 occurrence does not start on 1404/12/29")
	}
	_, page := a.get("/events/" + itoa(e.ID))
	if got := page.Find(`[data-testid="event-recurrence"]`).Text(); !strings.Contains(got, "۴ روز") || !strings.Contains(got, "اسفند") {
		t.Errorf("the event page describes the recurrence as %q", got)
	}
	if got, want := page.Find(`[data-testid="event-next"]`).Text(), "از "+jalali.MustNew(1403, 12, 29).FormatLong(); !strings.HasPrefix(got, want) {
		t.Errorf("the coming occurrence reads %q, want it to start %q", got, want)
	}
	_, form := a.get("/events/" + itoa(e.ID) + "/edit")
	if !strings.Contains(form.Find(`[data-testid="repeat-hint"]`).Text(), "همان تعداد روز") {
		t.Error("the form does not say how a yearly event repeats")
	}
}
