package main

import "github.com/ruydad/ruydad/internal/app"

// newFetcher builds what serve and fetch read news sources and pasted
// links with; allowPrivate lets it reach loopback, private, link-local and
// metadata addresses (--allow-private-sources). nil: this binary fetches
// nothing (serve polls no source, fetch refuses, the article form's link
// says fetching is unavailable).
var newFetcher func(allowPrivate bool) app.Fetcher

// fetcher returns newFetcher's fetcher, or nil when there is none.
func fetcher(allowPrivate bool) app.Fetcher {
	if newFetcher == nil {
		return nil
	}
	return newFetcher(allowPrivate)
}
