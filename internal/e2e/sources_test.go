package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/fetch"
)

// agencyStory is one article of the provincial agency's site: its path,
// headline, publication time (its article:published_time) and body.
type agencyStory struct {
	path, title, published string
	body                   []string
}

// agencyStories are what the local agency site publishes: the first two
// are in its feed, the third is only pasted as a link.
var agencyStories = []agencyStory{
	{"/fa/news/85912345/press-conference", "نشست خبری مدیرکل روابط عمومی استانداری همدان", "2024-05-07T09:30:00+03:30", []string{
		"همدان - خبرگزاری استان - مدیرکل روابط عمومی استانداری همدان از برگزاری نشست خبری با اصحاب رسانه در هفتهٔ ارتباطات و روابط عمومی خبر داد.",
		"به گزارش خبرگزاری استان، نشست خبری مدیرکل روابط عمومی استانداری همدان روز ۲۵ اردیبهشت ۱۴۰۳ ساعت ۱۰ در سالن اجتماعات استانداری برگزار می‌شود.",
		"وی افزود: در این نشست برنامه‌های روز ملی ارتباطات و روابط عمومی و عملکرد یک‌سالهٔ شورای اطلاع‌رسانی استان به خبرنگاران گزارش می‌شود.",
	}},
	{"/fa/news/85912399/pr-conference", "همایش روابط عمومی‌های دستگاه‌های اجرایی استان", "2024-05-08T11:15:00+03:30", []string{
		"همدان - خبرگزاری استان - دبیر شورای اطلاع‌رسانی استان همدان گفت: همایش روابط عمومی‌های برتر دستگاه‌های اجرایی استان برگزار می‌شود.",
		"به گزارش خبرگزاری استان، همایش روابط عمومی‌های برتر استان همدان روز ۲۷ اردیبهشت ۱۴۰۳ ساعت ۹ در تالار فجر برگزار می‌شود و از روابط عمومی‌های برگزیده تجلیل خواهد شد.",
		"وی یادآور شد: داوری عملکرد روابط عمومی‌ها بر پایهٔ شاخص‌های ابلاغی شورای هماهنگی روابط عمومی‌های کشور انجام شده است.",
	}},
	{"/fa/news/85912410/pr-exhibition", "نمایشگاه دستاوردهای روابط عمومی در همدان", "2024-05-08T16:45:00+03:30", []string{
		"همدان - خبرگزاری استان - معاون استاندار همدان از برپایی نمایشگاه دستاوردهای روابط عمومی‌های استان خبر داد.",
		"به گزارش خبرگزاری استان، نمایشگاه دستاوردهای روابط عمومی‌های استان همدان روز ۳۰ اردیبهشت ۱۴۰۳ ساعت ۱۶ در محل دائمی نمایشگاه‌های استان گشایش می‌یابد.",
		"بازدید از این نمایشگاه برای عموم مردم تا پایان هفته آزاد است.",
	}},
}

// agencyPage is an article page as a provincial agency site serves it:
// the header's clock (today, not the article's day), the site's
// navigation, the article with its date in article:published_time, related
// news with dates of their own, and readers' comments.
func agencyPage(origin string, st agencyStory) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="fa" dir="rtl">
<head>
<meta charset="utf-8">
<title>%[2]s - خبرگزاری استان</title>
<meta property="og:type" content="article">
<meta property="og:title" content="%[2]s">
<meta property="article:published_time" content="%[3]s">
<link rel="canonical" href="%[1]s%[4]s">
</head>
<body>
<header class="site-header">
  <div class="header-date"><span>پنجشنبه ۲۰ اردیبهشت ۱۴۰۳</span> <time class="clock" datetime="2024-05-09T10:00:00+03:30">۱۰:۰۰</time></div>
  <nav class="menu"><ul>
    <li><a href="/fa/service/politics">سیاسی</a></li><li><a href="/fa/service/economy">اقتصادی</a></li>
    <li><a href="/fa/service/province">استان‌ها</a></li><li><a href="/fa/service/culture">فرهنگی</a></li>
  </ul></nav>
</header>
<main>
  <article class="full-news">
    <ol class="breadcrumb"><li><a href="/">خانه</a></li><li><a href="/fa/service/province/hamedan">همدان</a></li></ol>
    <h1 class="title">%[2]s</h1>
    <div class="item-text" itemprop="articleBody">
`, origin, st.title, st.published, st.path)
	for _, p := range st.body {
		fmt.Fprintf(&b, "      <p>%s</p>\n", p)
	}
	b.WriteString(`    </div>
    <section class="tags"><h2>برچسب‌ها</h2><ul><li><a href="/fa/tag/hamedan">همدان</a></li><li><a href="/fa/tag/pr">روابط عمومی</a></li></ul></section>
  </article>
  <section class="related-news">
    <h2>اخبار مرتبط</h2>
    <ul>
      <li><a href="/fa/news/85900001/">جشنوارهٔ رسانه‌ای استان ۱۲ خرداد ۱۴۰۳ آغاز می‌شود</a></li>
      <li><a href="/fa/news/85900002/">دیدار استاندار با خبرنگاران روز ۱۷ مرداد</a></li>
    </ul>
  </section>
  <section id="comments" class="comments">
    <h2>نظرات</h2>
    <ul>
      <li class="comment"><span class="author">خواننده</span><p>کاش نشست خبری ۲۸ اردیبهشت هم به صورت زنده پخش شود.</p></li>
    </ul>
  </section>
