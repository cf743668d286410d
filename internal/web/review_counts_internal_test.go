package web

import (
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
)

// TestReviewCountsPastTheCap checks the queue's count line and paging when
// ProposedEvents stopped counting (domain.ReviewCountCap): «more than»,
// the page without a number of pages, and a next page; and exact counts
// below the cap and on a page past it that reaches the queue's end.
func TestReviewCountsPastTheCap(t *testing.T) {
	capped := domain.ReviewCountCap + 1
	for _, tt := range []struct {
		name         string
		page, total  int
		count, label string
		prev, next   bool
	}{
		{"small queue", 1, 120, "۱۲۰ رویداد در انتظار بازبینی است.", "صفحهٔ ۱ از ۳", false, true},
		{"last page", 3, 120, "۱۲۰ رویداد در انتظار بازبینی است.", "صفحهٔ ۳ از ۳", true, false},
		{"more than the cap", 2, capped, "بیش از ۱۰۰۰۰ رویداد در انتظار بازبینی است.", "صفحهٔ ۲", true, true},
		{"far in, still more", 300, 300*reviewPageSize + 1, "بیش از ۱۰۰۰۰ رویداد در انتظار بازبینی است.", "صفحهٔ ۳۰۰", true, true},
		{"far in, at the end", 300, 299*reviewPageSize + 7, "۱۴۹۵۷ رویداد در انتظار بازبینی است.", "صفحهٔ ۳۰۰ از ۳۰۰", true, false},
	} {
		count, label, prev, next := reviewCounts(reviewQuery{page: tt.page}, tt.total)
		if count != tt.count || label != tt.label || (prev != "") != tt.prev || (next != "") != tt.next {
			t.Errorf("%s: %q, %q, prev %q, next %q", tt.name, count, label, prev, next)
		}
	}
}
