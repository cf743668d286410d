package sqlite

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ruydad/ruydad/db"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/persian"
)

// The national benchmark's sizes: RUYDAD_BENCH_EVENTS (comma-separated
// event counts) and RUYDAD_BENCH_ARTICLES (the articles beside each).
func benchSizes(b *testing.B) (events []int, articles int) {
	events, articles = []int{100_000, 1_000_000}, 100_000
	if v := os.Getenv("RUYDAD_BENCH_EVENTS"); v != "" {
		events = nil
		for _, f := range strings.Split(v, ",") {
			n, err := strconv.Atoi(f)
			if err != nil {
				b.Fatalf("RUYDAD_BENCH_EVENTS: %v", err)
			}
			events = append(events, n)
		}
	}
	if v := os.Getenv("RUYDAD_BENCH_ARTICLES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			b.Fatalf("RUYDAD_BENCH_ARTICLES: %v", err)
		}
		articles = n
	}
	return events, articles
}

// farsArticle is one line of the Fars News corpus (../shared/corpus).
type farsArticle struct {
	Title, Abstract, Text string
}

// farsCorpus reads the Fars News corpus, or skips the benchmark.
func farsCorpus(b *testing.B) []farsArticle {
	path := filepath.Join("..", "..", "..", "shared", "corpus", "farsnews", "farsnews.jsonl")
	f, err := os.Open(path)
	if err != nil {
		b.Skipf("the Fars News corpus is absent (%v): see ../shared/corpus/README.md", err)
	}
	defer f.Close()
	var out []farsArticle
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 8<<20)
	for sc.Scan() {
		var a farsArticle
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			b.Fatal(err)
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	return out
}

// Word lists of the events' titles, places and organizations.
var (
	benchKinds = []string{"نشست خبری", "همایش", "جلسه", "بازدید", "جشنواره", "نمایشگاه", "کارگاه آموزشی", "مراسم",
		"گردهمایی", "دیدار", "تور رسانه", "مسابقه", "نشست تخصصی", "آیین افتتاح", "سمینار"}
	benchSubjects = []string{"روابط عمومی", "بهداشت و درمان", "آموزش و پرورش", "میراث فرهنگی", "گردشگری", "ورزش", "محیط زیست",
		"کشاورزی", "صنعت و معدن", "هفته دولت", "روز خبرنگار", "ایمنی و آتش‌نشانی", "بانوان", "جوانان", "کتاب و کتابخوانی",
		"فناوری اطلاعات", "منابع طبیعی", "راه و شهرسازی", "تعاون", "بیمه سلامت"}
	benchOrgs = []string{"استانداری", "فرمانداری", "شهرداری", "دانشگاه علوم پزشکی", "اداره کل ارشاد", "صدا و سیما",
		"سازمان جهاد کشاورزی", "اداره کل ورزش و جوانان", "هلال احمر", "بنیاد مسکن", "شرکت آب و فاضلاب", "اداره کل بهزیستی"}
	benchPlaces = []string{"تهران", "همدان", "شیراز", "اصفهان", "تبریز", "مشهد", "کرمانشاه", "رشت", "ساری", "یزد", "قم",
		"اهواز", "بندرعباس", "زنجان", "اردبیل", "کرمان", "ارومیه", "سنندج", "گرگان", "بیرجند", "زاهدان", "ایلام", "یاسوج",
		"شهرکرد", "خرم‌آباد", "بوشهر", "قزوین", "سمنان", "بجنورد", "اراک", "کیش"}
	benchHalls = []string{"سالن اجتماعات", "تالار وحدت", "سالن همایش‌ها", "فرهنگسرا", "مصلی", "ورزشگاه", "کتابخانه مرکزی"}
	// benchRare is in one event in rareEvery, and in one article in rareEvery.
	benchRare = "کهکشان راه شیری"
)

const rareEvery = 20_000

// arabicForms writes s with Arabic ي and ك, as much real text has them.
func arabicForms(s string) string {
	return strings.NewReplacer("ی", "ي", "ک", "ك").Replace(s)
}

