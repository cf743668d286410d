package fetch

import (
	"bytes"
	"context"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/ruydad/ruydad/internal/domain"
)

// feedAccept is the Accept header of a feed request.
const feedAccept = "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"

// Feed fetches and parses an RSS 2.0, Atom or RDF feed, sending v as
// If-None-Match / If-Modified-Since; a 304 is FetchedFeed{NotModified: true,
// Validators: v}. Items' links are absolute (resolved against the feed's
// URL), their texts plain; an item without an http or https link is left
// out, having nothing to fetch or link back to.
//
// The feed is parsed by github.com/mmcdole/gofeed, the ecosystem's parser of
// all three formats (the env package list has no other feed parser).
func (c *Client) Feed(ctx context.Context, feedURL string, v domain.Validators) (domain.FetchedFeed, error) {
	r, err := c.get(ctx, feedURL, feedAccept, v)
	if err != nil {
		return domain.FetchedFeed{}, err
	}
	if r.status != 200 {
		return domain.FetchedFeed{NotModified: true, Validators: v}, nil
	}
	if !isFeedType(r.contentType, r.body) {
		return domain.FetchedFeed{}, &domain.FetchError{Problem: domain.FetchContentType, URL: feedURL, Err: contentTypeError(r.contentType)}
	}
	parser := gofeed.NewParser()
	// Items' images are not read: scanning each description's HTML for one
	// was 40% of a feed's allocations.
	parser.RSSTranslator = &gofeed.DefaultRSSTranslator{DisableContentImageScan: true}
	parsed, err := parser.Parse(bytes.NewReader(decodeFeed(r.body, r.contentType)))
	if err != nil {
		return domain.FetchedFeed{}, &domain.FetchError{Problem: domain.FetchUnreadable, URL: feedURL, Err: err}
	}
	feed := domain.FetchedFeed{
		Validators: domain.Validators{ETag: r.header.Get("ETag"), LastModified: r.header.Get("Last-Modified")},
		Title:      oneLine(htmlText(parsed.Title)),
		Items:      make([]domain.FeedItem, 0, len(parsed.Items)),
	}
	for _, it := range parsed.Items {
		if item, ok := feedItem(r.url, it); ok {
			feed.Items = append(feed.Items, item)
		}
	}
	return feed, nil
}

func feedItem(base *url.URL, it *gofeed.Item) (domain.FeedItem, bool) {
	link := it.Link
	if link == "" && len(it.Links) > 0 {
		link = it.Links[0]
	}
	if link == "" && (strings.HasPrefix(it.GUID, "http://") || strings.HasPrefix(it.GUID, "https://")) {
		link = it.GUID
	}
	abs, ok := absolute(base, link)
	if !ok {
		return domain.FeedItem{}, false
	}
	return domain.FeedItem{
		Link:      abs,
		GUID:      strings.TrimSpace(it.GUID),
		Title:     oneLine(htmlText(it.Title)),
		Summary:   htmlText(it.Description),
		Content:   htmlText(it.Content),
		Published: itemDate(it),
	}, true
}

// absolute resolves ref against base, and reports whether the result is an
// http or https URL.
func absolute(base *url.URL, ref string) (string, bool) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return "", false
	}
	u, err := url.Parse(ref)
	if err != nil {
		return "", false
	}
	u = base.ResolveReference(u)
	if checkScheme(u) != nil || u.Host == "" {
		return "", false
	}
	u.Fragment = ""
	return u.String(), true
}

// itemDate is an item's publication date (pubDate, published, dc:date),
// else its update date: read here first, so that a date without an offset
// is Tehran's time, then as gofeed read it.
func itemDate(it *gofeed.Item) time.Time {
	for _, s := range []string{it.Published, it.Updated} {
		if t, ok := parseDate(s); ok {
			return t
		}
	}
	for _, t := range []*time.Time{it.PublishedParsed, it.UpdatedParsed} {
		if t != nil {
			if t, ok := plausible(*t); ok {
				return t
			}
		}
	}
	return time.Time{}
}
