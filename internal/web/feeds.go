package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/ical"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

// handleUserFeed serves /feeds/{token}/calendar.ics: the feed, for the
// calendar app of the user whose secret token this is (private calendars).
func (s *Server) handleUserFeed(c echo.Context) error {
	u, err := s.app.UserByFeedToken(c.Request().Context(), c.Param("token"))
	if err != nil {
		if errors.Is(err, domain.ErrNotFound) {
			return echo.ErrNotFound
		}
		return err
	}
	// The feed is the one its user would read: what they may see follows
	// their role.
	r := c.Request()
	c.SetRequest(r.WithContext(context.WithValue(r.Context(), userKey{}, u)))
	return s.handleFeed(c)
}

// feedIdle is how long a feed's download may take nothing before it is cut
// off (Config.FeedIdle); a download that keeps taking, however slowly,
// takes as long as it needs (see progressWriter.watch).
const feedIdle = 20 * time.Second

// handleFeed serves /calendar.ics: confirmed events matching the filter
// (?kind=, ?province=, ?organization=) and the occasions. A feed of one
// ?kind= leaves the occasions out (its subscriber asked for, say, meetings,
// not 400 national days) unless ?occasions=1; ?occasions=0 leaves them out
// of any feed. ?rscale=1 writes yearly items as RFC 7529 RSCALE=PERSIAN rules.
// ?reminders=1 reminds of each occasion the office prepares for its lead
// time before (a VALARM); events' own reminders are always written.
// ?from=1400&to=1410 sets the Jalali years over which yearly items are
// written out (default: five years back to ten ahead; either bound may be
// left out; at most ical.MaxWindowYears years; anything else is a 400).
// It answers 304 to a subscriber whose copy is current: the ETag comes from
// the data version, so revalidating costs one tiny query. Otherwise the
// feed is rendered once per data version and query (feedBodies) and served
// from that copy, with byte ranges, to any number of subscribers at their
// own pace; once kept, it is rendered again ahead of them when the data
// changes (warmFeeds).
func (s *Server) handleFeed(c echo.Context) error {
	f, err := s.filterFromQuery(c)
	if err != nil {
		return err
	}
	occasions, err := feedOccasions(c, f)
	if err != nil {
		return err
	}
	job := feedJob{Kind: string(f.kind), Province: f.province, Organization: f.organization, Proposed: f.proposed, Drafts: f.drafts,
		Occasions: occasions, RScale: c.QueryParam("rscale") == "1",
		Reminders: c.QueryParam("reminders") == "1", // the occasions' preparation reminders
		From:      c.QueryParam("from"), To: c.QueryParam("to")}
	ctx := c.Request().Context()
	v, err := s.dataVersion(ctx)
	if err != nil {
		return err
	}
	made, err := s.feedOf(job, v)
	if err != nil {
		return err
	}
	s.setCacheHeaders(c)
	gz := s.feeds.gzip && acceptsGzip(c.Request())
	if s.feeds.gzip {
		c.Response().Header().Set("Vary", "Accept-Encoding")
	}
	if gz && etagListed(c.Request().Header.Get("If-None-Match"), gzipETag(made.etag)) {
		// A copy of the gzip form is current: the same bytes for the
		// same body, so its ETag is as good as the body's.
		notModified(c, gzipETag(made.etag), made.last)
		return c.NoContent(http.StatusNotModified)
	}
	if notModified(c, made.etag, made.last) {
		return c.NoContent(http.StatusNotModified)
	}
	if c.Request().Method == http.MethodHead { // the headers are the answer: no render
		s.setFeedHeaders(c, "ruydad.ics")
		c.Response().WriteHeader(http.StatusOK)
		return nil
	}
	body := s.feeds.getFor(ctx, v.n, made.etag, &job, s.now(), s.feedRender(made.spec))
	defer s.feeds.release(body)
	if gz {
		if r, done, ok := body.gzipped(); ok {
			defer done()
			return s.sendGzipped(c, r, made.etag, made.last)
		}
	}
	return s.sendFeed(c, body, made.last)
}