// benchEvent returns the i-th event of the benchmark's calendar.
func benchEvent(rng *rand.Rand, i int) domain.Event {
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	first := jalali.MustNew(1398, 1, 1)
	start := first.AddDays(rng.IntN(10 * 365))
	title := pick(benchKinds) + " " + pick(benchSubjects) + " " + pick(benchOrgs)
	if i%rareEvery == 7 {
		title += " " + benchRare
	}
	place := pick(benchHalls) + " " + pick(benchPlaces)
	if i%3 == 0 {
		// A third typed on an Arabic keyboard, some with the ZWNJ left out.
		title = strings.ReplaceAll(arabicForms(title), "\u200c", "")
	}
	status := domain.StatusConfirmed
	if i%10 == 0 {
		status = domain.StatusProposed
	}
	now := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	return domain.Event{Title: title, Location: place, Province: pick(benchPlaces), Organization: pick(benchOrgs),
		Kind: domain.Kinds[rng.IntN(len(domain.Kinds))], Start: start, End: start.AddDays(rng.IntN(2)), Status: status,
		Confidence: 1, Precision: domain.PrecisionDay, UID: fmt.Sprintf("bench-%d@ruydad", i), CreatedAt: now, UpdatedAt: now}
}

// benchArticleOf returns the i-th article: a title of the corpus and
// paragraphs of three of its articles, so that no two texts are the same.
func benchArticleOf(rng *rand.Rand, corpus []farsArticle, i int) domain.Article {
	var text strings.Builder
	for k := range 3 {
		a := corpus[rng.IntN(len(corpus))]
		paras := strings.Split(a.Text, "\n")
		from := rng.IntN(len(paras))
		for _, p := range paras[from:min(from+2, len(paras))] {
			text.WriteString(p)
			text.WriteString("\n")
		}
		if k == 0 {
			text.WriteString(a.Abstract + "\n")
		}
	}
	if i%rareEvery == 11 {
		text.WriteString("تصویری از " + benchRare + "\n")
	}
	title := corpus[rng.IntN(len(corpus))].Title
	published := jalali.MustNew(1387, 1, 1).AddDays(i % 3650)
	return domain.Article{Title: title, Text: text.String(), Source: "خبرگزاری فارس", Published: published,
		Hash: fmt.Sprintf("bench-%d", i), CreatedAt: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}
}

