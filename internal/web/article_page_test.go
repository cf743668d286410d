package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// undatedText names its days without a year and has no dateline.
const undatedText = "نشست خبری مدیرکل روابط عمومی روز شنبه ۲ تیرماه برگزار می‌شود.\nهمایش روابط عمومی‌ها ۱۰ تیر برگزار خواهد شد."

// weekText has a headline, a dateline on its second line and names هفته دولت.
const weekText = "افتتاح طرح‌های عمرانی استان همدان\n۱۴۰۳/۰۶/۰۳ - ۰۹:۴۵\nهمزمان با هفته دولت، آیین افتتاح ۱۲ طرح عمرانی روز دوشنبه ۵ شهریور در همدان برگزار شد."

func TestArticleFormLeavesThePublicationDateToTheText(t *testing.T) {
	a := newApp(t)
	_, doc := a.get("/articles/new")
	if v := doc.Find(`input[name="published"]`).AttrOr("value", "x"); v != "" {
		t.Errorf("the form fills in the publication date %q", v)
	}
	if doc.Find(`[data-testid="no-date"]`).Length() != 0 {
		t.Error("the form offers «تاریخ انتشار را نمی‌دانم» before it is needed")
	}

	// No date in the text nor in the form: asked for, with a way on.
	resp, doc := a.post("/articles", url.Values{"text": {undatedText}, "source": {"ایسنا"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || doc.Find(`[data-testid="error-published"]`).Length() != 1 {
		t.Fatalf("an undated article: %d, want 422 asking for the date", resp.StatusCode)
	}
	box := doc.Find(`input[type="checkbox"][name="no_date"][data-testid="no-date"]`)
	if box.Length() != 1 || box.AttrOr("checked", "no") != "no" || doc.Find(`label[for="f-no_date"]`).Text() != "تاریخ انتشار را نمی‌دانم" {
		t.Error("the form does not offer «تاریخ انتشار را نمی‌دانم», unticked")
	}
	if doc.Find(`textarea[name="text"]`).Text() != undatedText || doc.Find(`input[name="source"]`).AttrOr("value", "") != "ایسنا" {
		t.Error("the form lost what was typed")
	}
	if n, _ := a.db.CountArticles(context.Background()); n != 0 {
		t.Fatalf("%d articles stored without a date", n)
	}

	// Ticked: stored without one, and the page says so.
	path, _ := postArticle(t, a, url.Values{"text": {undatedText}, "no_date": {"1"}})
	_, doc = a.get(path)
	if got := doc.Find(`[data-testid="article-published"]`).Text(); !strings.Contains(got, "تاریخ انتشار: نامعلوم") {
		t.Errorf("an undated article's page says %q", got)
	}
	// Every event whose year was guessed says so on its review card.
	_, queue := a.get("/review")
	events, err := a.db.ArticleEvents(context.Background(), atoi64(strings.TrimPrefix(path, "/articles/")))
	if err != nil || len(events) == 0 {
		t.Fatalf("%d events mined (%v)", len(events), err)
	}
	for _, e := range events {
		note := queue.Find(`li[data-event-id="` + itoa(e.ID) + `"] [data-testid="review-note"]`).Text()
		if e.Dated() && (!strings.Contains(e.ReviewNote, "حدس") || note != e.ReviewNote) {
			t.Errorf("%q on %s: note %q, card says %q", e.Title, e.Start, e.ReviewNote, note)
		}
	}

	// A dateline in the text: read, shown and marked.
	path, _ = postArticle(t, a, url.Values{"text": {weekText}})
	_, doc = a.get(path)
	published := doc.Find(`[data-testid="article-published"]`)
	from := published.Find(`a[data-testid="published-from"]`)
	if !strings.Contains(published.Text(), "انتشار: ۳ شهریور ۱۴۰۳") || !strings.Contains(published.Text(), "از متن خبر خوانده شد، سطر ۲") ||
		from.Text() != "«۱۴۰۳/۰۶/۰۳ - ۰۹:۴۵»" || from.AttrOr("href", "") != "#published-from" {
		t.Errorf("the page says %q, linking %q to %q", published.Text(), from.Text(), from.AttrOr("href", ""))
	}
	if got := doc.Find(`#published-from mark[data-testid="dateline"]`).Text(); got != "۱۴۰۳/۰۶/۰۳ - ۰۹:۴۵" {
		t.Errorf("the dateline is marked as %q", got)
	}
	if doc.Find(`[data-testid="article-text"]`).Text() != weekText {
		t.Error("the marked text differs from the stored text")
	}

	// A date given in the form is just the date.
	path, _ = postArticle(t, a, url.Values{"text": {weekText + "\nپایان خبر."}, "published": {"1403/06/04"}})
	_, doc = a.get(path)
	if got := doc.Find(`[data-testid="article-published"]`).Text(); !strings.Contains(got, "۴ شهریور ۱۴۰۳") || strings.Contains(got, "خوانده شد") ||
		doc.Find(`#published-from`).Length() != 0 {
		t.Errorf("a given date reads %q", got)
	}
}

func TestArticlePageLinksTheOccasionsItNames(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	// Through the form and the real miner: هفته دولت is linked, not proposed.
	path, _ := postArticle(t, a, url.Values{"text": {weekText}})
	_, doc := a.get(path)
	week := doc.Find(`[data-testid="article-occasions"] li[data-occasion="government-week"]`)
	if week.Length() != 1 || week.Find(".occasion-name").Text() != "هفته دولت" ||
		week.Find(`[data-testid="occasion-days"]`).Text() != "۲ تا ۸ شهریور ۱۴۰۳" ||
		week.Find(`[data-testid="occasion-days"]`).AttrOr("href", "") != "/calendar/1403/6/2" {
		t.Errorf("هفته دولت is listed as %q", week.Text())
	}
	if h := doc.Find(`[data-testid="article-occasions"] h2`).Text(); h != "مناسبت‌های تقویم در این خبر" {
		t.Errorf("the list is headed %q", h)
	}
	if doc.Find(`[data-testid="article-occasions"] button, [data-testid="article-occasions"] form`).Length() != 0 {
		t.Error("the occasions have review actions: they are links")
	}
	events, err := a.db.ArticleEvents(ctx, atoi64(strings.TrimPrefix(path, "/articles/")))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		if e.Kind == domain.KindOccasion {
			t.Errorf("%q is proposed as an occasion event", e.Title)
		}
	}

	// Stored directly: the current name, a deleted occasion's mined name,
	// the evidence marked and linked to the day.
	text := "در هفته دولت و روز خبرنگار و روز قدیمی مراسمی برگزار شد."
	at := func(s string) (int, int) { i := strings.Index(text, s); return i, i + len(s) }
	art := domain.Article{Title: "مناسبت‌ها", Text: text, Hash: "occasions", Published: jalali.MustNew(1403, 5, 1)}
	var named []domain.ArticleOccasion
	for _, o := range []struct{ key, name, words string }{
		{"government-week", "هفته دولت", "هفته دولت"}, {"journalist-day", "روز خبرنگار", "روز خبرنگار"}, {"old-day", "روز قدیمی", "روز قدیمی"},
	} {
		s, e := at(o.words)
		named = append(named, domain.ArticleOccasion{Occasion: o.key, Name: o.name, Start: jalali.MustNew(1403, 5, 17),
			End: jalali.MustNew(1403, 5, 17), EvidenceStart: s, EvidenceEnd: e, Confidence: 0.9, ReviewNote: "سال از تاریخ انتشار حدس زده شد"})
	}
	if _, err := uc(a.db).StoreArticle(ctx, &art, nil, named); err != nil {
		t.Fatal(err)
	}
	occ, _ := a.db.Occasions(ctx)
	for _, o := range occ {
		if o.Key == "journalist-day" {
			o.Name = "روز ملی خبرنگار"
			if err := uc(a.db).UpdateOccasion(ctx, o); err != nil {
				t.Fatal(err)
			}
		}
	}
	_, doc = a.get("/articles/" + itoa(art.ID))
	items := doc.Find(`[data-testid="article-occasions"] li`)
	var names []string
	for i := range items.Length() {
		names = append(names, items.Eq(i).Find(".occasion-name").Text())
	}
	if strings.Join(names, "|") != "هفته دولت|روز ملی خبرنگار|روز قدیمی" {
		t.Errorf("the occasions are listed as %q", names)
	}
	stored, _ := a.db.ArticleOccasions(ctx, art.ID)
	for _, o := range stored {
		anchor := doc.Find("#oc-" + itoa(o.ID))
		mark := anchor.Find(`a.occasion-mark[data-occasion="` + o.Occasion + `"]`)
		if mark.Length() != 1 || mark.AttrOr("href", "") != "/calendar/1403/5/17" || mark.Find("mark").Text() != text[o.EvidenceStart:o.EvidenceEnd] {
			t.Errorf("%s: its evidence is marked as %q linking %q", o.Occasion, mark.Text(), mark.AttrOr("href", ""))
		}
		if href := doc.Find(`li[data-occasion="`+o.Occasion+`"] .occasion-name`).AttrOr("href", ""); href != "#oc-"+itoa(o.ID) {
			t.Errorf("%s: its name links %q", o.Occasion, href)
		}
	}
	if doc.Find(`[data-testid="article-text"]`).Text() != text {
		t.Error("the marked text differs from the stored text")
	}
	if doc.Find(`[data-testid="article-occasions"] .note`).First().Text() != "سال از تاریخ انتشار حدس زده شد" {
		t.Error("an occasion's guessed year is not said")
	}
}
