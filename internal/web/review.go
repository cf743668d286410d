package web

import (
	"context"
	"errors"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

func (s *Server) handleReview(c echo.Context) error {
	q, err := readReviewQuery(c.QueryParam)
	if err != nil {
		return err
	}
	return s.renderReview(c, http.StatusOK, q, reviewRefusal{})
}

// reviewRefusal is why a review action changed nothing: a message, the
// events at fault with why, and the selection to show again as it was.
type reviewRefusal struct {
	problem  string
	faults   map[int64]string
	selected []int64
}

func (s *Server) renderReview(c echo.Context, status int, q reviewQuery, r reviewRefusal) error {
	ctx := c.Request().Context()
	leave, err := pageBuilds.enterCtx(ctx)
	if err != nil {
		return err
	}
	defer leave()
	events, total, err := s.app.ProposedEvents(ctx, q.filter, reviewPageSize, (q.page-1)*reviewPageSize)
	if err != nil {
		return err
	}
	if last := max(1, (total+reviewPageSize-1)/reviewPageSize); q.page > last && !reviewMore(q, total) {
		// The queue shrank (the page's last events were confirmed): show its last page.
		q.page = last
		if events, total, err = s.app.ProposedEvents(ctx, q.filter, reviewPageSize, (q.page-1)*reviewPageSize); err != nil {
			return err
		}
	}
	articles, err := s.reviewArticles(c, q)
	if err != nil {
		return err
	}
	v := views.ReviewView{Error: r.problem, Filter: q.filterView(articles), Hidden: q.hidden()}
	if v.Summary, v.Left, err = s.reviewSummary(c, q); err != nil {
		return err
	}
	v.Total, v.PageLabel, v.PrevURL, v.NextURL = reviewCounts(q, total)
	titles := map[int64]string{}
	for _, a := range articles {
		titles[a.ID] = a.Title
	}
	evidence, err := s.evidenceOf(ctx, events)
	if err != nil {
		return err
	}
	for _, e := range events {
		if n := len(v.Groups); n == 0 || v.Groups[n-1].ArticleID != e.ArticleID {
			g := views.ReviewGroup{ArticleID: e.ArticleID, ArticleTitle: titles[e.ArticleID], ArticleURL: views.ArticleURL(e.ArticleID)}
			if e.ArticleID == 0 || g.ArticleTitle == "" {
				g.ArticleTitle = "بدون خبر"
			}
			if e.ArticleID != 0 && q.filter.ArticleID == 0 {
				only := q
				only.filter.ArticleID, only.page = e.ArticleID, 1
				g.OnlyURL = only.url(false, nil)
			}
			v.Groups = append(v.Groups, g)
		}
		g := &v.Groups[len(v.Groups)-1]
		it := reviewItem(e, q)
		if it.EvidenceURL != "" {
			if it.Evidence, err = evidence(e); err != nil {
				return err
			}
		}
		it.Selected, it.Problem = slices.Contains(r.selected, e.ID), r.faults[e.ID]
		if it.Problem != "" {
			v.Faults = append(v.Faults, views.ReviewFault{Title: e.Title, URL: "#review-" + strconv.FormatInt(e.ID, 10)})
		}
		g.Items = append(g.Items, it)
	}
	v.Page = s.page(c, "صف بازبینی", "review")
	if !v.Writer {
		for i := range v.Groups {
			withoutEditLinks(v.Groups[i].Items)
		}
	}
	if v.Summary != "" {
		v.Page.Flash = "" // the summary says it, in full
	}
	return s.renderLeaving(c, status, views.ReviewPage(v), leave)
}

// evidenceReader is a store that reads the sentences supporting a page's
// events in one query, without their articles' whole texts (sqlite's
// Evidence).
type evidenceReader interface {
	Evidence(ctx context.Context, events []domain.Event) (map[int64]string, error)
}

// evidenceOf returns what gives the sentence supporting each of events
// (evidenceIn's): read at once from a store that can (evidenceReader),
// else from each of their articles, read once.
func (s *Server) evidenceOf(ctx context.Context, events []domain.Event) (func(domain.Event) (string, error), error) {
	if r, ok := s.app.ReviewReader.(evidenceReader); ok {
		runs, err := r.Evidence(ctx, events)
		if err != nil {
			return nil, err
		}
		return func(e domain.Event) (string, error) { return runs[e.ID], nil }, nil
	}
	texts := map[int64]string{} // the page's articles, each read once
	return func(e domain.Event) (string, error) { return s.evidenceIn(ctx, texts, e) }, nil
}

// evidenceIn is the sentence of its article that supports e, for a person
// to confirm it by, the article read through texts (by id, each article of
// a page read once); "" when the article is gone or the span does not fit.
func (s *Server) evidenceIn(ctx context.Context, texts map[int64]string, e domain.Event) (string, error) {
	text, ok := texts[e.ArticleID]
	if !ok {
		a, err := s.app.Article(ctx, e.ArticleID)
		if err != nil && !errors.Is(err, domain.ErrNotFound) {
			return "", err
		}
		text = a.Text
		texts[e.ArticleID] = text
	}
	return sentenceOf(e, text), nil
}

// withoutEditLinks leaves out the review's actions of items, for a reader
// who may not write: the templates show them only with an edit link.
func withoutEditLinks(items []views.ReviewItem) {
	for i := range items {
		items[i].EditURL = ""
	}
}

// reviewArticles returns the newest articles awaiting review
// (reviewArticleChoices), and the one the queue is narrowed to even when
// it is older or none of its events is left.
func (s *Server) reviewArticles(c echo.Context, q reviewQuery) ([]domain.ArticleSummary, error) {
	ctx := c.Request().Context()
	articles, err := s.app.ProposedArticles(ctx, reviewArticleChoices)
	if err != nil {
		return nil, err
	}
	id := q.filter.ArticleID
	if id == 0 || slices.ContainsFunc(articles, func(a domain.ArticleSummary) bool { return a.ID == id }) {
		return articles, nil
	}
	titles, err := s.app.ArticleTitles(ctx, []int64{id})
	if err != nil {
		return nil, err
	}
	if t, ok := titles[id]; ok {
		// Older than the newest offered, or with none left: its count
		// read alone (a seek in the queue's index).
		_, n, err := s.app.ProposedEvents(ctx, domain.ReviewFilter{ArticleID: id}, 0, 0)
		if err != nil {
			return nil, err
		}
		articles = append(articles, domain.ArticleSummary{ID: id, Title: t, Proposed: n})
	}
	return articles, nil
}

// reviewArticleChoices is how many articles the queue's filter offers to
// choose from: the newest awaiting review (a national calendar has
// hundreds of thousands); an older one is reached from its group's link
// or its own page, and stays chosen.
const reviewArticleChoices = 100

// reviewMore reports whether the queue's total, as ProposedEvents counted
// it for page q, only says that there are more than it counted: above
// domain.ReviewCountCap and past the page's last event.
func reviewMore(q reviewQuery, total int) bool {
	return total > max(domain.ReviewCountCap, q.page*reviewPageSize)
}

// reviewCounts says how many events the queue (as narrowed) holds, which
// page this is, and links the pages either side. Past
// domain.ReviewCountCap the queue is not counted whole: it holds «more
// than 10,000», and the page is given without the number of pages.
func reviewCounts(q reviewQuery, total int) (count, page, prev, next string) {
	more := reviewMore(q, total)
	if more {
		count = "بیش از " + jalali.FaNum(domain.ReviewCountCap) + " رویداد در انتظار بازبینی است"
	} else if total > 0 {
		count = jalali.FaNum(total) + " رویداد در انتظار بازبینی است"
	}
	if count != "" {
		if !q.filter.IsZero() {
			count += " (با این فیلتر)"
		}
		count += "."
	}
	pages := (total + reviewPageSize - 1) / reviewPageSize
	switch {
	case more:
		page = "صفحهٔ " + jalali.FaNum(q.page)
	case pages > 1:
		page = "صفحهٔ " + jalali.FaNum(q.page) + " از " + jalali.FaNum(pages)
	}
	if q.page > 1 {
		prev = q.atPage(q.page-1).url(true, nil)
	}
	if more || q.page < pages {
		next = q.atPage(q.page+1).url(true, nil)
	}
	return count, page, prev, next
}

// reviewItem is a mined event as the review screens show it; its "edit,
// then confirm" keeps the queue's filter q, so that the next event it opens
// is the next one of the same queue.
func reviewItem(e domain.Event, q reviewQuery) views.ReviewItem {
	it := views.ReviewItem{
		ID: e.ID, Title: e.Title, URL: views.EventURL(e.ID), EditURL: reviewEditURL(e.ID, q, ""),
		KindName: e.Kind.Label(), When: when(e), Status: e.Status.Label(), Proposed: e.Status == domain.StatusProposed,
		Dated: e.Dated(), Note: e.ReviewNote,
	}
	if e.ArticleID != 0 && e.EvidenceStart >= 0 && e.EvidenceStart < e.EvidenceEnd {
		it.EvidenceURL = views.ArticleURL(e.ArticleID) + "#" + evidenceAnchor(e.ID)
	}
	if e.ArticleID != 0 && e.Confidence > 0 {
		it.Confidence = jalali.FaNum(int(math.Round(e.Confidence*100))) + "٪"
	}
	return it
}

// reviewEditURL is the "edit, then confirm" form of event id in the queue
// narrowed by q, with a flash (done) when not "".
func reviewEditURL(id int64, q reviewQuery, done string) string {
	v := q.values(false)
	v.Set("confirm", "1")
	if done != "" {
		v.Set("done", done)
	}
	return views.EventEditURL(id) + encode(v)
}

// reviewSummary is what the last bulk action did (the redirect's query:
// done, n, left and gone), with the events it left linked to their "edit,
// then confirm" form.
func (s *Server) reviewSummary(c echo.Context, q reviewQuery) (string, []views.ReviewFault, error) {
	done, n := c.QueryParam("done"), c.QueryParam("n")
	verb := map[string]string{"confirmed": "تأیید شد", "rejected": "رد شد"}[done]
	count, err := strconv.Atoi(n)
	if verb == "" || err != nil || count < 0 {
		return "", nil, nil
	}
	parts := []string{jalali.FaNum(count) + " رویداد " + verb}
	var left []views.ReviewFault
	switch undated, _ := strconv.Atoi(c.QueryParam("nleft")); {
	case undated == 1:
		parts = append(parts, "۱ رویداد تاریخ ندارد و تأیید نشد")
	case undated > 1:
		parts = append(parts, jalali.FaNum(undated)+" رویداد تاریخ ندارند و تأیید نشدند")
	}
	if ids := parseIDs(c.QueryParam("left"), maxLeftLinks); len(ids) > 0 {
		for _, id := range ids {
			e, err := s.app.Event(c.Request().Context(), id)
			if err != nil || e.Status != domain.StatusProposed {
				continue // gone or reviewed since: nothing left to link
			}
			left = append(left, views.ReviewFault{Title: e.Title, URL: reviewEditURL(id, q, "")})
		}
	}
	if gone, _ := strconv.Atoi(c.QueryParam("gone")); gone > 0 {
		parts = append(parts, jalali.FaNum(gone)+" رویداد انتخاب‌شده دیگر وجود ندارد")
	}
	return strings.Join(parts, "؛ ") + ".", left, nil
}

// parseIDs reads up to limit ids written id.id.id (joinIDs); it skips what
// is not one.
func parseIDs(s string, limit int) []int64 {
	var out []int64
	for _, f := range strings.Split(s, ".") {
		if id, err := strconv.ParseInt(f, 10, 64); err == nil && id > 0 && len(out) < limit {
			out = append(out, id)
		}
	}
	return out
}

// joinIDs writes ids for parseIDs.
func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ".")
}

// maxLeftLinks bounds how many of the events a bulk action left the
// summary links (their count is given whole).
const maxLeftLinks = 50

// summaryValues are the query of the queue after a bulk action: what it
// did, for reviewSummary.
func summaryValues(verb string, out domain.ReviewOutcome) url.Values {
	v := url.Values{"done": {verb + "ed"}, "n": {strconv.Itoa(len(out.Done))}}
	if len(out.Undated) > 0 {
		v.Set("nleft", strconv.Itoa(len(out.Undated)))
		v.Set("left", joinIDs(out.Undated[:min(len(out.Undated), maxLeftLinks)]))
	}
	if len(out.Missing) > 0 {
		v.Set("gone", strconv.Itoa(len(out.Missing)))
	}
	return v
}
