package fetch

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// site serves each path's body with its content type, as a news site
// would, {{origin}} in it replaced by the server's own origin (for
// canonical links).
type site map[string]struct {
	contentType string
	body        []byte
}

func (s site) serve(t testing.TB) *httptest.Server {
	t.Helper()
	var origin []byte
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		f, ok := s[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", f.contentType)
		w.Write(bytes.ReplaceAll(f.body, []byte("{{origin}}"), origin))
	})
	origin = []byte(srv.URL)
	return srv
}

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// windows1256 encodes s as Iranian sites of the 2000s still serve it.
func windows1256(t testing.TB, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1256.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func fetchFeed(t *testing.T, s site, path string) domain.FetchedFeed {
	t.Helper()
	srv := s.serve(t)
	f, err := testClient(Options{}).Feed(context.Background(), srv.URL+path, domain.Validators{})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestFeedRSS(t *testing.T) {
	srv := site{"/rss/tp/1004": {"application/rss+xml; charset=utf-8", fixture(t, "irna-province.rss")}}.serve(t)
	f, err := testClient(Options{}).Feed(context.Background(), srv.URL+"/rss/tp/1004", domain.Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "ایرنا - همدان" || f.NotModified {
		t.Errorf("feed %q, not modified %v", f.Title, f.NotModified)
	}
	if len(f.Items) != 2 {
		t.Fatalf("%d items, want 2 (the one without a link left out): %+v", len(f.Items), f.Items)
	}
	first := f.Items[0]
	link, _ := url.Parse(first.Link)
	if want := srv.URL + "/news/85912345/"; !strings.HasPrefix(first.Link, want) || link.Path != "/news/85912345/برگزاری-نمایشگاه-کتاب-همدان" {
		t.Errorf("link %q not resolved against the feed's URL", first.Link)
	}
	if first.GUID != "85912345" || first.Title != "برگزاری نمایشگاه کتاب همدان از ۲۰ آذر" {
		t.Errorf("guid %q title %q", first.GUID, first.Title)
	}
	wantSummary := "همدان - ایرنا - مدیرکل فرهنگ و ارشاد اسلامی استان همدان از برگزاری نمایشگاه کتاب از ۲۰ تا ۲۵ آذر خبر داد.\n\n" +
		"این نمایشگاه در محل دائمی نمایشگاه\u200cهای استان برپا می\u200cشود."
	if first.Summary != wantSummary {
		t.Errorf("summary\n%q\nwant\n%q", first.Summary, wantSummary)
	}
	if want := time.Date(2026, 12, 5, 9, 15, 0, 0, jalali.Tehran); !first.Published.Equal(want) {
		t.Errorf("published %v, want %v", first.Published, want)
	}
	second := f.Items[1]
	if second.Title != "دیدار استاندار با خانواده\u200cهای شهدا & ایثارگران" {
		t.Errorf("entities in the title: %q", second.Title)
	}
	if second.Summary != "استاندار همدان روز جمعه با خانواده\u200cهای شهدا دیدار کرد » بیشتر" {
		t.Errorf("entities in the summary: %q", second.Summary)
	}
	if want := time.Date(2026, 12, 4, 14, 0, 0, 0, time.UTC); !second.Published.Equal(want) {
		t.Errorf("published %v, want %v", second.Published, want)
	}
}

func TestFeedAtom(t *testing.T) {
	f := fetchFeed(t, site{"/atom": {"application/atom+xml", fixture(t, "isna-province.atom")}}, "/atom")
	if f.Title != "ایسنا - منطقه کرمانشاه" || len(f.Items) != 2 {
		t.Fatalf("feed %q with %d items", f.Title, len(f.Items))
	}
	it := f.Items[0]
	if !strings.HasSuffix(it.Link, "/news/1405091408123/"+url.PathEscape("آیین-بزرگداشت-روز-دانشجو")) || !strings.HasPrefix(it.Link, "http://127.0.0.1") {
		t.Errorf("link %q", it.Link)
	}
	if it.Title != "آیین بزرگداشت روز دانشجو در دانشگاه رازی" {
		t.Errorf("title %q", it.Title)
	}
	wantContent := "به گزارش ایسنا، مراسم روز دانشجو ۱۶ آذر ساعت ۱۰ در تالار فردوسی دانشگاه رازی برگزار می\u200cشود.\n\n" +
		"معاون دانشجویی دانشگاه گفت: همه دانشجویان دعوت\u200cاند.\nورود آزاد است."
	if it.Content != wantContent {
		t.Errorf("content\n%q\nwant\n%q", it.Content, wantContent)
	}
	if it.Summary != "مراسم روز دانشجو ۱۶ آذر ساعت ۱۰ در تالار فردوسی برگزار می\u200cشود." {
		t.Errorf("summary %q", it.Summary)
	}
	if want := time.Date(2026, 12, 5, 7, 30, 0, 0, jalali.Tehran); !it.Published.Equal(want) {
		t.Errorf("published %v, want %v (published, not updated)", it.Published, want)
	}
	if want := time.Date(2026, 12, 4, 12, 10, 0, 0, time.UTC); !f.Items[1].Published.Equal(want) {
		t.Errorf("an entry with only <updated>: %v, want %v", f.Items[1].Published, want)
	}
}

// RDF (RSS 1.0), with a dc:date without an offset: Tehran's time.
func TestFeedRDF(t *testing.T) {
	f := fetchFeed(t, site{"/rss": {"application/rdf+xml", fixture(t, "mehr-province.rdf")}}, "/rss")
	if len(f.Items) != 1 {
		t.Fatalf("%d items", len(f.Items))
	}
	it := f.Items[0]
	if it.Link != "https://www.mehr.example/news/6612345/" || it.Title != "جشنواره تئاتر استان فارس در شیراز" {
		t.Errorf("item %+v", it)
	}
	if want := time.Date(2026, 12, 4, 18, 20, 0, 0, jalali.Tehran); !it.Published.Equal(want) {
		t.Errorf("published %v, want %v", it.Published, want)
	}
}

const rss1256 = `<rss version="2.0"><channel><title>پايگاه خبري استانداري کرمان</title>
<item><title>همايش ملي كشاورزي در كرمان</title><link>http://ostan-kr.example/news.aspx?id=4521</link>
<description>&lt;p&gt;همايش ملي كشاورزي 20 آذر در سالن اجلاس استانداري برگزار مي‌شود.&lt;/p&gt;</description>
<pubDate>Thu, 03 Dec 2026 10:00:00 +0330</pubDate></item></channel></rss>`

// A windows-1256 feed, named in its XML declaration or only in its
// Content-Type, or in neither (not UTF-8, so windows-1256); Arabic ي and
// ك stay as written (windows-1256 has no Persian ی).
func TestFeedWindows1256(t *testing.T) {
	body := windows1256(t, rss1256)
	s := site{
		"/declared": {"text/xml", append([]byte(`<?xml version="1.0" encoding="windows-1256"?>`+"\n"), body...)},
		"/header":   {"text/xml; charset=windows-1256", body},
		"/neither":  {"application/rss+xml", body},
	}
	for _, path := range []string{"/declared", "/header", "/neither"} {
		f := fetchFeed(t, s, path)
		if len(f.Items) != 1 {
			t.Fatalf("%s: %d items", path, len(f.Items))
		}
		it := f.Items[0]
		if f.Title != "پايگاه خبري استانداري کرمان" || it.Title != "همايش ملي كشاورزي در كرمان" ||
			it.Summary != "همايش ملي كشاورزي 20 آذر در سالن اجلاس استانداري برگزار مي\u200cشود." {
			t.Errorf("%s: %q, %q, %q", path, f.Title, it.Title, it.Summary)
		}
	}
}

func TestFeedUnreadableAndWrongType(t *testing.T) {
	s := site{
		"/broken":  {"application/rss+xml", fixture(t, "broken.rss")},
		"/html":    {"text/html; charset=utf-8", []byte(`<!DOCTYPE html><html><body><p>صفحه</p></body></html>`)},
		"/htmlrss": {"text/html; charset=utf-8", fixture(t, "irna-province.rss")},
		"/json":    {"application/json", []byte(`{"title":"خبر"}`)},
		"/notfeed": {"application/xml", []byte(`<?xml version="1.0"?><sitemap><url>https://news.example/</url></sitemap>`)},
	}
	srv := s.serve(t)
	c := testClient(Options{})
	wantProblems(t, srv.URL, map[string]domain.FetchProblem{
		"/broken":  domain.FetchUnreadable,
		"/html":    domain.FetchContentType,
		"/json":    domain.FetchContentType,
		"/notfeed": domain.FetchUnreadable,
	}, func(u string) error {
		_, err := c.Feed(context.Background(), u, domain.Validators{})
		return err
	})
	// A feed served as text/html is read when its body is a feed.
	f, err := c.Feed(context.Background(), srv.URL+"/htmlrss", domain.Validators{})
	if err != nil || len(f.Items) != 2 {
		t.Errorf("feed served as HTML: %d items, %v", len(f.Items), err)
	}
}

// The validators of the last answer are sent back; a 304 is NotModified
// with the validators as sent.
func TestFeedConditionalGet(t *testing.T) {
	body := fixture(t, "irna-province.rss")
	const etag, modified = `W/"85912346"`, "Sat, 05 Dec 2026 05:45:00 GMT"
	var full, notModified atomic.Int32
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == etag && r.Header.Get("If-Modified-Since") == modified {
			notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		full.Add(1)
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", modified)
		w.Write(body)
	})
	c := testClient(Options{})
	first, err := c.Feed(context.Background(), srv.URL, domain.Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if want := (domain.Validators{ETag: etag, LastModified: modified}); first.Validators != want || first.NotModified {
		t.Fatalf("validators %+v, want %+v", first.Validators, want)
	}
	second, err := c.Feed(context.Background(), srv.URL, first.Validators)
	if err != nil {
		t.Fatal(err)
	}
	if !second.NotModified || second.Validators != first.Validators || len(second.Items) != 0 {
		t.Errorf("second fetch %+v", second)
	}
	if full.Load() != 1 || notModified.Load() != 1 {
		t.Errorf("%d full answers and %d 304s, want 1 and 1", full.Load(), notModified.Load())
	}
}

// bigFeed is an RSS feed of n items, as an agency's archive feed can be.
func bigFeed(n int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n<rss version=\"2.0\"><channel><title>خبرگزاری - همه اخبار</title><link>https://agency.example/</link>\n")
	start := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
	for i := range n {
		fmt.Fprintf(&b, "<item><title>خبر شماره %d از استان</title><link>/fa/news/%d/</link><guid isPermaLink=\"false\">%d</guid>"+
			"<description><![CDATA[<p>به گزارش خبرنگار ما، همایش شماره %d روز ۲۰ آذر ساعت ۹ در سالن همایش‌های استانداری برگزار می‌شود.</p><p>ثبت‌نام از امروز آغاز شد.</p>]]></description>"+
			"<pubDate>%s</pubDate></item>\n", i, 700000+i, 700000+i, i, start.Add(-time.Duration(i)*time.Minute).Format(time.RFC1123Z))
	}
	b.WriteString("</channel></rss>\n")
	return []byte(b.String())
}

func TestFeedThousandItems(t *testing.T) {
	f := fetchFeed(t, site{"/all": {"application/rss+xml", bigFeed(1000)}}, "/all")
	if len(f.Items) != 1000 {
		t.Fatalf("%d items, want 1000", len(f.Items))
	}
	last := f.Items[999]
	if !strings.HasSuffix(last.Link, "/fa/news/700999/") || last.GUID != "700999" || last.Published.IsZero() ||
		!strings.Contains(last.Summary, "\n\nثبت\u200cنام از امروز آغاز شد.") {
		t.Errorf("last item %+v", last)
	}
}

func TestHTMLText(t *testing.T) {
	for in, want := range map[string]string{
		"ساده بدون برچسب":                                                          "ساده بدون برچسب",
		"  سطر   اول \n\n\n سطر دوم ":                                              "سطر اول\n\nسطر دوم",
		"<p>یک</p><p>دو<br>سه</p><script>alert(1)</script>":                        "یک\n\nدو\nسه",
		"&lt;p&gt;دوبار رمزشده &amp;amp; درست&lt;/p&gt;&lt;p&gt;بند دوم&lt;/p&gt;": "دوبار رمزشده & درست\n\nبند دوم",
		"کمتر &lt; بیشتر":                                                          "کمتر < بیشتر",
		"<div><div>یک</div><div>دو</div></div>":                                    "یک\n\nدو",
		"نیم&zwnj;فاصله و&nbsp;فاصله":                                              "نیم\u200cفاصله و فاصله",
		"<ul><li>مورد یک</li><li>مورد دو</li></ul>":                                "مورد یک\nمورد دو",
	} {
		if got := htmlText(in); got != want {
			t.Errorf("htmlText(%q) = %q, want %q", in, got, want)
		}
	}
}
