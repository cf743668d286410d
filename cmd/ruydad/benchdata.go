package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/seeds"
)

// benchData is what fillBenchDB stored, for the routes to ask for.
type benchData struct {
	events, articles, mined int
	textBytes               int64
	eventIDs                []int64  // the confirmed events
	months                  [][2]int // the months the month route pages through
	texts                   []string // article texts for the submission route
	user, password          string   // the editor the submission route signs in as
	took                    time.Duration
	refused                 *atomic.Int64 // searches answered 503
	// A national fill's places and years (national.go).
	provinces, orgs  []string
	firstYear, years int
	reused           bool // a kept fill, not filled by this run
}

// The bench calendar spans six Jalali years; the month route pages through
// the two in the middle, where a PR office looks.
const benchFirstYear, benchYears = 1402, 6

var (
	benchProvinces = []string{"تهران", "اصفهان", "فارس", "خراسان رضوی", "آذربایجان شرقی", "خوزستان", "همدان", "کرمان",
		"گیلان", "مازندران", "یزد", "کردستان", "لرستان", "قم", "هرمزگان", "سیستان و بلوچستان"}
	benchOrgs = []string{"استانداری", "اداره کل فرهنگ و ارشاد اسلامی", "شهرداری مرکز استان", "دانشگاه علوم پزشکی",
		"اداره کل ورزش و جوانان", "شرکت گاز استان", "اداره کل راه و شهرسازی", "سازمان میراث فرهنگی"}
	benchPlaces = []string{"سالن اجتماعات استانداری", "تالار فرهنگ", "سالن همایش‌های دانشگاه", "محل خبرگزاری استان", ""}
	benchTitles = map[domain.Kind]string{
		domain.KindMeeting: "جلسهٔ شورای هماهنگی روابط عمومی‌های", domain.KindCeremony: "مراسم بزرگداشت روز ارتباطات در",
		domain.KindConference: "همایش ملی رسانه و روابط عمومی در", domain.KindPressConference: "نشست خبری مدیرکل",
		domain.KindMediaTour: "تور رسانه‌ای خبرنگاران در", domain.KindTraining: "دورهٔ آموزشی نگارش خبر برای",
		domain.KindFestival: "جشنوارهٔ روابط عمومی‌های برتر", domain.KindVisit: "بازدید خبرنگاران از طرح‌های",
		domain.KindInauguration: "افتتاح طرح‌های هفتهٔ دولت در", domain.KindAward: "تجلیل از خبرنگاران",
		domain.KindOccasion: "گرامیداشت روز خبرنگار در", domain.KindOther: "برنامهٔ روابط عمومی",
	}
)

// fillBenchDB creates the database at path with cfg.events confirmed events
// spread over six years and cfg.articles articles mined through the same
// use case (app.ImportArticle) the web form uses.
func fillBenchDB(ctx context.Context, path string, cfg benchConfig) (benchData, error) {
	start := time.Now()
	db, a, err := open(ctx, path, cliLog(io.Discard))
	if err != nil {
		return benchData{}, err
	}
	defer db.Close()
	data := benchData{refused: new(atomic.Int64)}
	// Nobody writes without an account: the article route signs in as
	// this editor.
	data.user, data.password = "bench", domain.NewToken()
	if _, err := a.CreateUser(ctx, data.user, domain.RoleEditor, data.password); err != nil {
		return data, fmt.Errorf("bench: the editor: %w", err)
	}
	// With an account stored, visitors would no longer search the
	// articles (nor read the feeds' source titles): the drafts are made
	// public so that the anonymous routes do the work they measured before.
	if err := a.SetDraftsPublic(ctx, true); err != nil {
		return data, fmt.Errorf("bench: %w", err)
	}
	rng := rand.New(rand.NewPCG(1403, 227))
	first := jalali.MustNew(benchFirstYear, 1, 1)
	span := first.DaysUntil(jalali.MustNew(benchFirstYear+benchYears, 1, 1))
	for done := 0; done < cfg.events; {
		batch := make([]domain.Event, min(1000, cfg.events-done))
		for i := range batch {
			batch[i] = benchEvent(rng, first.AddDays(rng.IntN(span)), done+i)
		}
		if _, err := a.ImportEvents(ctx, batch); err != nil {
			return data, fmt.Errorf("bench: store events: %w", err)
		}
		for _, e := range batch {
			data.eventIDs = append(data.eventIDs, e.ID)
		}
		done += len(batch)
	}
	data.events = len(data.eventIDs)

	texts, err := benchTexts(cfg.corpus, cfg.articles)
	if err != nil {
		return data, err
	}
	miner, err := newMiner()
	if err != nil {
		return data, err
	}
	for i, t := range texts {
		r, err := a.ImportArticle(ctx, domain.Article{Text: t.text, Title: t.title, Source: "bench", Published: t.published}, app.ImportOptions{Miner: miner})
		if err != nil {
			return data, fmt.Errorf("bench: article %d: %w", i+1, err)
		}
		data.articles++
		data.mined += r.Events
		data.textBytes += int64(len(t.text))
	}
	for i := range cfg.large {
		text := largeBenchText(texts, i)
		art := domain.Article{Title: "گزارش بلند " + jalali.FaNum(i+1), Text: text, Source: "bench"}
		if _, err := a.StoreArticle(ctx, &art, nil, nil); err != nil {
			return data, fmt.Errorf("bench: large article %d: %w", i+1, err)
		}
		data.articles++
		data.textBytes += int64(len(text))
	}
	for _, t := range texts[:min(len(texts), 200)] {
		data.texts = append(data.texts, t.text)
	}
	for y := benchFirstYear + 2; y <= benchFirstYear+3; y++ {
		for m := 1; m <= 12; m++ {
			data.months = append(data.months, [2]int{y, m})
		}
	}
	data.provinces, data.orgs = benchProvinces, benchOrgs
	data.firstYear, data.years = benchFirstYear, benchYears
	data.took = time.Since(start)
	return data, nil
}

