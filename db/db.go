// Package db embeds the SQL migrations (migrations/NNNN_name.sql) and the
// committed schema dump (schema.sql) that a test compares against.
package db

import "embed"

// Migrations holds the forward-only migrations, applied in name order.
//
//go:embed migrations/*.sql
var Migrations embed.FS

// Schema is the dump of the schema a fresh database has after every
// migration (regenerate with go test ./internal/sqlite -update).
//
//go:embed schema.sql
var Schema string
