package web_test

import (
	"net/http"
	"net/url"
	"testing"
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
