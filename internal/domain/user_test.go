package domain

import (
	"strings"
	"testing"
)

func TestRoleAllows(t *testing.T) {
	roles := []Role{RoleViewer, RoleEditor, RoleAdmin, "", "owner"}
	// allowed[r] lists what r may do; an unknown role may do nothing, and
	// nothing is allowed that needs an unknown role.
	allowed := map[Role][]Role{
		RoleViewer: {RoleViewer},
		RoleEditor: {RoleViewer, RoleEditor},
		RoleAdmin:  {RoleViewer, RoleEditor, RoleAdmin},
	}
	for _, r := range roles {
		for _, need := range roles {
			want := false
			for _, a := range allowed[r] {
				want = want || a == need
			}
			if got := r.Allows(need); got != want {
				t.Errorf("Role(%q).Allows(%q) = %v, want %v", r, need, got, want)
			}
		}
	}
}

func TestRoleLabels(t *testing.T) {
	tests := []struct {
		r     Role
		valid bool
		label string
	}{
		{RoleViewer, true, "بیننده"},
		{RoleEditor, true, "ویرایشگر"},
		{RoleAdmin, true, "مدیر"},
		{"", false, ""},
		{"Admin", false, ""},
	}
	for _, tt := range tests {
		if tt.r.Valid() != tt.valid || tt.r.Label() != tt.label {
			t.Errorf("Role(%q): Valid() = %v, Label() = %q; want %v, %q", tt.r, tt.r.Valid(), tt.r.Label(), tt.valid, tt.label)
		}
	}
}

func TestValidateUser(t *testing.T) {
	const (
		msgName = "نام کاربری ۲ تا ۴۰ حرف یا رقم باشد (نقطه، خط تیره، زیرخط و نیم‌فاصله هم مجاز است)."
		msgLong = "گذرواژه بیش از ۲۰۰ نویسه است."
		msgRole = "نقش باید بیننده، ویرایشگر یا مدیر باشد."
		msgPass = "گذرواژه دست‌کم ۱۰ نویسه باشد."
		pass    = "correct horse"
	)
	tests := []struct {
		name, user string
		role       Role
		password   string
		want       ValidationError
	}{
		{"latin", "admin", RoleAdmin, pass, nil},
		{"persian letters", "مریم", RoleEditor, pass, nil},
		{"persian digits", "کاربر۱۲", RoleViewer, pass, nil},
		{"dot, dash, underscore", "m.rezaei-2_x", RoleViewer, pass, nil},
		{"two characters", "ab", RoleViewer, pass, nil},
		{"forty characters", strings.Repeat("ن", 40), RoleViewer, pass, nil},
		{"ten-character password", "ab", RoleViewer, "0123456789", nil},
		{"ten Persian characters", "ab", RoleViewer, strings.Repeat("گ", 10), nil},
		{"200-character password", "ab", RoleViewer, strings.Repeat("x", 200), nil},
		{"201-character password", "ab", RoleViewer, strings.Repeat("x", 201), ValidationError{"password": msgLong}},
		{"ZWNJ inside a name", "علی\u200cرضا", RoleViewer, pass, nil},
		{"ZWNJ at the start", "\u200cعلی", RoleViewer, pass, ValidationError{"username": msgName}},
		{"ZWNJ at the end", "علی\u200c", RoleViewer, pass, ValidationError{"username": msgName}},

		{"empty name", "", RoleViewer, pass, ValidationError{"username": msgName}},
		{"one character", "a", RoleViewer, pass, ValidationError{"username": msgName}},
		{"41 characters", strings.Repeat("ن", 41), RoleViewer, pass, ValidationError{"username": msgName}},
		{"space", "maryam rezaei", RoleViewer, pass, ValidationError{"username": msgName}},
		{"at sign", "a@b.ir", RoleViewer, pass, ValidationError{"username": msgName}},
		{"slash", "a/b", RoleViewer, pass, ValidationError{"username": msgName}},
		{"unknown role", "ab", "owner", pass, ValidationError{"role": msgRole}},
		{"no role", "ab", "", pass, ValidationError{"role": msgRole}},
		{"nine-character password", "ab", RoleViewer, "012345678", ValidationError{"password": msgPass}},
		// Nine Persian letters are 18 bytes: the limit counts characters.
		{"nine Persian characters", "ab", RoleViewer, strings.Repeat("گ", 9), ValidationError{"password": msgPass}},
		{"everything wrong", " ", "root", "", ValidationError{"username": msgName, "role": msgRole, "password": msgPass}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkValidation(t, ValidateUser(tt.user, tt.role, tt.password), tt.want) })
	}
}
