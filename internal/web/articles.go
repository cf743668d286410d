package web

import (
	"errors"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/app"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/locale"
	"github.com/ruydad/ruydad/views"
)

func (s *Server) handleArticles(c echo.Context) error {
	ctx := c.Request().Context()
	list, err := s.app.Articles(ctx, 200, 0)
	if err != nil {
		return err
	}
	ids := make([]int64, len(list))
	for i, a := range list {
		ids[i] = a.ID
	}
	links, err := s.app.ArticleLinks(ctx, ids...)
	if err != nil {
		return err
	}
	v := views.ArticlesView{}
	for _, a := range list {
		ev := jalali.FaNum(a.Events) + " رویداد"
		if a.Proposed > 0 {
			ev += "، " + jalali.FaNum(a.Proposed) + " در انتظار بازبینی"
		}
		v.Items = append(v.Items, views.ArticleItem{ID: a.ID, Title: a.Title, URL: views.ArticleURL(a.ID), Source: a.Source,
			Published: a.Published.Format(), Events: ev, Links: linkItems(links[a.ID])})
	}
	v.Page = s.page(c, "خبرها", "articles")
	return s.render(c, http.StatusOK, views.ArticlesPage(v))
}

// handleNewArticle shows the article form with no publication date: the
// miner reads it from the text's dateline (today's date would move the
// events of an older story into this year).
func (s *Server) handleNewArticle(c echo.Context) error {
	return s.renderArticleForm(c, http.StatusOK, articleForm{}, nil)
}

// articleForm is the article form as sent: strings, not yet trusted.
type articleForm struct {
	link, text, title, published, source, province string
	noDate                                         string // "1": go on without a publication date
	// linkError is why the link could not be read, in Persian (the
	// fetcher's problem), "" when it was or none was given.
	linkError string
}

// inputs lists the form's inputs, in form order, each with its value.
func (f *articleForm) inputs() []formInput {
	return []formInput{{"link", &f.link}, {"text", &f.text}, {"title", &f.title}, {"published", &f.published}, {"source", &f.source},
		{"province", &f.province}, {"no_date", &f.noDate}}
}

// readArticleForm reads the article form: the text as pasted, the other
// fields trimmed.
func readArticleForm(c echo.Context) articleForm {
	var f articleForm
	readInputs(c, f.inputs())
	f.text = c.FormValue("text")
	return f
}

// values returns the form as its view shows it.
func (f articleForm) values() map[string]string { return inputValues(f.inputs()) }

// article reads the form into an article and validates it, a date without
// its year taken in today's; what is wrong, or nil. The publication date is
// left as its field shows it again (shownDate).
func (f *articleForm) article(today jalali.Date) (domain.Article, domain.ValidationError) {
	a := domain.Article{Text: f.text, Title: f.title, Source: f.source, Province: cleanPlace(f.province)}
	var errs domain.ValidationError
	if published := stripBidi(f.published); published != "" {
		p, err := parseDate(published, today)
		if err != nil {
			errs.Set(dateError(domain.FieldPublished, domain.CodePublishedUnreadable, err))
		}
		a.Published = p
		f.published = shownDate(f.published, today)
	}
	if verr, ok := a.Validate().(domain.ValidationError); ok {
		for _, fe := range verr {
			errs.Set(fe)
		}
	}
	return a, errs
}

// articleInputs names the article form's input for each field of an
// article.
var articleInputs = inputNames{domain.FieldURL: "link", domain.FieldText: "text", domain.FieldTitle: "title", domain.FieldPublished: "published",
	domain.FieldSource: "source", domain.FieldProvince: "province"}

