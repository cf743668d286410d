package web

import (
	"context"
	"io"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

// RenderMonth builds and renders a month page without HTTP, for benchmarks.
func RenderMonth(ctx context.Context, w io.Writer, g jalali.Grid, events []domain.Event, occasions []domain.Occasion, today jalali.Date) error {
	return views.MonthPage(buildMonth(g, events, occasions, today, calFilter{})).Render(ctx, w)
}
