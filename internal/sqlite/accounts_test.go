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