// largeBenchText is the i-th article of about 2 MB (the largest accepted):
// the texts one after the other from the i-th on, stored as they are (not
// mined), ending with a line that names تنگه هرمز, which the search route
// asks for.
func largeBenchText(texts []benchText, i int) string {
	var b strings.Builder
	b.WriteString("گزارش بلند شمارهٔ " + jalali.FaNum(i+1) + "\n")
	for j := i; b.Len() < domain.MaxArticleBytes-64<<10; j++ {
		b.WriteString(texts[j%len(texts)].text)
		b.WriteString("\n")
	}
	b.WriteString("پایان گزارش از تنگه‌هرمز\n")
	return b.String()
}

// benchEvent makes the i-th event of the bench calendar, starting on d.
func benchEvent(rng *rand.Rand, d jalali.Date, i int) domain.Event {
	kind := domain.Kinds[rng.IntN(len(domain.Kinds))]
	prov := benchProvinces[rng.IntN(len(benchProvinces))]
	e := domain.Event{
		Title:        benchTitles[kind] + " " + prov + " (" + jalali.FaNum(i+1) + ")",
		Kind:         kind,
		Start:        d,
		End:          d,
		Province:     prov,
		Organization: benchOrgs[rng.IntN(len(benchOrgs))],
		Location:     benchPlaces[rng.IntN(len(benchPlaces))],
		Description:  "برنامهٔ " + kind.Label() + " با حضور مدیران و خبرنگاران استان " + prov + ".",
		Status:       domain.StatusConfirmed,
	}
	switch r := rng.IntN(20); {
	case r < 5:
		e.StartTime, e.EndTime = fmt.Sprintf("%02d:00", 8+rng.IntN(8)), ""
	case r < 7:
		e.End = d.AddDays(1 + rng.IntN(4))
	case r == 7 && i%10 == 0:
		e.Repeat = domain.Repeat{Kind: domain.RepeatYearly}
	}
	return e
}

// benchText is one article to import.
type benchText struct {
	title, text string
	published   jalali.Date
}

// benchTexts returns n article texts: the Fars News articles of corpus (the
// seed articles when corpus is ""), repeated with a marker line as often
// as needed so that every text is a distinct article.
func benchTexts(corpus string, n int) ([]benchText, error) {
	base, err := readCorpus(corpus)
	if err != nil {
		return nil, err
	}
	if len(base) == 0 {
		return nil, fmt.Errorf("bench: no articles in %s", corpus)
	}
	out := make([]benchText, n)
	for i := range out {
		out[i] = base[i%len(base)]
		if round := i / len(base); round > 0 {
			out[i].text += "\n\n(بازنشر " + jalali.FaNum(round) + ")"
		}
	}
	return out, nil
}

func readCorpus(corpus string) ([]benchText, error) {
	if corpus == "" {
		var out []benchText
		err := fs.WalkDir(seeds.Articles, "articles", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(seeds.Articles, p)
			out = append(out, benchText{text: string(b)})
			return err
		})
		return out, err
	}
	f, err := os.Open(corpus)
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	defer f.Close()
	var out []benchText
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	for sc.Scan() {
		var a struct {
			Title     string `json:"title"`
			Text      string `json:"text"`
			Published string `json:"published_from_link"`
		}
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, fmt.Errorf("bench: %s: %w", corpus, err)
		}
		if strings.TrimSpace(a.Text) == "" {
			continue
		}
		pub, _ := jalali.Parse(a.Published) // undated when the link gave none
		out = append(out, benchText{title: a.Title, text: a.Text, published: pub})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("bench: %s: %w", corpus, err)
	}
	return out, nil
}
