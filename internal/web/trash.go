package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

// handleTrash lists the deleted events an editor can still restore.
func (s *Server) handleTrash(c echo.Context) error {
	deleted, err := s.app.Trash(c.Request().Context())
	if err != nil {
		return err
	}
	v := views.TrashView{Page: s.page(c, "رویدادهای حذف‌شده", "trash")}
	for _, d := range deleted {
		it := views.TrashItem{ID: d.ID, Title: d.Event.Title, Deleted: stampText(d.Deleted),
			Until: stampText(d.RestorableUntil()), RestoreURL: views.EventRestoreURL(d.ID)}
		if d.Event.Dated() {
			it.When = when(d.Event)
		}
		v.Items = append(v.Items, it)
	}
	return s.render(c, http.StatusOK, views.TrashPage(v))
}

// handleRestoreEvent brings a deleted event back and opens its page.
func (s *Server) handleRestoreEvent(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return echo.ErrNotFound
	}
	ctx := c.Request().Context()
	_, err = s.app.RestoreEvent(ctx, id)
	switch {
	case errors.Is(err, domain.ErrGone):
		// Its 30 days are over: its page says so.
		if d, derr := s.app.DeletedEvent(ctx, id); derr == nil {
			return &domain.GoneError{Deleted: d}
		}
		return err
	case errors.Is(err, domain.ErrConflict):
		return c.Redirect(http.StatusSeeOther, views.TrashURL+"?done=restore-conflict")
	case errors.Is(err, domain.ErrSeriesGone):
		return c.Redirect(http.StatusSeeOther, views.TrashURL+"?done=restore-series")
	case errors.Is(err, domain.ErrNotFound):
		// Restored already (the button sent twice): its page.
		if _, eerr := s.app.Event(ctx, id); eerr == nil {
			return c.Redirect(http.StatusSeeOther, views.EventURL(id))
		}
		return err
	case err != nil:
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.EventURL(id)+"?done=restored")
}

// renderGone answers the address of a deleted event with 410 Gone: when it
// was deleted, and for an editor a restore button while it can be.
func (s *Server) renderGone(c echo.Context, d domain.DeletedEvent) error {
	v := views.GoneView{Page: s.page(c, "رویداد حذف شده است", ""), Number: jalali.FaNum(int(d.ID)),
		Title: d.Event.Title, Deleted: stampText(d.Deleted)}
	if d.Restorable(s.now()) {
		v.Until = stampText(d.RestorableUntil())
		if v.Page.Writer {
			v.RestoreURL = views.EventRestoreURL(d.ID)
		}
	}
	return s.render(c, http.StatusGone, views.GonePage(v))
}

// stampText is an instant as people in Iran read it: its Jalali date and
// its time in Tehran, «۲۰ اردیبهشت ۱۴۰۳، ساعت ۱۰:۳۰».
func stampText(t time.Time) string {
	return jalali.FromTime(t).Format() + "، ساعت " + jalali.FaDigits(t.In(jalali.Tehran).Format("15:04"))
}
