package fetch

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// published is the page's publication date from its metadata, in this
// order: article:published_time, JSON-LD datePublished (also inside
// @graph), a <time datetime> inside the article (not in its related news or
// comments), the date metas (date, pubdate, dcterms.date and their kin).
// The text of the page is never read for a date: a site's header shows
// today's date and clock on every page.
func published(d *goquery.Document) time.Time {
	tries := []func() string{
		func() string { return metaContent(d, "article:published_time") },
		func() string { return jsonLDDate(d) },
		func() string { return articleTime(d) },
		func() string {
			return metaContent(d, "date", "pubdate", "publishdate", "publish-date", "dcterms.date", "dcterms.created",
				"dc.date", "dc.date.issued", "dc.date.created", "datePublished", "og:published_time", "parsely-pub-date")
		},
	}
	for _, try := range tries {
		if t, ok := parseDate(try()); ok {
			return t
		}
	}
	return time.Time{}
}

// jsonLDDate is the first datePublished of the page's JSON-LD blocks.
func jsonLDDate(d *goquery.Document) string {
	var date string
	d.Find(`script[type="application/ld+json"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		var v any
		if json.Unmarshal([]byte(strings.TrimSpace(s.Text())), &v) == nil {
			date = datePublished(v, 0)
		}
		return date == ""
	})
	return date
}

// datePublished finds a datePublished in a JSON-LD value: an object's own,
// else in its @graph, else in its other values, depth first.
func datePublished(v any, depth int) string {
	if depth > 8 {
		return ""
	}
	switch v := v.(type) {
	case map[string]any:
		if s, ok := v["datePublished"].(string); ok && strings.TrimSpace(s) != "" {
			return s
		}
		if s := datePublished(v["@graph"], depth+1); s != "" {
			return s
		}
		for k, x := range v {
			if k == "@graph" {
				continue
			}
			if s := datePublished(x, depth+1); s != "" {
				return s
			}
		}
	case []any:
		for _, x := range v {
			if s := datePublished(x, depth+1); s != "" {
				return s
			}
		}
	}
	return ""
}

// articleTime is the datetime of the first <time> inside the article, or
// of an element marked as its datePublished, outside the article's junk.
func articleTime(d *goquery.Document) string {
	var date string
	d.Find("article time[datetime], [itemprop=articleBody] time[datetime], time[itemprop=datePublished], [itemprop=datePublished][datetime]").
		EachWithBreak(func(_ int, s *goquery.Selection) bool {
			if s.ParentsFiltered(aside).Length() > 0 {
				return true
			}
			date = strings.TrimSpace(s.AttrOr("datetime", ""))
			return date == ""
		})
	return date
}

// aside is what holds other articles' dates inside an article: its
// related news, its comments.
const aside = "aside, nav, [class*=related], [id*=related], [class*=comment], [id*=comment], [class*=more-news]"
