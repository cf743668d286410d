package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/locale"
	"github.com/ruydad/ruydad/views"
)

// handleAccount shows the signed-in user's account. Its private feed URL
// is not there: only the token's hash is stored (handleResetMyFeed).
func (s *Server) handleAccount(c echo.Context) error {
	u, ok := currentUser(c)
	if !ok {
		return s.askLogin(c)
	}
	v := views.AccountView{Name: u.Name, Role: u.Role.Label(), Private: s.private}
	v.Page = s.page(c, "حساب من", "account")
	return s.render(c, http.StatusOK, views.AccountPage(v))
}

// handleResetMyFeed revokes the user's feed URL, makes a new one and shows
// it, this once: the page is the answer to the post (no redirect to a page
// that could show it again), and is not to be cached.
func (s *Server) handleResetMyFeed(c echo.Context) error {
	u, ok := currentUser(c)
	if !ok {
		return s.askLogin(c)
	}
	token, err := s.app.ResetFeedToken(c.Request().Context(), u.ID)
	if err != nil {
		return err
	}
	feed := views.UserFeedURL(token)
	v := views.AccountView{Name: u.Name, Role: u.Role.Label(), FeedURL: s.base + feed, WebcalURL: s.webcalURL(feed),
		Private: s.private}
	v.Page = s.page(c, "حساب من", "account")
	v.Flash = locale.Flash("feed-reset")
	c.Response().Header().Set("Cache-Control", "no-store")
	return s.render(c, http.StatusOK, views.AccountPage(v))
}

func (s *Server) handleUsers(c echo.Context) error {
	return s.renderUsers(c, http.StatusOK, userForm{}, nil)
}

// userForm is the new user form as sent.
type userForm struct{ username, role, password string }

// readUserForm reads the new user form, the name trimmed.
func readUserForm(c echo.Context) userForm {
	return userForm{username: strings.TrimSpace(c.FormValue("username")), role: c.FormValue("role"), password: c.FormValue("password")}
}

// values returns the form as its view shows it again: without the password.
func (f userForm) values() map[string]string {
	return map[string]string{"username": f.username, "role": f.role}
}

// userInputs names the new user form's input for each field of a user.
var userInputs = inputNames{domain.FieldName: "username", domain.FieldRole: "role", domain.FieldPassword: "password"}

func (s *Server) renderUsers(c echo.Context, status int, f userForm, errs domain.ValidationError) error {
	users, err := s.app.Users(c.Request().Context())
	if err != nil {
		return err
	}
	me, _ := currentUser(c)
	v := views.UsersView{Values: f.values(), Errors: userInputs.messages(errs)}
	for _, u := range users {
		v.Users = append(v.Users, views.UserItem{ID: u.ID, Name: u.Name, Role: string(u.Role), RoleName: u.Role.Label(), Me: u.ID == me.ID})
	}
	for _, r := range []domain.Role{domain.RoleViewer, domain.RoleEditor, domain.RoleAdmin} {
		v.Roles = append(v.Roles, views.Option{Value: string(r), Label: r.Label()})
	}
	st, err := s.accountsState(c.Request().Context())
	if err != nil {
		return err
	}
	v.DraftsPublic = st.DraftsPublic
	v.Page = s.page(c, "کاربران", "users")
	return s.render(c, status, views.UsersPage(v))
}

// handleDraftsPublic is an administrator making the drafts public
// (public=1) or not (public=0).
func (s *Server) handleDraftsPublic(c echo.Context) error {
	var public bool
	switch c.FormValue("public") {
	case "1":
		public = true
	case "0":
	default:
		return errBadRequest
	}
	if err := s.app.SetDraftsPublic(c.Request().Context(), public); err != nil {
		return err
	}
	done := "drafts-private"
	if public {
		done = "drafts-public"
	}
	return c.Redirect(http.StatusSeeOther, views.UsersURL+"?done="+done)
}

// handleCreateUser adds an account; the store validates it (ValidateUser).
func (s *Server) handleCreateUser(c echo.Context) error {
	f := readUserForm(c)
	_, err := s.app.CreateUser(c.Request().Context(), f.username, domain.Role(f.role), f.password)
	var verr domain.ValidationError
	switch {
	case errors.As(err, &verr):
		return s.renderUsers(c, http.StatusUnprocessableEntity, f, verr)
	case errors.Is(err, domain.ErrConflict):
		return s.renderUsers(c, http.StatusUnprocessableEntity, f,
			domain.ValidationError{{Field: domain.FieldName, Code: domain.CodeNameTaken}})
	case err != nil:
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.UsersURL+"?done=user-added")
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
	err = s.app.SetUserRole(c.Request().Context(), u.ID, role, false)
	switch {
	case errors.Is(err, domain.ErrLastAdmin):
		return s.renderUsers(c, http.StatusUnprocessableEntity, userForm{},
			domain.ValidationError{{Field: domain.FieldRole, Code: domain.CodeLastAdmin}})
	case err != nil:
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.UsersURL+"?done=user-role")
}

func (s *Server) handleDeleteUser(c echo.Context) error {
	u, err := s.userParam(c)
	if err != nil {
		return err
	}
	if me, _ := currentUser(c); me.ID == u.ID {
		return s.renderUsers(c, http.StatusUnprocessableEntity, userForm{},
			domain.ValidationError{{Field: domain.FieldRole, Code: domain.CodeOwnAccount}})
	}
	err = s.app.DeleteUser(c.Request().Context(), u.ID, false)
	switch {
	case errors.Is(err, domain.ErrLastAdmin):
		return s.renderUsers(c, http.StatusUnprocessableEntity, userForm{},
			domain.ValidationError{{Field: domain.FieldRole, Code: domain.CodeLastAdminDeleted}})
	case err != nil:
		return err
	}
	return c.Redirect(http.StatusSeeOther, views.UsersURL+"?done=user-deleted")
}

// userParam loads the account named by :id.
func (s *Server) userParam(c echo.Context) (domain.User, error) { return byID(c, s.app.User) }
