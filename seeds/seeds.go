// Package seeds embeds the built-in data: the occasions catalogue, the seed
// articles mined on first start, and their labelled events.
package seeds

import "embed"

// Occasions is the curated part of the built-in catalogue, as JSON (see
// domain.ParseCatalogue): the occasions a PR office plans around, with the
// phrasings the miner looks for, weeks and decades as spans, each naming
// the official entries it stands for.
//
//go:embed occasions.json
var Occasions []byte

// OfficialOccasions is Iran's official calendar of occasions and holidays
// (solar, lunar and Gregorian) and the international days, from
// persian-calendar/events (CC0; see NOTICE.md), in the catalogue's
// JSON form. Generated: go test ./seeds -update.
//
//go:embed official-occasions.json
var OfficialOccasions []byte

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
