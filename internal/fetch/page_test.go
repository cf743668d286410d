package fetch

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// An IRIB-like provincial page: only a header clock, no date in its
// metadata.
const headerClockOnly = `<!DOCTYPE html><html lang="fa"><head><meta charset="utf-8"><title>مرکز یزد | افتتاح کتابخانه عمومی در مهریز</title></head>
<body><header class="site-header"><div class="clock-widget"><time datetime="2026-12-05T09:59:00+03:30">شنبه ۱۴ آذر ۱۴۰۵ ساعت ۰۹:۵۹</time></div>
<nav><a href="/">خانه</a> <a href="/news">اخبار استان</a></nav></header>
<div class="news-body"><h1>افتتاح کتابخانه عمومی در مهریز</h1>
<p>کتابخانه عمومی شهر مهریز با حضور فرماندار و مدیرکل کتابخانه‌های عمومی استان یزد افتتاح شد.</p>
<p>این کتابخانه با ۱۲ هزار جلد کتاب و سالن مطالعه ۸۰ نفره از شنبه آینده پذیرای مراجعان است.</p></div></body></html>`

// An IRIB-like page of no known shape, with related posts and comments.
const noKnownShape = `<!DOCTYPE html><html lang="fa" dir="rtl"><head><meta charset="utf-8">
<title>آغاز طرح زمستانه ترافیکی در جاده‌های گیلان - صدا و سیمای مرکز گیلان</title>
<meta name="dcterms.date" content="2026-11-29T16:45:00+03:30"></head>
<body><div id="wrap"><div class="topnav"><a href="/">صفحه اصلی</a> <a href="/radio">رادیو</a> <a href="/tv">تلویزیون</a> <a href="/news">اخبار</a></div>
<div class="content-wrapper"><div class="post">
<h2 class="post-title">آغاز طرح زمستانه ترافیکی در جاده‌های گیلان</h2>
<p>رئیس پلیس راه استان گیلان گفت: طرح زمستانه ترافیکی از اول دی ماه در همه محورهای کوهستانی استان اجرا می‌شود و تا پایان بهمن ادامه دارد.</p>
<p>وی افزود: در این طرح ۴۵ تیم امدادی و ۱۲۰ دستگاه ماشین‌آلات راهداری در گردنه‌های حیران و اسالم به خلخال مستقر می‌شوند و رانندگان باید زنجیر چرخ همراه داشته باشند.</p>
<p>رئیس پلیس راه گیلان از رانندگان خواست پیش از سفر از وضعیت جاده‌ها با شماره ۱۴۱ آگاه شوند و از سفرهای غیرضروری در روزهای برفی پرهیز کنند.</p>
</div>
<div class="related-posts"><h3>مطالب مرتبط</h3><ul><li><a href="/n/1">بارش برف در ماسال</a></li><li><a href="/n/2">بازگشایی گردنه حیران</a></li><li><a href="/n/3">هشدار سطح زرد هواشناسی</a></li></ul></div>
<div id="comments"><h3>دیدگاه‌ها</h3><div class="comment-body"><p>جاده اسالم به خلخال همیشه در زمستان بسته است، لطفا فکری کنید.</p></div></div>
</div><div class="footer">صدا و سیمای جمهوری اسلامی ایران - مرکز گیلان</div></div></body></html>`