// sendGzipped answers with the gzip copy of a kept feed, r, under its
// own ETag, with its length and byte ranges (of the gzip bytes).
func (s *Server) sendGzipped(c echo.Context, r io.ReadSeeker, etag string, last time.Time) error {
	s.setFeedHeaders(c, "ruydad.ics")
	c.Response().Header().Set("ETag", gzipETag(etag))
	// Content-Encoding is named as the header goes out, not before:
	// http.ServeContent gives no Content-Length to an answer that already
	// names an encoding (golang.org/issue/66343), and without one every
	// gzip copy went out chunked, copied through the process instead of
	// by sendfile, at about half nginx's rate on the same bytes.
	w := &progressWriter{ResponseWriter: c.Response(), encoding: "gzip"}
	stop := w.watch(c.Request().Context(), s.feedIdle)
	defer stop()
	var out http.ResponseWriter = w
	if _, ok := r.(*os.File); ok {
		if rf, ok := c.Response().Writer.(io.ReaderFrom); ok {
			out = fileSender{w, rf}
		}
	}
	http.ServeContent(out, c.Request(), "", last, r)
	return nil
}

// gzipETag is the ETag of the gzip form of the body whose ETag is etag.
func gzipETag(etag string) string { return strings.TrimSuffix(etag, `"`) + `-gz"` }

// acceptsGzip reports whether r's Accept-Encoding takes gzip (not with
// q=0).
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(part, ";")
		if name = strings.TrimSpace(name); !strings.EqualFold(name, "gzip") && !strings.EqualFold(name, "x-gzip") {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}

// etagListed reports whether an If-None-Match value names etag (or is *).
func etagListed(inm, etag string) bool {
	for _, t := range strings.Split(inm, ",") {
		if t = strings.TrimSpace(t); t == etag || t == "W/"+etag || t == "*" {
			return true
		}
	}
	return false
}

// feedJob is what a feed is made of besides the data: the query it was
// asked with. The kept feeds' jobs are rendered again when the data
// changes (warmFeeds), and listed in the feed folder's manifest for the
// next start.
type feedJob struct {
	Kind         string `json:"kind,omitempty"`
	Province     string `json:"province,omitempty"`
	Organization string `json:"organization,omitempty"`
	Proposed     bool   `json:"proposed,omitempty"` // ?proposed=1 (in the ETag, not the body)
	Drafts       bool   `json:"drafts,omitempty"`   // for a reader who sees the drafts (sources named)
	Occasions    bool   `json:"occasions,omitempty"`
	RScale       bool   `json:"rscale,omitempty"`
	Reminders    bool   `json:"reminders,omitempty"`
	From         string `json:"from,omitempty"` // ?from= and ?to= as asked ("" for the default)
	To           string `json:"to,omitempty"`
}

// filter is the calendar filter of the feed.
func (j feedJob) filter() calFilter {
	return calFilter{kind: domain.Kind(j.Kind), province: j.Province, organization: j.Organization, proposed: j.Proposed, drafts: j.Drafts}
}

// madeFeed is what a feed is at a data version: its ETag (the key of its
// body), its Last-Modified and what renders it.
type madeFeed struct {
	etag string
	last time.Time
	spec app.FeedSpec
}

// feedOf makes job's feed at data version v. A window of years that
// ical.Window refuses is a bad request.
func (s *Server) feedOf(job feedJob, v dataVersion) (madeFeed, error) {
	from, to, err := s.feedWindowOf(job.From, job.To)
	if err != nil {
		return madeFeed{}, err
	}
	f := job.filter()
	// The window of yearly items (asked for, or moving with the current
	// year) is part of the version too.
	sum := sha256.Sum256([]byte(strconv.FormatInt(v.n, 10) + "|" + f.query() + "|" + strconv.FormatBool(job.Occasions) +
		strconv.FormatBool(job.RScale) + "|" + strconv.Itoa(from) + "-" + strconv.Itoa(to) + "|" + strconv.FormatBool(job.Reminders) + "|" + strconv.FormatBool(f.drafts)))
	// The body is the same bytes for the same ETag: its DTSTAMP is the
	// time the data version last moved, not the clock at render, so the
	// ETag can stay strong (byte ranges need one). Last-Modified is that
	// time too, or the start of the Jalali year when the window moves
	// with the clock, so If-Modified-Since sees what the ETag sees.
	stamp := v.changed
	if stamp.IsZero() {
		stamp = s.now()
	}
	return madeFeed{
		etag: `"` + hex.EncodeToString(sum[:12]) + `"`,
		last: later(v.changed, s.windowSinceOf(job.From, job.To)),
		spec: app.FeedSpec{Filter: f.eventsConfirmed(), Occasions: job.Occasions, FromYear: from, ToYear: to,
			RScale: job.RScale, BaseURL: s.base, Reminders: job.Reminders, Sources: f.drafts, Now: stamp},
	}, nil
}

