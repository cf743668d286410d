package app

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/ruydad/ruydad/internal/domain"
)

// users adds accounts (a fast bcrypt is not needed: the store keeps
// whatever hash it is given, so these are added as stored).
func addUsers(t *testing.T, s *memStore, roles ...domain.Role) []domain.User {
	t.Helper()
	var out []domain.User
	for i, r := range roles {
		u := domain.User{Name: string(rune('a'+i)) + "-user", Role: r, FeedTokenHash: domain.HashToken(domain.NewToken())}
		if err := s.CreateUser(context.Background(), &u); err != nil {
			t.Fatal(err)
		}
		out = append(out, u)
	}
	return out
}

func TestTheLastAdminStays(t *testing.T) {
	s := newMemStore()
	a := memApp(s, clock)
	ctx := context.Background()
	us := addUsers(t, s, domain.RoleAdmin, domain.RoleEditor)
	admin, editor := us[0], us[1]
	if err := a.SetUserRole(ctx, admin.ID, domain.RoleEditor, false); !errors.Is(err, domain.ErrLastAdmin) {
		t.Errorf("demoting the last admin: %v", err)
	}
	if err := a.DeleteUser(ctx, admin.ID, false); !errors.Is(err, domain.ErrLastAdmin) {
		t.Errorf("deleting the last admin: %v", err)
	}
	if err := a.DeleteUser(ctx, editor.ID, false); err != nil {
		t.Errorf("deleting an editor: %v", err)
	}
	if err := a.SetUserRole(ctx, 999, domain.RoleViewer, false); !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("a missing account: %v", err)
	}
	if err := a.SetUserRole(ctx, admin.ID, domain.RoleViewer, true); err != nil {
		t.Errorf("--force: %v", err)
	}
	if err := a.SetUserRole(ctx, admin.ID, "boss", true); err == nil {
		t.Error("an unknown role was accepted")
	}
}

// Two administrators demoting (or deleting) each other at once leave one:
// the rule is checked in the transaction that writes. The fake's lock is
// its transaction; the two requests are let in one after the other, each
// having read nothing before.
func TestTwoAdminsRemovingEachOtherLeaveOne(t *testing.T) {
	for _, remove := range []string{"demote", "delete"} {
		s := newMemStore()
		a := memApp(s, clock)
		us := addUsers(t, s, domain.RoleAdmin, domain.RoleAdmin)
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				other := us[1-i].ID
				if remove == "demote" {
					errs[i] = a.SetUserRole(context.Background(), other, domain.RoleViewer, false)
				} else {
					errs[i] = a.DeleteUser(context.Background(), other, false)
				}
			}()
		}
		wg.Wait()
		admins := 0
		for _, u := range s.users {
			if u.Role == domain.RoleAdmin {
				admins++
			}
		}
		refused := errors.Is(errs[0], domain.ErrLastAdmin) != errors.Is(errs[1], domain.ErrLastAdmin) // exactly one
		if admins != 1 || !refused {
			t.Errorf("%s: %d admins left, errors %v", remove, admins, errs)
		}
	}
}

