package fetch

import (
	"bytes"
	"context"
	"net/url"
	"slices"
	"strings"

	"codeberg.org/readeck/go-readability/v2"
	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/ruydad/ruydad/internal/domain"
)

// pageAccept is the Accept header of a page request.
const pageAccept = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"

// Page fetches an article page and reads its main text, title, canonical URL
// and publication date. A page without article text is FetchUnreadable.
func (c *Client) Page(ctx context.Context, pageURL string) (domain.FetchedPage, error) {
	r, err := c.get(ctx, pageURL, pageAccept, domain.Validators{})
	if err != nil {
		return domain.FetchedPage{}, err
	}
	if r.status != 200 || !isPageType(r.contentType, r.body) {
		return domain.FetchedPage{}, &domain.FetchError{Problem: domain.FetchContentType, URL: pageURL, Err: contentTypeError(r.contentType)}
	}
	doc, err := html.Parse(bytes.NewReader(decodeHTML(r.body, r.contentType)))
	if err != nil {
		return domain.FetchedPage{}, &domain.FetchError{Problem: domain.FetchUnreadable, URL: pageURL, Err: err}
	}
	page := readPage(doc, r.url)
	if page.Text == "" {
		return domain.FetchedPage{}, &domain.FetchError{Problem: domain.FetchUnreadable, URL: pageURL, Err: errNoText}
	}
	return page, nil
}

type pageError string

func (e pageError) Error() string { return string(e) }

const errNoText = pageError("no article text found")

// readPage reads an article page fetched from final.
func readPage(doc *html.Node, final *url.URL) domain.FetchedPage {
	d := goquery.NewDocumentFromNode(doc)
	page := domain.FetchedPage{
		URL:       canonicalURL(d, final),
		Title:     pageTitle(d),
		Published: published(d),
		Text:      mainText(d, final),
	}
	if rest, ok := strings.CutPrefix(page.Text, page.Title+"\n\n"); ok && page.Title != "" {
		page.Text = rest // the title as the text's first paragraph
	}
	return page
}

// bodySelectors find an article's body where Iranian news sites keep it:
// IRNA's and ISNA's item-text and item-body, Fars' nt-body and news-box,
// the schema.org property, provincial sites' news-text and the body panels
// of older ASP.NET sites.
var bodySelectors = []string{
	"[itemprop=articleBody]",
	"div.item-text",
	"div.item-body",
	"div.news-text",
	"div.newstext",
	"div.news-body",
	"div.nt-body",
	"div.body-news",
	"div.news-box",
	"[id$=pnlBody]",
	"[id$=lblBody]",
}

// lastResort find the body of a page neither readability nor a known
// shape reads.
var lastResort = []string{"article", "main", "[role=main]"}

// leadSelectors find the lead (the agencies' summary paragraph above the
// body), which readability often leaves out as outside the body.
var leadSelectors = []string{
	"p[itemprop=description]",
	"div[itemprop=description]",
	"p.summary",
	"div.summary",
	"p.lead",
	"div.lead",
	".news-lead",
	"p.introtext",
}

// junk is what an article's container also holds but is not its text:
// related news, comments, tags, sharing buttons, navigation.
const junk = "script, style, noscript, nav, aside, form, footer, header, iframe, " +
	"[class*=related], [id*=related], [class*=comment], [id*=comment], [class*=share], [class*=social], " +
	"[class*=tags], [class*=breadcrumb], [class*=more-news], [class*=newsletter], [class*=advert]"

// mainText is the article's text: readability's reading of the page,
// unless the page has a known body shape that readability's text does not
// agree with (it took a fragment of it, or the page's menus and lists with
// it); the lead before it when it is not in it.
func mainText(d *goquery.Document, final *url.URL) string {
	lead := firstText(d, leadSelectors)
	text := readable(d.Nodes[0], final)
	if known := firstText(d, bodySelectors); known != "" && !agree(text, known, lead) {
		text = known
	}
	if text == "" {
		text = firstText(d, lastResort)
	}
	if text == "" {
		return ""
	}
	if lead != "" && !strings.Contains(text, lead) {
		text = lead + "\n\n" + text
	}
	return text
}

// agree reports whether readability's text is the known body's: it holds
// each of the body's paragraphs, and little else besides the lead (a tenth
// of the body at most: a title, a caption), not the menus or lists around
// them.
func agree(readable, known, lead string) bool {
	rest := len(readable)
	if lead != "" && strings.Contains(readable, lead) {
		rest -= len(lead)
	}
	for p := range strings.SplitSeq(known, "\n") {
		if !strings.Contains(readable, p) {
			return false
		}
		rest -= len(p)
	}
	return rest <= len(known)/10
}

// maxElements is the most elements readability is given.
const maxElements = 50_000

