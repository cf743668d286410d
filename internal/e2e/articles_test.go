package e2e

import (
	"context"
	"fmt"
	"strconv"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/ruydad/ruydad/seeds"
)

// seedArticle is the Mehr News report of the Qazvin PR council meeting.
const seedArticle = "articles/001_b036e62a970a7aff.txt"

func TestArticleReviewJourney(t *testing.T) {
	s := newSession(t)
	text, err := seeds.Articles.ReadFile(seedArticle)
	if err != nil {
		t.Fatal(err)
	}
	s.open("/")
	s.click(`header nav a[href="/articles"]`, `a[href="/articles/new"]`)
	s.click(`main a[href="/articles/new"]`, `[data-testid="article-form"]`)
	s.paste("#f-text", string(text))
	s.typeInto("#f-published", "1395/05/18")
	m := s.mark()
	s.click(`[data-testid="submit"]`, `[data-testid="article-text"]`)
	s.expectStatus(m, "/articles", 303)
	articlePath := s.path()

	var stored string
	s.run(chromedp.Evaluate(`document.querySelector('[data-testid="article-text"]').textContent`, &stored))
	if stored != string(text) {
		t.Error("the article page does not show the pasted text as it was")
	}
	marks := `[data-testid="article-text"] a.evidence-mark[data-event-id] mark`
	if n := s.count(marks); n == 0 {
		t.Fatal("no evidence is highlighted in the article")
	}
	var unpainted int
	s.run(chromedp.Evaluate(fmt.Sprintf(`[...document.querySelectorAll(%s)].filter(m => {
		const c = getComputedStyle(m).backgroundColor;
		return c === "transparent" || c === "rgba(0, 0, 0, 0)";
	}).length`, js(marks)), &unpainted))
	if unpainted != 0 {
		t.Errorf("%d evidence marks have no highlight colour", unpainted)
	}
	s.shoot("article", `[data-testid="article-text"] a.evidence-mark`)

	s.click(`header nav a[href="/review"]`, `[data-testid="review-form"]`)
	s.shoot("review", "h1")
	confirm := `li[data-event-id]:not(.undated) button[data-testid="confirm"]`
	var id string
	s.run(chromedp.Evaluate(fmt.Sprintf(`document.querySelector(%s)?.closest("li").dataset.eventId ?? ""`, js(confirm)), &id))
	if id == "" {
		t.Fatal("the review queue offers no dated event to confirm")
	}
	m = s.mark()
	s.click(fmt.Sprintf(`li[data-event-id="%s"] button[data-testid="confirm"]`, id), `[data-testid="flash"]`)
	s.expectStatus(m, "/review", 303)
	if n := s.count(fmt.Sprintf(`li[data-event-id="%s"]`, id)); n != 0 {
		t.Errorf("event %s is still in the review queue after confirming it", id)
	}

	// Find it again from its article, then its month.
	s.click(`header nav a[href="/articles"]`, `[data-testid="articles"]`)
	s.click(fmt.Sprintf(`[data-testid="articles"] a[href="%s"]`, articlePath), `[data-testid="article-text"]`)
	s.click(fmt.Sprintf(`aside li[data-event-id="%s"] a.review-title`, id), `[data-testid="event-title"]`)
	if s.count(`[data-testid="proposed"]`) != 0 {
		t.Error("the confirmed event's page still says it is proposed")
	}
	s.click(`article.event a[href^="/calendar/"]`, `[data-testid="month"]`)
	n, _ := strconv.ParseInt(id, 10, 64)
	e, err := s.db.Event(context.Background(), n)
	if err != nil {
		t.Fatal(err)
	}
	cell := fmt.Sprintf(`td[data-date="%s"] a[data-event-id="%s"]`, e.Start, id)
	if s.count(cell) != 1 {
		t.Errorf("the month at %s does not show event %s on %s", s.path(), id, e.Start)
	}
}

// paste puts text into the field as a clipboard paste does: one insertion at
// the caret.
func (s *session) paste(sel, text string) {
	s.t.Helper()
	s.run(chromedp.Focus(sel, chromedp.ByQuery), input.InsertText(text))
}
