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
		pass = "correct horse"
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
		{"201-character password", "ab", RoleViewer, strings.Repeat("x", 201), ValidationError{{Field: FieldPassword, Code: CodePasswordTooLong, Max: MaxPassword}}},
		{"ZWNJ inside a name", "علی\u200cرضا", RoleViewer, pass, nil},
		{"Persian with ZWNJ and Persian digits", "سیده‌فاطمه_۱۴۰۳", RoleViewer, pass, nil},
		{"Persian with ۀ, آ, ی, ک", "آقای_کاظمی.زاده‌ۀ", RoleViewer, pass, nil},
		{"Latin with digits", "Reza.Ahmadi-1990", RoleViewer, pass, nil},
		{"Cyrillic alone", "мария", RoleViewer, pass, nil},

		// Issue 14: look-alike names.
		{"Cyrillic а in admin", "\u0430dmin", RoleViewer, pass, one(FieldName, CodeUserNameMixedScripts)},
		{"Greek ο in editor", "edit\u03bfr", RoleViewer, pass, one(FieldName, CodeUserNameMixedScripts)},
		{"Persian and Latin", "ali.رضایی", RoleViewer, pass, one(FieldName, CodeUserNameMixedScripts)},
		{"full-width Latin", "ａｄｍｉｎ", RoleViewer, pass, one(FieldName, CodeUserNameMixedScripts)},
		{"Arabic yeh", "علي", RoleViewer, pass, one(FieldName, CodeUserNameMixedScripts)},
		{"Arabic kaf", "كاظم", RoleViewer, pass, one(FieldName, CodeUserNameMixedScripts)},
		{"Arabic-Indic digit", "کاربر٤", RoleViewer, pass, one(FieldName, CodeUserNameMixedScripts)},
		{"Arabic presentation form", "\ufee3ریم", RoleViewer, pass, one(FieldName, CodeUserNameMixedScripts)},
		{"ligature fi", "\ufb01ruz", RoleViewer, pass, one(FieldName, CodeUserNameMixedScripts)},
		{"ZWNJ at the start", "\u200cعلی", RoleViewer, pass, one(FieldName, CodeUserNameInvalid)},
		{"ZWNJ at the end", "علی\u200c", RoleViewer, pass, one(FieldName, CodeUserNameInvalid)},

		{"empty name", "", RoleViewer, pass, one(FieldName, CodeUserNameInvalid)},
		{"one character", "a", RoleViewer, pass, one(FieldName, CodeUserNameInvalid)},
		{"41 characters", strings.Repeat("ن", 41), RoleViewer, pass, one(FieldName, CodeUserNameInvalid)},
		{"space", "maryam rezaei", RoleViewer, pass, one(FieldName, CodeUserNameInvalid)},
		{"at sign", "a@b.ir", RoleViewer, pass, one(FieldName, CodeUserNameInvalid)},
		{"slash", "a/b", RoleViewer, pass, one(FieldName, CodeUserNameInvalid)},
		{"unknown role", "ab", "owner", pass, one(FieldRole, CodeRoleUnknown)},
		{"no role", "ab", "", pass, one(FieldRole, CodeRoleUnknown)},
		{"nine-character password", "ab", RoleViewer, "012345678", ValidationError{{Field: FieldPassword, Code: CodePasswordTooShort, Min: MinPassword}}},
		// Nine Persian letters are 18 bytes: the limit counts characters.
		{"nine Persian characters", "ab", RoleViewer, strings.Repeat("گ", 9), ValidationError{{Field: FieldPassword, Code: CodePasswordTooShort, Min: MinPassword}}},
		{"everything wrong", " ", "root", "", ValidationError{fieldError(FieldName, CodeUserNameInvalid), fieldError(FieldRole, CodeRoleUnknown), FieldError{Field: FieldPassword, Code: CodePasswordTooShort, Min: MinPassword}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkValidation(t, ValidateUser(tt.user, tt.role, tt.password), tt.want) })
	}
}
