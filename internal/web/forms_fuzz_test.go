package web_test

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/persian"
	"github.com/ruydad/ruydad/internal/web"
)

// FuzzEventForm posts arbitrary field values through the event form's
// decode and validate path. It never panics, and the outcome is either a
// 413 for a body over the limit, or Persian messages keyed by the fields
// that are wrong (and only those, for the fields whose rule is simple), shown
// beside them in the re-rendered form, or a valid event: its dates exist and
// are in order, its times are HH:MM, its text fits the limits, it holds
// exactly what was typed (trimmed, dates and times read without bidi marks,
// province and organization cleaned) and, posted
// back from its edit form, decodes to the same event. The seed corpus is
// testdata/fuzz/FuzzEventForm.
func FuzzEventForm(f *testing.F) {
	f.Add("نشست خبری", "meeting", "1403/02/27", "", "10:00", "11:30", "", "سالن اجتماعات", "همدان", "استانداری", "")
	f.Fuzz(func(t *testing.T, title, kind, start, end, startTime, endTime, description, location, province, organization, yearly string) {
		in := url.Values{}
		for i, v := range []string{title, kind, start, end, startTime, endTime, description, location, province, organization, yearly} {
			in.Set(web.EventFields[i], v)
		}
		body := in.Encode()
		e, form, errs, err := web.PostEventForm(postForm(body))
		switch {
		case err != nil:
			if !errors.Is(err, echo.ErrStatusRequestEntityTooLarge) || len(body) <= web.MaxFormBytes {
				t.Fatalf("a %d-byte form failed to parse: %v", len(body), err)
			}
			return
		case len(body) > web.MaxFormBytes:
			t.Fatalf("a %d-byte form was read despite the %d-byte limit", len(body), web.MaxFormBytes)
		case errs != nil:
			checkRejected(t, in, form, errs)
			return
		}
		checkAccepted(t, in, e)
		back, _, errs, err := web.PostEventForm(postForm(web.EventFormValues(e).Encode()))
		if err != nil || errs != nil || !reflect.DeepEqual(back, e) {
			t.Fatalf("event %+v, posted back from its edit form, decodes to %+v, %v, %v", e, back, errs, err)
		}
	})
}

func postForm(body string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/events", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return r
}

// field returns what the handler reads for a field: the value with any
// byte that is not UTF-8 replaced, control characters and bidi overrides
// dropped, trimmed.
func field(in url.Values, name string) string {
	return strings.TrimSpace(persian.StripControls(strings.ToValidUTF8(in.Get(name), "\uFFFD")))
}

// typed returns a date or time field as the form parses it: bidi marks
// dropped.
func typed(in url.Values, name string) string { return web.StripBidi(field(in, name)) }

