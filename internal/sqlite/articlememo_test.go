package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
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
	if got := hitIDs(hits); !slices.Equal(got, ids) {
		t.Errorf("after an id without a row: found %v, want %v", got, ids)
	}
	// Every article a candidate, newest first, ids without a row among
	// them, for words checked first here (no check kept), then again
	// (every check kept): the articles holding them, in order.
	terms = persian.SearchTerms("کرمان سلامت")
	var all, want []int64
	for i := len(keys); i >= 1; i-- {
		all = append(all, int64(i))
		if i%40 == 0 {
			all = append(all, int64(len(keys)+i)) // no such article
		}
		if !slices.ContainsFunc(terms, func(t string) bool { return !strings.Contains(keys[i-1], t) }) && len(want) < 21 {
			want = append(want, int64(i))
		}
	}
	var reads []int64
	for _, when := range []string{"checked first", "checked again"} {
		read := d.articles.reads.Load()
		hits, err := d.checkCandidates(ctx, all, terms, 21)
		if err != nil {
			t.Fatal(err)
		}
		if got := hitIDs(hits); !slices.Equal(got, want) {
			t.Errorf("%s: found %v, want %v", when, got, want)
		}
		reads = append(reads, d.articles.reads.Load()-read)
	}
	// (Again, an id without a row has the query read the next row asked,
	// a key not kept: one at most.)
	if reads[0] < int64(len(want)) || reads[1] > 1 {
		t.Errorf("keys read the first time %d, again %d", reads[0], reads[1])
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

// hitIDs returns the ids of hits, in order.
func hitIDs(hits []articleHit) []int64 {
	ids := []int64{}
	for _, h := range hits {
		ids = append(ids, h.ID)
	}
	return ids
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
	// Terms numbered past articleMemoTermBits would reach into the ids'
	// bits: article 2's check of a term would answer for article 3's.
	// Article 3 checked for two terms, then article 2 for two new ones at
	// a time, until the memo drops everything.
	var n articleMemo
	n.put(7, &articleHit{Article: domain.Article{ID: 3}}, []string{"x", "y"}, []int64{4, 4})
	for i := 0; ; i++ {
		pair := []string{"a" + strconv.Itoa(i), "b" + strconv.Itoa(i)}
		n.put(7, &articleHit{Article: domain.Article{ID: 2}}, pair, []int64{-1, -1})
		if _, ok := n.shown[3]; !ok {
			if i < articleMemoFound/2-2 {
				t.Fatalf("dropped after %d terms", len(n.terms))
			}
			break
		}
		if len(n.terms) >= 1<<articleMemoTermBits {
			t.Fatalf("%d terms numbered", len(n.terms))
		}
		if _, _, known := n.hit(7, 3, pair[1:]); known {
			t.Fatalf("article 3 known for %q, checked for article 2 alone", pair[1])
		}
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
