package sqlite

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// weekText is an article that names هفته دولت and روز خبرنگار, dated by a
// dateline.
const weekText = "۱۴۰۳/۰۶/۰۲ - ۰۹:۴۵\nآیین افتتاح طرح‌ها در هفته دولت برگزار شد. روز خبرنگار را هم گرامی داشتند."

// mention returns the occasion key named at the first sight of name in
// weekText, on the days from start to end.
func mention(key, name string, start, end jalali.Date) domain.ArticleOccasion {
	at := strings.Index(weekText, name)
	return domain.ArticleOccasion{Occasion: key, Name: name, Start: start, End: end,
		EvidenceStart: at, EvidenceEnd: at + len(name), Confidence: 0.9, ReviewNote: "سال از تاریخ انتشار"}
}

func TestArticleOccasionsStoredWithTheArticle(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	week := domain.Occasion{Key: "government-week", Name: "هفته دولت"}
	week.Recurrence = domain.Recurrence{Calendar: domain.CalJalali, Rule: domain.RuleDate, Month: 6, Day: 2, Length: 7}
	if err := uc(d).CreateOccasion(ctx, &week); err != nil {
		t.Fatal(err)
	}
	dateline := strings.Index(weekText, "\n")
	a := domain.Article{Title: "افتتاح", Text: weekText, Hash: "week", Published: jalali.MustNew(1403, 6, 2),
		PublishedFrom: domain.Span{Start: 0, End: dateline}}
	mentions := []domain.ArticleOccasion{
		mention("journalist-day", "روز خبرنگار", jalali.MustNew(1403, 5, 17), jalali.Date{}),
		mention("government-week", "هفته دولت", jalali.MustNew(1403, 6, 2), jalali.MustNew(1403, 6, 8)),
	}
	before, _, _ := d.DataVersion(ctx)
	if created, err := uc(d).StoreArticle(ctx, &a, nil, mentions); err != nil || !created {
		t.Fatalf("create: %v, %v", created, err)
	}
	if after, _, _ := d.DataVersion(ctx); after <= before {
		t.Error("storing an article with its occasions did not move the data version")
	}

	got, err := d.ArticleOccasions(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d occasions stored, want 2", len(got))
	}
	// In text order: هفته دولت comes first in the text.
	gw, jd := got[0], got[1]
	if gw.Occasion != "government-week" || !gw.Known || gw.Name != "هفته دولت" || gw.Start != jalali.MustNew(1403, 6, 2) ||
		gw.End != jalali.MustNew(1403, 6, 8) || gw.ArticleID != a.ID || gw.Confidence != 0.9 || gw.ReviewNote == "" ||
		weekText[gw.EvidenceStart:gw.EvidenceEnd] != "هفته دولت" {
		t.Errorf("هفته دولت read back as %+v", gw)
	}
	// The calendar has no journalist-day here: the mined name stands, a one-day span.
	if jd.Known || jd.Name != "روز خبرنگار" || jd.End != jd.Start {
		t.Errorf("an occasion the calendar lacks read back as %+v", jd)
	}

	// A renamed occasion shows under its new name.
	week.Name = "هفتهٔ دولت"
	if err := d.UpdateOccasion(ctx, week); err != nil {
		t.Fatal(err)
	}
	if got, _ := d.ArticleOccasions(ctx, a.ID); got[0].Name != "هفتهٔ دولت" {
		t.Errorf("after renaming, the article shows %q", got[0].Name)
	}

	stored, err := d.Article(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.PublishedFrom != (domain.Span{Start: 0, End: dateline}) || stored.Published != a.Published {
		t.Errorf("published %v from %+v, want %v from the dateline", stored.Published, stored.PublishedFrom, a.Published)
	}

	// Deleting the article takes its occasions with it, and moves the version.
	before, _, _ = d.DataVersion(ctx)
	if _, err := d.w.ExecContext(ctx, `DELETE FROM articles WHERE id = ?`, a.ID); err != nil {
		t.Fatal(err)
	}
	var left int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM article_occasions`).Scan(&left); err != nil || left != 0 {
		t.Errorf("%d occasions outlived their article (%v)", left, err)
	}
	if after, _, _ := d.DataVersion(ctx); after <= before {
		t.Error("deleting an article did not move the data version")
	}
}

// TestArticleWithABadOccasionIsNotStored: an occasion whose evidence lies
// outside the text fails the whole article, events included.
func TestArticleWithABadOccasionIsNotStored(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	bad := mention("government-week", "هفته دولت", jalali.MustNew(1403, 6, 2), jalali.MustNew(1403, 6, 8))
	bad.EvidenceEnd = len(weekText) + 1
	events := []domain.Event{{Title: "آیین افتتاح", Kind: domain.KindInauguration, Status: domain.StatusProposed, Start: jalali.MustNew(1403, 6, 2)}}
	a := domain.Article{Text: weekText, Hash: "bad"}
	_, err := uc(d).StoreArticle(ctx, &a, events, []domain.ArticleOccasion{bad})
	var verr domain.ValidationError
	if !errors.As(err, &verr) || !verr.Has(domain.FieldEvidence) {
		t.Errorf("evidence past the text: %v, want a ValidationError on evidence", err)
	}
	if n, _ := d.CountArticles(ctx); n != 0 {
		t.Errorf("%d articles stored", n)
	}
	if got, _, _ := d.ProposedEvents(ctx, domain.ReviewFilter{}, 10, 0); len(got) != 0 {
		t.Errorf("%d events stored", len(got))
	}
	// A dateline outside the text is refused too.
	a = domain.Article{Text: weekText, Hash: "bad2", Published: jalali.MustNew(1403, 6, 2), PublishedFrom: domain.Span{Start: 5, End: len(weekText) + 3}}
	if _, err := uc(d).StoreArticle(ctx, &a, nil, nil); !errors.As(err, &verr) || !verr.Has(domain.FieldPublished) {
		t.Errorf("a dateline past the text: %v", err)
	}
}