// feedRender is the render of the feed of spec.
func (s *Server) feedRender(spec app.FeedSpec) func(context.Context, io.Writer) error {
	return func(ctx context.Context, w io.Writer) error {
		feed, err := s.app.Feed(ctx, spec)
		if err != nil {
			return err
		}
		skipped := func(e domain.Event, err error) { s.log.Warn("feed: event left out", "id", e.ID, "err", err) }
		return feed.Write(ctx, w, skipped)
	}
}

// sendFeed answers with a feed's body: whole, with its length and byte
// ranges, once rendered; while it renders, as it grows.
func (s *Server) sendFeed(c echo.Context, body *feedBody, last time.Time) error {
	ctx := c.Request().Context()
	// The body whole (kept, or rendered at once), or its first part: a
	// render that fails before it is an error page.
	size, whole, err := body.next(ctx, 0)
	if err == nil && !whole && c.Request().Header.Get("Range") != "" {
		size, err = body.whole(ctx) // a part of it needs all of it
		whole = true
	}
	if err != nil {
		return err
	}
	s.setFeedHeaders(c, "ruydad.ics")
	w := &progressWriter{ResponseWriter: c.Response()}
	stop := w.watch(ctx, s.feedIdle)
	defer stop()
	if whole {
		var out http.ResponseWriter = w
		content := io.ReadSeeker(io.NewSectionReader(body, 0, size))
		if f := body.reopen(); f != nil {
			// A whole body in a file goes out by sendfile, when the
			// connection takes it (a kept province's feed is megabytes).
			defer f.Close()
			if rf, ok := c.Response().Writer.(io.ReaderFrom); ok {
				out, content = fileSender{w, rf}, f
			}
		}
		http.ServeContent(out, c.Request(), "", last, content)
		if n := w.written.Load(); c.Response().Status == http.StatusOK && n < size {
			s.log.Debug("feed: the download ended early", "written", n, "size", size)
		}
		return nil
	}
	// Still rendering: the body goes out as it grows, without a length
	// (chunked), ending with its last chunk only when the render has
	// succeeded.
	w.WriteHeader(http.StatusOK)
	if n, err := body.copyTo(ctx, w); errors.Is(err, errRenderFailed) {
		// The connection is cut before the last chunk: the client sees a
		// broken download, never a shorter calendar.
		s.log.Error("feed: the render failed while it was downloaded", "written", n, "err", err)
		abort(w)
	}
	return nil
}

// fileSender is a feed's response whose body the server's connection
// copies from a file itself (io.ReaderFrom: sendfile), its bytes counted
// as progressWriter counts them.
type fileSender struct {
	*progressWriter
	rf io.ReaderFrom
}

func (w fileSender) ReadFrom(r io.Reader) (int64, error) {
	n, err := w.rf.ReadFrom(r)
	w.written.Add(n)
	return n, err
}

// abort cuts the connection of a response under way, so that its client
// sees it broken (an HTTP/1.1 chunked body without its last chunk).
func abort(w http.ResponseWriter) {
	if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
		conn.Close()
	}
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
	return s.feedWindowOf(c.QueryParam("from"), c.QueryParam("to"))
}

