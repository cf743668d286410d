package sqlite

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/persian"
	"github.com/ruydad/ruydad/seeds"
)

// storeArticle stores an article with text (and title), straight.
func storeArticle(t testing.TB, d *DB, title, text string) domain.Article {
	t.Helper()
	a := domain.Article{Title: title, Text: text, Hash: app.Hash(title + text)}
	if _, err := d.CreateArticle(context.Background(), &a, nil, nil); err != nil {
		t.Fatal(err)
	}
	return a
}

// seedText returns the seed articles' texts one after the other.
func seedTexts(t testing.TB) string {
	t.Helper()
	var b strings.Builder
	for _, name := range []string{"000_0fe9c5fd863f98df.txt", "001_b036e62a970a7aff.txt", "002_af69974437867032.txt"} {
		text, err := seeds.Articles.ReadFile("articles/" + name)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(text)
		b.WriteString("\n")
	}
	return b.String()
}

// TestSearchExcerptsHoldTheFirstPlaceFound: the articles found are those
// whose key holds each term, and each excerpt holds the first place where
// its text holds the first term it holds, wherever that is in the text
// (across passages' cuts too).
func TestSearchExcerptsHoldTheFirstPlaceFound(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	rng := rand.New(rand.NewPCG(7, 14))
	base := seedTexts(t)
	var keys, textKeys []string
	var textRunes [][]rune
	for i := range 6 {
		// Texts of 1 to 40 KB cut out of the seeds at any character, so
		// that words fall across passages' cuts.
		from := rng.IntN(len(base) / 2)
		for !utf8.RuneStart(base[from]) {
			from++
		}
		text := strings.Repeat(base[from:], 1+i*3)
		title := "خبر آزمایشی " + strconv.Itoa(i)
		storeArticle(t, d, title, text)
		keys, textKeys = append(keys, persian.SearchKey(title+" "+text)), append(textKeys, persian.SearchKey(text))
		textRunes = append(textRunes, []rune(textKeys[i]))
	}
	var total int
	for range 400 {
		// A term: a run of 1 to 200 key characters of one text (present),
		// or one changed in a character (most often absent).
		key := textRunes[rng.IntN(len(textRunes))]
		n := 1 + rng.IntN(200)
		if rng.IntN(4) == 0 {
			n = 1 + rng.IntN(6)
		}
		at := rng.IntN(len(key) - n)
		term := []rune(string(key[at : at+n]))
		if rng.IntN(3) == 0 {
			term[rng.IntN(len(term))] = 'ژ'
		}
		terms := []string{string(term)}
		_, got, err := d.Search(ctx, terms, 50, true)
		if err != nil {
			t.Fatal(err)
		}
		var want []int
		for i := len(keys) - 1; i >= 0; i-- {
			if strings.Contains(keys[i], terms[0]) {
				want = append(want, i+1)
			}
		}
		if len(got) != len(want) {
			t.Fatalf("%q: %d articles found, their keys hold it in %v", terms[0], len(got), want)
		}
		for i, m := range got {
			if int(m.Article.ID) != want[i] {
				t.Fatalf("%q: found article %d, want %d", terms[0], m.Article.ID, want[i])
			}
			if strings.Contains(textKeys[want[i]-1], terms[0]) && !strings.Contains(persian.SearchKey(m.Excerpt.Text), terms[0]) {
				t.Fatalf("%q: the excerpt of article %d does not hold it", terms[0], m.Article.ID)
			}
		}
		total += len(got)
	}
	if total == 0 {
		t.Fatal("nothing found at all")
	}

	// A word of the title alone finds the article, whose excerpt is then the
	// text's beginning; a word of the title found late in the text too is
	// shown there.
	text := "متن خبر بی‌ارتباط با عنوان. " + strings.Repeat(base, 3) + "سفر به زنجان"
	a := storeArticle(t, d, "گزارش کوهنوردی زنجان", text)
	b := storeArticle(t, d, "گزارش کوهنوردی اردبیل", "متن خبر بی‌ارتباط با عنوان.")
	_, got, err := d.Search(ctx, persian.SearchTerms("گزارش کوهنوردی"), 50, true)
	if err != nil || len(got) != 2 || got[0].Article.ID != b.ID || got[0].Article.Title != b.Title ||
		got[0].Excerpt != (domain.Excerpt{Text: "متن خبر بی‌ارتباط با عنوان."}) {
		t.Errorf("words of the title: %+v, %v", got, err)
	}
	_, got, err = d.Search(ctx, persian.SearchTerms("زنجان"), 50, true)
	if err != nil || len(got) != 1 || got[0].Article.ID != a.ID || !strings.HasSuffix(got[0].Excerpt.Text, "سفر به زنجان") ||
		!got[0].Excerpt.Before || got[0].Excerpt.After {
		t.Errorf("a word of the title and of the text's end: %+v, %v", got, err)
	}
	// Of several words, the first (the longest) the text holds is shown:
	// «کوهنوردی» of the title is looked for in the text, which holds it
	// only before «زنجان».
	c := storeArticle(t, d, "سفرنامه", "زنجان در آغاز. "+strings.Repeat(base, 3)+"کوهنوردی در پایان")
	_, got, err = d.Search(ctx, persian.SearchTerms("زنجان کوهنوردی"), 50, true)
	if err != nil || len(got) != 2 || got[0].Article.ID != c.ID || !strings.HasSuffix(got[0].Excerpt.Text, "کوهنوردی در پایان") ||
		!strings.HasSuffix(got[1].Excerpt.Text, "سفر به زنجان") {
		t.Errorf("two words: %+v, %v", got, err)
	}
}

