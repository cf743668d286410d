package web_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// The person responsible for an event is typed in its form, shown on its
// page, kept by its edit form and written to its .ics as CONTACT; one over
// the length limit is refused beside its input.
func TestEventOwnerFormPageAndICS(t *testing.T) {
	a := newApp(t)
	resp, _ := a.post("/events", url.Values{
		"title": {"نشست خبری استاندار"}, "kind": {"press_conference"}, "start": {"۱۴۰۳/۲/۲۷"},
		"owner": {"  مریم احمدی، روابط عمومی  "},
	})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: status %d, want 303", resp.StatusCode)
	}
	path := strings.SplitN(resp.Header.Get("Location"), "?", 2)[0]
	_, page := a.get(path)
	if dd := page.Find(`dt:contains("مسئول") + dd`).Text(); dd != "مریم احمدی، روابط عمومی" {
		t.Errorf("event page shows the owner as %q", dd)
	}
	_, edit := a.get(path + "/edit")
	if v, _ := edit.Find(`input[name="owner"]`).Attr("value"); v != "مریم احمدی، روابط عمومی" {
		t.Errorf("edit form's owner = %q", v)
	}
	ics, err := a.http.Get(a.srv.URL + path + ".ics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(ics.Body)
	ics.Body.Close()
	if !strings.Contains(string(body), "\r\nCONTACT:مریم احمدی، روابط عمومی\r\n") {
		t.Errorf("the .ics has no CONTACT of the owner:\n%s", body)
	}
	n := a.countEvents()
	resp, doc := a.post("/events", url.Values{
		"title": {"جلسه"}, "kind": {"meeting"}, "start": {"۱۴۰۳/۲/۲۸"}, "owner": {strings.Repeat("م", 201)},
	})
	if resp.StatusCode != http.StatusUnprocessableEntity || doc.Find(`#f-owner[aria-invalid="true"]`).Length() != 1 {
		t.Errorf("a 201-character owner: status %d, invalid input %d", resp.StatusCode, doc.Find(`#f-owner[aria-invalid="true"]`).Length())
	}
	if a.countEvents() != n {
		t.Error("an event with a too long owner was stored")
	}
}
