package sqlite

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
)

// A source is stored and read back as given; an edit of its settings
// leaves its status alone, and its status is written on its own.
func TestSourcesStoredAsGiven(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	at := time.Date(2024, 5, 9, 8, 0, 0, 0, time.UTC)
	s := domain.Source{URL: "https://www.irna.ir/rss/tp/8", Name: "ایرنا همدان", Province: "همدان",
		Organization: "استانداری همدان", Enabled: true, Interval: 30 * time.Minute, CreatedAt: at}
	if err := d.CreateSource(ctx, &s); err != nil || s.ID == 0 {
		t.Fatalf("create: id %d, %v", s.ID, err)
	}
	got, err := d.Source(ctx, s.ID)
	if err != nil || !reflect.DeepEqual(got, s) {
		t.Fatalf("read back %+v, %v\nwant %+v", got, err, s)
	}
	if err := d.CreateSource(ctx, &domain.Source{URL: s.URL, Interval: time.Hour, CreatedAt: at}); !errors.Is(err, domain.ErrConflict) {
		t.Errorf("the same URL again: %v, want ErrConflict", err)
	}

	st := domain.SourceStatus{LastFetch: at, NewItems: 4, Skipped: 1, Problem: domain.FetchStatus, HTTPStatus: 503,
		Validators: domain.Validators{ETag: `"abc"`, LastModified: "Thu, 09 May 2024 07:00:00 GMT"},
		NextDue:    at.Add(time.Hour), Failures: 2}
	if err := d.SetSourceStatus(ctx, s.ID, st); err != nil {
		t.Fatal(err)
	}
	s.Name, s.Enabled, s.Interval = "ایرنا", false, 2*time.Hour
	if err := d.UpdateSource(ctx, s); err != nil {
		t.Fatal(err)
	}
	s.Status = st
	if got, err := d.SourceByURL(ctx, s.URL); err != nil || !reflect.DeepEqual(got, s) {
		t.Fatalf("after status and edit: %+v, %v\nwant %+v", got, err, s)
	}
	if err := d.SetSourceStatus(ctx, 999, st); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("status of no source: %v", err)
	}
	if err := d.UpdateSource(ctx, domain.Source{ID: 999, URL: "https://x.ir", Interval: time.Hour}); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("update of no source: %v", err)
	}
	list, err := d.Sources(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("sources: %v, %v", list, err)
	}
}

// An article's links: one URL stored once, the links read back with their
// source's name, and kept (without their source) when it is removed.
func TestArticleLinks(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	at := time.Date(2024, 5, 9, 8, 0, 0, 0, time.UTC)
	src := domain.Source{URL: "https://www.isna.ir/rss", Name: "ایسنا", Enabled: true, Interval: time.Hour, CreatedAt: at}
	if err := d.CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	a := domain.Article{Title: "خبر", Text: "متن خبر", Hash: "h1", CreatedAt: at}
	if _, err := d.CreateArticle(ctx, &a, nil, nil); err != nil {
		t.Fatal(err)
	}
	first := domain.ArticleLink{ArticleID: a.ID, URL: "https://www.isna.ir/news/1", SourceID: src.ID, Title: "خبر", FoundAt: at}
	if added, err := d.AddArticleLink(ctx, &first); !added || err != nil || first.ID == 0 {
		t.Fatalf("first link: %v, %v", added, err)
	}
	again := first
	again.ID = 0
	if added, err := d.AddArticleLink(ctx, &again); added || err != nil {
		t.Fatalf("the same URL again: added %v, %v", added, err)
	}
	pasted := domain.ArticleLink{ArticleID: a.ID, URL: "https://www.irna.ir/news/2", FoundAt: at}
	if _, err := d.AddArticleLink(ctx, &pasted); err != nil {
		t.Fatal(err)
	}
	linked, err := d.LinkedArticles(ctx, []string{first.URL, "https://other.ir/x", pasted.URL})
	if err != nil || len(linked) != 2 || linked[first.URL] != a.ID || linked[pasted.URL] != a.ID {
		t.Fatalf("linked: %v, %v", linked, err)
	}
	all, err := d.ArticleLinks(ctx, a.ID, 999)
	links := all[a.ID]
	first.Source = "ایسنا"
	if err != nil || len(all) != 1 || len(links) != 2 || !reflect.DeepEqual(links[0], first) || links[1].SourceID != 0 {
		t.Fatalf("links: %+v, %v", links, err)
	}
	if err := d.DeleteSource(ctx, src.ID); err != nil {
		t.Fatal(err)
	}
	all, err = d.ArticleLinks(ctx, a.ID)
	if links := all[a.ID]; err != nil || len(links) != 2 || links[0].SourceID != 0 || links[0].Source != "" {
		t.Fatalf("after the source went: %+v, %v", links, err)
	}
	if err := d.DeleteSource(ctx, src.ID); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("removed twice: %v", err)
	}
}