// TestSearchReadsBoundedExcerpts: whatever an article's size, its excerpt is
// three passages at most, around the first place the text holds the word,
// and says whether the text goes on before and after it.
func TestSearchReadsBoundedExcerpts(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	base := seedTexts(t)
	big := strings.Repeat(base, domain.MaxArticleBytes/len(base)-1)
	storeArticle(t, d, "بلند", big+"پایان گزارش از تنگه‌هرمز و جزیره کیش")
	storeArticle(t, d, "کوتاه", "گزارش کوتاه از تنگه هرمز")
	for _, q := range []string{"تنگه هرمز", "روابط عمومی", "جزیره کیش"} {
		_, got, err := d.Search(ctx, persian.SearchTerms(q), 50, true)
		if err != nil || len(got) == 0 {
			t.Fatalf("%s: %d found, %v", q, len(got), err)
		}
		for _, m := range got {
			ex := m.Excerpt
			if len(ex.Text) > 3*(passageBytes+utf8.UTFMax) {
				t.Errorf("%s: an excerpt of %d bytes of article %q", q, len(ex.Text), m.Article.Title)
			}
			if !strings.Contains(persian.SearchKey(ex.Text), persian.SearchTerms(q)[0]) {
				t.Errorf("%s: the excerpt of %q does not hold the word", q, m.Article.Title)
			}
			if m.Article.Title == "کوتاه" && (ex.Before || ex.After || ex.Text != "گزارش کوتاه از تنگه هرمز") {
				t.Errorf("the short article's excerpt: %+v", ex)
			}
		}
		if big := got[len(got)-1].Excerpt; q != "روابط عمومی" && (!big.Before || big.After) {
			t.Errorf("%s: at the end of the long article, the excerpt goes on before %v, after %v", q, big.Before, big.After)
		}
	}
}

// TestSearchReadsNoText: which articles a search finds comes from the
// index alone: with every text blanked by hand (the articles' bodies and
// their passages'), it finds what it found, with empty excerpts.
func TestSearchReadsNoText(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	base := seedTexts(t)
	storeArticle(t, d, "بلند", strings.Repeat(base, 20)+"زلزله‌ای در پایان")
	storeArticle(t, d, "کوتاه", "روابط عمومی استانداری")
	queries := []string{"روابط عمومی", "زلزله", "ی", "بلند", "کهکشان", "ان ی"}
	found := func() (out []string) {
		for _, q := range queries {
			_, got, err := d.Search(ctx, persian.SearchTerms(q), 50, true)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range got {
				out = append(out, q+": "+m.Article.Title+" "+strconv.FormatBool(m.Excerpt.Text != ""))
			}
		}
		return out
	}
	before := found()
	if _, err := d.w.ExecContext(ctx, `UPDATE articles SET body = ''`); err != nil {
		t.Fatal(err)
	}
	if _, err := d.w.ExecContext(ctx, `UPDATE article_passages SET text = ''`); err != nil {
		t.Fatal(err)
	}
	after := found()
	if want := strings.ReplaceAll(strings.Join(before, "\n"), " true", " false"); strings.Join(after, "\n") != want {
		t.Errorf("with the texts blanked, search found\n%s\nwhere it found\n%s", strings.Join(after, "\n"), strings.Join(before, "\n"))
	}
	if len(before) < 6 {
		t.Errorf("found only %q", before)
	}
}

