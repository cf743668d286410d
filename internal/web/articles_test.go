package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/seeds"
)

func seedText(t *testing.T, name string) string {
	t.Helper()
	b, err := seeds.Articles.ReadFile("articles/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// postArticle submits an article and returns the article page path.
func postArticle(t *testing.T, a *app, form url.Values) (string, string) {
	t.Helper()
	resp, _ := a.post("/articles", form)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("post article: %d", resp.StatusCode)
	}
	path, query, _ := strings.Cut(resp.Header.Get("Location"), "?")
	return path, query
}

func TestArticleIsMinedHighlightedAndNotDuplicated(t *testing.T) {
	a := newApp(t)
	text := seedText(t, "001_b036e62a970a7aff.txt")
	path, q := postArticle(t, a, url.Values{"text": {text}, "published": {"۱۳۹۵/۰۵/۱۸"}, "source": {"ایسنا"}, "province": {"قزوین"}})
	if !strings.HasPrefix(path, "/articles/") || q != "done=imported" {
		t.Fatalf("redirected to %s?%s", path, q)
	}
	status, doc := a.get(path)
	if status != http.StatusOK {
		t.Fatalf("article page %d", status)
	}
	marks := doc.Find(`[data-testid="article-text"] a.evidence-mark[data-event-id]`)
	if marks.Length() == 0 {
		t.Fatal("no evidence highlighted in the article")
	}
	if got := doc.Find(`[data-testid="article-text"]`).Text(); got != text {
		t.Error("the highlighted article text differs from the stored text")
	}
	mark := marks.First()
	id, _ := mark.Attr("data-event-id")
	_, ev := a.get("/events/" + id)
	if ev.Find(`[data-testid="evidence"]`).Text() == "" || !strings.Contains(text, ev.Find(`[data-testid="evidence"]`).Text()) {
		t.Error("the event page does not quote its evidence from the article")
	}
	// The same article again, with Arabic letters and other digits: nothing new.
	again := strings.NewReplacer("ی", "ي", "ک", "ك", "1", "۱").Replace(text)
	path2, q2 := postArticle(t, a, url.Values{"text": {again}})
	if path2 != path || q2 != "done=duplicate" {
		t.Errorf("duplicate went to %s?%s, want %s?done=duplicate", path2, q2, path)
	}
	n, _ := a.db.CountArticles(context.Background())
	if n != 1 {
		t.Errorf("%d articles stored, want 1", n)
	}
}

func TestArticleFormErrors(t *testing.T) {
	a := newApp(t)
	for _, form := range []url.Values{
		{"text": {"   "}},
		{"text": {"خبر"}, "published": {"1404/12/30"}},
		{"text": {"خبر"}, "title": {strings.Repeat("ا", 400)}},
	} {
		resp, doc := a.post("/articles", form)
		if resp.StatusCode != http.StatusUnprocessableEntity || doc.Find("p.error").Length() == 0 {
			t.Errorf("%v: %d, want 422 with a message", form, resp.StatusCode)
		}
	}
	if n, _ := a.db.CountArticles(context.Background()); n != 0 {
		t.Errorf("%d articles stored from invalid forms", n)
	}
}

func TestReviewConfirmRejectBulkAndEditConfirm(t *testing.T) {
	a := newApp(t)
	postArticle(t, a, url.Values{"text": {seedText(t, "001_b036e62a970a7aff.txt")}, "published": {"1395/05/18"}})
	ctx := context.Background()
	queue, _, err := a.db.ProposedEvents(ctx, domain.ReviewFilter{}, 100, 0)
	if err != nil || len(queue) < 3 {
		t.Fatalf("queue has %d events (%v); the Qazvin article has at least 3", len(queue), err)
	}
	var dated []domain.Event
	for _, e := range queue {
		if e.Dated() {
			dated = append(dated, e)
		}
	}
	_, doc := a.get("/review")
	if doc.Find(`[data-testid="review-form"] li[data-event-id]`).Length() != len(queue) {
		t.Errorf("review page lists %d events, want %d", doc.Find(`li[data-event-id]`).Length(), len(queue))
	}
	first := dated[0]
	m := first.Start
	_, cal := a.get(monthPath(m.Year, m.Month))
	if cal.Find(`[data-event-id="`+itoa(first.ID)+`"]`).Length() != 0 {
		t.Fatal("a proposed event is on the calendar by default")
	}
	_, cal = a.get(monthPath(m.Year, m.Month) + "?proposed=1")
	if cal.Find(`a.proposed[data-event-id="`+itoa(first.ID)+`"]`).Length() == 0 {
		t.Error("a proposed event is not shown, styled, with ?proposed=1")
	}

	resp, _ := a.post("/review", url.Values{"act": {"confirm-" + itoa(first.ID)}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d", resp.StatusCode)
	}
	_, cal = a.get(monthPath(m.Year, m.Month))
	if cal.Find(`[data-event-id="`+itoa(first.ID)+`"]`).Length() == 0 {
		t.Error("a confirmed event is not on the calendar")
	}

	resp, _ = a.post("/review", url.Values{"act": {"reject-" + itoa(dated[1].ID)}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("reject: %d", resp.StatusCode)
	}
	if e, _ := a.db.Event(ctx, dated[1].ID); e.Status != domain.StatusRejected {
		t.Errorf("rejected event has status %s", e.Status)
	}

	// Edit, then confirm: the form saves the correction and confirms.
	target := dated[2]
	resp, _ = a.post("/events/"+itoa(target.ID)+"?confirm=1", url.Values{"title": {"عنوان اصلاح‌شده"}, "kind": {string(target.Kind)}, "start": {"1395/06/03"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit-then-confirm: %d", resp.StatusCode)
	}
	if e, _ := a.db.Event(ctx, target.ID); e.Status != domain.StatusConfirmed || e.Title != "عنوان اصلاح‌شده" || e.ArticleID == 0 {
		t.Errorf("after edit-then-confirm: %+v", e)
	}

	// Bulk: confirm every remaining dated one at once.
	rest, _, _ := a.db.ProposedEvents(ctx, domain.ReviewFilter{}, 100, 0)
	form := url.Values{"act": {"confirm"}}
	for _, e := range rest {
		if e.Dated() {
			form.Add("id", itoa(e.ID))
		}
	}
	if len(form["id"]) > 0 {
		if resp, _ = a.post("/review", form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("bulk confirm: %d", resp.StatusCode)
		}
		for _, id := range form["id"] {
			if e, _ := a.db.Event(ctx, atoi64(id)); e.Status != domain.StatusConfirmed {
				t.Errorf("bulk left event %s %s", id, e.Status)
			}
		}
	}
	resp, doc = a.post("/review", url.Values{"act": {"confirm"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || doc.Find(`[data-testid="review-error"]`).Length() != 1 {
		t.Errorf("bulk with nothing selected: %d", resp.StatusCode)
	}
}

func TestConfirmingUndatedEventIsRefused(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	art := domain.Article{Text: "نشست خبری مدیرکل برگزار می‌شود.", Hash: "h"}
	ev := []domain.Event{{Title: "نشست خبری", Kind: domain.KindPressConference, Status: domain.StatusProposed}}
	if _, err := uc(a.db).StoreArticle(ctx, &art, ev, nil); err != nil {
		t.Fatal(err)
	}
	resp, doc := a.post("/review", url.Values{"act": {"confirm-" + itoa(ev[0].ID)}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.Find(`[data-testid="review-error"]`).Text(), "تاریخ") {
		t.Errorf("confirming an undated event: %d", resp.StatusCode)
	}
	if e, _ := a.db.Event(ctx, ev[0].ID); e.Status != domain.StatusProposed {
		t.Errorf("status changed to %s", e.Status)
	}
}

func TestArticleHTMLShownAsText(t *testing.T) {
	a := newApp(t)
	path, _ := postArticle(t, a, url.Values{"text": {"<script>alert(1)</script> همایش روابط عمومی روز ۲۷ اردیبهشت ۱۴۰۳ برگزار شد. <img src=x onerror=alert(2)>"},
		"no_date": {"1"}})
	resp, err := a.http.Get(a.srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "<script>alert") || strings.Contains(string(b), "<img src=x") {
		t.Error("article HTML rendered as markup")
	}
}

func monthPath(y, m int) string { return "/calendar/" + itoa(int64(y)) + "/" + itoa(int64(m)) }

func atoi64(s string) int64 {
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}

// TestEveryEvidenceAnchorExists: events that share a sentence (or whose
// evidence lies inside another's) each have their anchor on the article
// page, where their event page links.
func TestEveryEvidenceAnchorExists(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	text := "مقدمه. نشست خبری و همایش و جشنواره در ۲۷ اردیبهشت برگزار می‌شود. پایان."
	sentence := strings.Index(text, "نشست")
	end := strings.Index(text, " پایان")
	inner := strings.Index(text, "همایش")
	art := domain.Article{Text: text, Hash: "anchors", Title: "خبر"}
	d := jalali.MustNew(1403, 2, 27)
	evs := []domain.Event{
		{Title: "نشست خبری", Kind: domain.KindPressConference, Status: domain.StatusProposed, Start: d, EvidenceStart: sentence, EvidenceEnd: end},
		{Title: "همایش", Kind: domain.KindConference, Status: domain.StatusProposed, Start: d, EvidenceStart: sentence, EvidenceEnd: end},
		{Title: "جشنواره", Kind: domain.KindFestival, Status: domain.StatusConfirmed, Start: d, EvidenceStart: sentence, EvidenceEnd: end},
		{Title: "همایش درون جمله", Kind: domain.KindConference, Status: domain.StatusProposed, Start: d, EvidenceStart: inner, EvidenceEnd: inner + len("همایش")},
	}
	if _, err := uc(a.db).StoreArticle(ctx, &art, evs, nil); err != nil {
		t.Fatal(err)
	}
	_, doc := a.get("/articles/" + itoa(art.ID))
	if got := doc.Find(`[data-testid="article-text"]`).Text(); got != text {
		t.Errorf("the article reads %q, want the stored text", got)
	}
	for _, e := range evs {
		_, page := a.get("/events/" + itoa(e.ID))
		href, _ := page.Find(`dd a[href^="/articles/"]`).Attr("href")
		_, frag, _ := strings.Cut(href, "#")
		if frag != "ev-"+itoa(e.ID) {
			t.Errorf("event %q links to %q", e.Title, href)
		}
		anchor := doc.Find("#" + frag)
		if anchor.Length() != 1 {
			t.Errorf("event %q: %d elements with id %s on the article page, want 1", e.Title, anchor.Length(), frag)
			continue
		}
		if mark := anchor.Find("mark"); mark.Length() != 1 || !strings.HasPrefix(text[e.EvidenceStart:], mark.Text()) {
			t.Errorf("event %q: its anchor holds %q, not the start of its evidence", e.Title, mark.Text())
		}
	}
}
