package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/seeds"
)

// tour is a session over a calendar with something on every page: a
// hand-made event and a mined article with its proposed events.
type tour struct {
	*session
	eventID   string // confirmed, typed in
	articleID string
}

func newTour(t *testing.T) *tour {
	t.Helper()
	s := newSession(t)
	tr := &tour{session: s}
	tr.eventID = s.addEvent("نشست خبری مدیرکل روابط عمومی استانداری با خبرنگاران", jalali.MustNew(1403, 2, 27), jalali.MustNew(1403, 2, 29))
	text, err := seeds.Articles.ReadFile(seedArticle)
	if err != nil {
		t.Fatal(err)
	}
	s.open("/articles/new")
	s.paste("#f-text", string(text))
	s.typeInto("#f-published", "1395/05/18")
	s.click(`[data-testid="submit"]`, `[data-testid="article-text"]`)
	tr.articleID = s.path()[len("/articles/"):]
	return tr
}

// page is one screen of the app and how a user reaches it.
type page struct {
	name  string
	visit func(*tour)
}

// pages are the main screens, each with content in it.
var pages = []page{
	{"month", func(tr *tour) { tr.open("/calendar/1403/2") }},
	{"day", func(tr *tour) { tr.open("/calendar/1403/2/27") }},
	{"week", func(tr *tour) { tr.open("/calendar/1403/2/22/week") }},
	{"event", func(tr *tour) { tr.open("/events/" + tr.eventID) }},
	{"delete-confirm", func(tr *tour) {
		tr.open("/events/" + tr.eventID)
		tr.click(`[data-testid="delete"]`, `[data-testid="confirm-delete"]`)
	}},
	{"event-form-errors", func(tr *tour) {
		tr.open("/events/new")
		tr.typeInto("#f-start", "1404/12/30")
		tr.typeInto("#f-end", "1403/13/01")
		tr.click(`[data-testid="submit"]`, `[data-testid="error-start"]`)
	}},
	{"articles", func(tr *tour) { tr.open("/articles") }},
	{"article", func(tr *tour) { tr.open("/articles/" + tr.articleID) }},
	{"proposed-event", func(tr *tour) {
		tr.open("/articles/" + tr.articleID)
		tr.click(`a.evidence-mark[data-event-id]`, `[data-testid="proposed"]`)
	}},
	{"review", func(tr *tour) { tr.open("/review") }},
	{"review-filtered", func(tr *tour) { tr.open("/review?kind=media_tour&below=95") }},
	{"review-edit-confirm", func(tr *tour) {
		tr.open("/review")
		tr.click(`[data-testid="edit-confirm"]`, `[data-testid="review-context"]`)
	}},
	{"review-refused", func(tr *tour) {
		tr.open("/review")
		tr.click(`[data-testid="bulk-reject"]`, `[data-testid="review-error"]`)
	}},
	{"agenda", func(tr *tour) { tr.open("/agenda") }},
	{"occasions", func(tr *tour) { tr.open("/occasions") }},
	{"occasions-all", func(tr *tour) { tr.open("/occasions?month=all") }},
	{"occasion-form", func(tr *tour) { tr.open("/occasions/new") }},
	{"hijri", func(tr *tour) { tr.open("/hijri?year=1448") }},
	{"lunar-month", func(tr *tour) { tr.open("/calendar/1403/4") }},
	{"year", func(tr *tour) { tr.open("/calendar/1403") }},
	{"search", func(tr *tour) { tr.open("/search?q=" + "روابط") }},
	{"not-found", func(tr *tour) {
		if status := tr.open("/events/999999"); status != 404 {
			tr.t.Errorf("a missing event answers %d, want 404", status)
		}
	}},
}

// eachPage visits every page, in a subtest each, and calls check on it.
func eachPage(t *testing.T, check func(t *testing.T, tr *tour, p page)) {
	tr := newTour(t)
	parent := tr.t
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			tr.t = t
			defer func() { tr.t = parent }()
			p.visit(tr)
			tr.run(tr.fontsReady())
			check(t, tr, p)
		})
	}
}

func TestPhoneLayoutHasNoHorizontalScroll(t *testing.T) {
	eachPage(t, func(t *testing.T, tr *tour, p page) {
		tr.setViewport(phoneW, phoneH)
		defer tr.setViewport(desktopW, desktopH)
		var m struct {
			ScrollWidth, InnerWidth int
			Wide                    []string
		}
		tr.run(chromedp.Evaluate(`({
			scrollWidth: document.documentElement.scrollWidth,
			innerWidth: window.innerWidth,
			wide: [...document.querySelectorAll("body *")]
				.filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.left < -1 || r.right > window.innerWidth + 1); })
				.filter(e => !e.closest(".visually-hidden, .skip"))
				.slice(0, 5)
				.map(e => e.tagName.toLowerCase() + (e.className ? "." + [...e.classList].join(".") : "") + " " + Math.round(e.getBoundingClientRect().left) + ".." + Math.round(e.getBoundingClientRect().right)),
		})`, &m))
		if m.InnerWidth != phoneW || m.ScrollWidth > m.InnerWidth {
			t.Errorf("%s at %d px: scrollWidth %d, innerWidth %d: the page scrolls sideways; elements outside: %q",
				p.name, phoneW, m.ScrollWidth, m.InnerWidth, m.Wide)
		}
	})
}