</main>
<footer><p>همهٔ حقوق این پایگاه محفوظ است.</p></footer>
</body>
</html>
`)
	return b.String()
}

// agencyFeed is the site's RSS: items with summaries only (no publication
// date), so each article's page is read for its text and its date.
func agencyFeed(origin string, stories []agencyStory) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
  <channel>
    <title>خبرگزاری استان - همدان</title>
    <link>%s/fa/service/province/hamedan</link>
    <description>آخرین اخبار استان همدان</description>
    <language>fa</language>
`, origin)
	for _, st := range stories {
		fmt.Fprintf(&b, `    <item>
      <title>%s</title>
      <link>%s%s</link>
      <description><![CDATA[<p>%s</p>]]></description>
    </item>
`, st.title, origin, st.path, st.body[0])
	}
	b.WriteString("  </channel>\n</rss>\n")
	return b.String()
}

// agencySite serves the feed at /fa/rss/hamedan and every story's page on
// loopback.
func agencySite(t *testing.T) *httptest.Server {
	t.Helper()
	var origin string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/fa/rss/hamedan" {
			w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
			fmt.Fprint(w, agencyFeed(origin, agencyStories[:2]))
			return
		}
		for _, st := range agencyStories {
			if r.URL.Path == st.path {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				fmt.Fprint(w, agencyPage(origin, st))
				return
			}
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(srv.Close)
	origin = srv.URL
	return srv
}

