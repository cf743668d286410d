package web

import (
	"context"
	"encoding/json"
	"time"
)

// Feeds are rendered ahead: when the data changes, the feeds kept before
// (the wanted ones: those subscribers asked for, a province's as much as
// the full one) are rendered again in the background, one at a time and
// the smallest first, once the data has been still for feedWarmQuiet
// (an import that writes for minutes is not chased version by version)
// or at the latest feedWarmLatest after the first change; at start, the
// feeds the last run kept (the feed folder's manifest). A subscriber then
// finds its feed kept instead of waiting for its render. A feed is only
// ever served for the data version it was rendered at: until the new
// one is rendered, a request renders it (as without this), never reads
// the old one.
const (
	feedWarmPoll   = time.Second
	feedWarmQuiet  = 2 * time.Second
	feedWarmLatest = 30 * time.Second
)

// feedWantedFor is how long a feed nobody asks for is still rendered
// ahead: calendar apps poll a subscription every few hours (the feed says
// every 6, REFRESH-INTERVAL), so a feed not asked for in a day has no
// subscriber left.
const feedWantedFor = 24 * time.Hour

// startWarming runs warmFeeds until dir is closed.
func (s *Server) startWarming(dir *FeedDir) {
	s.feeds.want(dir.jobs)
	dir.started.Store(true)
	go func() {
		defer close(dir.done)
		// The calendar state (the Hijri months' predicted starts, 40 ms
		// on two cores, the almanac) is made now, not by the first pages
		// asked after a start, which all waited for it (issue 18).
		if _, err := s.app.Calendar(dir.ctx); err != nil && dir.ctx.Err() == nil {
			s.log.Debug("calendar: not made ahead", "err", err)
		}
		s.warmFeeds(dir.ctx, dir, feedWarmPoll)
	}()
}

// warmFeeds watches the data version every poll and renders the wanted
// feeds again when it moves (see feedWarmQuiet), and writes dir's
// manifest when they change, until ctx ends.
func (s *Server) warmFeeds(ctx context.Context, dir *FeedDir, poll time.Duration) {
	t := time.NewTicker(poll)
	defer t.Stop()
	warmed, seen := int64(-1), int64(-1)
	var seenAt, firstAt time.Time
	var saved int64 = -1
	save := func() {
		if jobs, wanted, moved := s.feeds.wantedJobs(); moved != saved {
			if err := dir.writeManifest(jobs, wanted); err != nil {
				s.log.Warn("feed folder: cannot write the list of feeds kept", "err", err)
			}
			saved = moved
		}
	}
	for {
		select {
		case <-ctx.Done():
			save() // what changed since the last tick, for the next start
			return
		case <-t.C:
		}
		save()
		n, changed, err := s.app.DataVersion(ctx)
		if err != nil {
			if ctx.Err() == nil {
				s.log.Debug("feeds: no data version to render ahead for", "err", err)
			}
			continue
		}
		if n == warmed {
			continue
		}
		now := time.Now()
		if n != seen {
			if seen == warmed || seen < 0 {
				firstAt = now
			}
			seen, seenAt = n, now
		}
		// At start (nothing warmed yet) at once; after a change, once the
		// data is still.
		if warmed >= 0 && now.Sub(seenAt) < feedWarmQuiet && now.Sub(firstAt) < feedWarmLatest {
			continue
		}
		if s.warmRound(ctx, dataVersion{n, changed}) {
			warmed = n
			dir.warmed.Store(n)
		}
	}
}

// warmRound renders the wanted feeds at version v, one at a time, and
// reports whether it rendered them all: it stops when the data moves on
// (the next round renders them for the new version) or ctx ends.
func (s *Server) warmRound(ctx context.Context, v dataVersion) bool {
	jobs, wanted, _ := s.feeds.wantedJobs()
	if len(jobs) == 0 {
		return true
	}
	since := s.now().Add(-feedWantedFor)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// The data moving on ends the round, and the render under way when
	// nobody else reads it (feedBodies.unwanted).
	go func() {
		t := time.NewTicker(feedWarmPoll)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if n, _, err := s.app.DataVersion(ctx); err == nil && n != v.n {
					cancel()
					return
				}
			}
		}
	}()
	start, rendered := time.Now(), 0
	for _, job := range jobs {
		if ctx.Err() != nil {
			return false
		}
		if wanted[job].asked.Before(since) {
			s.feeds.unwant(job)
			continue
		}
		made, err := s.feedOf(job, v)
		if err != nil {
			// Its window of years is no longer one ical.Window accepts
			// (the years moved on): nobody gets it any more.
			s.feeds.unwant(job)
			continue
		}
		body := s.feeds.getFor(ctx, v.n, made.etag, &job, time.Time{}, s.feedRender(made.spec))
		if _, err = body.whole(ctx); err == nil {
			// Its gzip copy too: the next render, or the server's
			// requests, do not share the processors with it.
			err = body.settle(ctx)
		}
		s.feeds.release(body)
		switch {
		case ctx.Err() != nil:
			return false
		case err != nil:
			s.log.Warn("feeds: a render ahead failed", "feed", job.key(), "err", err)
		default:
			rendered++
		}
	}
	s.log.Info("feeds: rendered ahead", "feeds", rendered, "of", len(jobs), "version", v.n, "took", time.Since(start).Round(time.Millisecond).String())
	return true
}

// key is the job as one text (its order among jobs, its name in logs).
func (j feedJob) key() string {
	b, err := json.Marshal(j)
	if err != nil {
		panic(err) // strings and booleans always marshal
	}
	return string(b)
}
