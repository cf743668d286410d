package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/persian"
)

// TestArticleChecksKept: a search asked again at the same data version
// reads no article's key, and finds the same articles with the same
// excerpts; a search sharing some of its words reads the keys of the
// articles whose every term was not checked before only; after a write,
// nothing kept is used, and the new article is found.
func TestArticleChecksKept(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	rng := rand.New(rand.NewPCG(4, 21))
	words := []string{"استانداری", "همدان", "نشست", "خبری", "روابط", "عمومی", "کرمان", "سلامت", "جشنواره", "دانشگاه"}
	var keys []string // by article, in id order (from 1)
	add := func(title string, n int) {
		var b strings.Builder
		for range n {
			b.WriteString(words[rng.IntN(len(words))] + " ")
			if rng.IntN(5) == 0 {
				b.WriteString("\n\n")
			}
		}
		a := storeArticle(t, d, title, b.String())
		keys = append(keys, articleKey(&a))
	}
	for i := range 120 {
		add(fmt.Sprintf("خبر %d", i), 5+rng.IntN(30))
	}
	search := func(q string) []domain.ArticleMatch {
		t.Helper()
		terms := persian.SearchTerms(q)
		_, got, err := d.Search(ctx, terms, 21, true)
		if err != nil {
			t.Fatal(err)
		}
		var want []int64
		for i := len(keys) - 1; i >= 0 && len(want) < 21; i-- {
			if !slices.ContainsFunc(terms, func(t string) bool { return !strings.Contains(keys[i], t) }) {
				want = append(want, int64(i+1))
			}
		}
		var ids []int64
		for _, m := range got {
			ids = append(ids, m.Article.ID)
		}
		if !slices.Equal(ids, want) {
			t.Fatalf("%q: found %v, want %v", q, ids, want)
		}
		return got
	}

	first := search("استانداری همدان")
	if len(first) == 0 {
		t.Fatal("nothing found")
	}
	read := d.articles.reads.Load()
	if read == 0 {
		t.Fatal("no key was read: the memo is untried")
	}
	if again := search("استانداری همدان"); !reflect.DeepEqual(again, first) {
		t.Errorf("asked again: %+v\nthe first time: %+v", again, first)
	}
	if n := d.articles.reads.Load() - read; n != 0 {
		t.Errorf("asked again at the same version, %d keys read", n)
	}
	// Its words the other way round: the same articles, from what was kept.
	search("همدان استانداری")
	if n := d.articles.reads.Load() - read; n != 0 {
		t.Errorf("the same words the other way round, %d keys read", n)
	}
	// One word of it and another: the keys of the articles not checked
	// for both read, the others decided by what was kept.
	read = d.articles.reads.Load()
	both := search("همدان نشست")
	if n := d.articles.reads.Load() - read; n == 0 || n > int64(len(keys)) {
		t.Errorf("a search sharing a word read %d keys", n)
	}
	read = d.articles.reads.Load()
	if again := search("همدان نشست"); !reflect.DeepEqual(again, both) || d.articles.reads.Load() != read {
		t.Errorf("asked again: %d keys read", d.articles.reads.Load()-read)
	}

	// An id with no row (an article gone) before ids whose checks were
	// kept: those are still found.
	terms := persian.SearchTerms("همدان نشست")
	var ids []int64
	for _, m := range both {
		ids = append(ids, m.Article.ID)
	}
	hits, err := d.checkCandidates(ctx, append([]int64{int64(len(keys)) + 1000}, ids...), terms, 21)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != len(ids) {
		t.Errorf("after an id without a row: %d found, want %d", len(hits), len(ids))
	}

	// A write: the next search reads the keys again, and finds the new
	// article first.
	a := storeArticle(t, d, "خبر تازه", "نشست خبری استانداری همدان")
	keys = append(keys, articleKey(&a))
	read = d.articles.reads.Load()
	if got := search("استانداری همدان"); got[0].Article.ID != int64(len(keys)) {
		t.Errorf("after a write, the newest found is %d, want %d", got[0].Article.ID, len(keys))
	}
	if d.articles.reads.Load() == read {
		t.Error("after a write, no key was read again")
	}
}

// TestArticleMemoBounded: the memo keeps some articleMemoFound checks at
// most, and nothing of an older data version.
func TestArticleMemoBounded(t *testing.T) {
	var m articleMemo
	terms := []string{"استانداری", "همدان", "نشست"}
	for id := int64(1); id <= articleMemoFound; id++ {
		m.put(7, &articleHit{Article: domain.Article{ID: id, Title: "خبر"}, textStart: 3}, terms, []int64{5, 0, -1})
		if len(m.found) > articleMemoFound || len(m.shown) > articleMemoShown {
			t.Fatalf("after %d articles: %d checks, %d articles kept", id, len(m.found), len(m.shown))
		}
	}
	last := int64(articleMemoFound)
	h, holds, known := m.hit(7, last, terms)
	if !known || holds {
		t.Errorf("the last article put: known %v, holds %v (its key does not hold «نشست»)", known, holds)
	}
	if h, holds, known = m.hit(7, last, terms[:2]); !known || !holds || h.Title != "خبر" || !slices.Equal(h.pos, []int64{5, 0}) {
		t.Errorf("the last article, two terms: %+v %v %v", h, holds, known)
	}
	if _, _, known := m.hit(8, last, terms[:2]); known {
		t.Error("kept at version 7, known at version 8")
	}
	m.put(6, &articleHit{Article: domain.Article{ID: 1}}, terms, []int64{1, 1, 1})
	if _, _, known := m.hit(6, 1, terms); known {
		t.Error("an older version's check kept")
	}
	m.put(8, &articleHit{Article: domain.Article{ID: 2}}, terms, []int64{1, 1, 1})
	if _, _, known := m.hit(7, last, terms[:2]); known || len(m.found) != 3 {
		t.Errorf("a newer version's check did not drop the older's: %d kept", len(m.found))
	}
}