// TestSourcesJourney adds the local agency's feed on /sources, reads it
// now with the real fetcher, and follows its articles to the review
// queue and back to the pages they were read from; then imports one more
// article by pasting its link.
func TestSourcesJourney(t *testing.T) {
	site := agencySite(t)
	s := newSessionWith(t, app.Options{
		Now:     func() time.Time { return fixedNow },
		Fetcher: fetch.New(fetch.Options{AllowPrivate: true}), // the site is on loopback: allowed in this test only
	})
	feedURL := site.URL + "/fa/rss/hamedan"

	s.open("/sources")
	s.typeInto("#f-url", feedURL)
	s.typeInto("#f-name", "خبرگزاری استان همدان")
	s.typeInto("#f-province", "همدان")
	m := s.mark()
	s.click(`[data-testid="source-form"] [data-testid="submit"]`, `[data-testid="sources"]`)
	s.expectStatus(m, "/sources", 303)
	if got := s.text(`[data-testid="sources"] li a`); got != feedURL {
		t.Errorf("the source listed is %q, want %q", got, feedURL)
	}
	s.waitText(`[data-testid="source-status"]`, "هنوز خوانده نشده است.")

	var fetchNow string
	s.run(chromedp.Evaluate(`document.querySelector('[data-testid="source-fetch"]').form.getAttribute("action")`, &fetchNow))
	m = s.mark()
	s.click(`[data-testid="source-fetch"]`, `[data-testid="flash"]`)
	s.waitLocation(func(u *url.URL) bool { return u.Path == "/sources" && u.Query().Get("done") == "source-fetched" })
	s.waitText(`[data-testid="flash"]`, "منبع خوانده شد؛ نتیجه در خط وضعیت آن آمده است.")
	s.expectStatus(m, fetchNow, 303)
	s.waitText(`[data-testid="source-status"]`, "آخرین خواندن: ۲۰ اردیبهشت ۱۴۰۳، ساعت ۱۰:۰۰؛ ۲ خبر تازه.")
	if s.count(`[data-testid="source-status"].error`) != 0 {
		t.Error("the status line is shown as a failure")
	}
	s.checkAxe("sources")

	// The articles, each with its link back to the page it was read from,
	// and the publication date of its page's metadata, not its header clock.
	s.open("/articles")
	if n := s.count(`[data-testid="articles"] tbody tr`); n != 2 {
		t.Fatalf("/articles lists %d articles, want 2", n)
	}
	published := map[string]string{agencyStories[0].path: "۱۸ اردیبهشت ۱۴۰۳", agencyStories[1].path: "۱۹ اردیبهشت ۱۴۰۳"}
	for _, st := range agencyStories[:2] {
		row := fmt.Sprintf(`[data-testid="articles"] tbody tr:has([data-testid="article-links"] a[href=%s])`, js(site.URL+st.path))
		if s.count(row) != 1 {
			t.Errorf("no article of /articles links back to %s", st.path)
			continue
		}
		if got := s.text(row + " td:first-child a"); got != st.title {
			t.Errorf("the article of %s is titled %q, want %q", st.path, got, st.title)
		}
		if got := s.text(row + " td:nth-child(2)"); !strings.Contains(got, published[st.path]) {
			t.Errorf("the article of %s was published %q, want %s (its page's metadata)", st.path, got, published[st.path])
		}
		if got := s.text(row + " td:nth-child(3)"); got != "خبرگزاری استان همدان" {
			t.Errorf("the article of %s has source %q", st.path, got)
		}
	}

	// The review queue: each proposal leads to its article, whose page
	// links back to the agency's page.
	s.open("/review")
	var groups []reviewGroup
	s.run(chromedp.Evaluate(`[...document.querySelectorAll(".review-group")].map(g => ({
		title: g.querySelector("h2 a").textContent.trim(),
		url: g.querySelector("h2 a").getAttribute("href"),
		cards: g.querySelectorAll("li[data-event-id]").length,
		when: [...g.querySelectorAll('[data-testid="review-when"]')].map(w => w.textContent.trim()).join(" | "),
		events: [...g.querySelectorAll("li[data-event-id] a.review-title")].map(a => a.getAttribute("href")),
	}))`, &groups))
	if len(groups) != 2 {
		t.Fatalf("the review queue has %d articles' proposals, want 2: %+v", len(groups), groups)
	}
	wantDay := map[string]string{agencyStories[0].title: "۲۵ اردیبهشت", agencyStories[1].title: "۲۷ اردیبهشت"}
	for _, st := range agencyStories[:2] {
		i := slices.IndexFunc(groups, func(g reviewGroup) bool { return g.Title == st.title })
		if i < 0 {
			t.Errorf("no proposals of %q in the review queue: %+v", st.title, groups)
			continue
		}
		g := groups[i]
		if g.Cards == 0 || !strings.Contains(g.When, wantDay[st.title]) {
			t.Errorf("the proposals of %q are %d, on %q; want one on %s", st.title, g.Cards, g.When, wantDay[st.title])
		}
		if len(g.Events) != g.Cards {
			t.Errorf("%d of the %d proposals of %q link to their event", len(g.Events), g.Cards, st.title)
		}
		// Each proposal's page names its article, linked at its evidence.
		for _, ev := range g.Events {
			s.open(ev)
			if got := s.attr(`article.event dd a[href^="/articles/"]`, "href"); !strings.HasPrefix(got, g.URL+"#ev-") {
				t.Errorf("the proposal %s of %q leads to %q, not to its article %s", ev, st.title, got, g.URL)
			}
		}
		s.click(`article.event dd a[href^="/articles/"]`, `[data-testid="article-text"]`)
		if got := s.attr(`[data-testid="article-sources"] a`, "href"); got != site.URL+st.path {
			t.Errorf("the article page of %q links back to %q, want %q", st.title, got, site.URL+st.path)
		}
		if got := s.text(`[data-testid="article-published"]`); !strings.Contains(got, "انتشار: "+published[st.path]) ||
			!strings.Contains(got, "منبع: خبرگزاری استان همدان") || !strings.Contains(got, "استان: همدان") {
			t.Errorf("the article page of %q says %q, want its page's date, the source's name and province", st.title, got)
		}
		if text := s.text(`[data-testid="article-text"]`); strings.Contains(text, "نظرات") || strings.Contains(text, "اخبار مرتبط") ||
			strings.Contains(text, "۱۰:۰۰") {
			t.Errorf("the article of %q kept the page's comments, related news or clock:\n%s", st.title, text)
		}
		// The link back opens the agency's page itself.
		s.click(`[data-testid="article-sources"] a`, `h1.title`)
		if got := s.text(`h1.title`); got != st.title {
			t.Errorf("the link back from %q opened a page titled %q", st.title, got)
		}
	}

	// A link pasted into /articles/new: the page is fetched from the site.
	pasted := agencyStories[2]
	s.open("/articles/new")
	s.typeInto("#f-link", site.URL+pasted.path)
	m = s.mark()
	s.click(`[data-testid="submit"]`, `[data-testid="article-text"]`)
	s.expectStatus(m, "/articles", 303)
	if got := s.text(`[data-testid="article-title"]`); got != pasted.title {
		t.Errorf("the pasted link's article is titled %q, want %q", got, pasted.title)
	}
	if got := s.text(`[data-testid="article-published"]`); !strings.Contains(got, "انتشار: ۱۹ اردیبهشت ۱۴۰۳") {
		t.Errorf("the pasted link's article says %q, want published 19 Ordibehesht 1403", got)
	}
	if got := s.attr(`[data-testid="article-sources"] a`, "href"); got != site.URL+pasted.path {
		t.Errorf("the pasted link's article links back to %q", got)
	}
	if !strings.Contains(s.text(`[data-testid="article-text"]`), "۳۰ اردیبهشت ۱۴۰۳ ساعت ۱۶") {
		t.Error("the pasted link's article lacks its page's text")
	}
	if s.count(`aside li[data-event-id]`) == 0 {
		t.Error("no event was mined from the pasted link's article")
	}
}

// reviewGroup is one article's proposals in the review queue.
type reviewGroup struct {
	Title  string   `json:"title"`
	URL    string   `json:"url"`
	Cards  int      `json:"cards"`
	When   string   `json:"when"`
	Events []string `json:"events"` // each card's link to its event's page
}
