package web

import (
	"net/url"
	"slices"
	"strconv"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

// reviewPageSize is how many events a page of the review queue lists.
const reviewPageSize = 50

// reviewBelows are the confidence thresholds the queue filters by, in
// percent: «below 70%» lists the events the miner is least sure of.
var reviewBelows = []int{50, 70, 90}

// reviewQuery is the review queue's filter and page, as its URL and its
// forms carry them: article, kind, below (a percentage), undated=1, page.
type reviewQuery struct {
	filter domain.ReviewFilter
	below  int // percent, 0 for any
	page   int // from 1
}

// readReviewQuery reads the queue's filter and page through get (a query
// or form value); a value that is not one the queue offers is a bad
// request.
func readReviewQuery(get func(string) string) (reviewQuery, error) {
	q := reviewQuery{page: 1}
	if v := get("article"); v != "" {
		id, err := strconv.ParseInt(jalali.LatinDigits(v), 10, 64)
		if err != nil || id <= 0 {
			return q, errBadRequest
		}
		q.filter.ArticleID = id
	}
	if k := domain.Kind(get("kind")); k != "" {
		if !k.Valid() {
			return q, errBadRequest
		}
		q.filter.Kind = k
	}
	if v := get("below"); v != "" {
		n, err := strconv.Atoi(jalali.LatinDigits(v))
		if err != nil || n < 1 || n > 100 {
			return q, errBadRequest
		}
		q.below, q.filter.Below = n, float64(n)/100
	}
	switch get("undated") {
	case "":
	case "1":
		q.filter.Undated = true
	default:
		return q, errBadRequest
	}
	if v := get("page"); v != "" {
		n, err := strconv.Atoi(jalali.LatinDigits(v))
		if err != nil || n < 1 || n > 1_000_000 {
			return q, errBadRequest
		}
		q.page = n
	}
	return q, nil
}

// values returns the filter (and the page, when withPage and past the
// first) as URL values.
func (q reviewQuery) values(withPage bool) url.Values {
	v := url.Values{}
	if q.filter.ArticleID != 0 {
		v.Set("article", strconv.FormatInt(q.filter.ArticleID, 10))
	}
	if q.filter.Kind != "" {
		v.Set("kind", string(q.filter.Kind))
	}
	if q.below != 0 {
		v.Set("below", strconv.Itoa(q.below))
	}
	if q.filter.Undated {
		v.Set("undated", "1")
	}
	if withPage && q.page > 1 {
		v.Set("page", strconv.Itoa(q.page))
	}
	return v
}

// url returns the queue at q, with extra values (a flash) added.
func (q reviewQuery) url(withPage bool, extra url.Values) string {
	v := q.values(withPage)
	for k, vs := range extra {
		v[k] = vs
	}
	return views.ReviewURL + encode(v)
}

// atPage returns q at page n.
func (q reviewQuery) atPage(n int) reviewQuery {
	q.page = n
	return q
}

// hidden returns the filter and page as the hidden fields of a form, so
// that what the form does brings the person back to the same queue.
func (q reviewQuery) hidden() []views.Field {
	var out []views.Field
	v := q.values(true)
	for _, k := range []string{"article", "kind", "below", "undated", "page"} {
		if v.Get(k) != "" {
			out = append(out, views.Field{Name: k, Value: v.Get(k)})
		}
	}
	return out
}

// filterView is the queue's filter form: the articles awaiting review to
// choose from (the chosen one kept even when it has none left).
func (q reviewQuery) filterView(articles []domain.ArticleSummary) views.ReviewFilterView {
	f := views.ReviewFilterView{Kind: string(q.filter.Kind), Undated: q.filter.Undated, Active: !q.filter.IsZero(),
		ClearURL: views.ReviewURL, Kinds: kindOptions()}
	if q.filter.ArticleID != 0 {
		f.Article = strconv.FormatInt(q.filter.ArticleID, 10)
	}
	if q.below != 0 {
		f.Below = strconv.Itoa(q.below)
	}
	for _, a := range articles {
		title := a.Title
		if title == "" {
			title = "بدون عنوان"
		}
		f.Articles = append(f.Articles, views.Option{Value: strconv.FormatInt(a.ID, 10),
			Label: title + " (" + jalali.FaNum(a.Proposed) + ")"})
	}
	for _, b := range reviewBelows {
		f.Belows = append(f.Belows, views.Option{Value: strconv.Itoa(b), Label: "کمتر از " + jalali.FaNum(b) + "٪"})
	}
	if q.below != 0 && !slices.Contains(reviewBelows, q.below) {
		f.Belows = append(f.Belows, views.Option{Value: f.Below, Label: "کمتر از " + jalali.FaNum(q.below) + "٪"})
	}
	return f
}
