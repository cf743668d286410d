package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/mining"
	"github.com/ruydad/ruydad/internal/sqlite"
)

// The national fill ('ruydad bench --national'): a database shaped like the
// one a country's public-relations offices would share: a million events
// over ten Jalali years, Iran's 31 provinces, 1,500 organizations,
// 300,000 articles of real Fars News text, 2,000 accounts. It is written
// through the store's bulk writer (sqlite.Bulk), the rows made as the use
// cases make them, from a seeded generator: the same flags give the same
// database.

// nationalShape is what a national fill holds; it is recorded in the
// filled file (meta key nationalMeta), so that a kept file is reused only
// for the shape it was filled with.
type nationalShape struct {
	Events    int    `json:"events"`
	Articles  int    `json:"articles"`
	Users     int    `json:"users"`
	Provinces int    `json:"provinces"`
	Orgs      int    `json:"orgs"`
	Years     int    `json:"years"`
	FirstYear int    `json:"first_year"`
	Seed      uint64 `json:"seed"`
	Corpus    string `json:"corpus"` // the corpus file's name and size, not its path
	// What the fill stored besides, and how long it took.
	Mined     int     `json:"mined"`     // proposed events mined from the articles
	Occasions int     `json:"occasions"` // the calendar's occasions the articles name
	TextBytes int64   `json:"text_bytes"`
	Seconds   float64 `json:"seconds"`
}

const nationalMeta = "bench_national_fill"

// nationalFirstYear is the national calendar's first Jalali year: its ten
// years run to the year after the current one (1406), where an office
// plans.
const nationalFirstYear = 1397

// The defaults of --national.
const (
	nationalEvents    = 1_000_000
	nationalArticles  = 300_000
	nationalUsers     = 2_000
	nationalProvinces = 31
	nationalOrgs      = 1_500
	nationalYears     = 10
)

// iranProvinces are Iran's 31 provinces, the most populous first, each with
// its population in hundred thousands (2016 census, rounded): how often
// it holds an event.
var iranProvinces = []struct {
	name   string
	weight int
}{
	{"تهران", 133}, {"خراسان رضوی", 64}, {"اصفهان", 51}, {"فارس", 49}, {"خوزستان", 47}, {"آذربایجان شرقی", 39},
	{"مازندران", 33}, {"آذربایجان غربی", 33}, {"کرمان", 32}, {"سیستان و بلوچستان", 28}, {"البرز", 27},
	{"گیلان", 25}, {"کرمانشاه", 20}, {"گلستان", 19}, {"لرستان", 18}, {"هرمزگان", 18}, {"همدان", 17},
	{"کردستان", 16}, {"مرکزی", 14}, {"قم", 13}, {"قزوین", 13}, {"اردبیل", 13}, {"بوشهر", 12}, {"یزد", 11},
	{"زنجان", 11}, {"چهارمحال و بختیاری", 10}, {"خراسان جنوبی", 8}, {"خراسان شمالی", 9},
	{"کهگیلویه و بویراحمد", 7}, {"سمنان", 7}, {"ایلام", 6},
}

