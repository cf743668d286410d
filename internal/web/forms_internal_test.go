package web

import (
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
)

// TestInputNamesMessages: a form's errors are worded in Persian under the
// name of the input each shows beside; one on a field the form has no
// input for keeps the field's name, so that the form still counts it.
func TestInputNamesMessages(t *testing.T) {
	if got := eventInputs.messages(nil); got != nil {
		t.Errorf("no errors: %v, want nil", got)
	}
	v := domain.ValidationError{
		{Field: domain.FieldStartTime, Code: domain.CodeEndTimeWithoutStart},
		{Field: domain.FieldStatus, Code: domain.CodeStatusUnknown},
	}
	want := map[string]string{
		"start_time": "برای ساعت پایان، ساعت شروع را هم بنویسید.",
		"status":     "وضعیت رویداد باید پیشنهادی، تأییدشده یا ردشده باشد.",
	}
	if got := eventInputs.messages(v); !maps.Equal(got, want) {
		t.Errorf("event form: %q, want %q", got, want)
	}
	// A user's name is the users form's "username"; an occasion's calendar
	// has its own place beside the month.
	if got := userInputs.messages(domain.ValidationError{{Field: domain.FieldName, Code: domain.CodeNameTaken}}); got["username"] != "این نام کاربری پیش‌تر ساخته شده است." {
		t.Errorf("users form: %q", got)
	}
	if got := occasionInputs.messages(domain.ValidationError{{Field: domain.FieldCalendar, Code: domain.CodeCalendarUnknown}}); got["calendar"] == "" {
		t.Errorf("occasion form: %q", got)
	}
}

// TestFormsReadEveryInput: each form reads each of its inputs by name into
// its own field, and shows it again under the same name.
func TestFormsReadEveryInput(t *testing.T) {
	post := func(names []string) echo.Context {
		in := url.Values{}
		for _, n := range names {
			in.Set(n, " "+n+"-value ")
		}
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(in.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return echo.New().NewContext(r, httptest.NewRecorder())
	}
	check := func(form string, names []string, values map[string]string) {
		t.Helper()
		if got := slices.Sorted(maps.Keys(values)); !slices.Equal(got, slices.Sorted(slices.Values(names))) {
			t.Errorf("%s form shows %q, reads %q", form, got, names)
		}
		for _, n := range names {
			if want := n + "-value"; values[n] != want && !(n == "text" && values[n] == " "+want+" ") {
				t.Errorf("%s form: %s = %q, want %q", form, n, values[n], want)
			}
		}
	}
	check("event", eventFields, readEventForm(post(eventFields)).values())
	occasionNames := inputNamesOf((&occasionForm{}).inputs())
	check("occasion", occasionNames, readOccasionForm(post(occasionNames)).values())
	articleNames := inputNamesOf((&articleForm{}).inputs())
	check("article", articleNames, readArticleForm(post(articleNames)).values()) // the text as pasted
	if f := readUserForm(post([]string{"username", "role", "password"})); f.username != "username-value" ||
		f.password != " password-value " || f.values()["password"] != "" {
		t.Errorf("users form: %+v shows %q", f, f.values())
	}
}