func (s *Server) handleCreateArticle(c echo.Context) error {
	f := readArticleForm(c)
	a, errs := f.article(s.today())
	if f.link != "" {
		// A link stands for the text: its page gives it.
		errs = slices.DeleteFunc(errs, func(e domain.FieldError) bool { return e.Code == domain.CodeTextMissing })
	}
	if len(errs) > 0 {
		return s.renderArticleForm(c, http.StatusUnprocessableEntity, f, errs)
	}
	ctx := c.Request().Context()
	st, err := s.app.Calendar(ctx)
	if err != nil {
		return err
	}
	o := app.ImportOptions{Miner: st.Miner(), RequirePublished: f.noDate == ""}
	var res app.ImportResult
	if f.link != "" {
		res, err = s.app.ImportLink(ctx, f.link, a, o)
	} else {
		res, err = s.app.ImportArticle(ctx, a, o)
	}
	var verr domain.ValidationError
	var fe *domain.FetchError
	switch {
	case errors.As(err, &fe):
		f.linkError = locale.FetchProblem(fe.Problem, fe.Status)
		return s.renderArticleForm(c, http.StatusUnprocessableEntity, f, nil)
	case errors.Is(err, app.ErrNoFetcher):
		f.linkError = locale.FetchUnavailable
		return s.renderArticleForm(c, http.StatusUnprocessableEntity, f, nil)
	case f.link != "" && (errors.Is(err, app.ErrEmpty) || errors.Is(err, app.ErrNotUTF8)):
		return s.renderArticleForm(c, http.StatusUnprocessableEntity, f,
			domain.ValidationError{{Field: domain.FieldURL, Code: domain.CodeLinkUnfetched}})
	case errors.As(err, &verr):
		return s.renderArticleForm(c, http.StatusUnprocessableEntity, f, verr)
	}
	switch {
	case errors.Is(err, app.ErrEmpty) || errors.Is(err, app.ErrNotUTF8):
		return s.renderArticleForm(c, http.StatusUnprocessableEntity, f,
			domain.ValidationError{{Field: domain.FieldText, Code: domain.CodeTextUnreadable}})
	case errors.Is(err, app.ErrNoPublished):
		return s.renderArticleForm(c, http.StatusUnprocessableEntity, f,
			domain.ValidationError{{Field: domain.FieldPublished, Code: domain.CodePublishedNotFound}})
	case err != nil:
		return err
	}
	done := "imported"
	if !res.Created {
		done = "duplicate"
	}
	return c.Redirect(http.StatusSeeOther, views.ArticleURL(res.Article.ID)+"?done="+done)
}

func (s *Server) renderArticleForm(c echo.Context, status int, f articleForm, errs domain.ValidationError) error {
	// Once the text had no date, offer to go on without one.
	v := views.ArticleFormView{Values: f.values(), Errors: articleInputs.messages(errs),
		AskUndated: errs.Has(domain.FieldPublished) && f.published == "" || f.noDate != ""}
	if f.linkError != "" {
		v.Errors = map[string]string{"link": f.linkError}
	}
	v.Page = s.page(c, "افزودن خبر", "articles")
	return s.render(c, status, views.ArticleForm(v))
}

func (s *Server) handleArticle(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return echo.ErrNotFound
	}
	ctx := c.Request().Context()
	a, err := s.app.Article(ctx, id)
	if errors.Is(err, domain.ErrNotFound) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	events, err := s.app.ArticleEvents(ctx, id)
	if err != nil {
		return err
	}
	occasions, err := s.app.ArticleOccasions(ctx, id)
	if err != nil {
		return err
	}
	links, err := s.app.ArticleLinks(ctx, id)
	if err != nil {
		return err
	}
	v := views.ArticleView{ID: a.ID, Title: a.Title, Source: a.Source, Province: a.Province,
		Published: a.Published.Format(), Links: linkItems(links[id]), Segments: highlight(a, events, occasions)}
	if a.PublishedFrom.In(a.Text) {
		v.PublishedFrom, v.PublishedFromURL = a.Text[a.PublishedFrom.Start:a.PublishedFrom.End], "#"+datelineAnchor
		v.PublishedLine = jalali.FaNum(strings.Count(a.Text[:a.PublishedFrom.Start], "\n") + 1)
	}
	for _, e := range events {
		v.Events = append(v.Events, reviewItem(e, reviewQuery{}))
	}
	for _, o := range occasions {
		v.Occasions = append(v.Occasions, views.ArticleOccasionItem{Key: o.Occasion, Name: o.Name, Known: o.Known,
			When: spanYear(o.Start, o.End), DayURL: views.DayURL(o.Start), EvidenceURL: "#" + occasionAnchor(o.ID), Note: o.ReviewNote})
	}
	v.Page = s.page(c, a.Title, "articles")
	if !v.Writer {
		withoutEditLinks(v.Events)
	}
	return s.render(c, http.StatusOK, views.ArticlePage(v))
}