// provincialOrgs are the kinds of provincial office, each named after its
// province (%s): 48 of them, so that with the national bodies the 31
// provinces have 1,500 organizations.
var provincialOrgs = []string{
	"استانداری %s", "اداره کل فرهنگ و ارشاد اسلامی استان %s", "دانشگاه علوم پزشکی %s", "اداره کل ورزش و جوانان استان %s",
	"شرکت گاز استان %s", "اداره کل راه و شهرسازی استان %s", "اداره کل میراث فرهنگی، گردشگری و صنایع دستی استان %s",
	"شرکت توزیع نیروی برق استان %s", "شرکت آب و فاضلاب استان %s", "شرکت آب منطقه‌ای %s", "اداره کل آموزش و پرورش استان %s",
	"اداره کل بهزیستی استان %s", "کمیته امداد امام خمینی (ره) استان %s", "جمعیت هلال احمر استان %s",
	"اداره کل منابع طبیعی و آبخیزداری استان %s", "سازمان جهاد کشاورزی استان %s", "سازمان صنعت، معدن و تجارت استان %s",
	"اداره کل تعاون، کار و رفاه اجتماعی استان %s", "اداره کل حفاظت محیط زیست استان %s", "اداره کل ثبت اسناد و املاک استان %s",
	"دادگستری کل استان %s", "اداره کل امور مالیاتی استان %s", "اداره کل تأمین اجتماعی استان %s",
	"اداره کل کتابخانه‌های عمومی استان %s", "اداره کل اوقاف و امور خیریه استان %s", "اداره کل هواشناسی استان %s",
	"اداره کل ثبت احوال استان %s", "اداره کل زندان‌های استان %s", "اداره کل راهداری و حمل و نقل جاده‌ای استان %s",
	"بنیاد شهید و امور ایثارگران استان %s", "اداره کل استاندارد استان %s", "اداره کل دامپزشکی استان %s",
	"شرکت پست استان %s", "شرکت مخابرات استان %s", "صدا و سیمای مرکز %s", "سازمان مدیریت و برنامه‌ریزی استان %s",
	"بنیاد مسکن انقلاب اسلامی استان %s", "اداره کل مدیریت بحران استان %s", "اداره کل امور اقتصادی و دارایی استان %s",
	"شهرداری مرکز استان %s", "شورای اسلامی شهر مرکز استان %s", "دانشگاه آزاد اسلامی استان %s", "دانشگاه پیام نور استان %s",
	"اداره کل آموزش فنی و حرفه‌ای استان %s", "اداره کل نوسازی مدارس استان %s", "اداره کل تبلیغات اسلامی استان %s",
	"اداره کل ارتباطات و فناوری اطلاعات استان %s", "شرکت شهرک‌های صنعتی استان %s",
}

// nationalOrgs are the bodies of the whole country, whose events are held
// in the capital.
var nationalBodies = []string{
	"وزارت فرهنگ و ارشاد اسلامی", "وزارت کشور", "وزارت بهداشت، درمان و آموزش پزشکی", "وزارت ورزش و جوانان",
	"وزارت راه و شهرسازی", "وزارت نیرو", "وزارت آموزش و پرورش", "سازمان حفاظت محیط زیست", "سازمان بهزیستی کشور",
	"جمعیت هلال احمر جمهوری اسلامی ایران", "انجمن روابط عمومی ایران", "خبرگزاری جمهوری اسلامی",
}

// nationalKinds weighs the kinds of event as an office's calendar holds
// them: meetings and ceremonies most.
var nationalKinds = []struct {
	kind    domain.Kind
	weight  int
	phrases []string
}{
	{domain.KindMeeting, 30, []string{"جلسهٔ شورای اداری", "نشست هم‌اندیشی مدیران روابط عمومی", "جلسهٔ کارگروه"}},
	{domain.KindCeremony, 14, []string{"مراسم گرامیداشت", "آیین تکریم و معارفه", "مراسم بزرگداشت"}},
	{domain.KindConference, 6, []string{"همایش استانی", "همایش ملی"}},
	{domain.KindPressConference, 10, []string{"نشست خبری مدیرکل", "نشست خبری سخنگو"}},
	{domain.KindMediaTour, 4, []string{"تور رسانه‌ای بازدید از طرح‌های", "تور رسانه‌ای خبرنگاران"}},
	{domain.KindTraining, 9, []string{"دورهٔ آموزشی", "کارگاه آموزشی"}},
	{domain.KindFestival, 3, []string{"جشنوارهٔ", "نمایشگاه و جشنوارهٔ"}},
	{domain.KindVisit, 7, []string{"بازدید مدیرکل از", "سفر استانی و بازدید از"}},
	{domain.KindInauguration, 5, []string{"افتتاح طرح‌های", "کلنگ‌زنی طرح‌های"}},
	{domain.KindAward, 3, []string{"تجلیل از برگزیدگان", "آیین اهدای جوایز"}},
	{domain.KindOccasion, 6, []string{"برنامه‌های", "ویژه‌برنامهٔ"}},
	{domain.KindOther, 3, []string{"برنامهٔ", "فراخوان"}},
}

