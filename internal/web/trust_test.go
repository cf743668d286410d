package web_test

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/crypto/bcrypt"

	usecases "github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/sqlite"
	"github.com/ruydad/ruydad/internal/web"
)

// clockedApp is newBareApp whose use cases and server share the clock
// *now (the trash's 30 days run on it).
func clockedApp(t *testing.T, now *time.Time) *app {
	t.Helper()
	clock := func() time.Time { return *now }
	return newAppOver(t, web.Config{Now: clock}, func(db *sqlite.DB) *usecases.App {
		return usecases.Over(db, usecases.Options{Now: clock, Logger: discardLogger(), PasswordCost: bcrypt.MinCost})
	}, nil)
}

// withEvent is clockedApp, its client signed in with role, and e stored;
// it returns the app, e as stored and e's id as its address has it.
func withEvent(t *testing.T, now *time.Time, role domain.Role, e domain.Event) (*app, domain.Event, string) {
	t.Helper()
	a := clockedApp(t, now)
	a.signIn("office", role)
	a.saveEvent(&e)
	return a, e, itoa(e.ID)
}

// anonymous returns a client of a's server with no cookies: a visitor not
// signed in.
func (a *app) anonymous() *app {
	jar, _ := cookiejar.New(nil)
	v := *a
	v.http = &http.Client{Jar: jar, CheckRedirect: a.http.CheckRedirect}
	return &v
}

// saveEvent stores e through the use cases.
func (a *app) saveEvent(e *domain.Event) {
	a.t.Helper()
	if err := uc(a.db).SaveEvent(context.Background(), e); err != nil {
		a.t.Fatal(err)
	}
}

// Issue 15: deleting an event moves it to the trash. Its address answers
// 410 Gone, saying when it was deleted and, to an editor, offering to
// restore it; it leaves the month, the search and the feed (whose version
// moves); /trash lists it and restores it, with its number and UID, its
// sequence moved on.
func TestDeleteAnswers410AndRestoreBringsItBack(t *testing.T) {
	now := fixedNow
	a, e, id := withEvent(t, &now, domain.RoleEditor,
		domain.Event{Title: "همایش ملی روابط عمومی", Kind: domain.KindConference, Start: jalali.MustNew(1403, 2, 27)})
	withUsers(t, a)
	resp, feed := fetch(t, a, "/calendar.ics")
	etag := resp.Header.Get("ETag")
	if !strings.Contains(string(feed), e.UID) {
		t.Fatal("the event is not in the feed")
	}

	now = now.Add(time.Hour) // 11:00 in Tehran
	if resp, _ := a.post("/events/"+id+"/delete", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", resp.StatusCode)
	}
	status, doc := a.get("/events/" + id)
	gone := doc.Find(`[data-testid="gone"]`)
	if status != http.StatusGone || gone.Length() != 1 {
		t.Fatalf("the deleted event's page: %d", status)
	}
	if got := gone.Find(`[data-testid="gone-title"]`).Text(); got != e.Title {
		t.Errorf("the 410 page names %q", got)
	}
	if got := gone.Find(`[data-testid="gone-when"]`).Text(); got != "۲۰ اردیبهشت ۱۴۰۳، ساعت ۱۱:۰۰" {
		t.Errorf("the 410 page says it was deleted %q", got)
	}
	if !strings.Contains(gone.Text(), "۱۹ خرداد ۱۴۰۳") {
		t.Errorf("the 410 page does not say until when it can be restored: %s", gone.Text())
	}
	if gone.Find(`[data-testid="restore"]`).Text() != "بازگرداندن" {
		t.Error("an editor is offered no restore button")
	}
	for _, path := range []string{"/events/" + id + ".ics", "/events/" + id + "/edit", "/events/" + id + "/delete"} {
		if status, _ := a.get(path); status != http.StatusGone {
			t.Errorf("%s of a deleted event: %d, want 410", path, status)
		}
	}
	if _, doc := a.get("/calendar/1403/2"); doc.Find(`[data-event-id="`+id+`"]`).Length() != 0 {
		t.Error("the deleted event is still on the month")
	}
	if _, doc := a.get("/search?q=" + url.QueryEscape("همایش ملی")); strings.Contains(doc.Find("main").Text(), e.Title) {
		t.Error("search finds the deleted event")
	}
	resp, feed = fetch(t, a, "/calendar.ics", "If-None-Match", etag)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("ETag") == etag || strings.Contains(string(feed), e.UID) {
		t.Errorf("the feed after the delete: %d, ETag %s (was %s), holds the UID: %v", resp.StatusCode, resp.Header.Get("ETag"), etag,
			strings.Contains(string(feed), e.UID))
	}
	etag = resp.Header.Get("ETag")

	// Others see that it was deleted, without the button.
	for who, c := range map[string]*app{"a visitor": a.anonymous(), "a viewer": func() *app {
		v := a.anonymous()
		v.login("viewer", pw)
		return v
	}()} {
		status, doc := c.get("/events/" + id)
		if status != http.StatusGone || doc.Find(`[data-testid="gone"]`).Length() != 1 || doc.Find(`[data-testid="restore"]`).Length() != 0 {
			t.Errorf("%s: %d, restore buttons %d", who, status, doc.Find(`[data-testid="restore"]`).Length())
		}
		if doc.Find(`a[href="/trash"]`).Length() != 0 {
			t.Errorf("%s is shown the trash", who)
		}
	}

	status, doc = a.get("/trash")
	item := doc.Find(`[data-testid="trash"] [data-event-id="` + id + `"]`)
	if status != http.StatusOK || !strings.Contains(item.Text(), e.Title) || item.Find(`[data-testid="restore"]`).Length() != 1 {
		t.Fatalf("the trash: %d %q", status, doc.Find("main").Text())
	}
	if doc.Find(`nav.nav-wide a[href="/trash"]`).Length() != 1 {
		t.Error("an editor's menu does not link the trash")
	}
	now = now.Add(time.Hour)
	resp, _ = a.post("/events/"+id+"/restore", url.Values{})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/events/"+id+"?done=restored" {
		t.Fatalf("restore: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	status, doc = a.get("/events/" + id + "?done=restored")
	if status != http.StatusOK || doc.Find(`[data-testid="flash"]`).Length() != 1 || doc.Find(`[data-testid="event-title"]`).Text() != e.Title {
		t.Errorf("the restored event's page: %d", status)
	}
	got, err := a.db.Event(context.Background(), e.ID)
	if err != nil || got.UID != e.UID || got.Sequence != e.Sequence+1 || !got.UpdatedAt.Equal(now) || got.Title != e.Title || got.Start != e.Start {
		t.Errorf("restored: %+v, %v", got, err)
	}
	if _, doc := a.get("/calendar/1403/2"); doc.Find(`[data-event-id="`+id+`"]`).Length() != 1 {
		t.Error("the restored event is not back on the month")
	}
	resp, feed = fetch(t, a, "/calendar.ics", "If-None-Match", etag)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(feed), e.UID) || !strings.Contains(string(feed), "SEQUENCE:1") {
		t.Errorf("the feed after the restore: %d", resp.StatusCode)
	}
	if _, doc := a.get("/trash"); doc.Find(`[data-testid="trash-empty"]`).Length() != 1 {
		t.Error("the restored event is still in the trash")
	}
}

