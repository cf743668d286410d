package web_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/ical/icaljs"
	"github.com/ruydad/ruydad/internal/jalali"
)

// feedEvents stores a mix of events: one-day, multi-day, timed, yearly,
// Persian text with the characters iCal escapes, and one proposed event
// that no feed may show.
func feedEvents(t *testing.T, a *app) []domain.Event {
	t.Helper()
	events := []domain.Event{
		{Title: "نشست خبری استاندار، با حضور خبرنگاران؛ سالن ۱", Kind: domain.KindPressConference, Start: jalali.MustNew(1403, 2, 27), StartTime: "10:00", EndTime: "11:30", Location: "سالن اجتماعات استانداری", Province: "همدان"},
		{Title: "تور رسانه‌ای هفته دولت", Kind: domain.KindMediaTour, Start: jalali.MustNew(1403, 6, 2), End: jalali.MustNew(1403, 6, 8), Province: "قزوین", Description: "بازدید از طرح‌ها\nخط دوم"},
		{Title: "سالروز تأسیس روابط عمومی استانداری", Kind: domain.KindCeremony, Start: jalali.MustNew(1401, 3, 10), Repeat: domain.Repeat{Kind: domain.RepeatYearly}},
		{Title: "جلسه شورای هماهنگی", Kind: domain.KindMeeting, Start: jalali.MustNew(1403, 12, 30)},
	}
	for i := range events {
		if err := uc(a.db).SaveEvent(context.Background(), &events[i]); err != nil {
			t.Fatal(err)
		}
	}
	proposed := domain.Event{Title: "پیشنهادی", Kind: domain.KindOther, Start: jalali.MustNew(1403, 2, 1), Status: domain.StatusProposed}
	if err := uc(a.db).SaveEvent(context.Background(), &proposed); err != nil {
		t.Fatal(err)
	}
	return events
}

func fetch(t *testing.T, a *app, path string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, a.srv.URL+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := a.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func TestFeedReadByICalJS(t *testing.T) {
	a := newApp(t)
	events := feedEvents(t, a)
	resp, body := fetch(t, a, "/calendar.ics")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/calendar; charset=utf-8" || resp.Header.Get("ETag") == "" || resp.Header.Get("Last-Modified") == "" {
		t.Fatalf("feed response %d %v", resp.StatusCode, resp.Header)
	}
	if !strings.Contains(resp.Header.Get("Content-Disposition"), `filename="ruydad.ics"`) {
		t.Errorf("Content-Disposition %q", resp.Header.Get("Content-Disposition"))
	}
	got := icaljs.Parse(t, body)
	// The window is 5 years back to 10 ahead of today (1403): 1398..1413.
	occasions, _ := a.db.Occasions(context.Background())
	want := 3 // the non-yearly confirmed events
	want += 1413 - 1401 + 1
	from, _ := calendar.YearRange(1398)
	_, to := calendar.YearRange(1413)
	for _, o := range calendar.Shown(occasions, "") {
		want += len(calendar.Official().Starting(o.Recurrence, from, to))
	}
	if len(got) != want {
		t.Errorf("ical.js read %d VEVENTs, want %d", len(got), want)
	}
	summaries := map[string]bool{}
	pr := map[string]bool{}
	for _, g := range got {
		summaries[g.Summary] = true
		if g.Summary == "روز ملی ارتباطات و روابط عمومی" {
			pr[g.Start] = true
		}
	}
	for _, e := range events {
		if !summaries[e.Title] {
			t.Errorf("summary %q did not survive", e.Title)
		}
	}
	if summaries["پیشنهادی"] {
		t.Error("a proposed event is in the feed")
	}
	for y := 1400; y <= 1410; y++ {
		if iso := jalali.MustNew(y, 2, 27).ISO(); !pr[iso] {
			t.Errorf("27 Ordibehesht %d (%s) missing from the feed", y, iso)
		}
	}
}