// nationalTopics are what the events are about.
var nationalTopics = []string{
	"هفتهٔ دولت", "دههٔ فجر", "روز خبرنگار", "روز ملی ارتباطات و روابط عمومی", "طرح‌های محرومیت‌زدایی", "هفتهٔ کتاب",
	"روز جهانی محیط زیست", "بازگشایی مدارس", "مدیریت مصرف آب", "پدافند غیرعامل", "هفتهٔ بسیج", "روز معلم",
	"گردشگری نوروزی", "هفتهٔ منابع طبیعی", "سلامت همگانی", "ایمنی و مدیریت بحران", "اقتصاد مقاومتی", "حمایت از تولید ملی",
	"هفتهٔ پژوهش", "روز ملی صنعت و معدن", "هفتهٔ تربیت بدنی", "اربعین حسینی", "ماه مبارک رمضان", "سفر رئیس‌جمهور",
	"انتخابات", "هفتهٔ ملی مهارت", "روز جهانی معلولان", "هفتهٔ نیروی انتظامی", "طرح ملی سرشماری", "فصل زراعی",
}

// nationalVenues are where events are held, after their organization's
// name when it ends with %s.
var nationalVenues = []string{
	"سالن اجتماعات %s", "تالار فرهنگ استان", "سالن همایش‌های دانشگاه", "محل دفتر خبرگزاری استان", "سالن شهید بهشتی استانداری",
	"فرهنگسرای مرکز استان", "ورزشگاه تختی", "مصلای مرکز استان", "", "",
}

// nationalSources are the sources articles come from (%s: a province).
var nationalSources = []string{"خبرگزاری فارس", "پایگاه اطلاع‌رسانی استانداری %s", "روابط عمومی اداره کل فرهنگ و ارشاد اسلامی استان %s", "ایرنا %s"}

// nationalGen makes the rows of a national fill, deterministically from
// its shape's seed.
type nationalGen struct {
	shape     nationalShape
	rng       *rand.Rand
	provinces []string
	provCum   []int                // cumulative province weights
	orgs      []string             // every organization
	orgsOf    map[string][]string  // a province's organizations
	orgProv   map[string]string    // an organization's province
	kindCum   []int                // cumulative kind weights
	first     jalali.Date          // the calendar's first day
	days      int                  // the calendar's days
	stamp     time.Time            // when the rows are said to be made
	base      []benchText          // the corpus
	mined     map[[2]int]mineEntry // (corpus article, year) → what its text yields
	miner     *mining.Miner
}

// mineEntry is what one corpus text mined with one publication date gave.
type mineEntry struct {
	res       mining.Result
	published jalali.Date
}

