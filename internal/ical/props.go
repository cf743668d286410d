package ical

import (
	goical "github.com/emersion/go-ical"

	"github.com/ruydad/ruydad/internal/domain"
)

// plainProps are the fields of an event written, and read back, as one
// text property each, in this order after SUMMARY, DESCRIPTION and
// CATEGORIES. A plain text field of events is one line here: the writer,
// the reader and the import's error messages follow.
var plainProps = []struct {
	prop  string
	field domain.Field
	value func(*domain.Event) *string
}{
	{goical.PropLocation, domain.FieldLocation, func(e *domain.Event) *string { return &e.Location }},
	{goical.PropContact, domain.FieldOwner, func(e *domain.Event) *string { return &e.Owner }}, // RFC 5545 §3.8.4.2
}
