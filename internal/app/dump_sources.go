package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ruydad/ruydad/internal/domain"
)

// The news sources in a dump (version 6): the "sources" section, after
// "hijri_corrections" and before "articles", and each article's "links".
//
//	"sources": [{"url", "name", "province", "organization", "enabled", "interval", "created"}, …]
//	"articles": [{…, "links": [{"url", "source", "title", "found"}, …]}, …]
//
// A source's "interval" is in minutes; its status (last fetch, validators,
// failures) is not dumped: the installation loading it polls it afresh. A
// link's "url" is canonical, its "source" the URL of the source it was
// found through (left out for a pasted link, or one whose source was
// removed), its "title" left out when empty. A load adds a source unless
// its URL is stored, and every link whose URL is not stored, to its article
// whether that one was added or already stored.

// sourceRecord is a news source in a dump.
type sourceRecord struct {
	URL          string `json:"url"`
	Name         string `json:"name"`
	Province     string `json:"province"`
	Organization string `json:"organization"`
	Enabled      bool   `json:"enabled"`
	Interval     int    `json:"interval"` // minutes
	Created      string `json:"created"`
}

// linkRecord is an address an article was found at, in a dump.
type linkRecord struct {
	URL    string `json:"url"`
	Source string `json:"source,omitempty"` // the source's URL
	Title  string `json:"title,omitempty"`
	Found  string `json:"found"`
}

// DumpedLink is an article's link as a snapshot holds it, with the URL of
// the source it came through ("" for none).
type DumpedLink struct {
	Link      domain.ArticleLink
	SourceURL string
}

func sourceRecordOf(s domain.Source) sourceRecord {
	return sourceRecord{URL: s.URL, Name: s.Name, Province: s.Province, Organization: s.Organization, Enabled: s.Enabled,
		Interval: int(s.Interval / time.Minute), Created: formatDumpStamp(s.CreatedAt)}
}

// source reads r into a source, checked as the sources page checks one.
func (r sourceRecord) source() (domain.Source, error) {
	s := domain.Source{URL: r.URL, Name: r.Name, Province: r.Province, Organization: r.Organization, Enabled: r.Enabled,
		Interval: time.Duration(r.Interval) * time.Minute}
	var err error
	if s.CreatedAt, err = parseDumpStamp(r.Created); err != nil {
		return s, fmt.Errorf("source %q: %w", r.URL, err)
	}
	if err := s.Validate(); err != nil {
		return s, fmt.Errorf("source %q: %w", r.URL, err)
	}
	return s, nil
}

func linkRecordsOf(links []DumpedLink) []linkRecord {
	var out []linkRecord
	for _, l := range links {
		out = append(out, linkRecord{URL: l.Link.URL, Source: l.SourceURL, Title: l.Link.Title, Found: formatDumpStamp(l.Link.FoundAt)})
	}
	return out
}

// link reads r into a link of article id (its source left for the loader
// to find by URL): its URL must be canonical.
func (r linkRecord) link(id int64) (domain.ArticleLink, error) {
	l := domain.ArticleLink{ArticleID: id, URL: r.URL, Title: r.Title}
	if canon, ok := CanonicalURL(r.URL); !ok || canon != r.URL {
		return l, fmt.Errorf("link %q: not a canonical http or https URL", r.URL)
	}
	var err error
	if l.FoundAt, err = parseDumpStamp(r.Found); err != nil {
		return l, fmt.Errorf("link %q: %w", r.URL, err)
	}
	return l, nil
}

// source adds rec unless a source with its URL is stored.
func (l *dumpLoader) source(ctx context.Context, rec sourceRecord) error {
	s, err := rec.source()
	if err != nil {
		return err
	}
	_, err = l.tx.SourceIDByURL(ctx, s.URL)
	switch {
	case err == nil:
		l.stats.SkippedSources++
		return nil
	case !errors.Is(err, domain.ErrNotFound):
		return fmt.Errorf("load source %q: %w", s.URL, err)
	}
	if err := l.tx.InsertSource(ctx, &s); err != nil {
		return fmt.Errorf("load source %q: %w", s.URL, err)
	}
	l.stats.Sources++
	return nil
}

// links adds the links of article id that are not stored, each to the
// source of its URL when that one is stored.
func (l *dumpLoader) links(ctx context.Context, id int64, recs []linkRecord) error {
	for _, rec := range recs {
		link, err := rec.link(id)
		if err != nil {
			return err
		}
		if rec.Source != "" {
			link.SourceID, err = l.tx.SourceIDByURL(ctx, rec.Source)
			if err != nil && !errors.Is(err, domain.ErrNotFound) {
				return fmt.Errorf("load link %q: %w", rec.URL, err)
			}
		}
		added, err := l.tx.InsertArticleLink(ctx, &link)
		if err != nil {
			return fmt.Errorf("load link %q: %w", rec.URL, err)
		}
		if added {
			l.stats.Links++
		} else {
			l.stats.SkippedLinks++
		}
	}
	return nil
}
