package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/locale"
	"github.com/ruydad/ruydad/views"
)

// fetchNowTimeout is the longest «اکنون بخوان» waits for its source: less
// than the server's write timeout, so the editor always gets the page back
// (a poll cut short is stored as a timeout, with what it had stored).
const fetchNowTimeout = 45 * time.Second

// sourceForm is the form that adds a source, as sent.
type sourceForm struct {
	url, name, province, organization, interval string
}

func (f *sourceForm) inputs() []formInput {
	return []formInput{{"url", &f.url}, {"name", &f.name}, {"province", &f.province}, {"organization", &f.organization},
		{"interval", &f.interval}}
}

// sourceInputs names the source form's input for each field of a source.
var sourceInputs = inputNames{domain.FieldURL: "url", domain.FieldName: "name", domain.FieldProvince: "province",
	domain.FieldOrganization: "organization", domain.FieldInterval: "interval"}

// source reads the form into a source; what cannot be read, or nil. An
// empty interval is the default one.
func (f *sourceForm) source() (domain.Source, domain.ValidationError) {
	s := domain.Source{URL: f.url, Name: f.name, Province: cleanPlace(f.province), Organization: f.organization}
	var errs domain.ValidationError
	if f.interval != "" {
		n, err := atoi(f.interval)
		switch {
		case err != nil:
			errs.Set(domain.FieldError{Field: domain.FieldInterval, Code: domain.CodeIntervalUnreadable})
		case n == 0: // not the default: a number typed, out of range
			errs.Set(domain.FieldError{Field: domain.FieldInterval, Code: domain.CodeIntervalRange,
				Min: int(domain.MinSourceInterval / time.Minute), Max: int(domain.MaxSourceInterval / time.Minute)})
		default:
			s.Interval = time.Duration(n) * time.Minute
		}
	}
	return s, errs
}

func (s *Server) handleSources(c echo.Context) error {
	return s.renderSources(c, http.StatusOK, sourceForm{interval: "۳۰"}, nil)
}

func (s *Server) handleAddSource(c echo.Context) error {
	var f sourceForm
	readInputs(c, f.inputs())
	src, errs := f.source()
	if len(errs) > 0 {
		return s.renderSources(c, http.StatusUnprocessableEntity, f, errs)
	}
	var verr domain.ValidationError
	if err := s.app.AddSource(c.Request().Context(), &src); errors.As(err, &verr) {
		return s.renderSources(c, http.StatusUnprocessableEntity, f, verr)
	} else if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.SourcesURL+"?done=source-added")
}

func (s *Server) renderSources(c echo.Context, status int, f sourceForm, errs domain.ValidationError) error {
	list, err := s.app.Sources(c.Request().Context())
	if err != nil {
		return err
	}
	v := views.SourcesView{CanFetch: s.app.CanFetch(), Values: inputValues(f.inputs()), Errors: sourceInputs.messages(errs)}
	for _, src := range list {
		v.Items = append(v.Items, views.SourceItem{ID: src.ID, Name: sourceTitle(src), URL: src.URL, Province: src.Province,
			Organization: src.Organization, Interval: locale.Interval(src.Interval), Enabled: src.Enabled,
			Status: locale.SourceStatus(src.Status), Failed: src.Status.Problem != "",
			EnabledURL: views.SourceURL(src.ID, "enabled"), FetchURL: views.SourceURL(src.ID, "fetch"),
			DeleteURL: views.SourceURL(src.ID, "delete")})
	}
	v.Page = s.page(c, "منابع خبر", "sources")
	return s.render(c, status, views.SourcesPage(v))
}

// sourceTitle is what a source is called: its name, or its URL's host.
func sourceTitle(src domain.Source) string {
	if src.Name != "" {
		return src.Name
	}
	return hostOf(src.URL)
}

// hostOf is the host of URL u, or u when it has none.
func hostOf(u string) string {
	if p, err := url.Parse(u); err == nil && p.Hostname() != "" {
		return p.Hostname()
	}
	return u
}

func (s *Server) handleSourceEnabled(c echo.Context) error {
	src, err := byID(c, s.app.Source)
	if err != nil {
		return err
	}
	on := c.FormValue("on") == "1"
	if err := s.app.SetSourceEnabled(c.Request().Context(), src.ID, on); err != nil {
		return err
	}
	done := "source-off"
	if on {
		done = "source-on"
	}
	return c.Redirect(http.StatusSeeOther, views.SourcesURL+"?done="+done)
}

// handleFetchSource polls a source now, whether due or not; its status
// line says what came of it.
func (s *Server) handleFetchSource(c echo.Context) error {
	src, err := byID(c, s.app.Source)
	if err != nil {
		return err
	}
	if !s.app.CanFetch() {
		return c.Redirect(http.StatusSeeOther, views.SourcesURL+"?done=fetch-unavailable")
	}
	ctx, cancel := context.WithTimeout(c.Request().Context(), fetchNowTimeout)
	defer cancel()
	r, err := s.app.FetchSource(ctx, src.ID)
	switch {
	case r.Err != nil:
		return c.Redirect(http.StatusSeeOther, views.SourcesURL+"?done=source-fetch-failed")
	case err != nil:
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.SourcesURL+"?done=source-fetched")
}

func (s *Server) handleConfirmDeleteSource(c echo.Context) error {
	src, err := byID(c, s.app.Source)
	if err != nil {
		return err
	}
	return s.renderConfirmDelete(c, views.ConfirmDeleteView{Heading: "حذف منبع خبر",
		What:   "منبع «" + sourceTitle(src) + "» حذف شود؟ دیگر خوانده نمی‌شود؛ خبرهایی که از آن آمده‌اند و نشانی‌هایشان می‌مانند.",
		Action: views.SourceURL(src.ID, "delete"), Cancel: views.SourcesURL}, "sources")
}

func (s *Server) handleDeleteSource(c echo.Context) error {
	src, err := byID(c, s.app.Source)
	if err != nil {
		return err
	}
	if err := s.app.RemoveSource(c.Request().Context(), src.ID); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.SourcesURL+"?done=source-removed")
}

// linkItems are an article's links as its pages show them.
func linkItems(links []domain.ArticleLink) []views.ArticleLinkItem {
	out := make([]views.ArticleLinkItem, 0, len(links))
	for _, l := range links {
		out = append(out, views.ArticleLinkItem{URL: l.URL, Host: hostOf(l.URL), Source: l.Source})
	}
	return out
}
