// Package app holds ruydad's use cases, the rules of the business that are
// more than one type's validation: saving an event (its defaults, its
// sequence), reviewing mined events (an undated event cannot be confirmed),
// importing an article and the events mined from it, importing events from
// another calendar, accounts (the last administrator stays), and building a
// feed (one builder for the web and the command line).
//
// The web server and the commands call only this package. It declares the
// storage it needs as small interfaces, one per role (stores.go), that
// internal/sqlite implements with plain persistence and the tests here fake
// in memory. It writes no SQL and no HTML, and its errors are the domain's.
package app
