package sqlite

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
)

// Two administrators removing each other at once, through the real file's
// transactions, always leave one: the use case checks the rule inside the
// write transaction (it used to be checked by the handler before writing,
// and one try in eight left no administrator).
func TestTwoAdminsRemovingEachOtherLeaveOne(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	a := uc(d)
	var ids [2]int64
	for i, name := range []string{"admin-a", "admin-b"} {
		u, err := a.CreateUser(ctx, name, domain.RoleAdmin, "a-long-password")
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = u.ID
	}
	for try := range 20 {
		delete := try%2 == 1
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if delete {
					errs[i] = a.DeleteUser(ctx, ids[1-i], false)
				} else {
					errs[i] = a.SetUserRole(ctx, ids[1-i], domain.RoleViewer, false)
				}
			}()
		}
		wg.Wait()
		users, err := d.Users(ctx)
		if err != nil {
			t.Fatal(err)
		}
		admins := 0
		for _, u := range users {
			if u.Role == domain.RoleAdmin {
				admins++
			}
		}
		if admins != 1 || errors.Is(errs[0], domain.ErrLastAdmin) == errors.Is(errs[1], domain.ErrLastAdmin) {
			t.Fatalf("try %d (delete %v): %d administrators left, errors %v", try, delete, admins, errs)
		}
		// Two administrators again for the next try.
		for i, name := range []string{"admin-a", "admin-b"} {
			if u, err := d.UserByName(ctx, name); err == nil {
				if err := a.SetUserRole(ctx, u.ID, domain.RoleAdmin, false); err != nil {
					t.Fatal(err)
				}
				ids[i] = u.ID
				continue
			}
			u, err := a.CreateUser(ctx, name, domain.RoleAdmin, "a-long-password")
			if err != nil {
				t.Fatal(err)
			}
			ids[i] = u.ID
		}
	}
}

// The accounts' state (how many administrators, whether an account has
// ever existed) comes from counts, and follows creating, demoting and
// deleting accounts.
func TestAccountsStateCounts(t *testing.T) {
	ctx := context.Background()
	d := open(t)
	a := uc(d)
	state := func() (int, int, bool) {
		t.Helper()
		total, admins, err := d.CountAccounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		st, err := a.AccountsState(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st.Admins != admins {
			t.Errorf("the state says %d administrators, the count %d", st.Admins, admins)
		}
		return total, admins, st.Existed
	}
	if total, admins, existed := state(); total != 0 || admins != 0 || existed {
		t.Fatalf("a new file: %d accounts, %d administrators, existed %v", total, admins, existed)
	}
	ids := map[string]int64{}
	for _, u := range []struct {
		name string
		role domain.Role
	}{{"admin-a", domain.RoleAdmin}, {"admin-b", domain.RoleAdmin}, {"editor", domain.RoleEditor}, {"viewer", domain.RoleViewer}} {
		made, err := a.CreateUser(ctx, u.name, u.role, "a-long-password")
		if err != nil {
			t.Fatal(err)
		}
		ids[u.name] = made.ID
	}
	if total, admins, existed := state(); total != 4 || admins != 2 || !existed {
		t.Errorf("four accounts: %d accounts, %d administrators, existed %v", total, admins, existed)
	}
	if err := a.SetUserRole(ctx, ids["admin-b"], domain.RoleEditor, false); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"editor", "viewer"} {
		if err := a.DeleteUser(ctx, ids[name], false); err != nil {
			t.Fatal(err)
		}
	}
	if total, admins, existed := state(); total != 2 || admins != 1 || !existed {
		t.Errorf("one administrator demoted, two deleted: %d accounts, %d administrators, existed %v", total, admins, existed)
	}
}