func TestCreateUserAndAuthenticate(t *testing.T) {
	s := newMemStore()
	a := memApp(s, clock)
	a.cost = bcrypt.MinCost // the rule, not bcrypt's cost, is tested here
	ctx := context.Background()
	u, err := a.CreateUser(ctx, "maryam", domain.RoleEditor, "a-long-password")
	if err != nil {
		t.Fatal(err)
	}
	if u.PasswordHash == "" || u.PasswordHash == "a-long-password" || u.FeedTokenHash == "" || !u.CreatedAt.Equal(clock) {
		t.Errorf("created %+v", u)
	}
	if _, err := a.CreateUser(ctx, "MARYAM", domain.RoleViewer, "a-long-password"); !errors.Is(err, domain.ErrConflict) {
		t.Errorf("a taken name: %v", err)
	}
	var v domain.ValidationError
	if _, err := a.CreateUser(ctx, "ali", domain.RoleViewer, "short"); !errors.As(err, &v) {
		t.Errorf("a short password: %v", err)
	}
	if got, err := a.Authenticate(ctx, "maryam", "a-long-password"); err != nil || got.ID != u.ID {
		t.Errorf("right password: %+v, %v", got, err)
	}
	for _, pw := range []string{"wrong-password", ""} {
		if _, err := a.Authenticate(ctx, "maryam", pw); !errors.Is(err, domain.ErrBadCredentials) {
			t.Errorf("password %q: %v", pw, err)
		}
	}
	if _, err := a.Authenticate(ctx, "nobody", "a-long-password"); !errors.Is(err, domain.ErrBadCredentials) {
		t.Errorf("unknown name: %v", err)
	}
	if err := a.SetPassword(ctx, u.ID, "another-long-password"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Authenticate(ctx, "maryam", "another-long-password"); err != nil {
		t.Errorf("after a new password: %v", err)
	}
}

// Issue 14, item 8: bcrypt takes at most 72 bytes, so a password of 37
// Persian letters or more was a 500 (x/crypto refuses to hash it), and one
// hashed whole by an older bcrypt would have matched anything sharing its
// first 72 bytes. Each password counts whole now, whatever its length.
func TestLongPersianPasswords(t *testing.T) {
	s := newMemStore()
	a := memApp(s, clock)
	a.cost = bcrypt.MinCost
	ctx := context.Background()
	long := ""
	for len([]rune(long)) < 120 {
		long += "رمزِ بسیار بلندِ دفتر روابط عمومی "
	}
	long = string([]rune(long)[:120]) // 120 letters and spaces, over 200 bytes
	if n := len(long); n <= 200 {
		t.Fatalf("the test password is %d bytes, want more than 200", n)
	}
	u, err := a.CreateUser(ctx, "maryam", domain.RoleEditor, long)
	if err != nil {
		t.Fatalf("a password of %d bytes: %v", len(long), err)
	}
	if _, err := a.Authenticate(ctx, "maryam", long); err != nil {
		t.Errorf("the long password itself: %v", err)
	}
	// The same first 72 bytes (and more), a different end.
	other := string([]rune(long)[:119]) + "x"
	if _, err := a.Authenticate(ctx, "maryam", other); !errors.Is(err, domain.ErrBadCredentials) {
		t.Errorf("a password differing only after byte 200: %v", err)
	}
	if _, err := a.Authenticate(ctx, "maryam", long[:72]); !errors.Is(err, domain.ErrBadCredentials) {
		t.Errorf("the password's first 72 bytes: %v", err)
	}
	// Every length from 73 to 200 bytes of Persian letters hashes and
	// verifies (one account, its password set again each time).
	for n := 37; n <= 100; n += 9 {
		pw := strings.Repeat("ب", n) // 2 bytes a letter: 74..200 bytes
		if err := a.SetPassword(ctx, u.ID, pw); err != nil {
			t.Fatalf("%d letters (%d bytes): %v", n, len(pw), err)
		}
		if _, err := a.Authenticate(ctx, "maryam", pw); err != nil {
			t.Errorf("%d letters (%d bytes): %v", n, len(pw), err)
		}
	}
}

// Hashes stored by earlier releases (plain bcrypt of the password) still
// sign in, and only with their password: not with it followed by more,
// which bcrypt alone would cut at 72 bytes.
func TestOldBcryptHashesStillSignIn(t *testing.T) {
	s := newMemStore()
	a := memApp(s, clock)
	ctx := context.Background()
	for _, pw := range []string{"a-long-password", strings.Repeat("پ", 36)} { // 15 and 72 bytes
		old, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.MinCost)
		if err != nil {
			t.Fatal(err)
		}
		u := domain.User{Name: "old-" + strconv.Itoa(len(pw)), Role: domain.RoleEditor, PasswordHash: string(old), FeedTokenHash: domain.HashToken(domain.NewToken())}
		if err := s.CreateUser(ctx, &u); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Authenticate(ctx, u.Name, pw); err != nil {
			t.Errorf("%d bytes, an old hash: %v", len(pw), err)
		}
		for _, wrong := range []string{pw + "x", pw[:len(pw)-1], pw + strings.Repeat("z", 100)} {
			if _, err := a.Authenticate(ctx, u.Name, wrong); !errors.Is(err, domain.ErrBadCredentials) {
				t.Errorf("%d bytes, an old hash and %d bytes: %v", len(pw), len(wrong), err)
			}
		}
	}
}

// First run: until an account has existed, the holder of the setup token
// may create the first administrator, once; two at once make one. After
// any account has existed, deleting every one never brings the first run
// back (issue 14, item 4).
func TestFirstAdminAndTheFirstRun(t *testing.T) {
	s := newMemStore()
	a := memApp(s, clock)
	a.cost = bcrypt.MinCost
	ctx := context.Background()
	st, err := a.AccountsState(ctx)
	if err != nil || !st.FirstRun() {
		t.Fatalf("a fresh store: %+v, %v; want the first run", st, err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() { _, errs[i] = a.CreateFirstAdmin(ctx, "admin"+strconv.Itoa(i), "a-long-password") })
	}
	wg.Wait()
	made := 0
	for _, err := range errs {
		switch {
		case err == nil:
			made++
		case !errors.Is(err, domain.ErrSetupDone):
			t.Errorf("a second first admin: %v", err)
		}
	}
	if st, _ := a.AccountsState(ctx); made != 1 || st.Admins != 1 || st.FirstRun() {
		t.Fatalf("four setups at once made %d administrators (state %+v)", made, st)
	}
	var v domain.ValidationError
	if _, err := a.CreateFirstAdmin(ctx, "\u0430dmin", "short"); !errors.As(err, &v) {
		t.Errorf("a bad first admin: %v", err)
	}
	// Every account deleted (--force): no administrator, and no first run.
	users, _ := a.Users(ctx)
	for _, u := range users {
		if err := a.DeleteUser(ctx, u.ID, true); err != nil {
			t.Fatal(err)
		}
	}
	if st, _ := a.AccountsState(ctx); st.Admins != 0 || !st.Existed || st.FirstRun() {
		t.Errorf("every account deleted: %+v, want no admin, existed, not the first run", st)
	}
}
