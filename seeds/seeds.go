// Package seeds embeds the built-in data: the occasions catalogue, the seed
// articles mined on first start, and their labelled events.
package seeds

import "embed"

// Occasions is the built-in catalogue of fixed-date Jalali occasions and
// official solar holidays, as JSON (see domain.ParseOccasions).
//
//go:embed occasions.json
var Occasions []byte

// Articles holds the seed articles under articles/*.txt.
//
//go:embed articles/*.txt
var Articles embed.FS

// Labels is the labelled events of the seed articles, one JSON object a line.
//
//go:embed labels.jsonl
var Labels []byte

// HijriMonths holds the day each Hijri month began in Iran: hijri/consolidated.txt
// and hijri/official-1405.txt (see hijri/README.md), read by internal/hijri.
//
//go:embed hijri/consolidated.txt hijri/official-1405.txt
var HijriMonths embed.FS