func newNationalGen(shape nationalShape, base []benchText, miner *mining.Miner) (*nationalGen, error) {
	if shape.Provinces < 1 || shape.Provinces > len(iranProvinces) {
		return nil, fmt.Errorf("bench: --provinces must be 1 to %d", len(iranProvinces))
	}
	if most := shape.Provinces*len(provincialOrgs) + len(nationalBodies); shape.Orgs < shape.Provinces || shape.Orgs > most {
		return nil, fmt.Errorf("bench: --orgs must be %d to %d with %d provinces", shape.Provinces, most, shape.Provinces)
	}
	if shape.Years < 1 || shape.Years > 30 {
		return nil, errors.New("bench: --years must be 1 to 30")
	}
	g := &nationalGen{shape: shape, rng: rand.New(rand.NewPCG(shape.Seed, 1405)), orgsOf: map[string][]string{},
		orgProv: map[string]string{}, base: base, mined: map[[2]int]mineEntry{}, miner: miner,
		stamp: time.Date(2026, 12, 1, 6, 30, 0, 0, time.UTC)}
	total := 0
	for _, p := range iranProvinces[:shape.Provinces] {
		g.provinces = append(g.provinces, p.name)
		total += p.weight
		g.provCum = append(g.provCum, total)
	}
	// Each province's offices by kind, the capital's national bodies
	// after them, as far as --orgs goes: every province has at least one.
	add := func(org, prov string) {
		g.orgs = append(g.orgs, org)
		g.orgsOf[prov] = append(g.orgsOf[prov], org)
		g.orgProv[org] = prov
	}
	for _, kind := range provincialOrgs {
		for _, prov := range g.provinces {
			if len(g.orgs) < shape.Orgs-min(len(nationalBodies), shape.Orgs-shape.Provinces) {
				add(fmt.Sprintf(kind, prov), prov)
			}
		}
	}
	for _, org := range nationalBodies {
		if len(g.orgs) < shape.Orgs {
			add(org, g.provinces[0])
		}
	}
	total = 0
	for _, k := range nationalKinds {
		total += k.weight
		g.kindCum = append(g.kindCum, total)
	}
	g.first = jalali.MustNew(shape.FirstYear, 1, 1)
	g.days = g.first.DaysUntil(jalali.MustNew(shape.FirstYear+shape.Years, 1, 1))
	return g, nil
}

// pick returns the index that a draw under the cumulative weights cum
// falls on.
func pick(rng *rand.Rand, cum []int) int {
	r := rng.IntN(cum[len(cum)-1])
	for i, c := range cum {
		if r < c {
			return i
		}
	}
	return len(cum) - 1
}

func (g *nationalGen) province() string { return g.provinces[pick(g.rng, g.provCum)] }

// event returns the i-th event (from 0): a province by population, one of
// its organizations, a kind by weight, a day of the ten years (Fridays
// mostly moved to the Thursday), one day or several or some hours, a
// share repeating, most confirmed.
func (g *nationalGen) event(i int) domain.Event {
	rng := g.rng
	prov := g.province()
	orgs := g.orgsOf[prov]
	org := orgs[rng.IntN(len(orgs))]
	k := nationalKinds[pick(rng, g.kindCum)]
	topic := nationalTopics[rng.IntN(len(nationalTopics))]
	d := g.first.AddDays(rng.IntN(g.days))
	if d.Weekday() == jalali.Friday && rng.IntN(5) > 0 {
		d = d.AddDays(-1)
	}
	venue := nationalVenues[rng.IntN(len(nationalVenues))]
	if strings.Contains(venue, "%s") {
		venue = fmt.Sprintf(venue, org)
	}
	created := d.Time().Add(-time.Duration(1+rng.IntN(30)) * 24 * time.Hour).UTC()
	e := domain.Event{
		UID:          fmt.Sprintf("national-%07d@ruydad", i+1),
		Title:        k.phrases[rng.IntN(len(k.phrases))] + " " + topic,
		Kind:         k.kind,
		Start:        d,
		End:          d,
		Province:     prov,
		Organization: org,
		Location:     venue,
		Description:  "برنامهٔ " + k.kind.Label() + " " + org + " دربارهٔ " + topic + " با حضور مدیران و خبرنگاران استان " + prov + ".",
		Status:       domain.StatusConfirmed,
		Precision:    domain.PrecisionDay,
		Confidence:   1,
		CreatedAt:    created,
		UpdatedAt:    created,
	}
	switch r := rng.IntN(100); {
	case r < 25: // some hours of one day
		h := 8 + rng.IntN(9)
		e.StartTime, e.EndTime = fmt.Sprintf("%02d:%02d", h, 30*rng.IntN(2)), fmt.Sprintf("%02d:00", h+1+rng.IntN(3))
	case r < 33: // several days
		e.End = d.AddDays(1 + rng.IntN(4))
	case r == 33: // a long one: a festival, a course
		e.End = d.AddDays(5 + rng.IntN(10))
	}
	switch r := rng.IntN(100); {
	case r < 12:
		e.Status = domain.StatusProposed
	case r < 15:
		e.Status = domain.StatusRejected
	}
	if rng.IntN(200) == 0 { // one in 200 repeats
		e.Repeat = g.repeat(d)
		if e.Repeat.Kind != domain.RepeatNone {
			e.End = d
			if e.Repeat.Kind == domain.RepeatWeekly || e.Repeat.Kind == domain.RepeatMonthly || e.Repeat.Kind == domain.RepeatMonthlyWeekday {
				e.Title = "جلسهٔ دوره‌ای " + topic
				e.Kind = domain.KindMeeting
			}
		}
	}
	return e
}

