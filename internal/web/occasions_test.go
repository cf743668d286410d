package web_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// TestOccasionFormMarksTheWrongField: a day the month does not have marks
// the day field, a month not in the list marks the month field.
func TestOccasionFormMarksTheWrongField(t *testing.T) {
	a := newApp(t)
	for _, tt := range []struct {
		month, day, field, other string
	}{
		{"7", "31", "day", "month"},
		{"13", "1", "month", "day"},
		{"x", "1", "month", "day"},
	} {
		resp, doc := a.post("/occasions", url.Values{"name": {"روز کتاب"}, "month": {tt.month}, "day": {tt.day}, "length": {"1"}})
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s/%s: %d, want 422", tt.month, tt.day, resp.StatusCode)
			continue
		}
		if doc.Find(`[data-testid="error-`+tt.field+`"]`).Length() != 1 || doc.Find(`#f-`+tt.field).AttrOr("aria-invalid", "") != "true" {
			t.Errorf("%s/%s: the %s field is not marked", tt.month, tt.day, tt.field)
		}
		if doc.Find(`#f-`+tt.other).AttrOr("aria-invalid", "") == "true" {
			t.Errorf("%s/%s: the %s field is marked too", tt.month, tt.day, tt.other)
		}
	}
}

// TestDeleteAsksFirst: the delete links of events, occasions and users open
// a page that says what will go; only its form deletes.
func TestDeleteAsksFirst(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	e := domain.Event{Title: "نشست خبری", Kind: domain.KindPressConference, Start: jalali.MustNew(1403, 2, 25)}
	if err := uc(a.db).SaveEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	occasions, _ := a.db.Occasions(ctx)
	withUsers(t, a)
	a.login("admin", pw)
	users, _ := a.db.Users(ctx)
	var viewer domain.User
	for _, u := range users {
		if u.Name == "viewer" {
			viewer = u
		}
	}
	for _, tt := range []struct {
		list, item, title string
		gone              func() bool
	}{
		{"/events/" + itoa(e.ID), "/events/" + itoa(e.ID) + "/delete", "نشست خبری", func() bool {
			_, err := a.db.Event(ctx, e.ID)
			return errors.Is(err, domain.ErrNotFound)
		}},
		{"/occasions?month=all", "/occasions/" + itoa(occasions[0].ID) + "/delete", occasions[0].Name, func() bool {
			_, err := a.db.Occasion(ctx, occasions[0].ID)
			return errors.Is(err, domain.ErrNotFound)
		}},
		{"/users", "/users/" + itoa(viewer.ID) + "/delete", "viewer", func() bool {
			_, err := a.db.User(ctx, viewer.ID)
			return errors.Is(err, domain.ErrNotFound)
		}},
	} {
		_, doc := a.get(tt.list)
		if doc.Find(`a[data-testid="delete"][href="`+tt.item+`"]`).Length() != 1 || doc.Find(`form[action="`+tt.item+`"]`).Length() != 0 {
			t.Errorf("%s deletes in one click, not through a link to %s", tt.list, tt.item)
		}
		status, page := a.get(tt.item)
		form := page.Find(`form[action="` + tt.item + `"][method="post"]`)
		if status != http.StatusOK || form.Find(`[data-testid="confirm-delete"]`).Length() != 1 || form.Find(`input[name="_csrf"]`).Length() != 1 ||
			!strings.Contains(page.Find("main").Text(), tt.title) {
			t.Errorf("%s: %d, no confirmation naming %q", tt.item, status, tt.title)
		}
		if tt.gone() {
			t.Fatalf("opening %s deleted it", tt.item)
		}
		if resp := a.resubmit(page, `[data-testid="confirm-delete-page"] form`); resp.StatusCode != http.StatusSeeOther || !tt.gone() {
			t.Errorf("confirming %s: %d, deleted %v", tt.item, resp.StatusCode, tt.gone())
		}
	}
}