// readable is readability's main text of the page, "" when it finds none.
func readable(doc *html.Node, final *url.URL) string {
	p := readability.NewParser()
	p.KeepClasses = true // for junk to find related news and comments it kept
	// Its scoring walks the tree again and again: a page of more elements
	// than any article page has is left to the known shapes.
	p.MaxElemsToParse = maxElements
	article, err := p.ParseDocument(doc, final)
	if err != nil || article.Node == nil {
		return ""
	}
	return cleanText(goquery.NewDocumentFromNode(article.Node).Selection)
}

// firstText is the cleaned text of the first element matching one of
// selectors, in their order, that has text.
func firstText(d *goquery.Document, selectors []string) string {
	for _, sel := range selectors {
		var text string
		d.Find(sel).EachWithBreak(func(_ int, s *goquery.Selection) bool {
			text = cleanText(s.Clone())
			return text == ""
		})
		if text != "" {
			return text
		}
	}
	return ""
}

// cleanText is the text of s (a copy: it is changed) without its junk.
func cleanText(s *goquery.Selection) string {
	s.Find(junk).Remove()
	if len(s.Nodes) == 0 {
		return ""
	}
	return nodeText(s.Nodes[0])
}

// pageTitle is the article's title: og:title, else the article's h1, else
// <title>, without the site's name around it.
func pageTitle(d *goquery.Document) string {
	site := oneLine(metaContent(d, "og:site_name"))
	var headings []string
	d.Find("h1, h2").Each(func(_ int, s *goquery.Selection) { headings = append(headings, oneLine(s.Text())) })
	title := oneLine(d.Find("title").First().Text())
	for _, t := range []string{
		metaContent(d, "og:title"),
		d.Find("article h1, h1[itemprop=headline], h1.title, h1.item-title").First().Text(),
		d.Find("h1").First().Text(),
		title,
	} {
		t = oneLine(t)
		if t != title && namesSite(t, title, site) {
			continue // a logo in an h1
		}
		if t = trimSiteName(t, site, headings); t != "" {
			return t
		}
	}
	return ""
}

// titleSeparators set a site's name apart from a title.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " ؛ "}

// trimSiteName removes the site's name from the end (or the start) of a
// title: the part after the last separator when it is site, or the part
// before it is one of the page's headings, or when the part after it is at
// most three words while the rest is longer.
func trimSiteName(title, site string, headings []string) string {
	for _, sep := range titleSeparators {
		i := strings.LastIndex(title, sep)
		if i <= 0 {
			continue
		}
		head, tail := strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+len(sep):])
		if isSiteName(tail, site) || slices.Contains(headings, head) ||
			site == "" && len(strings.Fields(tail)) <= 3 && len(strings.Fields(head)) > len(strings.Fields(tail)) {
			return head
		}
		if slices.Contains(headings, tail) {
			return tail
		}
		if j := strings.Index(title, sep); j > 0 && isSiteName(strings.TrimSpace(title[:j]), site) {
			return strings.TrimSpace(title[j+len(sep):])
		}
	}
	return title
}

// namesSite reports whether heading is the site's name: og:site_name when
// the page has one, else a part of the page's <title> after (or before) a
// separator of at most three words.
func namesSite(heading, title, site string) bool {
	if site != "" || heading == "" {
		return heading == "" || isSiteName(heading, site) && len(heading) <= len(site)
	}
	if len(strings.Fields(heading)) > 3 {
		return false
	}
	for _, sep := range titleSeparators {
		if strings.HasSuffix(title, sep+heading) || strings.HasPrefix(title, heading+sep) {
			return true
		}
	}
	return false
}

func isSiteName(part, site string) bool {
	return site != "" && (part == site || strings.Contains(site, part) || strings.Contains(part, site))
}

// metaContent is the content of the first <meta> whose property or name is
// key (in any case).
func metaContent(d *goquery.Document, keys ...string) string {
	var content string
	d.Find("meta[content]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		name := s.AttrOr("property", s.AttrOr("name", s.AttrOr("itemprop", "")))
		for _, k := range keys {
			if strings.EqualFold(name, k) {
				content = strings.TrimSpace(s.AttrOr("content", ""))
				return content == ""
			}
		}
		return true
	})
	return content
}

// canonicalURL is the page's canonical URL (link rel=canonical, else
// og:url) when it is on final's registrable domain and is not that site's
// home page, else final.
func canonicalURL(d *goquery.Document, final *url.URL) string {
	candidates := []string{d.Find("link[rel~=canonical]").First().AttrOr("href", ""), metaContent(d, "og:url")}
	for _, c := range candidates {
		abs, ok := absolute(final, c)
		if !ok {
			continue
		}
		u, _ := url.Parse(abs)
		if sameSite(u, final) && (strings.Trim(u.Path, "/") != "" || strings.Trim(final.Path, "/") == "") {
			return abs
		}
	}
	f := *final
	f.Fragment = ""
	return f.String()
}
