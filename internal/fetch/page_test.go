package fetch

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// news serves each path's fixture with its content type, {{origin}} in it
// replaced by the server's own origin (its canonical links).
func news(t *testing.T, pages map[string]struct{ contentType, body string }) string {
	t.Helper()
	var origin string
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		p, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", p.contentType)
		w.Write(bytes.ReplaceAll([]byte(p.body), []byte("{{origin}}"), []byte(origin)))
	})
	origin = srv.URL
	return origin
}

func fetchPage(t *testing.T, rawURL string) domain.FetchedPage {
	t.Helper()
	p, err := testClient(Options{}).Page(context.Background(), rawURL)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// checkText checks that text has each of want, none of unwanted, and its
// paragraphs apart.
func checkText(t *testing.T, text string, want, unwanted []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("text lacks %q:\n%s", w, text)
		}
	}
	for _, u := range unwanted {
		if strings.Contains(text, u) {
			t.Errorf("text has %q:\n%s", u, text)
		}
	}
	if !strings.Contains(text, "\n\n") {
		t.Errorf("no paragraph break in\n%s", text)
	}
}

// IRNA-like: the body in div.item-text after a lead, related news and
// comments below it, a header clock showing today while its JSON-LD
// @graph says two days earlier.
func TestPageIRNA(t *testing.T) {
	origin := news(t, map[string]struct{ contentType, body string }{
		"/news/85912345/": {"text/html; charset=utf-8", string(fixture(t, "irna-news.html"))},
	})
	p := fetchPage(t, origin+"/news/85912345/")
	if p.Title != "آغاز جشنواره فرهنگی اقوام در همدان از ۲۰ آذر" {
		t.Errorf("title %q", p.Title)
	}
	if u, _ := url.Parse(p.URL); u.Path != "/news/85912345/آغاز-جشنواره-فرهنگی-اقوام-در-همدان" || !strings.HasPrefix(p.URL, origin) {
		t.Errorf("canonical URL %q", p.URL)
	}
	if want := time.Date(2026, 12, 2, 10, 42, 18, 0, jalali.Tehran); !p.Published.Equal(want) {
		t.Errorf("published %v, want %v (the metadata's, not the header clock's)", p.Published, want)
	}
	checkText(t, p.Text, []string{
		"همدان - ایرنا - مدیرکل میراث فرهنگی استان همدان گفت: جشنواره فرهنگی اقوام ایران\u200cزمین از ۲۰ تا ۲۴ آذر",
		"مراسم افتتاحیه ساعت ۱۶ روز پنجشنبه ۲۰ آذر",
		"نشست تخصصی «گردشگری فرهنگی و اقوام» نیز روز ۲۲ آذر",
	}, []string{
		"نمایشگاه صنایع دستی در ملایر", "همایش ملی گردشگری در نهاوند", // related news
		"پارسال نظم نداشت", "موسیقی محلی", "ارسال نظر", // comments
		"اقتصاد", "پربازدیدترین", "قیمت طلا", "تمامی حقوق", "۰۹:۴۰", "شنبه ۱۴ آذر", "برچسب", // navigation, header, footer
	})
	if strings.Count(p.Text, "جشنواره فرهنگی اقوام ایران\u200cزمین") != 1 {
		t.Errorf("the lead is not once in\n%s", p.Text)
	}
}

// ISNA-like: h1 and <title> with the site's name, a <time datetime>
// without an offset inside the article, a canonical link to the home page
// (ignored), a comment inside the article.
func TestPageISNA(t *testing.T) {
	origin := news(t, map[string]struct{ contentType, body string }{
		"/news/1405091207321/": {"text/html", string(fixture(t, "isna-news.html"))},
	})
	p := fetchPage(t, origin+"/news/1405091207321/")
	if p.Title != "نشست شورای اداری استان کرمانشاه با حضور وزیر کشور برگزار می\u200cشود" {
		t.Errorf("title %q", p.Title)
	}
	if p.URL != origin+"/news/1405091207321/" {
		t.Errorf("URL %q: a canonical home page on another host is not the article's", p.URL)
	}
	if want := time.Date(2026, 12, 3, 8, 15, 0, 0, jalali.Tehran); !p.Published.Equal(want) {
		t.Errorf("published %v, want %v", p.Published, want)
	}
	checkText(t, p.Text, []string{
		"معاون سیاسی استاندار کرمانشاه از برگزاری نشست شورای اداری استان",
		"یکشنبه ۱۶ آذر ساعت ۹ صبح در سالن اجتماعات استانداری",
		"با نمایندگان استان در مجلس دیدار دارد.",
	}, []string{"جاده کرمانشاه به سنقر", "مسابقات کشتی", "امروز: شنبه", "صفحه اصلی", "کلیه حقوق"})
}

