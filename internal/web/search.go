package web

import (
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/internal/persian"
	"github.com/ruydad/ruydad/views"
)

// searchLimit bounds each kind of result.
const searchLimit = 50

// handleSearch finds events and articles holding every word of ?q=,
// whatever their spelling (ی/ي, ک/ك, ZWNJ or none, any digits).
func (s *Server) handleSearch(c echo.Context) error {
	q := strings.TrimSpace(c.QueryParam("q"))
	if utf8.RuneCountInString(q) > 200 {
		return errBadRequest
	}
	v := views.SearchView{Query: q}
	terms := persian.SearchTerms(q)
	switch {
	case q == "":
	case utf8.RuneCountInString(strings.Join(terms, "")) < 2:
		v.TooShort = true
	default:
		events, articles, err := s.app.Search(c.Request().Context(), terms, searchLimit)
		if err != nil {
			return err
		}
		v.Searched = true
		for _, e := range events {
			v.Events = append(v.Events, listChip(e))
		}
		for _, a := range articles {
			v.Articles = append(v.Articles, articleHit(a, terms))
		}
		v.Summary = jalali.FaNum(len(events)) + " رویداد و " + jalali.FaNum(len(articles)) + " خبر پیدا شد."
		if len(events) == 0 && len(articles) == 0 {
			v.Summary = "چیزی پیدا نشد."
		}
	}
	v.Page = s.page(c, "جست‌وجو", "search")
	return s.render(c, http.StatusOK, views.SearchPage(v))
}

// articleHit cuts the text around the first term found in the article.
func articleHit(a domain.Article, terms []string) views.ArticleHit {
	h := views.ArticleHit{ID: a.ID, Title: a.Title, URL: views.ArticleURL(a.ID), Published: a.Published.Format()}
	key, offs := persian.SearchKeyMap(a.Text)
	for _, t := range terms {
		i := strings.Index(key, t)
		if i < 0 {
			continue
		}
		start, end := offs[i], offs[i+len(t)]
		if end < start {
			end = start
		}
		// the end offset is that of the next kept rune: trim what lies
		// between (space, punctuation) back off the match.
		hit := strings.TrimRightFunc(a.Text[start:end], func(r rune) bool { return !isWordRune(r) })
		h.Before, h.Hit, h.After = around(a.Text[:start], true), hit, around(a.Text[start+len(hit):], false)
		return h
	}
	h.After = around(a.Text, false)
	return h
}

func isWordRune(r rune) bool { return persian.SearchKey(string(r)) != "" }

// around keeps about 80 characters of context next to a match, spaces
// collapsed, keeping the space that separates it from the match.
func around(s string, before bool) string {
	const n = 80
	text := strings.Join(strings.Fields(s), " ")
	r := []rune(text)
	if len(r) > n {
		if before {
			text = "…" + string(r[len(r)-n:])
		} else {
			text = string(r[:n]) + "…"
		}
	}
	switch {
	case text == "":
	case before && strings.TrimRightFunc(s, unicode.IsSpace) != s:
		text += " "
	case !before && strings.TrimLeftFunc(s, unicode.IsSpace) != s:
		text = " " + text
	}
	return text
}
