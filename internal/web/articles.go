package web

import (
	"errors"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/importer"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

func (s *Server) handleArticles(c echo.Context) error {
	list, err := s.store.Articles(c.Request().Context(), 200, 0)
	if err != nil {
		return err
	}
	v := views.ArticlesView{}
	for _, a := range list {
		ev := jalali.FaNum(a.Events) + " رویداد"
		if a.Proposed > 0 {
			ev += "، " + jalali.FaNum(a.Proposed) + " در انتظار بازبینی"
		}
		v.Items = append(v.Items, views.ArticleItem{ID: a.ID, Title: a.Title, URL: articleURL(a.ID), Source: a.Source,
			Published: a.Published.Format(), Events: ev})
	}
	v.Page = s.page(c, "خبرها", "articles")
	return s.render(c, http.StatusOK, views.ArticlesPage(v))
}

func (s *Server) handleNewArticle(c echo.Context) error {
	return s.renderArticleForm(c, http.StatusOK, map[string]string{"published": s.today().FormatNumeric()}, nil)
}

// readArticleForm reads the article form: the text as pasted, the other
// fields trimmed.
func readArticleForm(c echo.Context) map[string]string {
	f := map[string]string{}
	for _, k := range []string{"text", "title", "published", "source", "province"} {
		f[k] = c.FormValue(k)
		if k != "text" {
			f[k] = strings.TrimSpace(f[k])
		}
	}
	return f
}

func (s *Server) handleCreateArticle(c echo.Context) error {
	f := readArticleForm(c)
	a := domain.Article{Text: f["text"], Title: f["title"], Source: f["source"], Province: cleanPlace(f["province"])}
	errs := domain.ValidationError{}
	if published := stripBidi(f["published"]); published != "" {
		p, err := jalali.Parse(published)
		if err != nil {
			errs["published"] = "تاریخ انتشار را مثل ۱۴۰۳/۰۲/۲۷ بنویسید، یا خالی بگذارید."
		}
		a.Published = p
	}
	if verr, ok := a.Validate().(domain.ValidationError); ok {
		for k, m := range verr {
			errs[k] = m
		}
	}
	if len(errs) > 0 {
		return s.renderArticleForm(c, http.StatusUnprocessableEntity, f, errs)
	}
	st, err := s.calendarState(c.Request().Context())
	if err != nil {
		return err
	}
	res, err := importer.New(s.store, st.Miner()).Import(c.Request().Context(), a)
	if errors.Is(err, importer.ErrEmpty) || errors.Is(err, importer.ErrNotUTF8) {
		return s.renderArticleForm(c, http.StatusUnprocessableEntity, f, domain.ValidationError{"text": "متن خبر خالی یا نامعتبر است."})
	}
	if err != nil {
		return err
	}
	done := "imported"
	if !res.Created {
		done = "duplicate"
	}
	return c.Redirect(http.StatusSeeOther, articleURL(res.Article.ID)+"?done="+done)
}

func (s *Server) renderArticleForm(c echo.Context, status int, f map[string]string, errs domain.ValidationError) error {
	v := views.ArticleFormView{Values: f, Errors: errs}
	v.Page = s.page(c, "افزودن خبر", "articles")
	return s.render(c, status, views.ArticleForm(v))
}

func (s *Server) handleArticle(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return echo.ErrNotFound
	}
	ctx := c.Request().Context()
	a, err := s.store.Article(ctx, id)
	if errors.Is(err, domain.ErrNotFound) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	events, err := s.store.ArticleEvents(ctx, id)
	if err != nil {
		return err
	}
	v := views.ArticleView{ID: a.ID, Title: a.Title, Source: a.Source, Province: a.Province,
		Published: a.Published.Format(), Segments: highlight(a.Text, events)}
	for _, e := range events {
		v.Events = append(v.Events, reviewItem(e, reviewQuery{}))
	}
	v.Page = s.page(c, a.Title, "articles")
	return s.render(c, http.StatusOK, views.ArticlePage(v))
}

// highlight cuts text into runs at every evidence boundary; a run inside
// an event's evidence is marked and linked to the first event covering it.
// Every event with evidence gets its anchor (ev-ID) on the first run of its
// span, however many events share that run (several events of one sentence).
func highlight(text string, events []domain.Event) []views.Segment {
	cuts := []int{0, len(text)}
	var spans []domain.Event
	for _, e := range events {
		if hasEvidence(e, text) {
			spans = append(spans, e)
			cuts = append(cuts, e.EvidenceStart, e.EvidenceEnd)
		}
	}
	sort.Ints(cuts)
	var out []views.Segment
	for i := 0; i+1 < len(cuts); i++ {
		from, to := cuts[i], cuts[i+1]
		if from == to {
			continue
		}
		seg := views.Segment{Text: text[from:to]}
		for _, e := range spans {
			if e.EvidenceStart <= from && to <= e.EvidenceEnd && !seg.Mark {
				seg.Mark, seg.EventID, seg.Proposed = true, e.ID, e.Status == domain.StatusProposed
			}
			if e.EvidenceStart == from {
				seg.Anchors = append(seg.Anchors, evidenceAnchor(e.ID))
			}
		}
		out = append(out, seg)
	}
	return out
}

// hasEvidence reports whether e's evidence is a span of text.
func hasEvidence(e domain.Event, text string) bool {
	return e.EvidenceStart >= 0 && e.EvidenceStart < e.EvidenceEnd && e.EvidenceEnd <= len(text)
}

// evidenceAnchor is the id of an event's evidence on its article's page.
func evidenceAnchor(id int64) string { return "ev-" + strconv.FormatInt(id, 10) }

func articleURL(id int64) string { return "/articles/" + strconv.FormatInt(id, 10) }