func TestFeedConditionalAndFilters(t *testing.T) {
	a := newApp(t)
	events := feedEvents(t, a)
	resp, _ := fetch(t, a, "/calendar.ics")
	etag := resp.Header.Get("ETag")
	if r, b := fetch(t, a, "/calendar.ics", "If-None-Match", etag); r.StatusCode != http.StatusNotModified || len(b) != 0 {
		t.Errorf("same ETag: %d with %d bytes, want 304", r.StatusCode, len(b))
	}
	if r, _ := fetch(t, a, "/calendar.ics", "If-Modified-Since", resp.Header.Get("Last-Modified")); r.StatusCode != http.StatusNotModified {
		t.Errorf("If-Modified-Since: %d, want 304", r.StatusCode)
	}
	e := events[0]
	e.Title = "نشست خبری تازه"
	if err := uc(a.db).SaveEvent(context.Background(), &e); err != nil {
		t.Fatal(err)
	}
	r, b := fetch(t, a, "/calendar.ics", "If-None-Match", etag)
	if r.StatusCode != 200 || r.Header.Get("ETag") == etag || !bytes.Contains(b, []byte("SEQUENCE:1")) {
		t.Errorf("after an edit: %d, ETag %s", r.StatusCode, r.Header.Get("ETag"))
	}
	// A deletion leaves no newer updated_at behind; the feed must change all
	// the same, for ETag and for Last-Modified.
	etag, last := r.Header.Get("ETag"), r.Header.Get("Last-Modified")
	if err := uc(a.db).DeleteEvent(context.Background(), events[3].ID); err != nil {
		t.Fatal(err)
	}
	r, b = fetch(t, a, "/calendar.ics", "If-None-Match", etag)
	if r.StatusCode != 200 || r.Header.Get("ETag") == etag || bytes.Contains(b, []byte(events[3].UID)) {
		t.Errorf("after a deletion: %d, ETag %s (was %s)", r.StatusCode, r.Header.Get("ETag"), etag)
	}
	was, _ := http.ParseTime(last)
	if now, err := http.ParseTime(r.Header.Get("Last-Modified")); err != nil || now.Before(was) {
		t.Errorf("after a deletion Last-Modified is %q, was %q", r.Header.Get("Last-Modified"), last)
	}

	_, b = fetch(t, a, "/calendar.ics?kind=media_tour&occasions=0")
	got := icaljs.Parse(t, b)
	if len(got) != 1 || got[0].Summary != "تور رسانه‌ای هفته دولت" || got[0].Start != "2024-08-23" || got[0].End != "2024-08-30" {
		t.Errorf("kind filter: %+v", got)
	}
	if r, _ := fetch(t, a, "/calendar.ics?kind=party"); r.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown kind: %d", r.StatusCode)
	}
	_, b = fetch(t, a, "/calendar.ics?province=همدان&occasions=0&rscale=1")
	if got := icaljs.Parse(t, b); len(got) != 1 || got[0].Summary != "نشست خبری تازه" {
		t.Errorf("province filter: %+v", got)
	}

	_, doc := a.get("/calendar/1403/6?kind=media_tour&province=قزوین")
	href, _ := doc.Find(`[data-testid="ics-download"]`).Attr("href")
	if !strings.Contains(href, "/calendar.ics?kind=media_tour&province=") {
		t.Errorf("the download link does not carry the filter: %q", href)
	}
	// The tour, 2 to 8 Shahrivar, is one bar on the week row of its Friday
	// and one on the next (Saturday to Thursday).
	if n := doc.Find(`[data-event-id]`).Length(); n != 2 {
		t.Errorf("filtered month shows %d event bars, want the tour's 2", n)
	}
	sub, _ := doc.Find(`[data-testid="ics-subscribe"]`).Attr("href")
	if !strings.HasPrefix(sub, "webcal://") {
		t.Errorf("subscribe link %q", sub)
	}
}

func TestEventFeed(t *testing.T) {
	a := newApp(t)
	events := feedEvents(t, a)
	_, doc := a.get("/events/" + itoa(events[0].ID))
	href, ok := doc.Find(`a[href$=".ics?download=1"]`).Attr("href")
	if !ok {
		t.Fatal("the event page has no .ics link")
	}
	resp, b := fetch(t, a, href)
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("%s: %d %v", href, resp.StatusCode, resp.Header)
	}
	got := icaljs.Parse(t, b)
	if len(got) != 1 || got[0].Summary != events[0].Title || got[0].StartUnix != jalali.MustNew(1403, 2, 27).Time().Add(10*3600e9).Unix() {
		t.Errorf("event feed: %+v", got)
	}
	if r, _ := fetch(t, a, "/events/999.ics"); r.StatusCode != http.StatusNotFound {
		t.Errorf("missing event feed: %d", r.StatusCode)
	}
}