// TestOpenIndexesArticlesOfAnOlderDatabase: a database from before
// passages (migration 0010) is indexed when opened: its articles are found
// by words of their text, with excerpts.
func TestOpenIndexesArticlesOfAnOlderDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	raw, exec := migratedTo(t, path, 10)
	text := strings.Repeat(seedTexts(t), 3) + "و در پایان از تنگه هرمز گفت."
	exec(`INSERT INTO articles (id, title, body, content_hash, created_at) VALUES (1, 'خبر قدیمی', ?, 'h1', '2024-05-01T00:00:00Z')`, text)
	exec(`INSERT INTO search_index (doc, ref_id, key) VALUES ('article', 1, ?)`, persian.SearchKey("خبر قدیمی "+text))
	raw.Close()
	d, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	_, got, err := d.Search(context.Background(), persian.SearchTerms("تنگه هرمز"), 50, true)
	if err != nil || len(got) != 1 || got[0].Article.Title != "خبر قدیمی" || !strings.Contains(got[0].Excerpt.Text, "تنگه هرمز") {
		t.Fatalf("after opening an older database: %+v, %v", got, err)
	}
}

// TestSearchExcerptsHoldTheContext: wherever the word found lies in its
// article (at a passage's edge, across two, in the middle of one), the
// excerpt holds domain.ExcerptContext characters of the text on each side
// of it, or the text's edge, and says rightly whether the text goes on;
// far from a passage's edge it is that passage alone.
func TestSearchExcerptsHoldTheContext(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	base := strings.Repeat(seedTexts(t), 3)
	const word = "کهکشان"
	texts := map[string]string{} // by title
	var offsets []int
	for _, edge := range []int{0, passageBytes, 2 * passageBytes} {
		for _, off := range []int{-300, -90, -40, -8, -3, 0, 3, 8, 40, 90, 300} {
			offsets = append(offsets, edge+off)
		}
	}
	offsets = append(offsets, passageBytes/2, 3*passageBytes/2, len(base)-10)
	for i, at := range offsets {
		at = max(0, min(at, len(base)))
		for at < len(base) && !utf8.RuneStart(base[at]) {
			at++
		}
		title := "گزارش " + strconv.Itoa(i)
		texts[title] = base[:at] + word + base[at:]
		storeArticle(t, d, title, texts[title])
	}
	_, got, err := d.Search(ctx, persian.SearchTerms(word), 200, true)
	if err != nil || len(got) != len(offsets) {
		t.Fatalf("found %d of %d, %v", len(got), len(offsets), err)
	}
	// The passages' rows in another order (an article's neighbouring
	// passages are read by rowid first, as they are stored one after the
	// other): the same excerpts.
	if _, err := d.w.Exec(`UPDATE article_passages SET rowid = -rowid`); err != nil {
		t.Fatal(err)
	}
	if _, again, err := d.Search(ctx, persian.SearchTerms(word), 200, true); err != nil || !reflect.DeepEqual(again, got) {
		t.Errorf("the passages' rows in another order: %v\n%+v\nwant %+v", err, again, got)
	}
	nonSpace := func(s string) (n int) {
		for _, r := range s {
			if !unicode.IsSpace(r) {
				n++
			}
		}
		return n
	}
	for _, m := range got {
		ex, text := m.Excerpt, texts[m.Article.Title]
		if !ex.Located {
			t.Fatalf("%s: not located: %+v", m.Article.Title, ex)
		}
		start, end := persian.SearchKeyRuneSpan(ex.Text[ex.From:], ex.At, ex.At+utf8.RuneCountInString(word))
		start, end = ex.From+start, ex.From+end
		if persian.SearchKey(ex.Text[start:end]) != word {
			t.Fatalf("%s: the excerpt holds %q where it was found", m.Article.Title, ex.Text[start:end])
		}
		in := strings.Index(text, ex.Text)
		if in < 0 {
			t.Fatalf("%s: the excerpt is not a stretch of the text", m.Article.Title)
		}
		if ex.Before != (in > 0) || ex.After != (in+len(ex.Text) < len(text)) {
			t.Errorf("%s: the text goes on before %v, after %v; the excerpt says %v, %v", m.Article.Title, in > 0, in+len(ex.Text) < len(text), ex.Before, ex.After)
		}
		if n := nonSpace(ex.Text[:start]); ex.Before && n < domain.ExcerptContext {
			t.Errorf("%s: %d characters before the word", m.Article.Title, n)
		}
		if n := nonSpace(ex.Text[end:]); ex.After && n < domain.ExcerptContext {
			t.Errorf("%s: %d characters after the word", m.Article.Title, n)
		}
		hit := in + start
		if edge := hit % passageBytes; edge > 1000 && edge < passageBytes-1000 && len(ex.Text) > passageBytes+utf8.UTFMax {
			t.Errorf("%s: far from a passage's edge, an excerpt of %d bytes", m.Article.Title, len(ex.Text))
		}
	}
}

