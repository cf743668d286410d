package e2e

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/seeds"
)

// datedSeedArticle is the ISNA report of Ilam's PR week programme: its
// dateline gives the publication date, and of its nine events one is dated.
const datedSeedArticle = "articles/000_0fe9c5fd863f98df.txt"

// queueOrder returns the ids of the review queue's cards, in order.
func (s *session) queueOrder() []string {
	s.t.Helper()
	var ids []string
	s.run(chromedp.Evaluate(`[...document.querySelectorAll('[data-testid="review-form"] li[data-event-id]')].map(li => li.dataset.eventId)`, &ids))
	return ids
}

// TestReviewFlowJourney pastes an article without a publication date,
// sees the date read from its dateline, edits then confirms one proposed
// event and sees the next open, bulk-confirms the rest (the undated ones
// are left, named) and filters the queue by kind.
func TestReviewFlowJourney(t *testing.T) {
	s := newSession(t)
	text, err := seeds.Articles.ReadFile(datedSeedArticle)
	if err != nil {
		t.Fatal(err)
	}
	s.open("/articles/new")
	if got := s.value("#f-published"); got != "" {
		t.Errorf("the article form fills in the publication date %q", got)
	}
	s.paste("#f-text", string(text))
	s.click(`[data-testid="submit"]`, `[data-testid="article-text"]`)
	if got := s.text(`[data-testid="article-published"]`); !strings.Contains(got, "۲۴ اردیبهشت ۱۳۹۸") || !strings.Contains(got, "از متن خبر خوانده شد") {
		t.Errorf("the article page says %q about its date", got)
	}
	if s.count(`#published-from mark[data-testid="dateline"]`) != 1 {
		t.Error("the dateline is not marked in the text")
	}

	s.click(`header nav a[href="/review"]`, `[data-testid="review-form"]`)
	order := s.queueOrder()
	if len(order) < 4 {
		t.Fatalf("the queue has %d events, want the article's nine", len(order))
	}
	// Edit, then confirm the first undated event: the sentence is above the
	// form, and saving opens the event that followed it.
	first := s.attr(`[data-testid="review-form"] li.undated`, "data-event-id")
	at := slices.Index(order, first)
	s.click(fmt.Sprintf(`li[data-event-id="%s"] [data-testid="edit-confirm"]`, first), `[data-testid="event-form"]`)
	evidence := s.text(`[data-testid="review-context"] [data-testid="evidence"]`)
	if evidence == "" || !strings.Contains(string(text), evidence) {
		t.Errorf("the form shows the sentence %q", evidence)
	}
	s.typeInto("#f-start", "1398/02/25")
	m := s.mark()
	s.click(`[data-testid="submit"]`, `[data-testid="flash"]`)
	s.expectStatus(m, "/events/"+first, 303)
	s.waitLocation(func(u *url.URL) bool {
		return u.Path == "/events/"+order[at+1]+"/edit" && u.Query().Get("confirm") == "1"
	})
	if s.count(`[data-testid="review-context"] [data-testid="evidence"]`) != 1 {
		t.Error("the next event's form does not show its sentence")
	}
	id, _ := strconv.ParseInt(first, 10, 64)
	if e, err := s.db.Event(context.Background(), id); err != nil || e.Status != domain.StatusConfirmed {
		t.Errorf("the edited event is %s (%v)", e.Status, err)
	}

	// Bulk: select every card and confirm; the dated ones are confirmed and
	// the undated ones listed.
	s.click(`header nav a[href="/review"]`, `[data-testid="review-form"]`)
	left := s.queueOrder()
	undated := s.count(`[data-testid="review-form"] li.undated`)
	s.run(chromedp.Evaluate(`document.querySelectorAll('[data-testid="review-form"] input[name="id"]').forEach(b => { b.checked = true; })`, nil))
	m = s.mark()
	s.click(`[data-testid="bulk-confirm"]`, `[data-testid="review-summary"]`)
	s.expectStatus(m, "/review", 303)
	want := fmt.Sprintf("%s رویداد تأیید شد؛ %s رویداد تاریخ ندارند و تأیید نشدند.", jalali.FaNum(len(left)-undated), jalali.FaNum(undated))
	if got := s.text(`[data-testid="review-summary"] p`); got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	if n := s.count(`[data-testid="review-summary"] a[data-testid="review-left"]`); n != undated {
		t.Errorf("the summary links %d events, want the %d undated", n, undated)
	}
	s.click(`[data-testid="review-summary"] a[data-testid="review-left"]`, `[data-testid="review-context"]`)
	s.click(`[data-testid="event-form"] [data-testid="cancel"]`, `[data-testid="review-filters"]`)

	// Filter by kind: the choice stays in the URL and in the queue's form.
	s.run(chromedp.SetValue(`#rf-kind`, string(domain.KindAward), chromedp.ByQuery))
	s.click(`[data-testid="review-filter"]`, `[data-testid="clear-filters"]`)
	s.waitLocation(func(u *url.URL) bool { return u.Query().Get("kind") == "award" })
	awards := s.count(`[data-testid="review-form"] li[data-event-id]`)
	if awards == 0 || awards >= len(left) {
		t.Errorf("the award filter lists %d of %d events", awards, len(left))
	}
	var kinds []string
	s.run(chromedp.Evaluate(`[...document.querySelectorAll('[data-testid="review-form"] li[data-event-id] .review-body .meta:first-of-type')].map(m => m.textContent.trim())`, &kinds))
	for _, k := range kinds {
		if k != domain.KindAward.Label() {
			t.Errorf("a %q event in the award queue", k)
		}
	}
	if got := s.attr(`[data-testid="review-form"] input[type="hidden"][name="kind"]`, "value"); got != "award" {
		t.Errorf("the queue's form carries kind %q", got)
	}
	if href := s.attr(`[data-testid="edit-confirm"]`, "href"); !strings.Contains(href, "kind=award") {
		t.Errorf("edit, then confirm leaves the filter: %q", href)
	}
}

// TestReviewCardActionsOnAPhone: at 390 px each card's buttons sit inside
// the card, under what it says, not after the whole article's group.
func TestReviewCardActionsOnAPhone(t *testing.T) {
	tr := newTour(t)
	tr.open("/review")
	tr.setViewport(phoneW, phoneH)
	defer tr.setViewport(desktopW, desktopH)
	tr.run(tr.fontsReady())
	var cards []struct {
		ID                  string
		Inside, Below, Wide bool
	}
	tr.run(chromedp.Evaluate(`[...document.querySelectorAll('li.review-card')].map(li => {
		const c = li.getBoundingClientRect(), a = li.querySelector('.card-actions').getBoundingClientRect(),
			b = li.querySelector('.review-body').getBoundingClientRect(), next = li.nextElementSibling?.getBoundingClientRect();
		return {id: li.dataset.eventId,
			inside: a.top >= c.top && a.bottom <= c.bottom && a.left >= c.left && a.right <= c.right && (!next || a.bottom <= next.top),
			below: a.top >= b.bottom - 1,
			wide: c.right > innerWidth};
	})`, &cards))
	if len(cards) == 0 {
		t.Fatal("the queue has no cards")
	}
	for _, c := range cards {
		if !c.Inside || !c.Below || c.Wide {
			t.Errorf("card %s at %d px: actions inside %v, under its text %v, wider than the screen %v", c.ID, phoneW, c.Inside, c.Below, c.Wide)
		}
	}
}