func TestPages(t *testing.T) {
	for _, tc := range []struct {
		name        string
		contentType string
		body        []byte
		path        string // the page's path, and query
		title       string
		url         string // its URL read, after the origin ("" for path)
		published   time.Time
		paragraphs  int // how many the text has, 0 for unchecked
		want        []string
		unwanted    []string
	}{{
		// The body in div.item-text after a lead, related news and comments
		// below it, a header clock showing today while its JSON-LD @graph
		// says three days earlier, a canonical link on the same host.
		name: "IRNA", contentType: "text/html; charset=utf-8", body: fixture(t, "irna-news.html"), path: "/news/85912345/",
		title:     "آغاز جشنواره فرهنگی اقوام در همدان از ۲۰ آذر",
		url:       "/news/85912345/" + url.PathEscape("آغاز-جشنواره-فرهنگی-اقوام-در-همدان"),
		published: time.Date(2026, 12, 2, 10, 42, 18, 0, jalali.Tehran), paragraphs: 5,
		want: []string{
			"همدان - ایرنا - مدیرکل میراث فرهنگی استان همدان گفت: جشنواره فرهنگی اقوام ایران\u200cزمین از ۲۰ تا ۲۴ آذر",
			"مراسم افتتاحیه ساعت ۱۶ روز پنجشنبه ۲۰ آذر",
			"نشست تخصصی «گردشگری فرهنگی و اقوام» نیز روز ۲۲ آذر",
		},
		unwanted: []string{
			"نمایشگاه صنایع دستی در ملایر", "همایش ملی گردشگری در نهاوند", // related news
			"پارسال نظم نداشت", "موسیقی محلی", "ارسال نظر", // comments
			"اقتصاد", "پربازدیدترین", "قیمت طلا", "تمامی حقوق", "۰۹:۴۰", "شنبه ۱۴ آذر", "برچسب", // navigation, header, footer
		},
	}, {
		// h1 and <title> with the site's name, a <time datetime> without an
		// offset inside the article, a canonical link to another host's home
		// page (ignored), a comment inside the article.
		name: "ISNA", contentType: "text/html", body: fixture(t, "isna-news.html"), path: "/news/1405091207321/",
		title:     "نشست شورای اداری استان کرمانشاه با حضور وزیر کشور برگزار می\u200cشود",
		published: time.Date(2026, 12, 3, 8, 15, 0, 0, jalali.Tehran), paragraphs: 4,
		want: []string{
			"معاون سیاسی استاندار کرمانشاه از برگزاری نشست شورای اداری استان",
			"یکشنبه ۱۶ آذر ساعت ۹ صبح در سالن اجتماعات استانداری",
			"با نمایندگان استان در مجلس دیدار دارد.",
		},
		unwanted: []string{"جاده کرمانشاه به سنقر", "مسابقات کشتی", "امروز: شنبه", "صفحه اصلی", "کلیه حقوق"},
	}, {
		// The body in div.rtejustify blocks with a "read more" box among
		// them, article:published_time in UTC, <title> with the site's name
		// first, og:url on another host.
		name: "Fars", contentType: "text/html; charset=UTF-8", body: fixture(t, "fars-news.html"), path: "/news/14050911000456/",
		title:     "دومین همایش ملی آب و کشاورزی در شیراز",
		published: time.Date(2026, 12, 1, 9, 0, 0, 0, jalali.Tehran), paragraphs: 5,
		want: []string{
			"رئیس سازمان جهاد کشاورزی فارس از برگزاری دومین همایش ملی آب و کشاورزی در ۲۷ آذر خبر داد.",
			"پنجشنبه ۲۷ آذر در مرکز همایش\u200cهای بین\u200cالمللی شیراز",
			"خواهد شد.\n\nرئیس سازمان جهاد کشاورزی فارس گفت: کارگاه آموزشی آبیاری نوین نیز در حاشیه همایش روز ۲۸ آذر",
		},
		unwanted: []string{"کاهش ۳۰ درصدی بارش\u200cها", "آغاز کشت گندم", "ثبت\u200cنام کجاست", "۱۴۰۵/۰۹/۱۴ - ۰۹:۵۸", "صفحه نخست"},
	}, {
		// An old provincial government site: windows-1256 named only in its
		// meta, a table layout, a Jalali date in meta name=date; Arabic ي and
		// ك as written.
		name: "windows-1256", contentType: "text/html", body: windows1256(t, string(fixture(t, "ostandari-1256.html"))), path: "/news.aspx?id=4521",
		title:     "برگزاري همايش بزرگداشت روز مجلس در كرمان",
		published: time.Date(2026, 12, 1, 11, 20, 0, 0, jalali.Tehran), paragraphs: 3,
		want: []string{
			"همايش بزرگداشت روز مجلس شوراي اسلامي با حضور نمايندگان استان روز 14 خرداد",
			"حضور يابند & گزارش عملكرد خود را ارائه كنند.",
		},
		unwanted: []string{"تماس با ما", "معاونت\u200cها", "كليه حقوق", "امروز: 14 آذر"},
	}, {
		// Only a header clock: no publication date, rather than today's.
		name: "header clock", contentType: "text/html; charset=utf-8", body: []byte(headerClockOnly), path: "/fa/news/1",
		title: "افتتاح کتابخانه عمومی در مهریز", paragraphs: 2,
		want:     []string{"کتابخانه عمومی شهر مهریز", "سالن مطالعه ۸۰ نفره"},
		unwanted: []string{"ساعت ۰۹:۵۹", "اخبار استان"},
	}, {
		// No known shape: readability alone finds the text, without the
		// related posts and comments; the title's site name is not a
		// heading of the page.
		name: "readability alone", contentType: "text/html; charset=utf-8", body: []byte(noKnownShape), path: "/fa/news/99",
		title:     "آغاز طرح زمستانه ترافیکی در جاده\u200cهای گیلان",
		published: time.Date(2026, 11, 29, 16, 45, 0, 0, jalali.Tehran), paragraphs: 3,
		want:     []string{"طرح زمستانه ترافیکی از اول دی ماه", "با شماره ۱۴۱ آگاه شوند"},
		unwanted: []string{"بارش برف در ماسال", "همیشه در زمستان بسته است", "تلویزیون", "مرکز گیلان"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			path, _, _ := strings.Cut(tc.path, "?")
			origin := site{path: {tc.contentType, tc.body}}.serve(t).URL
			p, err := testClient(Options{}).Page(context.Background(), origin+tc.path)
			if err != nil {
				t.Fatal(err)
			}
			if p.Title != tc.title {
				t.Errorf("title %q, want %q", p.Title, tc.title)
			}
			if tc.url == "" {
				tc.url = tc.path
			}
			if p.URL != origin+tc.url {
				t.Errorf("URL %q, want %q", p.URL, origin+tc.url)
			}
			if !p.Published.Equal(tc.published) {
				t.Errorf("published %v, want %v", p.Published, tc.published)
			}
			for _, w := range tc.want {
				if !strings.Contains(p.Text, w) {
					t.Errorf("text lacks %q", w)
				}
			}
			for _, u := range tc.unwanted {
				if strings.Contains(p.Text, u) {
					t.Errorf("text has %q", u)
				}
			}
			if got := len(strings.Split(p.Text, "\n\n")); got != tc.paragraphs {
				t.Errorf("%d paragraphs, want %d", got, tc.paragraphs)
			}
			if t.Failed() {
				t.Logf("text:\n%s", p.Text)
			}
		})
	}
}

