package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/ical"
	"github.com/ruydad/ruydad/views"
)

// handleUserFeed serves /feeds/{token}/calendar.ics: the feed, for the
// calendar app of the user whose secret token this is (private calendars).
func (s *Server) handleUserFeed(c echo.Context) error {
	if _, err := s.app.UserByFeedToken(c.Request().Context(), c.Param("token")); err != nil {
		if errors.Is(err, domain.ErrNotFound) {
			return echo.ErrNotFound
		}
		return err
	}
	return s.handleFeed(c)
}

// feedTurns is how many full feeds are written at once. A feed of 20,000
// events is 17 MB and holds a database connection while it streams (one
// snapshot, so that it never shows an event twice or half-edited): left
// alone, sixty slow subscribers would hold every connection and the pages
// would wait behind them. The others wait for a turn, holding nothing.
//
// feedIdle is how long a subscriber may read nothing before it loses its
// turn: the write deadline moves on with every 32 KB written, so a slow
// but steady download takes as long as it needs.
const (
	feedTurns = 4
	feedIdle  = 20 * time.Second
)

// handleFeed serves /calendar.ics: confirmed events matching the filter
// (?kind=, ?province=, ?organization=) and the occasions. A feed of one
// ?kind= leaves the occasions out (its subscriber asked for, say, meetings,
// not 400 national days) unless ?occasions=1; ?occasions=0 leaves them out
// of any feed. ?rscale=1 writes yearly items as RFC 7529 RSCALE=PERSIAN rules.
// ?from=1400&to=1410 sets the Jalali years over which yearly items are
// written out (default: five years back to ten ahead; either bound may be
// left out; at most ical.MaxWindowYears years; anything else is a 400).
// It streams, and answers 304 to a subscriber whose copy is current: the
// ETag comes from the data version, so revalidating costs one tiny query.
func (s *Server) handleFeed(c echo.Context) error {
	f, err := filterFromQuery(c)
	if err != nil {
		return err
	}
	occasions, err := feedOccasions(c, f)
	if err != nil {
		return err
	}
	rscale := c.QueryParam("rscale") == "1"
	from, to, err := s.feedWindow(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	v, err := s.dataVersion(ctx)
	if err != nil {
		return err
	}
	// The window of yearly items (asked for, or moving with the current
	// year) is part of the version too.
	sum := sha256.Sum256([]byte(strconv.FormatInt(v.n, 10) + "|" + f.query() + "|" + strconv.FormatBool(occasions) +
		strconv.FormatBool(rscale) + "|" + strconv.Itoa(from) + "-" + strconv.Itoa(to)))
	if notModified(c, `"`+hex.EncodeToString(sum[:12])+`"`, v.changed) {
		return c.NoContent(http.StatusNotModified)
	}
	if c.Request().Method == http.MethodHead { // the headers are the answer: no turn, no feed
		s.feedHeaders(c, "ruydad.ics")
		return nil
	}
	select {
	case s.feedTurns <- struct{}{}:
		defer func() { <-s.feedTurns }()
	case <-ctx.Done():
		return ctx.Err()
	}
	feed, err := s.app.Feed(ctx, app.FeedSpec{Filter: f.eventsConfirmed(), Occasions: occasions, FromYear: from, ToYear: to,
		RScale: rscale, BaseURL: s.base, Now: s.now()})
	if err != nil {
		return err
	}
	s.feedHeaders(c, "ruydad.ics")
	skipped := func(e domain.Event, err error) { s.log.Warn("feed: event left out", "id", e.ID, "err", err) }
	out := idleWriter{w: c.Response(), rc: http.NewResponseController(c.Response()), idle: feedIdle}
	if err := feed.Write(ctx, out, skipped); err != nil {
		// The status is out; all that is left is to log it.
		s.log.Error("feed", "err", err)
	}
	return nil
}

// feedOccasions reads ?occasions=: 1 or 0 (or true, false…) when given,
// else what ical.OccasionsByDefault says for the kind asked for.
func feedOccasions(c echo.Context, f calFilter) (bool, error) {
	v := c.QueryParam("occasions")
	if v == "" {
		return ical.OccasionsByDefault(f.kind), nil
	}
	on, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("feed: %w: occasions=%q", errBadRequest, v)
	}
	return on, nil
}