// Fars-like: the body in div.rtejustify blocks with a "read more" box
// among them, article:published_time in UTC, <title> with the site's
// name first, og:url on another host.
func TestPageFars(t *testing.T) {
	origin := news(t, map[string]struct{ contentType, body string }{
		"/news/14050911000456/": {"text/html; charset=UTF-8", string(fixture(t, "fars-news.html"))},
	})
	p := fetchPage(t, origin+"/news/14050911000456/")
	if p.Title != "دومین همایش ملی آب و کشاورزی در شیراز" {
		t.Errorf("title %q", p.Title)
	}
	if p.URL != origin+"/news/14050911000456/" {
		t.Errorf("URL %q", p.URL)
	}
	if want := time.Date(2026, 12, 1, 9, 0, 0, 0, jalali.Tehran); !p.Published.Equal(want) {
		t.Errorf("published %v, want %v", p.Published, want)
	}
	checkText(t, p.Text, []string{
		"رئیس سازمان جهاد کشاورزی فارس از برگزاری دومین همایش ملی آب و کشاورزی در ۲۷ آذر خبر داد.",
		"پنجشنبه ۲۷ آذر در مرکز همایش\u200cهای بین\u200cالمللی شیراز",
		"کارگاه آموزشی آبیاری نوین نیز در حاشیه همایش روز ۲۸ آذر",
	}, []string{"کاهش ۳۰ درصدی بارش\u200cها", "آغاز کشت گندم", "ثبت\u200cنام کجاست", "۱۴۰۵/۰۹/۱۴ - ۰۹:۵۸", "صفحه نخست"})
	if !strings.Contains(p.Text, "خواهد شد.\n\nرئیس سازمان") {
		t.Errorf("the rtejustify divs are not paragraphs:\n%s", p.Text)
	}
}

// An old provincial government site: windows-1256 named only in its meta,
// a table layout, a Jalali date in meta name=date; Arabic ي and ك as
// written.
func TestPageWindows1256(t *testing.T) {
	body := windows1256(t, string(fixture(t, "ostandari-1256.html")))
	origin := news(t, map[string]struct{ contentType, body string }{"/news.aspx": {"text/html", string(body)}})
	p := fetchPage(t, origin+"/news.aspx?id=4521")
	if p.Title != "برگزاري همايش بزرگداشت روز مجلس در كرمان" {
		t.Errorf("title %q", p.Title)
	}
	if want := time.Date(2026, 12, 1, 11, 20, 0, 0, jalali.Tehran); !p.Published.Equal(want) {
		t.Errorf("published %v, want %v", p.Published, want)
	}
	if p.URL != origin+"/news.aspx?id=4521" {
		t.Errorf("URL %q", p.URL)
	}
	checkText(t, p.Text, []string{
		"همايش بزرگداشت روز مجلس شوراي اسلامي با حضور نمايندگان استان روز 14 خرداد",
		"حضور يابند & گزارش عملكرد خود را ارائه كنند.",
	}, []string{"تماس با ما", "معاونت\u200cها", "كليه حقوق", "امروز: 14 آذر"})
}