// A feed that carries only a summary: the page behind its link gives the
// whole text.
func TestSummaryFeedThenPage(t *testing.T) {
	const feed = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>ایرنا - همدان</title>
<item><title>آغاز جشنواره فرهنگی اقوام در همدان از ۲۰ آذر</title><link>/news/85912345/</link>
<description>جشنواره فرهنگی اقوام ایران‌زمین از ۲۰ آذر در همدان برگزار می‌شود.</description>
<pubDate>Wed, 02 Dec 2026 07:12:18 GMT</pubDate></item></channel></rss>`
	origin := site{
		"/rss":            {"application/rss+xml", []byte(feed)},
		"/news/85912345/": {"text/html; charset=utf-8", fixture(t, "irna-news.html")},
	}.serve(t).URL
	c := testClient(Options{})
	f, err := c.Feed(context.Background(), origin+"/rss", domain.Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != 1 || f.Items[0].Content != "" {
		t.Fatalf("items %+v", f.Items)
	}
	p, err := c.Page(context.Background(), f.Items[0].Link)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Text) < 3*len(f.Items[0].Summary) || !strings.Contains(p.Text, "دانشگاه بوعلی\u200cسینا") {
		t.Errorf("page text\n%s", p.Text)
	}
	if !p.Published.Equal(f.Items[0].Published) {
		t.Errorf("page %v, feed %v", p.Published, f.Items[0].Published)
	}
}

func TestPageRefusals(t *testing.T) {
	origin := site{
		"/feed":  {"application/rss+xml", []byte(`<rss version="2.0"><channel><title>خبر</title></channel></rss>`)},
		"/image": {"image/jpeg", []byte("\xff\xd8\xff\xe0")},
		"/empty": {"text/html", []byte(`<html><head><title>خانه</title></head><body><nav><a href="/">خانه</a></nav></body></html>`)},
	}.serve(t).URL
	c := testClient(Options{})
	wantProblems(t, origin, map[string]domain.FetchProblem{
		"/feed":    domain.FetchContentType,
		"/image":   domain.FetchContentType,
		"/empty":   domain.FetchUnreadable,
		"/missing": domain.FetchStatus,
	}, func(u string) error {
		_, err := c.Page(context.Background(), u)
		return err
	})
	_, err := c.Page(context.Background(), "file:///etc/passwd")
	wantProblem(t, err, domain.FetchScheme)
}

func TestCanonicalSameSite(t *testing.T) {
	for _, tc := range []struct {
		final, canonical string
		same             bool
	}{
		{"https://www.irna.ir/news/1/", "https://irna.ir/news/1/x", true},
		{"https://kermanshah.isna.ir/news/1", "https://www.isna.ir/news/1", true},
		{"https://www.irna.ir/news/1/", "https://www.irna.ir.evil.example/news/1", false},
		{"https://hamedan.ostan.gov.ir/news/1", "https://kerman.ostan.gov.ir/news/1", true},
		{"https://a.blogfa.com/post/1", "https://b.blogfa.com/post/1", true},
		{"http://127.0.0.1:8080/a", "http://127.0.0.1:9090/a", true},
		{"http://127.0.0.1/a", "http://10.0.0.1/a", false},
	} {
		f, _ := url.Parse(tc.final)
		c, _ := url.Parse(tc.canonical)
		if got := sameSite(f, c); got != tc.same {
			t.Errorf("sameSite(%s, %s) = %v", tc.final, tc.canonical, got)
		}
	}
}

// A page of more elements than readability is given is read from its
// known body shape.
func TestPageTooManyElementsForReadability(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html><head><meta charset="utf-8"><title>فهرست</title></head><body><div class="menu">`)
	for range maxElements {
		b.WriteString("<span>ت</span>")
	}
	b.WriteString(`</div><div class="item-text"><p>متن خبر در قالب شناخته‌شده.</p><p>بند دوم خبر.</p></div></body></html>`)
	origin := site{"/p": {"text/html; charset=utf-8", []byte(b.String())}}.serve(t).URL
	p, err := testClient(Options{}).Page(context.Background(), origin+"/p")
	if err != nil {
		t.Fatal(err)
	}
	if p.Text != "متن خبر در قالب شناخته‌شده.\n\nبند دوم خبر." {
		t.Errorf("text %q", p.Text)
	}
}