// repeat returns a repetition starting on d: weekly most, then monthly,
// yearly; ending on a day, after some times, or never.
func (g *nationalGen) repeat(d jalali.Date) domain.Repeat {
	rng := g.rng
	var r domain.Repeat
	switch k := rng.IntN(20); {
	case k < 8:
		r = domain.Repeat{Kind: domain.RepeatWeekly, Interval: 1 + rng.IntN(2), Days: domain.WeekdaysOf(d.Weekday())}
		if rng.IntN(4) == 0 {
			r.Days |= domain.WeekdaysOf(jalali.Weekday((int(d.Weekday()) + 2) % 7))
		}
	case k < 12:
		r = domain.Repeat{Kind: domain.RepeatMonthly, Interval: 1}
	case k < 15:
		nth, last := domain.NthOf(d)
		r = domain.Repeat{Kind: domain.RepeatMonthlyWeekday, Interval: 1, Nth: nth}
		if nth > 4 || last && rng.IntN(2) == 0 {
			r.Nth = domain.LastWeek
		}
	case k < 19:
		r = domain.Repeat{Kind: domain.RepeatYearly, Interval: 1}
	default:
		r = domain.Repeat{Kind: domain.RepeatYearlyHijri, Interval: 1}
	}
	switch rng.IntN(3) {
	case 0:
		r.Until = d.AddDays(90 + rng.IntN(3*365))
	case 1:
		r.Count = 5 + rng.IntN(50)
	}
	return r
}

// article returns the k-th article (from 0) and the events and occasions
// mined from it. The corpus' articles come in turn; from the second round
// on each is followed by a paragraph of another, so that every text is
// new, and published in another of the years (the miner runs once per
// text and year: what it finds lies in the text's first part, unchanged).
func (g *nationalGen) article(k int, seen map[string]bool) (domain.Article, []domain.Event, []domain.ArticleOccasion) {
	rng := g.rng
	n := len(g.base)
	b, round := k%n, k/n
	base := g.base[b]
	year := g.shape.FirstYear + (b+3*round)%g.shape.Years
	m := g.mine(b, year)
	prov := g.province()
	src := nationalSources[rng.IntN(len(nationalSources))]
	if strings.Contains(src, "%s") {
		src = fmt.Sprintf(src, prov)
	}
	a := domain.Article{Title: base.title, Text: base.text, Source: src, Province: prov, Published: m.published,
		CreatedAt: m.published.Time().Add(time.Duration(8+rng.IntN(10)) * time.Hour).UTC()}
	if strings.TrimSpace(a.Title) == "" {
		a.Title = m.res.Title
	}
	a.Hash = app.Hash(a.Text)
	for o := b + round*7919; round > 0 || seen[a.Hash]; o++ {
		other := strings.Split(g.base[o%n].text, "\n")
		a.Text += "\n\n" + other[rng.IntN(len(other))]
		a.Hash = app.Hash(a.Text)
		if !seen[a.Hash] {
			break
		}
	}
	seen[a.Hash] = true
	events, occasions := app.Events(m.res, a), app.Occasions(m.res, a)
	kept := events[:0]
	for i := range events {
		e := &events[i]
		e.UID = fmt.Sprintf("national-a%06d-%d@ruydad", k+1, i+1)
		if e.Status == "" {
			e.Status = domain.StatusProposed
		}
		if e.Precision == "" {
			e.Precision = domain.PrecisionDay
		}
		e.CreatedAt, e.UpdatedAt = a.CreatedAt, a.CreatedAt
		if e.Validate() == nil {
			kept = append(kept, *e)
		}
	}
	okOcc := occasions[:0]
	for _, o := range occasions {
		if o.End.IsZero() {
			o.End = o.Start
		}
		if o.Validate(a.Text) == nil {
			okOcc = append(okOcc, o)
		}
	}
	return a, kept, okOcc
}

