package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/views"
)

// handleAccount shows the signed-in user's account and private feed URL.
func (s *Server) handleAccount(c echo.Context) error {
	u, ok := currentUser(c)
	if !ok {
		return s.askLogin(c)
	}
	feed := views.UserFeedURL(u.FeedToken)
	v := views.AccountView{Name: u.Name, Role: u.Role.Label(), FeedURL: s.base + feed, WebcalURL: s.webcalURL(feed),
		Private: s.private}
	v.Page = s.page(c, "حساب من", "account")
	if c.QueryParam("done") == "feed" {
		v.Page.Flash = "نشانی تازه ساخته شد؛ نشانی قبلی دیگر کار نمی‌کند."
	}
	return s.render(c, http.StatusOK, views.AccountPage(v))
}

// handleResetMyFeed revokes the user's feed URL and makes a new one.
func (s *Server) handleResetMyFeed(c echo.Context) error {
	u, ok := currentUser(c)
	if !ok {
		return s.askLogin(c)
	}
	if _, err := s.store.ResetFeedToken(c.Request().Context(), u.ID); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.AccountURL+"?done=feed")
}

func (s *Server) handleUsers(c echo.Context) error {
	return s.renderUsers(c, http.StatusOK, nil, nil)
}

func (s *Server) renderUsers(c echo.Context, status int, values map[string]string, errs domain.ValidationError) error {
	users, err := s.store.Users(c.Request().Context())
	if err != nil {
		return err
	}
	me, _ := currentUser(c)
	v := views.UsersView{Values: values, Errors: errs}
	for _, u := range users {
		v.Users = append(v.Users, views.UserItem{ID: u.ID, Name: u.Name, Role: string(u.Role), RoleName: u.Role.Label(), Me: u.ID == me.ID})
	}
	for _, r := range []domain.Role{domain.RoleViewer, domain.RoleEditor, domain.RoleAdmin} {
		v.Roles = append(v.Roles, views.Option{Value: string(r), Label: r.Label()})
	}
	v.Page = s.page(c, "کاربران", "users")
	if f := c.QueryParam("done"); f != "" {
		v.Page.Flash = map[string]string{"added": "کاربر افزوده شد.", "role": "نقش تغییر کرد.", "deleted": "کاربر حذف شد."}[f]
	}
	return s.render(c, status, views.UsersPage(v))
}

func (s *Server) handleCreateUser(c echo.Context) error {
	values := map[string]string{"username": strings.TrimSpace(c.FormValue("username")), "role": c.FormValue("role")}
	_, err := s.store.CreateUser(c.Request().Context(), values["username"], domain.Role(values["role"]), c.FormValue("password"))
	var verr domain.ValidationError
	switch {
	case errors.As(err, &verr):
		return s.renderUsers(c, http.StatusUnprocessableEntity, values, verr)
	case errors.Is(err, domain.ErrConflict):
		return s.renderUsers(c, http.StatusUnprocessableEntity, values, domain.ValidationError{"username": "این نام کاربری پیش‌تر ساخته شده است."})
	case err != nil:
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.UsersURL+"?done=added")
}

func (s *Server) handleSetRole(c echo.Context) error {
	u, err := s.userParam(c)
	if err != nil {
		return err
	}
	role := domain.Role(c.FormValue("role"))
	if !role.Valid() {
		return errBadRequest
	}
	if u.Role == domain.RoleAdmin && role != domain.RoleAdmin {
		if last, err := s.lastAdmin(c); err != nil || last {
			if err != nil {
				return err
			}
			return s.renderUsers(c, http.StatusUnprocessableEntity, nil, domain.ValidationError{"role": "آخرین مدیر را نمی‌توان از مدیری برداشت."})
		}
	}
	if err := s.store.SetUserRole(c.Request().Context(), u.ID, role); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.UsersURL+"?done=role")
}

func (s *Server) handleDeleteUser(c echo.Context) error {
	u, err := s.userParam(c)
	if err != nil {
		return err
	}
	if me, _ := currentUser(c); me.ID == u.ID {
		return s.renderUsers(c, http.StatusUnprocessableEntity, nil, domain.ValidationError{"role": "حساب خودتان را نمی‌توانید حذف کنید."})
	}
	if err := s.store.DeleteUser(c.Request().Context(), u.ID); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.UsersURL+"?done=deleted")
}

// lastAdmin reports whether there is only one admin.
func (s *Server) lastAdmin(c echo.Context) (bool, error) {
	users, err := s.store.Users(c.Request().Context())
	if err != nil {
		return false, err
	}
	n := 0
	for _, u := range users {
		if u.Role == domain.RoleAdmin {
			n++
		}
	}
	return n <= 1, nil
}

func (s *Server) userParam(c echo.Context) (domain.User, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return domain.User{}, echo.ErrNotFound
	}
	u, err := s.store.User(c.Request().Context(), id)
	if errors.Is(err, domain.ErrNotFound) {
		return u, echo.ErrNotFound
	}
	return u, err
}
