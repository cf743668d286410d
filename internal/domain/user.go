package domain

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"regexp"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// ErrBadCredentials is returned for an unknown user or a wrong password
// (the two are not told apart).
var ErrBadCredentials = errors.New("bad credentials")

// ErrLastAdmin refuses a change that would leave no administrator.
var ErrLastAdmin = errors.New("the last administrator cannot be removed or demoted")

// ErrSetupDone refuses a first administrator when there is one already.
var ErrSetupDone = errors.New("an administrator exists: the first-run setup is over")

// NewToken returns a fresh secret: 32 random bytes, URL-safe (a feed URL's
// or a session's).
func NewToken() string {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// HashToken returns what is stored of a secret token: its SHA-256 in hex.
// A token has 256 random bits, so a fast hash suffices; a copy of the
// database holds no usable session or feed URL.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Role is what a user may do.
type Role string

// The roles, each allowed what the one before it is.
const (
	RoleViewer Role = "viewer"
	RoleEditor Role = "editor"
	RoleAdmin  Role = "admin"
)

var roleRank = map[Role]int{RoleViewer: 1, RoleEditor: 2, RoleAdmin: 3}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return roleRank[r] > 0 }

// Allows reports whether a user with role r may do what needs role need.
func (r Role) Allows(need Role) bool { return roleRank[r] >= roleRank[need] && roleRank[need] > 0 }

// Label returns the Persian name of r.
func (r Role) Label() string {
	switch r {
	case RoleViewer:
		return "بیننده"
	case RoleEditor:
		return "ویرایشگر"
	case RoleAdmin:
		return "مدیر"
	}
	return ""
}

// User is an account.
type User struct {
	ID           int64
	Name         string
	Role         Role
	PasswordHash string
	// FeedTokenHash is HashToken of the secret in the user's private feed
	// URL; the token itself is shown once, when made, and kept nowhere.
	FeedTokenHash string
	CreatedAt     time.Time
}

// MinPassword and MaxPassword bound a password's length, in characters.
const (
	MinPassword = 10
	MaxPassword = 200
)

// userNameRE: letters and digits of any script, ".", "_", "-", and ZWNJ
// inside a name (علی‌رضا).
var userNameRE = regexp.MustCompile(`^[\p{L}\p{N}._-][\p{L}\p{N}._\x{200C}-]{0,38}[\p{L}\p{N}._-]$`)

// ValidateUser checks a new account's name (FieldName), role and password.
func ValidateUser(name string, role Role, password string) error {
	var v ValidationError
	switch {
	case !userNameRE.MatchString(name):
		v.Set(fieldError(FieldName, CodeUserNameInvalid))
	case lookAlikeName(name):
		v.Set(fieldError(FieldName, CodeUserNameMixedScripts))
	}
	if !role.Valid() {
		v.Set(fieldError(FieldRole, CodeRoleUnknown))
	}
	if err := ValidatePassword(password); err != nil {
		v = append(v, err.(ValidationError)...)
	}
	return v.Err()
}

// lookAlikeName reports whether name could pass for another: its letters
// are of more than one script («аdmin» with a Cyrillic «а» looks like
// admin; Persian with Latin is refused too), or it holds a letter or digit
// in a form that stands for another: a compatibility form (full-width
// «ａｄｍｉｎ», Arabic presentation forms, ligatures: whatever NFKC
// changes), the Arabic ي ى ك beside the Persian ی ک, or Arabic-Indic
// digits beside the Persian ones (٤ and ۴ are drawn alike). Digits and
// ". _ -" go with any script.
func lookAlikeName(name string) bool {
	if !norm.NFKC.IsNormalString(name) {
		return true
	}
	script := ""
	for _, r := range name {
		switch {
		case r == 'ي' || r == 'ى' || r == 'ك' || ('٠' <= r && r <= '٩'):
			return true
		case !unicode.IsLetter(r):
			continue
		}
		s := scriptOf(r)
		if s == "" || (script != "" && s != script) {
			return true
		}
		script = s
	}
	return false
}

// scriptOf returns the name of the script of letter r ("Latin",
// "Arabic"…), or "" for a letter of no one script.
func scriptOf(r rune) string {
	for name, table := range unicode.Scripts {
		if name != "Common" && name != "Inherited" && unicode.Is(table, r) {
			return name
		}
	}
	return ""
}

// ValidatePassword checks a new password's length.
func ValidatePassword(password string) error {
	var v ValidationError
	switch n := utf8.RuneCountInString(password); {
	case n < MinPassword:
		v.Set(FieldError{Field: FieldPassword, Code: CodePasswordTooShort, Min: MinPassword})
	case n > MaxPassword:
		v.Set(FieldError{Field: FieldPassword, Code: CodePasswordTooLong, Max: MaxPassword})
	}
	return v.Err()
}