// An IRIB-like provincial page with only a header clock and no date in
// its metadata: no publication date, rather than today's.
func TestPageHeaderClockIsNotADate(t *testing.T) {
	const page = `<!DOCTYPE html><html lang="fa"><head><meta charset="utf-8"><title>مرکز یزد | افتتاح کتابخانه عمومی در مهریز</title></head>
<body><header class="site-header"><div class="clock-widget"><time datetime="2026-12-05T09:59:00+03:30">شنبه ۱۴ آذر ۱۴۰۵ ساعت ۰۹:۵۹</time></div>
<nav><a href="/">خانه</a> <a href="/news">اخبار استان</a></nav></header>
<div class="news-body"><h1>افتتاح کتابخانه عمومی در مهریز</h1>
<p>کتابخانه عمومی شهر مهریز با حضور فرماندار و مدیرکل کتابخانه‌های عمومی استان یزد افتتاح شد.</p>
<p>این کتابخانه با ۱۲ هزار جلد کتاب و سالن مطالعه ۸۰ نفره از شنبه آینده پذیرای مراجعان است.</p></div></body></html>`
	origin := news(t, map[string]struct{ contentType, body string }{"/fa/news/1": {"text/html; charset=utf-8", page}})
	p := fetchPage(t, origin+"/fa/news/1")
	if !p.Published.IsZero() {
		t.Errorf("published %v, from the header clock", p.Published)
	}
	if p.Title != "افتتاح کتابخانه عمومی در مهریز" {
		t.Errorf("title %q", p.Title)
	}
	checkText(t, p.Text, []string{"کتابخانه عمومی شهر مهریز", "سالن مطالعه ۸۰ نفره"}, []string{"ساعت ۰۹:۵۹", "اخبار استان"})
}

// A feed that carries only a summary: the page behind its link gives the
// whole text.
func TestSummaryFeedThenPage(t *testing.T) {
	const feed = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>ایرنا - همدان</title>
<item><title>آغاز جشنواره فرهنگی اقوام در همدان از ۲۰ آذر</title><link>/news/85912345/</link>
<description>جشنواره فرهنگی اقوام ایران‌زمین از ۲۰ آذر در همدان برگزار می‌شود.</description>
<pubDate>Wed, 02 Dec 2026 07:12:18 GMT</pubDate></item></channel></rss>`
	origin := news(t, map[string]struct{ contentType, body string }{
		"/rss":            {"application/rss+xml", feed},
		"/news/85912345/": {"text/html; charset=utf-8", string(fixture(t, "irna-news.html"))},
	})
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
	origin := news(t, map[string]struct{ contentType, body string }{
		"/feed":  {"application/rss+xml", `<rss version="2.0"><channel><title>خبر</title></channel></rss>`},
		"/image": {"image/jpeg", "\xff\xd8\xff\xe0"},
		"/empty": {"text/html", `<html><head><title>خانه</title></head><body><nav><a href="/">خانه</a></nav></body></html>`},
	})
	c := testClient(Options{})
	for path, want := range map[string]domain.FetchProblem{
		"/feed":    domain.FetchContentType,
		"/image":   domain.FetchContentType,
		"/empty":   domain.FetchUnreadable,
		"/missing": domain.FetchStatus,
	} {
		_, err := c.Page(context.Background(), origin+path)
		t.Run(path, func(t *testing.T) { wantProblem(t, err, want) })
	}
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

// A page of no known shape (an IRIB-like provincial site): readability
// alone finds the text, without its related posts and comments.
func TestPageReadabilityAlone(t *testing.T) {
	const page = `<!DOCTYPE html><html lang="fa" dir="rtl"><head><meta charset="utf-8">
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
	origin := news(t, map[string]struct{ contentType, body string }{"/fa/news/99": {"text/html; charset=utf-8", page}})
	p := fetchPage(t, origin+"/fa/news/99")
	if p.Title != "آغاز طرح زمستانه ترافیکی در جاده\u200cهای گیلان" {
		t.Errorf("title %q", p.Title)
	}
	if want := time.Date(2026, 11, 29, 16, 45, 0, 0, jalali.Tehran); !p.Published.Equal(want) {
		t.Errorf("published %v, want %v", p.Published, want)
	}
	checkText(t, p.Text, []string{"طرح زمستانه ترافیکی از اول دی ماه", "با شماره ۱۴۱ آگاه شوند"},
		[]string{"بارش برف در ماسال", "همیشه در زمستان بسته است", "تلویزیون", "مرکز گیلان"})
	if strings.Count(p.Text, "\n\n") != 2 {
		t.Errorf("want 3 paragraphs:\n%s", p.Text)
	}
}