// mine returns what corpus text b yields published in year: on its own
// publication day moved to that year, or a day of the year drawn for it.
func (g *nationalGen) mine(b, year int) mineEntry {
	key := [2]int{b, year}
	if m, ok := g.mined[key]; ok {
		return m
	}
	base := g.base[b]
	month, day := 1+(b*7)%12, 1+(b*13)%29
	if !base.published.IsZero() {
		month, day = base.published.Month, base.published.Day
	}
	day = min(day, jalali.MonthLength(year, month))
	pub := jalali.MustNew(year, month, day)
	m := mineEntry{res: g.miner.Mine(mining.Input{Text: base.text, Published: pub, Source: "خبرگزاری فارس"}), published: pub}
	g.mined[key] = m
	return m
}

// users returns the fill's accounts but the bench's editor: numbered by
// province, a few administrators, editors and viewers, all with the
// editor's password (hashed once: bcrypt for each would take minutes).
func (g *nationalGen) users(n int, hash string) []domain.User {
	out := make([]domain.User, 0, n)
	for i := range n {
		role := domain.RoleViewer
		switch r := g.rng.IntN(100); {
		case r < 2:
			role = domain.RoleAdmin
		case r < 40:
			role = domain.RoleEditor
		}
		out = append(out, domain.User{Name: fmt.Sprintf("pr-%02d-%04d", i%len(g.provinces)+1, i+1), Role: role, PasswordHash: hash,
			FeedTokenHash: domain.HashToken(fmt.Sprintf("national-feed-%d-%d", g.shape.Seed, i)), CreatedAt: g.stamp})
	}
	return out
}

