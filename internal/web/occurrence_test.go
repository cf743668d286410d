package web_test

import (
	"context"
	"errors"
	"io"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/ical/icaljs"
	"github.com/ruydad/ruydad/internal/jalali"
)

// TestOccurrenceEditAndDelete: from an occurrence of a weekly series (its
// month page link) an editor moves one occurrence alone, skips another,
// and edits "this and following"; the month pages, the series' .ics (read
// by ical.js) and the pages of the parts say the same. 1403/02/22 is a
// Saturday; the series is on Saturdays and Tuesdays at 10:00.
func TestOccurrenceEditAndDelete(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	sat := jalali.MustNew(1403, 2, 22)
	e := domain.Event{Title: "جلسهٔ هماهنگی", Kind: domain.KindMeeting, Start: sat, StartTime: "10:00", EndTime: "11:00",
		Repeat: domain.Repeat{Kind: domain.RepeatWeekly, Days: domain.WeekdaysOf(jalali.Saturday, jalali.Tuesday)}}
	if err := uc(a.db).SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	id := itoa(e.ID)
	chip := `[data-event-id="` + id + `"]`
	_, month := a.get("/calendar/1403/3")
	link, _ := month.Find(`td[data-date="1403/03/01"] a` + chip).Attr("href")
	if link != "/events/"+id+"?on=1403/03/01" {
		t.Fatalf("the month page links the occurrence of 1403/03/01 to %q", link)
	}
	_, page := a.get(link)
	if !strings.Contains(page.Find(`[data-testid="event-when"]`).Text(), jalali.MustNew(1403, 3, 1).FormatLong()) ||
		page.Find(`[data-testid="occurrence-choices"] a`).Length() != 6 {
		t.Fatalf("the occurrence page: %q, %d choices", page.Find(`[data-testid="event-when"]`).Text(), page.Find(`[data-testid="occurrence-choices"] a`).Length())
	}
	if status, _ := a.get("/events/" + id + "?on=1403/03/02"); status != 404 {
		t.Errorf("a day without an occurrence: %d", status)
	}

	// Move Tuesday 1403/03/01 alone to Wednesday, at 12:00.
	editOne, _ := page.Find(`[data-testid="edit-one"]`).Attr("href")
	_, form := a.get(editOne)
	if form.Find(`[data-testid="repeat-one"]`).Length() != 1 || form.Find(`#f-repeat`).Length() != 0 {
		t.Error("the form of one occurrence offers to change the repeat")
	}
	action, _ := form.Find(`form[data-testid="event-form"]`).Attr("action")
	values := url.Values{"title": {"جلسهٔ هماهنگی (جابه‌جا)"}, "kind": {"meeting"}, "start": {"1403/03/02"}, "start_time": {"12:00"}}
	_, moved := a.created(a.post(action, values))
	if !strings.Contains(moved.Find(`[data-testid="override-of"]`).Text(), "۱ خرداد ۱۴۰۳") {
		t.Errorf("the moved occurrence's page: %q", moved.Find(`[data-testid="override-of"]`).Text())
	}
	movedID := eventIDOf(t, moved)

	// Skip Saturday 1403/03/05.
	_, page = a.get("/events/" + id + "?on=1403/03/05")
	deleteOne, _ := page.Find(`[data-testid="delete-one"]`).Attr("href")
	_, confirm := a.get(deleteOne)
	deleteAction, _ := confirm.Find(`[data-testid="confirm-delete-page"] form`).Attr("action")
	if resp, _ := a.post(deleteAction, url.Values{}); resp.StatusCode != 303 {
		t.Fatalf("skip: %d", resp.StatusCode)
	}

	// Editing the whole series keeps the moved and the skipped one apart;
	// editing the moved one moves the series (whose .ics holds it) on.
	before, _ := a.db.Event(ctx, e.ID)
	a.created(a.post("/events/"+id, url.Values{"title": {"جلسهٔ هماهنگی"}, "kind": {"meeting"}, "start": {"1403/02/22"},
		"start_time": {"10:00"}, "end_time": {"11:00"}, "repeat": {"weekly"}, "repeat_days": {"0", "3"}}))
	after, _ := a.db.Event(ctx, e.ID)
	if after.Repeat.Moved != before.Repeat.Moved || after.Repeat.Skipped != before.Repeat.Skipped || after.Repeat.Moved == "" {
		t.Errorf("editing the series: %+v, was %+v", after.Repeat, before.Repeat)
	}
	a.created(a.post("/events/"+movedID, url.Values{"title": {"جلسهٔ هماهنگی (جابه‌جا)"}, "kind": {"meeting"}, "start": {"1403/03/02"},
		"start_time": {"12:00"}, "end_time": {"13:00"}}))
	if series, _ := a.db.Event(ctx, e.ID); series.Sequence != after.Sequence+1 {
		t.Errorf("editing the moved occurrence left the series at sequence %d (was %d)", series.Sequence, after.Sequence)
	}

	_, month = a.get("/calendar/1403/3")
	for day, want := range map[string]string{"1403/03/01": "", "1403/03/02": movedID, "1403/03/05": "", "1403/03/08": id} {
		got := ""
		month.Find(`td[data-date="` + day + `"] [data-event-id]`).Each(func(_ int, s *goquery.Selection) { got, _ = s.Attr("data-event-id") })
		if got != want {
			t.Errorf("%s shows event %q, want %q", day, got, want)
		}
	}

	// The series' .ics: the skipped day gone, the moved one on its day.
	resp, err := a.http.Get(a.srv.URL + "/events/" + id + ".ics?from=1403&to=1403")
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	occ := map[string]bool{}
	for _, starts := range icaljs.Occurrences(t, body) {
		for _, o := range starts {
			occ[o] = true
		}
	}
	for o, want := range map[string]bool{
		"2024-05-21T10:00:00": false, // 1403/03/01, moved
		"2024-05-22T12:00:00": true,  // 1403/03/02, where it went
		"2024-05-25T10:00:00": false, // 1403/03/05, skipped
		"2024-05-28T10:00:00": true,  // 1403/03/08
	} {
		if occ[o] != want {
			t.Errorf("ical.js: occurrence %s %v, want %v", o, occ[o], want)
		}
	}

	// "This and following" from Saturday 1403/03/12: a new title from then on.
	_, form = a.get("/events/" + id + "/edit?on=1403/03/12&scope=following")
	action, _ = form.Find(`form[data-testid="event-form"]`).Attr("action")
	values = url.Values{"title": {"جلسهٔ هماهنگی تازه"}, "kind": {"meeting"}, "start": {"1403/03/12"}, "start_time": {"09:00"},
		"repeat": {"weekly"}, "repeat_days": {"0"}}
	_, next := a.created(a.post(action, values))
	nextID := eventIDOf(t, next)
	_, month = a.get("/calendar/1403/3")
	if month.Find(`td[data-date="1403/03/08"] `+chip).Length() != 1 || month.Find(`td[data-date="1403/03/12"] `+chip).Length() != 0 ||
		month.Find(`td[data-date="1403/03/12"] [data-event-id="`+nextID+`"]`).Length() != 1 ||
		month.Find(`td[data-date="1403/03/15"] [data-event-id="`+nextID+`"]`).Length() != 0 {
		t.Error("after the split the old series does not end on 1403/03/11, or the new one is not on Saturdays from 1403/03/12")
	}
	old, _ := a.db.Event(ctx, e.ID)
	if old.Repeat.Until != jalali.MustNew(1403, 3, 11) {
		t.Errorf("the old series ends %s", old.Repeat.Until)
	}

	// Delete "this and following" of the new series from 1403/03/26: its
	// occurrence of 1403/04/02, moved to 1403/04/03, goes too.
	_, form = a.get("/events/" + nextID + "/edit?on=1403/04/02&scope=one")
	action, _ = form.Find(`form[data-testid="event-form"]`).Attr("action")
	_, later := a.created(a.post(action, url.Values{"title": {"جلسهٔ هماهنگی تازه"}, "kind": {"meeting"}, "start": {"1403/04/03"}}))
	laterID, _ := strconv.ParseInt(eventIDOf(t, later), 10, 64)
	_, confirm = a.get("/events/" + nextID + "/delete?on=1403/03/26&scope=following")
	deleteAction, _ = confirm.Find(`[data-testid="confirm-delete-page"] form`).Attr("action")
	a.post(deleteAction, url.Values{})
	_, month = a.get("/calendar/1403/3")
	if month.Find(`td[data-date="1403/03/19"] [data-event-id="`+nextID+`"]`).Length() != 1 ||
		month.Find(`td[data-date="1403/03/26"] [data-event-id="`+nextID+`"]`).Length() != 0 {
		t.Error("the new series does not end before 1403/03/26")
	}
	if _, err := a.db.Event(ctx, laterID); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("the moved occurrence after the end is still stored: %v", err)
	}

	// Deleting the moved occurrence leaves its day skipped in the series
	// (whose feed would otherwise bring the occurrence back).
	n, _ := strconv.ParseInt(movedID, 10, 64)
	if err := uc(a.db).DeleteEvent(ctx, n); err != nil {
		t.Fatal(err)
	}
	if old, _ = a.db.Event(ctx, e.ID); old.Repeat.Moved != "" || !old.Repeat.Skipped.Has(jalali.MustNew(1403, 3, 1)) {
		t.Errorf("after deleting the moved occurrence the series has %+v", old.Repeat)
	}
}
