package views

import "strconv"

// TrashURL is the page of deleted events an editor can restore;
// DraftsSettingURL is where an administrator makes the drafts public or
// not (POST, public=1 or 0).
const (
	TrashURL         = "/trash"
	DraftsSettingURL = "/settings/drafts"
)

// EventRestoreURL is where restoring deleted event id posts.
func EventRestoreURL(id int64) string { return EventURL(id) + "/restore" }

// GoneView is the page of an event number whose event was deleted (410).
type GoneView struct {
	Page
	Number  string // the event's number, Persian digits
	Title   string // the event's title while it is kept, else ""
	Deleted string // when it was deleted, in Persian
	// Until is when it stops being restorable, in Persian; "" once it is
	// not (purged, or its 30 days over).
	Until string
	// RestoreURL is where an editor restores it; "" for anyone else, or
	// once it cannot be restored.
	RestoreURL string
}

// TrashView lists the deleted events that can still be restored.
type TrashView struct {
	Page
	Items []TrashItem
}

// TrashItem is one deleted event in the trash.
type TrashItem struct {
	ID         int64
	Title      string
	When       string // the event's dates, "" when it had none
	Deleted    string // when it was deleted
	Until      string // when it stops being restorable
	RestoreURL string
}

func idAttr(id int64) string { return strconv.FormatInt(id, 10) }