// feedWindow reads ?from= and ?to=, the Jalali years of the window of
// yearly items (either may be left out for its default). A malformed year
// or a window ical.Window refuses (backwards, beyond the calendar's years,
// wider than ical.MaxWindowYears) is a bad request.
func (s *Server) feedWindow(c echo.Context) (from, to int, err error) {
	for _, p := range []struct {
		name string
		dst  *int
	}{{"from", &from}, {"to", &to}} {
		if v := c.QueryParam(p.name); v != "" {
			if *p.dst, err = atoi(v); err != nil || *p.dst == 0 {
				return 0, 0, fmt.Errorf("feed window: %w: %s=%q", errBadRequest, p.name, v)
			}
		}
	}
	if from, to, err = ical.Window(s.now(), from, to); err != nil {
		return 0, 0, fmt.Errorf("feed window: %w: %w", errBadRequest, err)
	}
	return from, to, nil
}

// idleWriter moves the connection's write deadline idle ahead before each
// write.
type idleWriter struct {
	w    io.Writer
	rc   *http.ResponseController
	idle time.Duration
}

func (w idleWriter) Write(p []byte) (int, error) {
	if err := w.rc.SetWriteDeadline(time.Now().Add(w.idle)); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return 0, err
	}
	return w.w.Write(p)
}

// handleEventFeed serves /events/{id}.ics, one event (a yearly one over
// the window of ?from= and ?to=, as /calendar.ics).
func (s *Server) handleEventFeed(c echo.Context) error {
	e, err := s.eventParam(c)
	if err != nil {
		return err
	}
	if !e.Dated() {
		return echo.ErrNotFound
	}
	from, to, err := s.feedWindow(c)
	if err != nil {
		return err
	}
	etag := `"` + e.UID + "-" + strconv.Itoa(e.Sequence) + `"`
	if e.Yearly {
		// Only a yearly event's VEVENTs depend on the window.
		etag = `"` + e.UID + "-" + strconv.Itoa(e.Sequence) + "-" + strconv.Itoa(from) + "-" + strconv.Itoa(to) + `"`
	}
	if notModified(c, etag, e.UpdatedAt) {
		return c.NoContent(http.StatusNotModified)
	}
	// The same VEVENT as this UID's in /calendar.ics, source article
	// named. Articles are never edited, so the ETag need not cover the
	// title.
	var b bytes.Buffer
	if err := s.app.WriteEvent(c.Request().Context(), &b, e, app.FeedSpec{FromYear: from, ToYear: to, BaseURL: s.base, Now: s.now()}); err != nil {
		return err
	}
	s.feedHeaders(c, "ruydad-event-"+strconv.FormatInt(e.ID, 10)+".ics")
	_, err = c.Response().Write(b.Bytes())
	return err
}

// feedHeaders starts an iCalendar response.
func (s *Server) feedHeaders(c echo.Context, filename string) {
	h := c.Response().Header()
	h.Set("Content-Type", "text/calendar; charset=utf-8")
	disposition := "inline"
	if c.QueryParam("download") == "1" {
		disposition = "attachment"
	}
	h.Set("Content-Disposition", disposition+`; filename="`+filename+`"`)
	h.Set("Cache-Control", "no-cache")
	c.Response().WriteHeader(http.StatusOK)
}

// notModified sets ETag and Last-Modified and reports whether the client's
// conditional headers say its copy is current.
func notModified(c echo.Context, etag string, last time.Time) bool {
	h := c.Response().Header()
	h.Set("ETag", etag)
	if !last.IsZero() {
		h.Set("Last-Modified", last.UTC().Format(http.TimeFormat))
	}
	req := c.Request().Header
	if inm := req.Get("If-None-Match"); inm != "" {
		for _, t := range strings.Split(inm, ",") {
			if t = strings.TrimSpace(t); t == etag || t == "W/"+etag || t == "*" {
				return true
			}
		}
		return false
	}
	if ims, err := http.ParseTime(req.Get("If-Modified-Since")); err == nil && !last.IsZero() {
		return !last.Truncate(time.Second).After(ims)
	}
	return false
}

// webcalURL is path on this server (at Config.BaseURL) as a webcal://
// link, which calendar apps open as a subscription.
func (s *Server) webcalURL(path string) string {
	_, host, _ := strings.Cut(s.base, "://")
	return "webcal://" + host + path
}

// feedLinks returns the download and subscribe (webcal://) links of the
// feed matching a calendar filter.
func (s *Server) feedLinks(f calFilter) (download, subscribe string) {
	q := f.feedQuery()
	path := views.FeedURL + q
	sep := "?"
	if q != "" {
		sep = "&"
	}
	return path + sep + "download=1", s.webcalURL(path)
}