// datelineAnchor is the id of the dateline the publication date was read
// from, on the article's page.
const datelineAnchor = "published-from"

// mark is a span of an article's text its page highlights: an event's
// evidence, an occasion's, or the dateline.
type mark struct {
	domain.Span
	anchor string
	seg    views.Segment // the fields of the runs it marks
}

// highlight cuts the text of article a into runs at every boundary of its
// events' and occasions' evidence and of its dateline; a run inside one is
// marked and linked (to the first event covering it, else to the first
// occasion's day). Every span gets its anchor (ev-ID, oc-ID,
// published-from) on the first run of it, however many spans share that
// run (several events of one sentence).
func highlight(a domain.Article, events []domain.Event, occasions []domain.ArticleOccasion) []views.Segment {
	var marks []mark
	for _, e := range events {
		if hasEvidence(e, a.Text) {
			marks = append(marks, mark{domain.Span{Start: e.EvidenceStart, End: e.EvidenceEnd}, evidenceAnchor(e.ID),
				views.Segment{URL: views.EventURL(e.ID), EventID: e.ID, Proposed: e.Status == domain.StatusProposed}})
		}
	}
	for _, o := range occasions {
		if o.Evidence().In(a.Text) {
			marks = append(marks, mark{o.Evidence(), occasionAnchor(o.ID), views.Segment{URL: views.DayURL(o.Start), Occasion: o.Occasion}})
		}
	}
	if a.PublishedFrom.In(a.Text) {
		marks = append(marks, mark{a.PublishedFrom, datelineAnchor, views.Segment{Dateline: true}})
	}
	cuts := []int{0, len(a.Text)}
	for _, m := range marks {
		cuts = append(cuts, m.Start, m.End)
	}
	sort.Ints(cuts)
	var out []views.Segment
	for i := 0; i+1 < len(cuts); i++ {
		from, to := cuts[i], cuts[i+1]
		if from == to {
			continue
		}
		seg := views.Segment{Text: a.Text[from:to]}
		for _, m := range marks {
			if m.Start <= from && to <= m.End && !seg.Mark {
				anchors := seg.Anchors
				seg, seg.Text, seg.Mark, seg.Anchors = m.seg, a.Text[from:to], true, anchors
			}
			if m.Start == from {
				seg.Anchors = append(seg.Anchors, m.anchor)
			}
		}
		out = append(out, seg)
	}
	return out
}

// hasEvidence reports whether e's evidence is a span of text.
func hasEvidence(e domain.Event, text string) bool {
	return domain.Span{Start: e.EvidenceStart, End: e.EvidenceEnd}.In(text)
}

// sentenceOf is the run of its article's text that supports e, "" when the
// span does not fit the text.
func sentenceOf(e domain.Event, text string) string {
	if !hasEvidence(e, text) {
		return ""
	}
	return text[e.EvidenceStart:e.EvidenceEnd]
}

// evidenceAnchor is the id of an event's evidence on its article's page.
func evidenceAnchor(id int64) string { return "ev-" + strconv.FormatInt(id, 10) }

// occasionAnchor is the id of an occasion's mention on its article's page.
func occasionAnchor(id int64) string { return "oc-" + strconv.FormatInt(id, 10) }

// spanYear writes a span of days with its year: «۲۶ تیر ۱۴۰۳», «۲ تا ۸
// شهریور ۱۴۰۳», «۲۵ اسفند ۱۴۰۲ تا ۵ فروردین ۱۴۰۳».
func spanYear(start, end jalali.Date) string {
	if start.Year != end.Year {
		return start.Format() + " تا " + end.Format()
	}
	return spanDays(start, end) + " " + jalali.FaNum(start.Year)
}
