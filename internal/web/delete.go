package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/calendar"
	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/views"
)

// Deleting takes two steps that work without JavaScript: the delete links
// open a page that says what will go, and only its form posts the delete.

func (s *Server) handleConfirmDeleteEvent(c echo.Context) error {
	e, err := s.eventParam(c)
	if err != nil {
		return err
	}
	if done, err := s.scoped(c, e, s.confirmDeleteOccurrence); done {
		return err
	}
	what := "رویداد «" + e.Title + "»"
	if e.Dated() {
		what += "، " + when(e)
	}
	return s.renderConfirmDelete(c, views.ConfirmDeleteView{Heading: "حذف رویداد", What: what + " حذف شود؟",
		Undo:   "رویداد حذف‌شده تا ۳۰ روز در «حذف‌شده‌ها» می‌ماند و می‌توان آن را با همان شماره و همان نشانی بازگرداند؛ پس از آن برای همیشه پاک می‌شود.",
		Action: views.EventDeleteURL(e.ID), Cancel: views.EventURL(e.ID)}, "calendar")
}

func (s *Server) handleConfirmDeleteOccasion(c echo.Context) error {
	o, err := s.occasionParam(c)
	if err != nil {
		return err
	}
	what := "مناسبت «" + o.Name + "» (" + calendar.Describe(o.Recurrence) + ") از تقویم همهٔ سال‌ها برداشته شود؟"
	if o.Group != domain.GroupOffice {
		what += " این مناسبت از تقویم رسمی است و دوباره افزوده نمی‌شود؛ برای آنکه فقط دیده نشود، آن را در فهرست مناسبت‌ها پنهان کنید."
	}
	return s.renderConfirmDelete(c, views.ConfirmDeleteView{Heading: "حذف مناسبت", What: what,
		Action: views.OccasionDeleteURL(o.ID), Cancel: views.OccasionsURL}, "occasions")
}

func (s *Server) handleConfirmDeleteUser(c echo.Context) error {
	u, err := s.userParam(c)
	if err != nil {
		return err
	}
	return s.renderConfirmDelete(c, views.ConfirmDeleteView{Heading: "حذف کاربر",
		What:   "حساب «" + u.Name + "» (" + u.Role.Label() + ") حذف شود؟ نشست‌ها و نشانی تقویم شخصی او هم از کار می‌افتد.",
		Action: views.UserDeleteURL(u.ID), Cancel: views.UsersURL}, "users")
}

func (s *Server) renderConfirmDelete(c echo.Context, v views.ConfirmDeleteView, nav string) error {
	v.Page = s.page(c, v.Heading, nav)
	return s.render(c, http.StatusOK, views.ConfirmDelete(v))
}