// nationalDB returns the path of a database of events events and articles
// articles, filled once and kept in the temporary directory between runs
// (named by its sizes and migrations: a new migration fills a new one).
func nationalDB(b *testing.B, corpus []farsArticle, nEvents, nArticles int) string {
	dir := filepath.Join(os.TempDir(), "ruydad-search-bench")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, fmt.Sprintf("national-%d-%d-%s.db", nEvents, nArticles, migrationsHash(b)))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := path + ".filling"
	os.Remove(tmp)
	os.Remove(tmp + "-wal")
	os.Remove(tmp + "-shm")
	ctx := context.Background()
	d, err := Open(ctx, tmp)
	if err != nil {
		b.Fatal(err)
	}
	began := time.Now()
	err = d.inTx(ctx, func(tx *sql.Tx) error {
		insEvent, err := tx.PrepareContext(ctx, events.insert)
		if err != nil {
			return err
		}
		defer insEvent.Close()
		insKey, err := tx.PrepareContext(ctx, indexSQL("event"))
		if err != nil {
			return err
		}
		defer insKey.Close()
		rng := rand.New(rand.NewPCG(1, 2))
		for i := range nEvents {
			e := benchEvent(rng, i)
			res, err := insEvent.ExecContext(ctx, events.values(&e)...)
			if err != nil {
				return err
			}
			id, _ := res.LastInsertId()
			if _, err := insKey.ExecContext(ctx, "event", id, eventKey(&e)); err != nil {
				return err
			}
		}
		insArticle, err := tx.PrepareContext(ctx, articles.insert)
		if err != nil {
			return err
		}
		defer insArticle.Close()
		for i := range nArticles {
			a := benchArticleOf(rng, corpus, i)
			res, err := insArticle.ExecContext(ctx, articles.values(&a)...)
			if err != nil {
				return err
			}
			a.ID, _ = res.LastInsertId()
			if err := indexArticle(ctx, tx, &a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if err := d.OptimizeSearch(ctx); err != nil {
		b.Fatal(err)
	}
	filled := time.Since(began)
	if _, err := d.Checkpoint(ctx, "TRUNCATE"); err != nil {
		b.Fatal(err)
	}
	d.Close()
	st, err := os.Stat(tmp)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("filled %d events and %d articles in %v: %d MB", nEvents, nArticles, filled.Round(time.Second), st.Size()>>20)
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return path
}

// migrationsHash names the store's migrations (a database filled under
// others is filled again).
func migrationsHash(b *testing.B) string {
	names, err := fs.Glob(db.Migrations, "migrations/*.sql")
	if err != nil || len(names) == 0 {
		b.Fatalf("migrations: %v", err)
	}
	h := sha256.New()
	for _, name := range names {
		body, err := fs.ReadFile(db.Migrations, name)
		if err != nil {
			b.Fatal(err)
		}
		h.Write(body)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// benchQueries are the searches timed: 1, 2 and 3 words, common and rare,
// spelled as the rows are and otherwise, and words of one and two letters.
var benchQueries = []struct{ name, q string }{
	{"1word-common", "جلسه"},
	{"1word-place", "کرمانشاه"},
	{"1word-rare", "کهکشان"},
	{"1word-absent", "زیردریایی"},
	{"2words-common", "روابط عمومی"},
	{"2words-rare", "راه شیری"},
	{"3words", "نشست خبری استانداری"},
	{"3words-rare", "کهکشان راه شیری"},
	{"variant-arabic", "روابط عمومي"},
	{"variant-zwnj", "روابط‌عمومی"},
	{"variant-nospace", "روابطعمومی"},
	{"variant-kaf", "آتش‌نشاني كرمانشاه"},
	{"2letters", "قم"},
	{"2letters+word", "قم همایش"},
	{"1letter", "ژ"},
}

// BenchmarkSearchNational times searches at a national size: a real
// SQLite file of 100,000 and 1,000,000 events (titles and places of the
// word lists above) and articles made of the Fars News corpus's paragraphs
// (RUYDAD_BENCH_EVENTS and RUYDAD_BENCH_ARTICLES change the sizes). Each
// search is a result page's: 50 events and 50 articles at most, drafts
// shown. candidates/op is how many rows (events and articles) the index
// holds for the words: a search reads them newest first until it has its
// page, so it examines at most that many (a scan read every key);
// cpu-ns/op is the processor time a search took.
func BenchmarkSearchNational(b *testing.B) {
	corpus := farsCorpus(b)
	nEvents, nArticles := benchSizes(b)
	for _, n := range nEvents {
		path := nationalDB(b, corpus, n, nArticles)
		d, err := Open(context.Background(), path)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("events=%d,articles=%d", n, nArticles), func(b *testing.B) {
			for _, q := range benchQueries {
				terms := persian.SearchTerms(q.q)
				b.Run(q.name, func(b *testing.B) {
					ctx := context.Background()
					var found int
					cpu := cpuTime(b)
					for b.Loop() {
						evs, arts, err := d.Search(ctx, terms, 50, true)
						if err != nil {
							b.Fatal(err)
						}
						found = len(evs) + len(arts)
					}
					b.ReportMetric(float64(cpuTime(b)-cpu)/float64(b.N), "cpu-ns/op")
					b.ReportMetric(float64(found), "results/op")
					b.ReportMetric(float64(candidates(b, d, terms)), "candidates/op")
				})
			}
		})
		d.Close()
	}
}

// cpuTime returns the processor time the process has used (user and
// system), SQLite's included: on a machine shared with other work, what a
// search costs, where ns/op is also how long it waited for a processor.
func cpuTime(b *testing.B) time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		b.Fatal(err)
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// candidates returns how many rows (events and articles) the index finds
// for terms, before the short words and statuses are checked.
func candidates(b *testing.B, d *DB, terms []string) int {
	q := phraseQuery(terms)
	if q.match == "" {
		q = prefixQuery(q.check)
	}
	var n int
	err := d.db.QueryRow(`SELECT (SELECT count(*) FROM event_search WHERE event_search MATCH ?1)
    + (SELECT count(*) FROM article_search WHERE article_search MATCH ?1)`, q.match).Scan(&n)
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// routeSearches are what 'ruydad bench' asks its search routes for
// (cmd/ruydad's benchSearches, and combinations of its searchWords).
var routeSearches = []struct{ name, q string }{
	{"route-pr", "روابط عمومی"},
	{"route-governor", "استانداری همدان"},
	{"route-hormuz", "تنگه هرمز"},
	{"route-bam", "زلزله بم"},
	{"route-press", "نشست خبری"},
	{"route-galaxy", "کهکشان"},
	{"words-1", "آب"},
	{"words-2", "مدیرکل کرمان"},
	{"words-3", "سلامت محیط زیست نوروز"},
	{"words-3-absent", "زیردریایی مجلس گاز"},
}

// openBenchFile opens the filled database RUYDAD_BENCH_FILE names
// (ruydad bench --national --keep FILE's, opened and migrated in place: a
// copy), closed when b ends, and logs how long the open took; it skips b
// without it.
func openBenchFile(b *testing.B) *DB {
	b.Helper()
	path := os.Getenv("RUYDAD_BENCH_FILE")
	if path == "" {
		b.Skip("RUYDAD_BENCH_FILE is not set")
	}
	began := time.Now()
	d, err := Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { d.Close() })
	b.Logf("opened (and migrated) in %v", time.Since(began).Round(time.Millisecond))
	// The events' ranks, as the server reads them as it starts (see
	// eventRanks), not in the first search timed.
	began = time.Now()
	if err := d.readRanks(context.Background()); err != nil && !errors.Is(err, errRankSpan) {
		b.Fatal(err)
	}
	b.Logf("read the events' ranks in %v", time.Since(began).Round(time.Millisecond))
	return d
}

// BenchmarkSearchFile times searches on a filled database given by
// RUYDAD_BENCH_FILE (ruydad bench --national --keep FILE's, opened and
// migrated in place: a copy), as a visitor (confirmed events only) and as
// an editor (drafts and articles).
func BenchmarkSearchFile(b *testing.B) {
	d := openBenchFile(b)
	for _, drafts := range []bool{false, true} {
		for _, q := range append(append([]struct{ name, q string }{}, routeSearches...), benchQueries...) {
			terms := persian.SearchTerms(q.q)
			b.Run(fmt.Sprintf("drafts=%v/%s", drafts, q.name), func(b *testing.B) {
				ctx := context.Background()
				var found int
				cpu := cpuTime(b)
				for b.Loop() {
					evs, arts, err := d.Search(ctx, terms, 50, drafts)
					if err != nil {
						b.Fatal(err)
					}
					found = len(evs) + len(arts)
				}
				b.ReportMetric(float64(cpuTime(b)-cpu)/float64(b.N), "cpu-ns/op")
				b.ReportMetric(float64(found), "results/op")
			})
		}
	}
}

// pageAsks is how many of each kind a search page asks for: the 20 it
// shows and one more, which says whether there are more (web's
// searchPage).
const pageAsks = 21

// routeWords are the words 'ruydad bench --routes words' combines, one to
// three at a time (cmd/ruydad's searchWords).
var routeWords = []string{"روابط عمومی", "نشست خبری", "استانداری", "هفته دولت", "خبرنگار", "مدیرکل", "جلسه", "افتتاح", "آموزش",
	"کرمان", "فارس", "همدان", "تبریز", "همایش", "سلامت", "محیط زیست", "زلزله", "انتخابات", "بازدید", "جشنواره", "کتاب", "آب",
	"گاز", "دانشگاه", "ورزش", "میراث فرهنگی", "شهرداری", "بهزیستی", "کشاورزی", "مجلس", "سیل", "نوروز", "کهکشان", "زیردریایی"}

// BenchmarkSearchFileWords runs the words route's mix on the file of
// RUYDAD_BENCH_FILE (see BenchmarkSearchFile): 300 searches of one to
// three of routeWords (a fixed draw), drafts and articles shown as the
// route's anonymous visitor sees them; an op is the 300, and
// event-cpu-ms and article-cpu-ms the processor time of a search's events
// and articles on average (the articles with their excerpts), pageAsks of
// each.
func BenchmarkSearchFileWords(b *testing.B) {
	d := openBenchFile(b)
	rng := rand.New(rand.NewPCG(3, 4))
	queries := make([][]string, 300)
	for i := range queries {
		var words []string
		for range 1 + rng.IntN(3) {
			words = append(words, routeWords[rng.IntN(len(routeWords))])
		}
		queries[i] = persian.SearchTerms(strings.Join(words, " "))
	}
	ctx := context.Background()
	var events, articles time.Duration
	for b.Loop() {
		for _, terms := range queries {
			began := cpuTime(b)
			if _, err := d.searchEvents(ctx, terms, pageAsks, "e.status <> 'rejected'"); err != nil {
				b.Fatal(err)
			}
			between := cpuTime(b)
			if _, err := d.searchArticles(ctx, terms, pageAsks); err != nil {
				b.Fatal(err)
			}
			events, articles = events+between-began, articles+cpuTime(b)-between
		}
	}
	n := float64(b.N * len(queries))
	b.ReportMetric(events.Seconds()*1e3/n, "event-cpu-ms")
	b.ReportMetric(articles.Seconds()*1e3/n, "article-cpu-ms")
}