// feedWindowOf is feedWindow of the values of ?from= and ?to=.
func (s *Server) feedWindowOf(fromQ, toQ string) (from, to int, err error) {
	for _, p := range []struct {
		name, value string
		dst         *int
	}{{"from", fromQ, &from}, {"to", toQ, &to}} {
		if v := p.value; v != "" {
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
	drafts := s.drafts(c) && e.ArticleID != 0 // its source article named
	ctx := c.Request().Context()
	// The ETag is a hash (a UID is the event's own text, which has no
	// place in a header) of everything the body is made of: the event and
	// the events standing in for its occurrences (their sequences and last
	// changes), and for a series the window and, for a Hijri one, the
	// calendar's version. Articles are never edited, so it need not cover
	// the source's title. The body's DTSTAMP is the latest of those
	// changes, not the clock at render: the same ETag is the same bytes.
	var overrides []domain.Event
	if e.Repeats() {
		if overrides, err = s.app.Overrides(ctx, e.ID); err != nil {
			return err
		}
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s|%d|%d|%t", e.UID, e.Sequence, e.UpdatedAt.UnixNano(), drafts)
	stamp := e.UpdatedAt
	for _, o := range overrides {
		fmt.Fprintf(h, "|%s|%d|%d", o.UID, o.Sequence, o.UpdatedAt.UnixNano())
		stamp = later(stamp, o.UpdatedAt)
	}
	last := stamp
	if e.Repeats() {
		// Only a series' VEVENTs depend on the window, and a Hijri one's on
		// the calendar's month starts too.
		fmt.Fprintf(h, "|%d-%d", from, to)
		last = later(last, s.windowSince(c))
		if e.Repeat.Kind == domain.RepeatYearlyHijri {
			st, err := s.app.Calendar(ctx)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "|c%d", st.Version)
			// The calendar's version has no time of its own: the data
			// version's is no earlier.
			v, err := s.dataVersion(ctx)
			if err != nil {
				return err
			}
			last = later(last, v.changed)
		}
	}
	if stamp.IsZero() {
		stamp = s.now()
	}
	etag := `"` + hex.EncodeToString(h.Sum(nil)[:12]) + `"`
	s.setCacheHeaders(c)
	if notModified(c, etag, last) {
		return c.NoContent(http.StatusNotModified)
	}
	var b bytes.Buffer
	if err := s.app.WriteEvent(ctx, &b, e, app.FeedSpec{FromYear: from, ToYear: to, BaseURL: s.base, Now: stamp, Sources: drafts}); err != nil {
		return err
	}
	s.setFeedHeaders(c, "ruydad-event-"+strconv.FormatInt(e.ID, 10)+".ics")
	c.Response().WriteHeader(http.StatusOK)
	_, err = c.Response().Write(b.Bytes())
	return err
}

// setFeedHeaders sets the headers of an iCalendar response besides
// setCacheHeaders'. The type has no method= parameter, as the body has no
// METHOD (see ical.Writer's start).
func (s *Server) setFeedHeaders(c echo.Context, filename string) {
	h := c.Response().Header()
	h.Set("Content-Type", "text/calendar; charset=utf-8")
	disposition := "inline"
	if c.QueryParam("download") == "1" {
		disposition = "attachment"
	}
	h.Set("Content-Disposition", disposition+`; filename="`+filename+`"`)
}

// setCacheHeaders sets the caching headers of an iCalendar response, the
// 304 and the 200 alike (RFC 9110 §15.4.5: a 304 carries the
// Cache-Control its 200 would).
func (s *Server) setCacheHeaders(c echo.Context) {
	c.Response().Header().Set("Cache-Control", "no-cache")
}

// windowSince is when the request's window of years became what it is:
// the start of the current Jalali year (Nowruz, in Tehran) when either
// bound is left to its default, which moves with the clock while the data
// stays; zero when both are given.
func (s *Server) windowSince(c echo.Context) time.Time {
	return s.windowSinceOf(c.QueryParam("from"), c.QueryParam("to"))
}

// windowSinceOf is windowSince of the values of ?from= and ?to=.
func (s *Server) windowSinceOf(from, to string) time.Time {
	if from != "" && to != "" {
		return time.Time{}
	}
	return jalali.MustNew(s.today().Year, 1, 1).Time()
}

// later returns the later of a and b.
func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// feedRequest reports whether r asks for an iCalendar file (a feed, an
// event's .ics). Its answer sets no cookie: calendar apps keep none, so a
// new one would go out on every poll, and a 304 must not carry one.
func feedRequest(r *http.Request) bool {
	return (r.Method == http.MethodGet || r.Method == http.MethodHead) && strings.HasSuffix(r.URL.Path, ".ics")
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