// The trash is an editor's: a viewer is refused, a visitor asked to sign
// in, and neither restores anything.
func TestTrashNeedsAnEditor(t *testing.T) {
	now := fixedNow
	a := clockedApp(t, &now)
	withUsers(t, a)
	e := domain.Event{Title: "نشست", Kind: domain.KindMeeting, Start: jalali.MustNew(1403, 2, 27)}
	a.saveEvent(&e)
	if err := uc(a.db).DeleteEvent(context.Background(), e.ID); err != nil {
		t.Fatal(err)
	}
	visitor := a.anonymous()
	if resp, _ := visitor.read(visitor.http.Get(a.srv.URL + "/trash")); resp.StatusCode != http.StatusSeeOther ||
		!strings.HasPrefix(resp.Header.Get("Location"), "/login?next=") {
		t.Errorf("a visitor at /trash: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := visitor.post("/events/"+itoa(e.ID)+"/restore", url.Values{}); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("a visitor restoring: %d", resp.StatusCode)
	}
	viewer := a.anonymous()
	viewer.login("viewer", pw)
	if status, _ := viewer.get("/trash"); status != http.StatusForbidden {
		t.Errorf("a viewer at /trash: %d", status)
	}
	if resp, _ := viewer.post("/events/"+itoa(e.ID)+"/restore", url.Values{}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a viewer restoring: %d", resp.StatusCode)
	}
	if _, err := a.db.Event(context.Background(), e.ID); err == nil {
		t.Error("the event came back")
	}
}

// Restoring twice opens the event; restoring an event whose UID another
// took since (an import) keeps it in the trash and says why.
func TestRestoreTwiceAndRestoreOverATakenUID(t *testing.T) {
	ctx := context.Background()
	now := fixedNow
	a, e, id := withEvent(t, &now, domain.RoleEditor, domain.Event{Title: "نشست", Kind: domain.KindMeeting, Start: jalali.MustNew(1403, 2, 27)})
	if err := uc(a.db).DeleteEvent(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	// The button sent twice: the second finds it restored already.
	for _, want := range []string{"/events/" + id + "?done=restored", "/events/" + id} {
		if resp, _ := a.post("/events/"+id+"/restore", url.Values{}); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != want {
			t.Errorf("restore: %d %s, want %s", resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}
	if err := uc(a.db).DeleteEvent(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := uc(a.db).ImportEvents(ctx, []domain.Event{{UID: e.UID, Title: "نسخهٔ وارد‌شده", Kind: domain.KindMeeting, Start: e.Start}}); err != nil {
		t.Fatal(err)
	}
	resp, _ := a.post("/events/"+id+"/restore", url.Values{})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/trash?done=restore-conflict" {
		t.Fatalf("restoring over a taken UID: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, doc := a.get("/trash?done=restore-conflict")
	if !strings.Contains(doc.Find(`[data-testid="flash"]`).Text(), "UID") || doc.Find(`[data-event-id="`+id+`"]`).Length() != 1 {
		t.Errorf("the trash after a refused restore: %q", doc.Find("main").Text())
	}
}

// After 30 days an event can no longer be restored: its page says when it
// was deleted and offers nothing; once purged, it says it is gone for good.
func TestGoneAfterThirtyDays(t *testing.T) {
	now := fixedNow
	a, e, id := withEvent(t, &now, domain.RoleAdmin, domain.Event{Title: "بازدید رسانه‌ای", Kind: domain.KindMediaTour, Start: jalali.MustNew(1403, 2, 27)})
	if resp, _ := a.post("/events/"+id+"/delete", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatal(resp.StatusCode)
	}
	now = now.Add(30 * 24 * time.Hour)
	status, doc := a.get("/events/" + id)
	if status != http.StatusGone || doc.Find(`[data-testid="restore"]`).Length() != 0 || strings.Contains(doc.Text(), "می‌توان آن را بازگرداند") {
		t.Errorf("30 days after: %d, restore buttons %d", status, doc.Find(`[data-testid="restore"]`).Length())
	}
	if _, doc := a.get("/trash"); doc.Find(`[data-event-id="`+id+`"]`).Length() != 0 {
		t.Error("the trash offers an event deleted 30 days ago")
	}
	if resp, doc := a.post("/events/"+id+"/restore", url.Values{}); resp.StatusCode != http.StatusGone || doc.Find(`[data-testid="gone"]`).Length() != 1 {
		t.Errorf("restoring after 30 days: %d", resp.StatusCode)
	}
	if n, err := a.db.PurgeTrash(context.Background(), now.Add(-domain.TrashKeep), now); err != nil || n != 1 {
		t.Fatalf("purge: %d, %v", n, err)
	}
	status, doc = a.get("/events/" + id)
	if status != http.StatusGone || !strings.Contains(doc.Find(`[data-testid="gone"]`).Text(), "برای همیشه پاک شده") ||
		doc.Find(`[data-testid="gone-title"]`).Length() != 0 {
		t.Errorf("purged: %d %q", status, doc.Find(`[data-testid="gone"]`).Text())
	}
	other := domain.Event{Title: "رویداد بعدی", Kind: domain.KindMeeting, Start: jalali.MustNew(1403, 2, 28)}
	a.saveEvent(&other)
	if other.ID <= e.ID {
		t.Errorf("the purged number %d was given to %d", e.ID, other.ID)
	}
}

// editorOnly are the paths (prefixes, or suffixes after an id) of the
// routes only an editor or administrator may use.
var editorOnly = []string{"/events/new", "/import", "/articles/new", "/occasions/new", "/trash", "/settings/", "/users"}

// writeLinks returns the links and form actions of doc that lead to what
// only an editor may use.
func writeLinks(doc *goquery.Document) []string {
	var out []string
	doc.Find("a[href], form[action]").Each(func(_ int, s *goquery.Selection) {
		target := s.AttrOr("href", s.AttrOr("action", ""))
		method := strings.ToLower(s.AttrOr("method", "get"))
		path, _, _ := strings.Cut(target, "?")
		bad := strings.HasSuffix(path, "/edit") || strings.HasSuffix(path, "/delete") || strings.HasSuffix(path, "/restore") ||
			strings.HasSuffix(path, "/visibility") || goquery.NodeName(s) == "form" && method == "post" && path != "/logout"
		for _, p := range editorOnly {
			bad = bad || strings.HasPrefix(path, p)
		}
		if bad {
			out = append(out, target)
		}
	})
	return out
}

// Where accounts exist, a visitor not signed in (and a viewer) sees only
// confirmed events on every page that lists events and in the feeds,
// finds no draft in the search, cannot open the articles or the review
// queue, and is shown no link to a form they could not use. An editor
// sees it all; so does everyone once an administrator makes the drafts
// public (the links to forms still an editor's).
func TestVisitorsSeeOnlyConfirmedEvents(t *testing.T) {
	ctx := context.Background()
	now := fixedNow
	a := clockedApp(t, &now)
	withUsers(t, a)
	confirmed := domain.Event{Title: "نشست تأییدشده", Kind: domain.KindConference, Start: jalali.MustNew(1403, 2, 27)}
	a.saveEvent(&confirmed)
	art := domain.Article{Title: "خبر نشست", Text: "نشست پیشنهادی مدیرکل روز ۲۷ اردیبهشت برگزار می‌شود", Hash: "h-visible"}
	mined := []domain.Event{{Title: "نشست پیشنهادی", Kind: domain.KindMeeting, Start: jalali.MustNew(1403, 2, 27),
		Status: domain.StatusProposed, EvidenceStart: 0, EvidenceEnd: 10, Confidence: 0.8}}
	if _, err := uc(a.db).StoreArticle(ctx, &art, mined, nil); err != nil {
		t.Fatal(err)
	}
	stored, _ := a.db.ArticleEvents(ctx, art.ID)
	proposed := stored[0]
	// Confirmed events mined from the article name it: a visitor is not led there.
	sourced := domain.Event{Title: "جشنواره تأییدشده", Kind: domain.KindFestival, Start: jalali.MustNew(1403, 2, 27), ArticleID: art.ID}
	a.saveEvent(&sourced)

	// Each page, and whether it lists events by title (then the proposed
	// one is among them exactly for those who see drafts).
	listings := []struct {
		path   string
		titles bool
	}{
		{"/calendar/1403/2?proposed=1", true}, {"/calendar/1403/2/27?proposed=1", true}, {"/agenda?proposed=1", true},
		{"/search?q=" + url.QueryEscape("نشست"), true}, {"/calendar/1403?proposed=1", false},
		{"/events/" + itoa(confirmed.ID), false}, {"/events/" + itoa(sourced.ID), false}, {"/occasions", false}, {"/hijri", false},
		{"/calendar.ics?proposed=1", false},
	}
	check := func(who string, c *app, drafts, write bool) {
		t.Helper()
		for _, l := range listings {
			resp, body := fetch(t, c, l.path)
			text := string(body)
			if resp.StatusCode != http.StatusOK {
				t.Errorf("%s, %s: %d", who, l.path, resp.StatusCode)
				continue
			}
			if l.titles && strings.Contains(text, proposed.Title) != drafts {
				t.Errorf("%s, %s: shows the proposed event %v, want %v", who, l.path, !drafts, drafts)
			}
			if !strings.Contains(text, confirmed.Title) && l.titles {
				t.Errorf("%s, %s: the confirmed event is missing", who, l.path)
			}
			if strings.HasSuffix(l.path, ".ics?proposed=1") {
				if strings.Contains(text, proposed.UID) || !strings.Contains(text, confirmed.UID) {
					t.Errorf("%s, the feed: carries the proposed event or lacks the confirmed one", who)
				}
				if names := strings.Contains(unfold(text), "منبع: "+art.Title); names != drafts {
					t.Errorf("%s, the feed names the source article %v, want %v", who, names, drafts)
				}
				continue
			}
			if l.path == "/events/"+itoa(sourced.ID) && strings.Contains(text, "/articles/"+itoa(art.ID)) != drafts {
				t.Errorf("%s, %s: links its article %v, want %v", who, l.path, !drafts, drafts)
			}
			doc, _ := goquery.NewDocumentFromReader(strings.NewReader(text))
			if links := writeLinks(doc); len(links) > 0 != write {
				t.Errorf("%s, %s: links to writing %q", who, l.path, links)
			}
			if doc.Find(`nav a[href="/review"], nav a[href="/articles"]`).Length() > 0 != drafts {
				t.Errorf("%s, %s: menu links the drafts %v, want %v", who, l.path, !drafts, drafts)
			}
		}
		if _, body := fetch(t, c, "/events/"+itoa(sourced.ID)+".ics"); strings.Contains(unfold(string(body)), "منبع: "+art.Title) != drafts {
			t.Errorf("%s, the event's .ics names its source article %v, want %v", who, !drafts, drafts)
		}
		for _, path := range []string{"/events/" + itoa(proposed.ID), "/events/" + itoa(proposed.ID) + ".ics"} {
			if resp, _ := fetch(t, c, path); (resp.StatusCode == http.StatusOK) != drafts {
				t.Errorf("%s, the proposed event's %s: %d", who, path, resp.StatusCode)
			}
		}
		for _, path := range []string{"/articles", "/articles/" + itoa(art.ID), "/review"} {
			resp, body := fetch(t, c, path)
			if (resp.StatusCode == http.StatusOK) != drafts {
				t.Errorf("%s, %s: %d", who, path, resp.StatusCode)
			}
			if resp.StatusCode != http.StatusOK {
				continue
			}
			doc, _ := goquery.NewDocumentFromReader(strings.NewReader(string(body)))
			if links := writeLinks(doc); len(links) > 0 != write {
				t.Errorf("%s, %s: links to writing %q", who, path, links)
			}
		}
		if resp, body := fetch(t, c, "/search?q="+url.QueryEscape("خبر نشست")); resp.StatusCode != http.StatusOK ||
			strings.Contains(string(body), "/articles/"+itoa(art.ID)) != drafts || strings.Contains(string(body), " خبر پیدا شد") != drafts {
			t.Errorf("%s: the search finds (or counts) the article %v, want %v", who, !drafts, drafts)
		}
	}

	visitor, viewer, editor := a.anonymous(), a.anonymous(), a.anonymous()
	viewer.login("viewer", pw)
	editor.login("editor", pw)
	check("a visitor", visitor, false, false)
	check("a viewer", viewer, false, false)
	check("an editor", editor, true, true)
	if resp, _ := fetch(t, visitor, "/review"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login?next=") {
		t.Errorf("a visitor at /review: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := fetch(t, viewer, "/review"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a viewer at /review: %d", resp.StatusCode)
	}

	// A user's secret feed is what that user reads.
	for name, drafts := range map[string]bool{"viewer": false, "editor": true} {
		u, err := a.db.UserByName(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		token, err := a.db.ResetFeedToken(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		resp, body := fetch(t, visitor, "/feeds/"+token+"/calendar.ics")
		if resp.StatusCode != http.StatusOK || strings.Contains(unfold(string(body)), "منبع: "+art.Title) != drafts ||
			strings.Contains(string(body), proposed.UID) {
			t.Errorf("the %s's secret feed: %d, names the source article %v", name, resp.StatusCode, !drafts)
		}
	}

	admin := a.anonymous()
	admin.login("admin", pw)
	_, doc := admin.get("/users")
	if doc.Find(`[data-testid="drafts-setting"] input[name="public"]`).AttrOr("value", "") != "1" {
		t.Fatal("the users page offers no switch to make the drafts public")
	}
	if resp, _ := viewer.post("/settings/drafts", url.Values{"public": {"1"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a viewer switching the drafts public: %d", resp.StatusCode)
	}
	if resp, _ := admin.post("/settings/drafts", url.Values{"public": {"1"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("making the drafts public: %d", resp.StatusCode)
	}
	check("a visitor, drafts public", visitor, true, false)
	check("a viewer, drafts public", viewer, true, false)
	if resp, _ := admin.post("/settings/drafts", url.Values{"public": {"0"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("making the drafts private: %d", resp.StatusCode)
	}
	check("a visitor, drafts private again", visitor, false, false)
	if resp, _ := admin.post("/settings/drafts", url.Values{"public": {"maybe"}}); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a bad setting: %d", resp.StatusCode)
	}
}

// While no account has ever existed (first run, or one office alone), a
// visitor sees the drafts as before.
func TestWithoutAccountsTheDraftsStayVisible(t *testing.T) {
	a := newBareApp(t)
	art := domain.Article{Title: "خبر", Text: "نشست پیشنهادی", Hash: "h-first-run"}
	mined := []domain.Event{{Title: "نشست پیشنهادی", Kind: domain.KindMeeting, Start: jalali.MustNew(1403, 2, 27), Status: domain.StatusProposed, Confidence: 0.5}}
	if _, err := uc(a.db).StoreArticle(context.Background(), &art, mined, nil); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/calendar/1403/2?proposed=1", "/review", "/articles/" + itoa(art.ID)} {
		status, doc := a.get(path)
		if status != http.StatusOK || !strings.Contains(doc.Find("main").Text(), "نشست پیشنهادی") {
			t.Errorf("%s without accounts: %d", path, status)
		}
	}
}

// unfold undoes iCalendar's line folding.
func unfold(ics string) string { return strings.ReplaceAll(ics, "\r\n ", "") }
