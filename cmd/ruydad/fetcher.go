package main

import (
	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/fetch"
)

// newFetcher builds what serve and fetch read news sources and pasted
// links with: internal/fetch, with its limits (10 s, 5 MB, 5 redirects);
// allowPrivate lets it reach loopback, private, link-local and metadata
// addresses (--allow-private-sources). Tests put an in-memory fetcher in
// its place, so that they never reach the network.
var newFetcher = func(allowPrivate bool) app.Fetcher {
	return fetch.New(fetch.Options{AllowPrivate: allowPrivate})
}

// fetcher returns newFetcher's fetcher, or nil when there is none.
func fetcher(allowPrivate bool) app.Fetcher {
	if newFetcher == nil {
		return nil
	}
	return newFetcher(allowPrivate)
}