// TestEventFeedNamesSourceArticle: the one-event feed and the full feed
// describe a mined event alike, source article included.
func TestEventFeedNamesSourceArticle(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	art := domain.Article{Title: "برگزاری نشست خبری به مناسبت روز ارتباطات", Text: "نشست خبری مدیرکل روز ۲۷ اردیبهشت ۱۴۰۳ برگزار می‌شود.", Hash: "h"}
	ev := []domain.Event{{Title: "نشست خبری مدیرکل", Kind: domain.KindPressConference, Start: jalali.MustNew(1403, 2, 27), Status: domain.StatusProposed}}
	if _, err := uc(a.db).StoreArticle(ctx, &art, ev, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := uc(a.db).Review(ctx, []int64{ev[0].ID}, domain.StatusConfirmed); err != nil {
		t.Fatal(err)
	}
	e, err := a.db.Event(ctx, ev[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	_, one := fetch(t, a, "/events/"+itoa(e.ID)+".ics")
	_, all := fetch(t, a, "/calendar.ics?occasions=0")
	var fromAll *icaljs.Event
	for _, g := range icaljs.Parse(t, all) {
		if g.UID == e.UID {
			fromAll = &g
		}
	}
	got := icaljs.Parse(t, one)
	if len(got) != 1 || fromAll == nil {
		t.Fatalf("event feed %d VEVENTs; in the full feed: %v", len(got), fromAll != nil)
	}
	if !strings.Contains(got[0].Description, "منبع: "+art.Title) {
		t.Errorf("event feed DESCRIPTION %q does not name the source article", got[0].Description)
	}
	if got[0].Description != fromAll.Description {
		t.Errorf("DESCRIPTION differs:\n/events/%d.ics: %q\n/calendar.ics:   %q", e.ID, got[0].Description, fromAll.Description)
	}
}

// upload posts an .ics file to /import.
func upload(t *testing.T, a *app, ics []byte) *http.Response {
	t.Helper()
	resp, _ := uploadPage(t, a, string(ics))
	return resp
}

// volatile matches what differs between two installations holding the same
// data: event URLs, the occasions' LAST-MODIFIED, which is when each
// installation loaded its catalogue (two apps built a second apart differ),
// and DTSTAMP, when each one's data last changed.
var volatile = regexp.MustCompile(`(?m)^(URL|LAST-MODIFIED|DTSTAMP):.*\r\n`)

// TestExportImportExportRoundTrip: export, import into an empty database
// through the upload form, export again: the same feed.
func TestExportImportExportRoundTrip(t *testing.T) {
	a := newApp(t)
	feedEvents(t, a)
	_, first := fetch(t, a, "/calendar.ics")

	b := newApp(t)
	resp := upload(t, b, first)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/import?created=4&unchanged=0&updated=0") {
		t.Fatalf("import: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, second := fetch(t, b, "/calendar.ics")
	if x, y := volatile.ReplaceAll(first, nil), volatile.ReplaceAll(second, nil); !bytes.Equal(x, y) {
		t.Errorf("the feed changed in the round trip:\n--- first\n%s\n--- second\n%s", x, y)
	}
	resp = upload(t, b, first)
	if !strings.HasPrefix(resp.Header.Get("Location"), "/import?created=0&unchanged=4&updated=0") {
		t.Errorf("second import: %s", resp.Header.Get("Location"))
	}
	_, doc := b.get("/import?created=0&unchanged=4&updated=0")
	if !strings.Contains(doc.Find(`[data-testid="import-result"]`).Text(), "۴") {
		t.Error("the import page does not report what happened")
	}
}

func TestImportMalformedAddsNothing(t *testing.T) {
	a := newApp(t)
	for name, ics := range map[string]string{
		"truncated": "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20240516\r\nSUMMARY:x\r\nEND:VEVENT\r\n",
		"not ical":  "hello",
	} {
		resp := upload(t, a, []byte(ics))
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422", name, resp.StatusCode)
		}
	}
	if n := a.countEvents(); n != 0 {
		t.Errorf("%d events stored from malformed files", n)
	}
}

// TestFeedWindow: ?from= and ?to= choose the years of yearly items, in the
// ETag too; a bad window is a 400.
func TestFeedWindow(t *testing.T) {
	a := newApp(t)
	events := feedEvents(t, a)
	yearly := events[2] // from 1401/3/10
	years := func(body []byte, summary string) []string {
		var starts []string
		for _, g := range icaljs.Parse(t, body) {
			if g.Summary == summary {
				starts = append(starts, g.Start)
			}
		}
		return starts
	}
	r1, b := fetch(t, a, "/calendar.ics?from=1400&to=1410")
	if r1.StatusCode != http.StatusOK {
		t.Fatalf("status %d", r1.StatusCode)
	}
	got := years(b, yearly.Title)
	if len(got) != 10 || got[0] != jalali.MustNew(1401, 3, 10).ISO() || got[9] != jalali.MustNew(1410, 3, 10).ISO() {
		t.Errorf("yearly event over 1400..1410: %v", got)
	}
	if pr := years(b, "روز ملی ارتباطات و روابط عمومی"); len(pr) != 11 {
		t.Errorf("PR day over 1400..1410: %v", pr)
	}
	r2, b := fetch(t, a, "/calendar.ics?from=۱۴۰۵&to=۱۴۰۶")
	if got := years(b, yearly.Title); r2.StatusCode != http.StatusOK || len(got) != 2 {
		t.Errorf("Persian digits: %d, %v", r2.StatusCode, got)
	}
	r3, _ := fetch(t, a, "/calendar.ics")
	if e1, e2, e3 := r1.Header.Get("ETag"), r2.Header.Get("ETag"), r3.Header.Get("ETag"); e1 == e2 || e1 == e3 || e2 == e3 {
		t.Errorf("the window is not in the ETag: %s %s %s", e1, e2, e3)
	}
	if r, _ := fetch(t, a, "/calendar.ics?from=1400&to=1410", "If-None-Match", r1.Header.Get("ETag")); r.StatusCode != http.StatusNotModified {
		t.Errorf("same window revalidated: %d, want 304", r.StatusCode)
	}
	if r, _ := fetch(t, a, "/calendar.ics?from=1400&to=1411", "If-None-Match", r1.Header.Get("ETag")); r.StatusCode != http.StatusOK {
		t.Errorf("another window with the old ETag: %d, want 200", r.StatusCode)
	}

	one := "/events/" + itoa(yearly.ID) + ".ics"
	re, b := fetch(t, a, one+"?from=1402&to=1404")
	if got := years(b, yearly.Title); re.StatusCode != http.StatusOK || len(got) != 3 {
		t.Errorf("event feed over 1402..1404: %d, %v", re.StatusCode, got)
	}
	if rd, _ := fetch(t, a, one); rd.Header.Get("ETag") == re.Header.Get("ETag") {
		t.Error("the event feed's ETag ignores the window")
	}

	for _, q := range []string{"from=abc", "to=14o0", "from=1410&to=1400", "from=1300&to=1400", "from=1380&to=1430",
		"from=0", "to=-1", "from=99999999", "from=999&to=1010", "from=1420", "to=1e3"} {
		for _, path := range []string{"/calendar.ics?", one + "?"} {
			if r, _ := fetch(t, a, path+q); r.StatusCode != http.StatusBadRequest {
				t.Errorf("%s%s: %d, want 400", path, q, r.StatusCode)
			}
		}
	}
}

// TestFeedOccasionsByKind: a feed of one kind leaves the occasions out
// unless ?occasions=1; other filters keep them.
func TestFeedOccasionsByKind(t *testing.T) {
	a := newApp(t)
	feedEvents(t, a)
	count := func(query string) (events, occasions int) {
		t.Helper()
		r, b := fetch(t, a, "/calendar.ics"+query)
		if r.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", query, r.StatusCode)
		}
		for _, g := range icaljs.Parse(t, b) {
			if strings.HasPrefix(g.UID, "occasion-") {
				occasions++
			} else {
				events++
			}
		}
		return events, occasions
	}
	for _, tt := range []struct {
		query        string
		events       int
		hasOccasions bool
	}{
		{"", 3 + 13, true},
		{"?kind=meeting", 1, false},
		{"?kind=meeting&occasions=1", 1, true},
		{"?kind=occasion", 0, true},
		{"?kind=occasion&occasions=0", 0, false},
		{"?province=همدان", 1, true},
		{"?province=همدان&occasions=0", 1, false},
	} {
		events, occasions := count(tt.query)
		if events != tt.events || (occasions > 0) != tt.hasOccasions {
			t.Errorf("%q: %d events, %d occasion VEVENTs; want %d events, occasions %v", tt.query, events, occasions, tt.events, tt.hasOccasions)
		}
	}
	if r, _ := fetch(t, a, "/calendar.ics?kind=meeting&occasions=maybe"); r.StatusCode != http.StatusBadRequest {
		t.Errorf("occasions=maybe: %d, want 400", r.StatusCode)
	}
}

// TestFeedShowsAConfirmedOccasionOnce: a mined mention of PR Day, once
// confirmed, is the catalogue's occasion again; the feed writes the
// occasion once, and the event only where the occasions are left out.
func TestFeedShowsAConfirmedOccasionOnce(t *testing.T) {
	a := newApp(t)
	e := domain.Event{Title: "روز ملی ارتباطات و روابط عمومی", Kind: domain.KindOccasion, Occasion: "pr-day",
		Start: jalali.MustNew(1403, 2, 27), Status: domain.StatusConfirmed}
	occ, _ := a.db.Occasions(context.Background())
	found := false
	for _, o := range occ {
		found = found || o.Key == e.Occasion
	}
	if !found {
		t.Fatalf("no catalogue occasion with key %q", e.Occasion)
	}
	if err := uc(a.db).SaveEvent(context.Background(), &e); err != nil {
		t.Fatal(err)
	}
	onPRDay := func(query string) (events, occasions int) {
		t.Helper()
		_, b := fetch(t, a, "/calendar.ics"+query)
		for _, g := range icaljs.Parse(t, b) {
			if g.Summary != e.Title || !slices.Contains(g.Occurrences, "2024-05-16") && g.Start != "2024-05-16" {
				continue
			}
			if strings.HasPrefix(g.UID, "occasion-") {
				occasions++
			} else {
				events++
			}
		}
		return events, occasions
	}
	if ev, oc := onPRDay(""); ev != 0 || oc != 1 {
		t.Errorf("with occasions: %d events and %d occasions on PR Day 1403, want 0 and 1", ev, oc)
	}
	if ev, oc := onPRDay("?occasions=0"); ev != 1 || oc != 0 {
		t.Errorf("without occasions: %d events and %d occasions on PR Day 1403, want 1 and 0", ev, oc)
	}
}

// TestFeedHead: HEAD tells a subscriber the type and version without
// writing the feed.
func TestFeedHead(t *testing.T) {
	a := newApp(t)
	feedEvents(t, a)
	get, _ := fetch(t, a, "/calendar.ics")
	req, _ := http.NewRequest(http.MethodHead, a.srv.URL+"/calendar.ics", nil)
	resp, err := a.http.Do(req) // the same reader: a visitor's feed leaves the source articles out
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/calendar; charset=utf-8" || resp.Header.Get("ETag") != get.Header.Get("ETag") {
		t.Errorf("HEAD: %d %q ETag %q (GET's %q)", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("ETag"), get.Header.Get("ETag"))
	}
}

// TestFeedSignalsAnOccasionEdit: editing an occasion raises its SEQUENCE
// and LAST-MODIFIED, so calendar apps replace their copy.
func TestFeedSignalsAnOccasionEdit(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	occ, _ := a.db.Occasions(ctx)
	var pr domain.Occasion
	for _, o := range occ {
		if o.Key == "pr-day" {
			pr = o
		}
	}
	uid := "occasion-pr-day-1403@ruydad"
	_, before := fetch(t, a, "/calendar.ics?from=1403&to=1403")
	if !bytes.Contains(before, []byte("UID:"+uid+"\r\nDTSTAMP:")) {
		t.Fatalf("no VEVENT %s in the feed", uid)
	}
	pr.Description = "روز ملی ارتباطات و روابط عمومی؛ همایش‌ها و تجلیل از فعالان روابط عمومی."
	if err := uc(a.db).UpdateOccasion(ctx, pr); err != nil {
		t.Fatal(err)
	}
	_, after := fetch(t, a, "/calendar.ics?from=1403&to=1403")
	i := bytes.Index(after, []byte("UID:"+uid))
	if i < 0 {
		t.Fatalf("no VEVENT %s after the edit", uid)
	}
	vevent := string(after[i : i+bytes.Index(after[i:], []byte("END:VEVENT"))])
	if !strings.Contains(vevent, "\r\nSEQUENCE:1\r\n") || !strings.Contains(vevent, "\r\nLAST-MODIFIED:") {
		t.Errorf("after an edit the occasion reads:\n%s", vevent)
	}
}
