package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// created follows a form's redirect to the page of the event it stored.
func (a *app) created(resp *http.Response, doc *goquery.Document) (*http.Response, *goquery.Document) {
	a.t.Helper()
	if resp.StatusCode != http.StatusSeeOther {
		a.t.Fatalf("status %d: %s", resp.StatusCode, doc.Find(".error").Text())
	}
	return a.read(a.http.Get(a.srv.URL + resp.Header.Get("Location")))
}

// eventIDOf returns the id of the event page doc shows.
func eventIDOf(t *testing.T, doc *goquery.Document) string {
	t.Helper()
	id, ok := doc.Find("article.event").Attr("data-event-id")
	if !ok {
		t.Fatalf("not an event page: %s", doc.Find("main").Text())
	}
	return id
}

// TestRepeatForm: a weekly series typed into the form is stored with its
// rule, described on its page, placed on the month pages until its end,
// and shown again in its edit form; 1403/02/22 is a Saturday.
func TestRepeatForm(t *testing.T) {
	a := newApp(t)
	_, doc := a.created(a.post("/events", url.Values{"title": {"جلسهٔ هماهنگی"}, "kind": {"meeting"}, "start": {"۱۴۰۳/۰۲/۲۲"},
		"start_time": {"10:00"}, "repeat": {"weekly"}, "repeat_days": {"0", "3"}, "repeat_until": {"1403/03/31"}}))
	id := eventIDOf(t, doc)
	if got, want := doc.Find(`[data-testid="event-recurrence"]`).Text(), "هر هفته شنبه و سه‌شنبه، تا ۳۱ خرداد ۱۴۰۳"; got != want {
		t.Errorf("the page describes the repeat as %q, want %q", got, want)
	}
	chip := `[data-event-id="` + id + `"]`
	_, month := a.get("/calendar/1403/3")
	for day, want := range map[string]int{"1403/03/01": 1, "1403/03/02": 0, "1403/03/05": 1, "1403/03/08": 1, "1403/03/29": 1, "1403/03/30": 0} {
		if got := month.Find(`td[data-date="` + day + `"] ` + chip).Length(); got != want {
			t.Errorf("%s shows the series %d times, want %d", day, got, want)
		}
	}
	if _, tir := a.get("/calendar/1403/4"); tir.Find(`td[data-date^="1403/04/"] `+chip).Length() != 0 {
		t.Error("the series goes on past its end date")
	}
	_, form := a.get("/events/" + id + "/edit")
	if v, _ := form.Find(`#f-repeat option[selected]`).Attr("value"); v != "weekly" {
		t.Errorf("the edit form's repeat is %q", v)
	}
	for w, want := range map[string]bool{"0": true, "1": false, "3": true} {
		if _, checked := form.Find(`[data-testid="repeat-day-` + w + `"]`).Attr("checked"); checked != want {
			t.Errorf("weekday %s ticked: %v, want %v", w, checked, want)
		}
	}
	if v, _ := form.Find(`#f-repeat_until`).Attr("value"); v != "۱۴۰۳/۰۳/۳۱" {
		t.Errorf("the edit form's end date is %q", v)
	}
}

