package sqlite

import (
	"context"
	"fmt"
)

// draftsPublicKey is the meta key of SetDraftsPublic (migration 0015's
// triggers move the data version when it changes).
const draftsPublicKey = "drafts_public"

// DraftsPublic reports whether an administrator made the drafts public.
func (d *DB) DraftsPublic(ctx context.Context) (bool, error) {
	v, err := getMeta(ctx, d.db, draftsPublicKey)
	if err != nil {
		return false, fmt.Errorf("drafts public: %w", err)
	}
	return v == "1", nil
}

// SetDraftsPublic records whether the drafts are public.
func (d *DB) SetDraftsPublic(ctx context.Context, public bool) error {
	v := "0"
	if public {
		v = "1"
	}
	return d.SetMeta(ctx, draftsPublicKey, v)
}
