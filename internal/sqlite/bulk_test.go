package sqlite

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/persian"
)

// TestBulkFillKeepsTheDerivedTables stores more rows than one bulk
// transaction holds and checks what the use cases' writes keep: every
// event and article searchable, the article's passages, the data version
// moved, a duplicate article left out.
func TestBulkFillKeepsTheDerivedTables(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	before, _, _ := d.DataVersion(ctx)
	stamp := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	n := bulkRows + 10
	var dup bool
	err := d.BulkFill(ctx, func(b *Bulk) error {
		for i := range n {
			day := jalali.MustNew(1404, 1+i%12, 1+i%28)
			e := domain.Event{UID: "bulk-" + jalali.FaNum(i) + "@ruydad", Title: "نشست خبری شماره " + jalali.FaNum(i), Kind: domain.KindPressConference,
				Start: day, End: day, Province: "فارس", Status: domain.StatusConfirmed, Precision: domain.PrecisionDay,
				Confidence: 1, CreatedAt: stamp, UpdatedAt: stamp}
			if err := b.Event(&e); err != nil {
				return err
			}
		}
		a := domain.Article{Title: "گزارش زلزله", Text: strings.Repeat("آواربرداری در کرمان ادامه دارد. ", 300) + "پایان گزارش تنگه‌هرمز",
			Hash: "bulk-article", CreatedAt: stamp}
		ev := domain.Event{UID: "bulk-mined@ruydad", Title: "بازدید از مناطق زلزله‌زده", Kind: domain.KindVisit, Status: domain.StatusProposed,
			Precision: domain.PrecisionDay, Confidence: 0.6, CreatedAt: stamp, UpdatedAt: stamp}
		if created, err := b.Article(&a, []domain.Event{ev}, nil); err != nil || !created {
			t.Errorf("article: created %v, %v", created, err)
		}
		again := domain.Article{Title: "دوباره", Text: "متن دیگر", Hash: "bulk-article", CreatedAt: stamp}
		created, err := b.Article(&again, nil, nil)
		dup = !created && again.ID == a.ID
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if !dup {
		t.Error("an article with a stored hash was stored again")
	}
	after, _, _ := d.DataVersion(ctx)
	if after < before+int64(n)+2 {
		t.Errorf("data version %d → %d after %d rows", before, after, n+2)
	}
	evs, arts, err := d.Search(ctx, persian.SearchTerms("نشست خبری شماره "+jalali.FaNum(n-1)), 10, true)
	if err != nil || len(evs) != 1 || evs[0].Title != "نشست خبری شماره "+jalali.FaNum(n-1) {
		t.Errorf("search the last event: %v, %v", evs, err)
	} else if e, err := d.Event(ctx, evs[0].ID); err != nil || e.UID != "bulk-"+jalali.FaNum(n-1)+"@ruydad" {
		t.Errorf("the last event found: %+v, %v", e, err)
	}
	if len(arts) != 0 {
		t.Errorf("search the last event found articles: %v", arts)
	}
	evs, arts, err = d.Search(ctx, persian.SearchTerms("تنگه هرمز"), 10, true)
	if err != nil || len(arts) != 1 || !strings.Contains(arts[0].Excerpt.Text, "تنگه‌هرمز") {
		t.Errorf("search the article: %v, %v", arts, err)
	}
	mined, err := d.ArticleEvents(ctx, arts[0].Article.ID)
	if err != nil || len(mined) != 1 || mined[0].Title != "بازدید از مناطق زلزله‌زده" {
		t.Errorf("the article's event: %v, %v", mined, err)
	}
	if _, err := CheckBackup(ctx, d.path); err != nil {
		t.Errorf("integrity: %v", err)
	}
}