// TestRepeatFormRefusals: a repeat that does not fit its start date is
// refused beside its input, in Persian, and nothing is stored; a weekly
// repeat with no weekday ticked falls on the start's weekday.
func TestRepeatFormRefusals(t *testing.T) {
	a := newApp(t)
	before := a.countEvents()
	for _, tt := range []struct {
		name  string
		form  url.Values
		input string
	}{
		{"start not on a chosen weekday", url.Values{"repeat": {"weekly"}, "repeat_days": {"2"}}, "repeat_days"},
		{"until before start", url.Values{"repeat": {"monthly"}, "repeat_until": {"1403/01/01"}}, "repeat_until"},
		{"until and count", url.Values{"repeat": {"monthly"}, "repeat_until": {"1404/01/01"}, "repeat_count": {"۳"}}, "repeat_until"},
		{"a count that is no number", url.Values{"repeat": {"monthly"}, "repeat_count": {"سه"}}, "repeat_count"},
		{"not the second Saturday", url.Values{"repeat": {"monthly-weekday"}, "repeat_nth": {"2"}}, "repeat_nth"},
		{"an unknown repeat", url.Values{"repeat": {"daily"}}, "repeat"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.form.Set("title", "جلسه")
			tt.form.Set("kind", "meeting")
			tt.form.Set("start", "1403/02/22")
			resp, doc := a.post("/events", tt.form)
			if resp.StatusCode != 422 {
				t.Fatalf("status %d", resp.StatusCode)
			}
			if msg := doc.Find(`[data-testid="error-` + tt.input + `"]`).Text(); msg == "" || strings.ContainsAny(msg, "abcdefghijklmnopqrstuvwxyz") {
				t.Errorf("the error beside %s reads %q; the form says %q", tt.input, msg, doc.Find(".error").Text())
			}
		})
	}
	if n := a.countEvents(); n != before {
		t.Errorf("refused forms stored %d events", n-before)
	}
	_, doc := a.created(a.post("/events", url.Values{"title": {"جلسه"}, "kind": {"meeting"}, "start": {"1403/02/22"}, "repeat": {"weekly"}}))
	if got := doc.Find(`[data-testid="event-recurrence"]`).Text(); got != "هر هفته شنبه" {
		t.Errorf("a weekly repeat with no weekday: %q", got)
	}
	// 1403/06/31 repeats monthly: on the 30th of Mehr, a month of 30 days.
	_, doc = a.created(a.post("/events", url.Values{"title": {"گزارش ماهانه"}, "kind": {"meeting"}, "start": {"1403/06/31"}, "repeat": {"monthly"}}))
	id := eventIDOf(t, doc)
	if !strings.Contains(doc.Find(`[data-testid="event-recurrence"]`).Text(), "روز آخر ماه") {
		t.Errorf("the page does not say where a 31st falls in shorter months: %q", doc.Find(`[data-testid="event-recurrence"]`).Text())
	}
	if _, mehr := a.get("/calendar/1403/7"); mehr.Find(`td[data-date="1403/07/30"] [data-event-id="`+id+`"]`).Length() != 1 {
		t.Error("the monthly series is not on 1403/07/30")
	}
}

// TestRepeatFollowingKeepsCount: "this and following" of a series of five
// Saturdays from its third offers the two left, and the old series ends
// the day before with two.
func TestRepeatFollowingKeepsCount(t *testing.T) {
	a := newApp(t)
	_, doc := a.created(a.post("/events", url.Values{"title": {"دوره آموزشی"}, "kind": {"training"}, "start": {"1403/02/22"},
		"repeat": {"weekly"}, "repeat_count": {"5"}}))
	id := eventIDOf(t, doc)
	_, form := a.get("/events/" + id + "/edit?on=1403/03/05&scope=following")
	if v, _ := form.Find("#f-repeat_count").Attr("value"); v != "۳" {
		t.Fatalf("the form of the following occurrences counts %q, want ۳", v)
	}
	action, _ := form.Find(`form[data-testid="event-form"]`).Attr("action")
	_, next := a.created(a.post(action, url.Values{"title": {"دوره آموزشی (پیشرفته)"}, "kind": {"training"}, "start": {"1403/03/05"},
		"repeat": {"weekly"}, "repeat_count": {"3"}}))
	nextID := eventIDOf(t, next)
	_, month := a.get("/calendar/1403/3")
	for day, want := range map[string]string{"1403/03/05": nextID, "1403/03/12": nextID, "1403/03/19": nextID, "1403/03/26": ""} {
		got, _ := month.Find(`td[data-date="` + day + `"] [data-event-id]`).Attr("data-event-id")
		if got != want {
			t.Errorf("%s shows %q, want %q", day, got, want)
		}
	}
	_, may := a.get("/calendar/1403/2")
	if may.Find(`td[data-date="1403/02/29"] [data-event-id="`+id+`"]`).Length() != 1 {
		t.Error("the old series lost its second Saturday")
	}
}