// fillNational creates the database at path with shape's rows, or, when
// path holds a national fill of that shape already, reads back what the
// routes need from it. progress is told how the fill goes.
func fillNational(ctx context.Context, path string, shape nationalShape, corpus string, progress io.Writer) (benchData, nationalShape, error) {
	start := time.Now()
	db, a, err := open(ctx, path, cliLog(io.Discard))
	if err != nil {
		return benchData{}, shape, err
	}
	defer db.Close()
	data := benchData{refused: new(atomic.Int64), user: "bench"}
	stored, err := db.Meta(ctx, nationalMeta)
	if err != nil {
		return data, shape, err
	}
	if stored != "" {
		var was nationalShape
		if err := json.Unmarshal([]byte(stored), &was); err != nil {
			return data, shape, fmt.Errorf("bench: %s: %s: %w", path, nationalMeta, err)
		}
		if !sameShape(was, shape) {
			return data, shape, fmt.Errorf("bench: %s holds another fill (%d events, %d articles, %d users, %d provinces, %d organizations, %d years from %d, seed %d, corpus %s); give another --keep file",
				path, was.Events, was.Articles, was.Users, was.Provinces, was.Orgs, was.Years, was.FirstYear, was.Seed, was.Corpus)
		}
		// A new password for the bench's editor: the kept file does not
		// keep it.
		u, err := a.UserByName(ctx, data.user)
		if err != nil {
			return data, shape, fmt.Errorf("bench: %s: the bench editor: %w", path, err)
		}
		data.password = domain.NewToken()
		if err := a.SetPassword(ctx, u.ID, data.password); err != nil {
			return data, shape, fmt.Errorf("bench: %w", err)
		}
		g, err := newNationalGen(was, nil, nil)
		if err != nil {
			return data, shape, err
		}
		g.describe(&data, was)
		data.took, data.reused = time.Since(start), true
		return data, was, nil
	}
	if n, err := db.CountArticles(ctx); err != nil || n > 0 {
		return data, shape, errors.Join(err, fmt.Errorf("bench: %s holds data but no national fill; give a new --keep file", path))
	}
	base, err := readCorpus(corpus)
	if err != nil {
		return data, shape, err
	}
	if len(base) == 0 {
		return data, shape, fmt.Errorf("bench: no articles in %s", corpus)
	}
	miner, err := newMiner()
	if err != nil {
		return data, shape, err
	}
	g, err := newNationalGen(shape, base, miner)
	if err != nil {
		return data, shape, err
	}
	data.password = domain.NewToken()
	editor, err := a.CreateUser(ctx, data.user, domain.RoleEditor, data.password)
	if err != nil {
		return data, shape, fmt.Errorf("bench: the editor: %w", err)
	}
	if err := a.SetDraftsPublic(ctx, true); err != nil {
		return data, shape, fmt.Errorf("bench: %w", err)
	}
	report := func(what string, done, of int) {
		if done%100_000 == 0 || done == of {
			fmt.Fprintf(progress, "  %s: %d of %d (%s)\n", what, done, of, time.Since(start).Round(time.Second))
		}
	}
	seen := map[string]bool{}
	err = db.BulkFill(ctx, func(b *sqlite.Bulk) error {
		for _, u := range g.users(shape.Users-1, editor.PasswordHash) {
			if err := b.User(&u); err != nil {
				return err
			}
		}
		for i := range shape.Events {
			e := g.event(i)
			if err := e.Validate(); err != nil {
				return fmt.Errorf("event %d: %w", i+1, err)
			}
			if err := b.Event(&e); err != nil {
				return err
			}
			report("events", i+1, shape.Events)
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		for k := range shape.Articles {
			art, evs, occ := g.article(k, seen)
			created, err := b.Article(&art, evs, occ)
			if err != nil {
				return err
			}
			if !created {
				return fmt.Errorf("article %d: its text is stored already", k+1)
			}
			shape.Mined += len(evs)
			shape.Occasions += len(occ)
			shape.TextBytes += int64(len(art.Text))
			report("articles", k+1, shape.Articles)
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return data, shape, fmt.Errorf("bench: fill %s: %w", path, err)
	}
	shape.Seconds = time.Since(start).Seconds()
	record, _ := json.Marshal(shape)
	if err := db.SetMeta(ctx, nationalMeta, string(record)); err != nil {
		return data, shape, err
	}
	g.describe(&data, shape)
	data.took = time.Since(start)
	return data, shape, nil
}

// sameShape reports whether a fill of shape a is one of shape b (what it
// stored besides aside).
func sameShape(a, b nationalShape) bool {
	a.Mined, a.Occasions, a.TextBytes, a.Seconds = 0, 0, 0, 0
	b.Mined, b.Occasions, b.TextBytes, b.Seconds = 0, 0, 0, 0
	return a == b
}

// describe sets what the routes ask for from a fill of shape: the events'
// ids (the events are the first rows stored: 1 to Events), the months,
// provinces and organizations.
func (g *nationalGen) describe(data *benchData, shape nationalShape) {
	data.events, data.articles, data.mined = shape.Events, shape.Articles, shape.Mined
	data.textBytes = shape.TextBytes
	data.eventIDs = make([]int64, shape.Events)
	for i := range data.eventIDs {
		data.eventIDs[i] = int64(i + 1)
	}
	for y := shape.FirstYear; y < shape.FirstYear+shape.Years; y++ {
		for m := 1; m <= 12; m++ {
			data.months = append(data.months, [2]int{y, m})
		}
	}
	data.provinces, data.orgs = g.provinces, g.orgs
	data.firstYear, data.years = shape.FirstYear, shape.Years
}

// corpusName identifies a corpus file by its name and size (the fill
// depends on its content, not on where it lies).
func corpusName(path string) string {
	if path == "" {
		return "seeds"
	}
	st, err := os.Stat(path)
	if err != nil {
		return path
	}
	return fmt.Sprintf("%s:%d", st.Name(), st.Size())
}