func TestPageTitle(t *testing.T) {
	for _, tc := range []struct{ head, body, want string }{
		{`<title>برگزاری جشنواره تئاتر فجر استان در بیرجند - ایرنا</title>`, `<h1 class="logo"><a href="/">ایرنا</a></h1>`,
			"برگزاری جشنواره تئاتر فجر استان در بیرجند"},
		{`<title>خبرگزاری مهر | اخبار ایران و جهان | Mehr News Agency - آغاز ثبت‌نام حج تمتع</title><meta property="og:site_name" content="خبرگزاری مهر">`,
			`<h1>آغاز ثبت‌نام حج تمتع</h1>`, "آغاز ثبت\u200cنام حج تمتع"},
		{`<title>استانداری خراسان جنوبی</title><meta property="og:site_name" content="استانداری خراسان جنوبی">`,
			`<h1>استانداری خراسان جنوبی</h1><div class="news-title"><h1 class="title">بازدید استاندار از طرح‌های عمرانی قاینات</h1></div>`,
			"بازدید استاندار از طرح\u200cهای عمرانی قاینات"},
		{`<title>مراسم بزرگداشت حافظ در شیراز</title>`, ``, "مراسم بزرگداشت حافظ در شیراز"},
	} {
		d, err := goquery.NewDocumentFromReader(strings.NewReader("<html><head>" + tc.head + "</head><body>" + tc.body + "</body></html>"))
		if err != nil {
			t.Fatal(err)
		}
		if got := pageTitle(d); got != tc.want {
			t.Errorf("pageTitle(%s %s) = %q, want %q", tc.head, tc.body, got, tc.want)
		}
	}
}