// TestOccasionFormRules: an office adds occasions on the lunar calendar and
// by the official rules through the form; each shows on its days, and a day
// the month cannot have is refused with the field marked.
func TestOccasionFormRules(t *testing.T) {
	a := newApp(t)
	for _, tt := range []struct {
		name string
		form url.Values
		day  jalali.Date // one day it must be on
		not  jalali.Date // a day it must not be on
	}{
		{"دههٔ اول محرم دفتر", url.Values{"month": {"hijri-1"}, "rule": {"date"}, "day": {"۱"}, "length": {"۱۰"}},
			jalali.MustNew(1403, 4, 26), jalali.MustNew(1403, 4, 27)}, // 1..10 Muharram 1446 = 17..26 Tir 1403
		{"جمعهٔ دوم مهر دفتر", url.Values{"month": {"jalali-7"}, "rule": {"nth-weekday"}, "weekday": {"6"}, "nth": {"2"}},
			jalali.MustNew(1403, 7, 13), jalali.MustNew(1403, 7, 6)},
		{"شب آخرین چهارشنبه", url.Values{"month": {"jalali-12"}, "rule": {"last-weekday"}, "weekday": {"4"}, "offset": {"-1"}},
			jalali.MustNew(1403, 12, 28), jalali.MustNew(1403, 12, 29)},
		{"پایان صفر دفتر", url.Values{"month": {"hijri-2"}, "rule": {"month-end"}},
			jalali.MustNew(1403, 6, 14), jalali.MustNew(1403, 6, 13)},
		{"روز کارگر دفتر", url.Values{"month": {"gregorian-5"}, "rule": {"date"}, "day": {"1"}},
			jalali.MustNew(1403, 2, 12), jalali.MustNew(1403, 2, 11)},
		{"روز استان", url.Values{"month": {"jalali-3"}, "rule": {"date"}, "day": {"5"}, "from_year": {"1404"}},
			jalali.MustNew(1404, 3, 5), jalali.MustNew(1403, 3, 5)},
	} {
		tt.form.Set("name", tt.name)
		resp, doc := a.post("/occasions", tt.form)
		if resp.StatusCode != http.StatusSeeOther {
			t.Errorf("%s: %d %q", tt.name, resp.StatusCode, doc.Find(`p.error`).Text())
			continue
		}
		on := func(d jalali.Date) bool {
			_, doc := a.get(fmt.Sprintf("/calendar/%d/%d/%d", d.Year, d.Month, d.Day))
			return strings.Contains(doc.Find(`[data-testid="occasion"]`).Text(), tt.name)
		}
		if !on(tt.day) || on(tt.not) {
			t.Errorf("%s: on %s %v (want true), on %s %v (want false)", tt.name, tt.day, on(tt.day), tt.not, on(tt.not))
		}
	}
	for _, tt := range []struct {
		form  url.Values
		field string
	}{
		{url.Values{"month": {"hijri-9"}, "rule": {"date"}, "day": {"31"}}, "day"},
		{url.Values{"month": {"jalali-7"}, "rule": {"nth-weekday"}, "weekday": {"6"}, "nth": {"6"}}, "nth"},
		{url.Values{"month": {"lunar-9"}, "rule": {"date"}, "day": {"1"}}, "month"},
		{url.Values{"month": {"jalali-7"}, "rule": {"every-day"}, "day": {"1"}}, "rule"},
		{url.Values{"month": {"jalali-7"}, "rule": {"once"}, "day": {"1"}}, "year"},
		{url.Values{"month": {"jalali-7"}, "rule": {"date"}, "day": {"1"}, "from_year": {"1410"}, "to_year": {"1405"}}, "to_year"},
	} {
		tt.form.Set("name", "مناسبت نادرست")
		resp, doc := a.post("/occasions", tt.form)
		if resp.StatusCode != http.StatusUnprocessableEntity || doc.Find(`[data-testid="error-`+tt.field+`"]`).Length() != 1 {
			t.Errorf("%v: %d, field %s not marked (%q)", tt.form, resp.StatusCode, tt.field, doc.Find(`p.error`).Text())
		}
		if got := doc.Find(`#f-name`).AttrOr("value", ""); got != "مناسبت نادرست" {
			t.Errorf("%v: the form came back with name %q", tt.form, got)
		}
	}
	// The edit form shows a lunar occasion as it was entered.
	occs, _ := a.db.Occasions(context.Background())
	for _, o := range occs {
		if o.Name == "پایان صفر دفتر" {
			_, doc := a.get("/occasions/" + itoa(o.ID) + "/edit")
			if doc.Find(`#f-month option[selected]`).AttrOr("value", "") != "hijri-2" || doc.Find(`#f-rule option[selected]`).AttrOr("value", "") != "month-end" {
				t.Error("the edit form lost the lunar month or the rule")
			}
		}
	}
}