// TestSearchKeepsFewStatements: a search's statements are kept prepared
// (queryKept) for queries of few words, a few texts in all, and not for
// those of many words, whose texts are many; searches asked again keep
// nothing more.
func TestSearchKeepsFewStatements(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	storeCounted(t, d, benchEvents(rand.New(rand.NewPCG(31, 32)), 800))
	storeArticle(t, d, "نشست خبری استانداری کرمان", seedTexts(t))
	kept := func() (n int) {
		d.keptStmts.Range(func(any, any) bool { n++; return true })
		return n
	}
	words := []string{"نشست", "خبری", "کرمان", "همدان", "استانداری", "جلسه", "آموزش", "سلامت", "ورزش", "کتاب", "زیردریایی", "قم"}
	search := func() {
		for n := 1; n <= len(words); n++ {
			for _, drafts := range []bool{false, true} {
				if _, _, err := d.Search(ctx, words[:n], 21, drafts); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	before := kept()
	search()
	after := kept()
	if after == before {
		t.Error("the searches kept no statement")
	}
	// What a search keeps checks few terms and reads few quads' sets.
	d.keptStmts.Range(func(k, _ any) bool {
		text := k.(string)
		if n := strings.Count(text, "instr(s.key"); n > keptTerms {
			t.Errorf("a statement checking %d terms kept: %s", n, text)
		}
		if strings.Contains(text, "quad IN (") && strings.Count(text, "?") > keptQuads+2 {
			t.Errorf("a statement of %d quads' sets kept: %s", strings.Count(text, "?")-2, text)
		}
		return true
	})
	search()
	if again := kept(); again != after {
		t.Errorf("the same searches again kept %d more statements", again-after)
	}
}

// TestSearchResultsCarryWhatTheyShow: the events a search returns carry
// the fields of eventResults as stored, and nothing else.
func TestSearchResultsCarryWhatTheyShow(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	evs := meetingEvents(rand.New(rand.NewPCG(51, 52)), 400)
	for i := range evs {
		evs[i].Description, evs[i].Location, evs[i].Owner = "شرح "+strconv.Itoa(i), "تالار", "روابط عمومی"
		if i%7 == 0 {
			evs[i].Repeat = domain.Repeat{Kind: domain.RepeatYearly, Interval: 1}
		}
		if i%5 == 0 {
			evs[i].StartTime, evs[i].EndTime = "10:00", "12:30"
		}
	}
	storeCounted(t, d, evs)
	found := 0
	for _, q := range []string{"جلسه", "همدان", "کرمان همدان", "نشست"} {
		got, _, err := d.Search(ctx, persian.SearchTerms(q), 50, true)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range got {
			stored, err := d.Event(ctx, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			want := domain.Event{ID: stored.ID, Start: stored.Start, End: stored.End, Title: stored.Title, Kind: stored.Kind,
				StartTime: stored.StartTime, EndTime: stored.EndTime, Status: stored.Status}
			want.Repeat.Kind = stored.Repeat.Kind
			if !reflect.DeepEqual(e, want) {
				t.Fatalf("%q: found %+v\nwant %+v", q, e, want)
			}
			found++
		}
	}
	if found == 0 {
		t.Fatal("nothing found")
	}
}