// stored returns a text field as the event keeps it: province and
// organization cleaned (Persian letters and digits), the others as typed.
func stored(in url.Values, name string) string {
	if name == "province" || name == "organization" {
		return web.CleanPlace(field(in, name))
	}
	return field(in, name)
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// checkAccepted checks a decoded event against the typed values.
func checkAccepted(t *testing.T, in url.Values, e domain.Event) {
	t.Helper()
	if e.Status != domain.StatusConfirmed || !e.Kind.Valid() || string(e.Kind) != field(in, "kind") {
		t.Fatalf("accepted %+v: kind %q or status wrong", e, e.Kind)
	}
	start, err := jalali.ParseTypedAt(typed(in, "start"), web.FormToday)
	if err != nil || e.Start != start || !e.Start.Valid() {
		t.Fatalf("accepted start %v for %q (%v)", e.Start, field(in, "start"), err)
	}
	wantEnd := start
	if typed(in, "end") != "" {
		if wantEnd, err = jalali.ParseTypedAt(typed(in, "end"), web.FormToday); err != nil {
			t.Fatalf("accepted end %q: %v", field(in, "end"), err)
		}
	}
	if e.End != wantEnd || !e.End.Valid() || e.End.Before(e.Start) || e.Days() > 367 {
		t.Fatalf("accepted range %v–%v (%d days) for end %q", e.Start, e.End, e.Days(), field(in, "end"))
	}
	for _, tm := range []string{e.StartTime, e.EndTime} {
		if tm != "" && !domain.ValidTime(tm) {
			t.Fatalf("accepted time %q", tm)
		}
	}
	if e.EndTime != "" && (e.StartTime == "" || e.Start == e.End && e.EndTime < e.StartTime) {
		t.Fatalf("accepted times %q–%q on %v–%v", e.StartTime, e.EndTime, e.Start, e.End)
	}
	if e.StartTime != clock(typed(in, "start_time")) || e.EndTime != clock(typed(in, "end_time")) {
		t.Fatalf("times %q–%q decoded from %q–%q", e.StartTime, e.EndTime, in.Get("start_time"), in.Get("end_time"))
	}
	text := map[string]string{"title": e.Title, "description": e.Description, "location": e.Location,
		"province": e.Province, "organization": e.Organization}
	for name, got := range text {
		if got != stored(in, name) || runes(got) > limit(name) || !utf8.ValidString(got) {
			t.Fatalf("%s %q decoded from %q (limit %d)", name, got, in.Get(name), limit(name))
		}
	}
	if e.Title == "" || e.Repeats() != (field(in, "yearly") != "") {
		t.Fatalf("accepted title %q, yearly %v from %q", e.Title, e.Repeats(), in.Get("yearly"))
	}
}

// clock is the expected normalization of a typed time: 9.30, ۹:۳۰ or
// ۹ و نیم is 09:30.
func clock(s string) string {
	t, _ := jalali.ParseClock(s)
	return t
}

func limit(name string) int {
	switch name {
	case "title":
		return domain.MaxTitle
	case "description":
		return domain.MaxDescription
	}
	return domain.MaxShortField
}

var persianLetter = regexp.MustCompile(`\p{Arabic}`)

// checkRejected checks the messages of a refused form and how the form
// comes back to the user.
func checkRejected(t *testing.T, in url.Values, form, errs map[string]string) {
	t.Helper()
	for name, msg := range errs {
		if name == "yearly" || !slices.Contains(web.EventFields, name) {
			t.Fatalf("message for %q, which is not a field of the form: %q", name, msg)
		}
		if !persianLetter.MatchString(msg) || strings.ContainsAny(msg, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ<>") {
			t.Fatalf("message for %s is not plain Persian: %q", name, msg)
		}
	}
	// The fields with simple rules are flagged exactly when they break them.
	simple := map[string]bool{
		"title": field(in, "title") == "" || runes(field(in, "title")) > domain.MaxTitle,
		"kind":  !domain.Kind(field(in, "kind")).Valid(),
		"start": func() bool { _, err := jalali.ParseTypedAt(typed(in, "start"), web.FormToday); return err != nil }(),
	}
	for _, name := range []string{"description", "location", "province", "organization"} {
		simple[name] = runes(stored(in, name)) > limit(name)
	}
	for name, bad := range simple {
		if bad != (errs[name] != "") {
			t.Fatalf("%s %q: wrong %v, message %q", name, field(in, name), bad, errs[name])
		}
	}
	// Dates and times come back read, in Persian digits, or as typed with
	// Persian digits when they cannot be read.
	shown := func(name string) string {
		switch name {
		case "start", "end":
			return web.ShownDate(field(in, name), web.FormToday)
		case "start_time", "end_time":
			return web.ShownClock(field(in, name))
		}
		return field(in, name)
	}
	for _, name := range web.EventFields {
		if form[name] != shown(name) {
			t.Fatalf("the form keeps %s as %q, typed %q", name, form[name], in.Get(name))
		}
	}
	var html bytes.Buffer
	if err := web.RenderEventForm(&html, form, errs); err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(&html)
	if err != nil {
		t.Fatal(err)
	}
	for name, msg := range errs {
		if got := doc.Find(`[data-testid="error-` + name + `"]`).Text(); got != msg {
			t.Fatalf("message for %s shown as %q, want %q", name, got, msg)
		}
	}
	for _, name := range []string{"title", "start", "end", "start_time", "end_time", "location", "province", "organization"} {
		// An HTML parser turns CR into LF and NUL into U+FFFD, as browsers do.
		want := form[name]
		if strings.ContainsAny(want, "\r\x00") {
			continue
		}
		if got, _ := doc.Find("#f-" + name).Attr("value"); got != want {
			t.Fatalf("the form shows %s as %q, typed %q", name, got, want)
		}
	}
}