// TestProvincialDaysFollowTheProvinceFilter: روز همدان shows on the
// calendar of every province or of Hamadan, not of Bushehr; feeds alike.
func TestProvincialDaysFollowTheProvinceFilter(t *testing.T) {
	a := newApp(t)
	has := func(path string) bool {
		_, doc := a.get(path)
		return strings.Contains(doc.Find(`td[data-date="1403/06/01"] [data-testid="occasion"]`).Text(), "روز همدان")
	}
	if !has("/calendar/1403/6") || !has("/calendar/1403/6?province=همدان") || !has("/calendar/1403/6?province="+url.QueryEscape("همدان ")) {
		t.Error("روز همدان is missing from the calendar of all provinces or of Hamadan")
	}
	if has("/calendar/1403/6?province=بوشهر") {
		t.Error("روز همدان shows on Bushehr's calendar")
	}
	_, hamadan := fetch(t, a, "/calendar.ics?province=همدان&from=1403&to=1403")
	_, bushehr := fetch(t, a, "/calendar.ics?province=بوشهر&from=1403&to=1403")
	if !strings.Contains(string(hamadan), "SUMMARY:روز همدان") || strings.Contains(string(bushehr), "SUMMARY:روز همدان") {
		t.Error("the province feeds do not carry their own provincial days alone")
	}
}

// TestInternationalDaysHiddenUntilShown: the international days are
// offered but hidden; showing the group puts them on the calendar, and one
// occasion can be hidden again alone.
func TestInternationalDaysHiddenUntilShown(t *testing.T) {
	a := newApp(t)
	pressFreedom := jalali.FromGregorian(2024, time.May, 3)
	on := func() bool {
		_, doc := a.get(fmt.Sprintf("/calendar/%d/%d", pressFreedom.Year, pressFreedom.Month))
		return strings.Contains(doc.Find(`td[data-date="`+pressFreedom.String()+`"]`).Text(), "روز جهانی آزادی مطبوعات")
	}
	if on() {
		t.Fatal("an international day shows before the office chose the group")
	}
	_, list := a.get("/occasions?group=international&month=all")
	if list.Find(`[data-testid="show-international"]`).Length() != 1 || list.Find(`tr.hidden-occasion`).Length() != 85 {
		t.Fatalf("the list offers no switch, or lists %d hidden international days", list.Find(`tr.hidden-occasion`).Length())
	}
	if resp, _ := a.post("/occasions/visibility", url.Values{"group": {"international"}, "hidden": {"0"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("showing the group: %d", resp.StatusCode)
	}
	if !on() {
		t.Fatal("the international days do not show once the group is shown")
	}
	_, list = a.get("/occasions?q=" + url.QueryEscape("آزادی مطبوعات"))
	row := list.Find(`tr[data-occasion-id]`).First()
	action, _ := row.Find(`form`).Attr("action")
	if resp, _ := a.post(action, url.Values{"hidden": {"1"}}); resp.StatusCode != http.StatusSeeOther || on() {
		t.Errorf("hiding one occasion: %d, still on the calendar %v", resp.StatusCode, on())
	}
	if resp, _ := a.post("/occasions/visibility", url.Values{"group": {"party"}, "hidden": {"0"}}); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("an unknown group: %d", resp.StatusCode)
	}
}

// TestOccasionsListFilters: this month by default, a name whatever the
// spelling over the whole year, a calendar, a group.
func TestOccasionsListFilters(t *testing.T) {
	a := newApp(t)
	names := func(path string) string {
		status, doc := a.get(path)
		if status != http.StatusOK {
			t.Fatalf("%s: %d", path, status)
		}
		return doc.Find(`table.occasions tbody`).Text()
	}
	if got := names("/occasions"); !strings.Contains(got, "روز ملی ارتباطات و روابط عمومی") || strings.Contains(got, "روز خبرنگار") {
		t.Error("the default list is not this month's (Ordibehesht)")
	}
	if got := names("/occasions?q=" + url.QueryEscape("روز خبرنگار")); !strings.Contains(got, "روز خبرنگار") {
		t.Error("a name search does not look over the whole year")
	}
	if got := names("/occasions?q=" + url.QueryEscape("عاشورا")); !strings.Contains(got, "عاشورای حسینی") || !strings.Contains(got, "۱۰ محرم (قمری)") {
		t.Error("a search by an alias does not find Ashura with its rule")
	}
	if got := names("/occasions?calendar=hijri&month=all"); strings.Contains(got, "روز خبرنگار") || !strings.Contains(got, "عید سعید فطر") {
		t.Error("the lunar filter")
	}
	for _, bad := range []string{"?group=party", "?calendar=chinese", "?month=13", "?month=x"} {
		if status, _ := a.get("/occasions" + bad); status != http.StatusBadRequest {
			t.Errorf("/occasions%s: %d, want 400", bad, status)
		}
	}
}
