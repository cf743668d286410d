package ical

import (
	_ "embed"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	goical "github.com/emersion/go-ical"

	"github.com/ruydad/ruydad/internal/jalali"
)

// windowsZonesTSV is CLDR's mapping of Windows zone names to IANA zones,
// with Windows' display labels; its header says where it came from and
// under which licence.
//
//go:embed windowszones.tsv
var windowsZonesTSV string

// windowsZone is one row of windowszones.tsv.
type windowsZone struct {
	name, iana, label string
	offset            int      // the label's UTC offset, in seconds
	place             string   // the label after its offset, folded (see fold)
	cities            []string // its places one by one, and the IANA zone's city, folded
}

// windowsZones are the rows of windowszones.tsv; windowsNames indexes them
// by their Windows name, folded.
var windowsZones, windowsNames = func() ([]windowsZone, map[string]string) {
	var rows []windowsZone
	names := map[string]string{}
	for _, line := range strings.Split(windowsZonesTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			panic("ical: windowszones.tsv: not three columns: " + line)
		}
		w := windowsZone{name: f[0], iana: f[1], label: f[2]}
		names[fold(w.name)] = w.iana
		if l, ok := parseLabel(w.label); ok {
			w.offset, w.place = l.offset, fold(l.place)
			w.cities = append(l.cities, exemplarCity(w.iana))
			rows = append(rows, w)
		} else if w.label != "" {
			panic("ical: windowszones.tsv: unreadable label: " + w.label)
		}
	}
	return rows, names
}()

// fold is s as names are compared: lower case, its spaces one.
func fold(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// exemplarCity is the city of an IANA zone name, folded:
// America/Argentina/San_Juan → "san juan".
func exemplarCity(iana string) string {
	return fold(strings.ReplaceAll(iana[strings.LastIndexByte(iana, '/')+1:], "_", " "))
}

// label is an Outlook or Exchange zone label: "(UTC+03:30) Tehran".
type label struct {
	offset int // seconds east of UTC
	place  string
	cities []string // folded
}

// labelPattern matches the labels Windows has given its zones over the
// years: "(UTC+03:30) Tehran", "(GMT+03.30) Tehran", "(UTC) Coordinated
// Universal Time", "(GMT) Greenwich Mean Time : Dublin, Edinburgh, Lisbon,
// London", and the offsets without a colon that some exports write.
var labelPattern = regexp.MustCompile(`^\(\s*(?:UTC|GMT)\s*(?:([+\-−])\s*(\d{1,2})(?:[:.]?(\d{2}))?)?\s*\)\s*(.*)$`)

// parseLabel reads an Outlook label.
func parseLabel(s string) (label, bool) {
	m := labelPattern.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return label{}, false
	}
	var l label
	if m[2] != "" {
		h, _ := strconv.Atoi(m[2])
		mins, _ := strconv.Atoi(m[3])
		if h > 14 || mins > 59 {
			return label{}, false
		}
		l.offset = h*3600 + mins*60
		if m[1] != "+" {
			l.offset = -l.offset
		}
	}
	l.place = strings.TrimSpace(m[4])
	place := l.place
	if _, after, ok := strings.Cut(place, " : "); ok {
		// "Greenwich Mean Time : Dublin, Edinburgh, Lisbon, London"
		place = after
	}
	for _, c := range strings.FieldsFunc(place, func(r rune) bool { return r == ',' || r == '،' || r == ';' || r == '/' }) {
		if c = fold(c); c != "" {
			l.cities = append(l.cities, c)
		}
	}
	return l, true
}

// labelArea are the IANA areas whose cities a label's place may name.
var labelAreas = []string{"Asia", "Europe", "Africa", "America", "Australia", "Pacific", "Atlantic", "Indian"}

// labelZone resolves an Outlook label (see parseLabel) to a zone. Windows
// display labels are not in CLDR, but the comments of CLDR's
// windowsZones.xml give each Windows zone's label, and windowszones.tsv
// keeps them; so a label is looked up, in this order:
//
//  1. as a whole, by its place: a label Windows wrote ("(UTC+04:00) Abu
//     Dhabi, Muscat" is Arabian Standard Time, Asia/Dubai), at its offset,
//     then at any (the offsets of older labels, "(GMT-04:30) Caracas");
//  2. by one of its places: a city of a Windows label, or the city of the
//     zone a Windows name stands for, at the label's offset, then at any
//     ("(GMT+02:00) Athens, Bucharest, Istanbul", an older label, is GTB
//     Standard Time);
//  3. by an IANA zone named after one of its places (Area/City) whose
//     standard or summer offset is the label's ("(UTC+01:00) Oslo");
//  4. by its offset, when a single Windows zone has it ("(UTC+03:30)
//     تهران", a Persian Outlook's label, is Asia/Tehran, with its
//     historical daylight saving time);
//  5. else as the fixed offset it names, which knows no daylight saving
//     time.
//
// ok is false when s is not a label.
func labelZone(s string) (loc *time.Location, ok bool) {
	l, ok := parseLabel(s)
	if !ok {
		return nil, false
	}
	place := fold(l.place)
	for _, sameOffset := range []bool{true, false} {
		for _, w := range windowsZones {
			if (!sameOffset || w.offset == l.offset) && place != "" && w.place == place {
				return loadKnown(w.iana), true
			}
		}
	}
	for _, sameOffset := range []bool{true, false} {
		for _, c := range l.cities {
			for _, w := range windowsZones {
				if (!sameOffset || w.offset == l.offset) && containsString(w.cities, c) {
					return loadKnown(w.iana), true
				}
			}
		}
	}
	for i, c := range l.cities {
		if i == 8 {
			break // a label names a few places; the rest are not looked up
		}
		city := zoneCity(c)
		for _, area := range labelAreas {
			if loc, err := time.LoadLocation(area + "/" + city); err == nil && hasOffset(loc, l.offset) {
				return loc, true
			}
		}
	}
	var only *windowsZone
	for i, w := range windowsZones {
		if w.offset == l.offset && !strings.HasPrefix(w.iana, "Etc/") {
			if only != nil {
				only = nil
				break
			}
			only = &windowsZones[i]
		}
	}
	if only != nil {
		return loadKnown(only.iana), true
	}
	return time.FixedZone(strings.TrimSpace(s), l.offset), true
}

// zoneCity writes a folded city as IANA names do: "new york" → New_York.
func zoneCity(c string) string {
	words := strings.Fields(c)
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, "_")
}

// hasOffset reports whether loc's offset in January or July of 2024 is
// offset (its standard or summer time, in either hemisphere).
func hasOffset(loc *time.Location, offset int) bool {
	for _, m := range []time.Month{time.January, time.July} {
		if _, off := time.Date(2024, m, 1, 0, 0, 0, 0, loc).Zone(); off == offset {
			return true
		}
	}
	return false
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// loadKnown loads an IANA zone of windowszones.tsv; Asia/Tehran is
// jalali.Tehran, which needs no zone database. A zone the database does not
// have is UTC (a test checks that every zone of the table loads).
func loadKnown(iana string) *time.Location {
	if iana == tzid {
		return jalali.Tehran
	}
	loc, err := time.LoadLocation(iana)
	if err != nil {
		return time.UTC
	}
	return loc
}

// knownZone resolves a TZID that names a zone by itself: an IANA name, a
// Windows name (CLDR's table, any case: "Iran Standard Time"), or an IANA
// name after a prefix, as tzurl.org, Mozilla and libical write them
// ("/mozilla.org/20050126_1/Europe/Berlin", "/citadel.org/20190914_1/Asia/Tehran").
// "Local", the server's own zone, is no zone a file can mean.
func knownZone(id string) (*time.Location, bool) {
	id = strings.TrimSpace(id)
	if id == tzid {
		return jalali.Tehran, true
	}
	if iana, ok := windowsNames[fold(id)]; ok {
		return loadKnown(iana), true
	}
	if id == "" || strings.EqualFold(id, "local") {
		return nil, false
	}
	if loc, err := time.LoadLocation(id); err == nil {
		return loc, true
	}
	parts := strings.Split(strings.Trim(id, "/"), "/")
	for n := 3; n >= 1; n-- {
		if len(parts) > n && strings.HasPrefix(id, "/") {
			name := strings.Join(parts[len(parts)-n:], "/")
			if name == tzid {
				return jalali.Tehran, true
			}
			if loc, err := time.LoadLocation(name); err == nil && !strings.EqualFold(name, "local") {
				return loc, true
			}
		}
	}
	return nil, false
}

// zones are the time zones of one file: each TZID its VEVENTs name,
// resolved once, and the zone of its floating times.
//
// A TZID is resolved, in this order, as a zone that names itself (see
// knownZone: IANA wins over the file's VTIMEZONE of the same name, whose
// rules may be a client's approximation), by the file's own VTIMEZONE of
// that TZID (Outlook's labels, Office 365's "Customized Time Zone",
// "tzone://Microsoft/Custom", or any name of the client's own; see
// readVTimezone), as an Outlook label (see labelZone) when its VTIMEZONE is
// missing or cannot be read, and else not at all: the VEVENT is skipped,
// with the reason (the VTIMEZONE's fault, or an unknown zone).
//
// Floating times (no TZID, no Z) are Tehran time, unless the file says
// otherwise with X-WR-TIMEZONE (Google Calendar writes it; its value is
// resolved as a TZID is). An X-WR-TIMEZONE that names no zone leaves them
// Tehran time.
type zones struct {
	vtz      map[string]*goical.Component // the file's VTIMEZONEs, by TZID
	resolved map[string]zoneResult
	floating string // X-WR-TIMEZONE, "" when it names no zone
	key      int64  // the key of these zones in fileZones
}

type zoneResult struct {
	loc *time.Location
	err error
}

// fileZones holds the zones of each file being parsed, by key, so that
// instant, which recur.go's readers of RDATE, EXDATE and RECURRENCE-ID call
// with a property alone, finds them: mark rewrites each TZID of the file's
// VEVENTs to name its zones and the TZID as written (see zoneRef).
var (
	fileZones sync.Map // int64 → *zones
	zonesKeys atomic.Int64
)

// zoneRefPrefix starts a TZID that mark rewrote: a NUL, then the key of
// the file's zones, a NUL and the TZID as written. mark wraps every TZID of
// the properties instant reads, so a file that writes such a reference
// itself only names an unknown zone of its own.
const zoneRefPrefix = "\x00zones:"

// newZones reads cal's VTIMEZONEs and X-WR-TIMEZONE and registers the
// zones in fileZones until release.
func newZones(cal *goical.Calendar) *zones {
	z := &zones{vtz: map[string]*goical.Component{}, resolved: map[string]zoneResult{}, key: zonesKeys.Add(1)}
	for _, c := range cal.Children {
		if c.Name == goical.CompTimezone {
			if id := c.Props.Get(goical.PropTimezoneID); id != nil {
				if _, dup := z.vtz[id.Value]; !dup {
					z.vtz[id.Value] = c
				}
			}
		}
	}
	if p := cal.Props.Get("X-WR-TIMEZONE"); p != nil {
		if id := strings.TrimSpace(p.Value); id != "" {
			if r := z.resolve(id); r.err == nil {
				z.floating = id
			}
		}
	}
	fileZones.Store(z.key, z)
	return z
}

// release forgets z.
func (z *zones) release() { fileZones.Delete(z.key) }

// maxZones is the most TZIDs one file may name: each is looked up in the
// zone database, perhaps built from the file's VTIMEZONE, once.
const maxZones = 100

// resolve finds the zone of a TZID, once.
func (z *zones) resolve(id string) zoneResult {
	if r, ok := z.resolved[id]; ok {
		return r
	}
	var r zoneResult
	if len(z.resolved) >= maxZones {
		return zoneResult{err: bad("", fmt.Errorf("time zone %q: the file names more than %d time zones", id, maxZones),
			"فایل بیش از "+jalali.FaNum(maxZones)+" منطقه زمانی نام می‌برد؛ منطقه زمانی «"+isolate(clip(id))+"» دیگر خوانده نشد.")}
	}
	if loc, ok := knownZone(id); ok {
		r.loc = loc
	} else if c, ok := z.vtz[id]; ok {
		if r.loc, r.err = readVTimezone(c); r.err != nil {
			if loc, ok := labelZone(id); ok {
				r = zoneResult{loc: loc}
			} else {
				r.err = unreadableZone(id, r.err)
			}
		}
	} else if loc, ok := labelZone(id); ok {
		r.loc = loc
	} else {
		r.err = unknownZone(id)
	}
	z.resolved[id] = r
	return r
}

// unreadableZone is the fault of a TZID whose VTIMEZONE, err, cannot be
// read.
func unreadableZone(id string, err error) error {
	fa := "تعریف آن خوانا نیست."
	var p *problem
	if errors.As(err, &p) {
		fa = p.fa
	}
	return bad("", fmt.Errorf("time zone %q: %w", id, err),
		"تعریف منطقه زمانی «"+isolate(clip(id))+"» در فایل (VTIMEZONE) خوانا نیست: "+fa)
}

func unknownZone(id string) error {
	return bad("", fmt.Errorf("unknown time zone %q (neither an IANA or Windows name nor an Outlook label, and the file has no VTIMEZONE of it)", id),
		"منطقه زمانی «"+isolate(clip(id))+"» شناخته نیست و فایل هم تعریف آن (VTIMEZONE) را ندارد.")
}

// zoneProps are the properties whose DATE-TIME values instant reads.
var zoneProps = []string{
	goical.PropDateTimeStart, goical.PropDateTimeEnd, goical.PropRecurrenceDates,
	goical.PropExceptionDates, goical.PropRecurrenceID,
}

// mark rewrites the TZID of every date-time property of cal's VEVENTs into
// a reference to z (see zoneRefPrefix), and gives the floating ones the
// zone of X-WR-TIMEZONE, if any.
func (z *zones) mark(cal *goical.Calendar) {
	for _, c := range cal.Children {
		if c.Name != goical.CompEvent {
			continue
		}
		for _, name := range zoneProps {
			for i := range c.Props[name] {
				p := &c.Props[name][i]
				id := tzidOf(p)
				switch {
				case id != "":
				case z.floating == "" || isDate(p) || strings.HasSuffix(strings.TrimSpace(p.Value), "Z"):
					continue
				default:
					id = z.floating
				}
				if p.Params == nil {
					p.Params = goical.Params{}
				}
				p.Params.Set(goical.PropTimezoneID, zoneRefPrefix+strconv.FormatInt(z.key, 10)+"\x00"+id)
			}
		}
	}
}

// tzidOf is p's TZID parameter. A TZID holding a comma must be quoted
// ("(UTC+04:00) Abu Dhabi, Muscat"); one that was not reads as a list of
// values, joined again here.
func tzidOf(p *goical.Prop) string {
	return strings.Join(p.Params.Values(goical.PropTimezoneID), ",")
}

// zoneOf resolves the TZID of a property: a reference mark wrote, to its
// file's zone; any other, without a file, as a zone that names itself or
// an Outlook label. name is the TZID as the file wrote it.
func zoneOf(id string) (loc *time.Location, name string, err error) {
	if ref, ok := strings.CutPrefix(id, zoneRefPrefix); ok {
		key, name, _ := strings.Cut(ref, "\x00")
		n, _ := strconv.ParseInt(key, 10, 64)
		if z, ok := fileZones.Load(n); ok {
			r := z.(*zones).resolve(name)
			return r.loc, name, r.err
		}
		return nil, name, errors.New("ical: the zones of a file read after its parse ended")
	}
	if loc, ok := knownZone(id); ok {
		return loc, id, nil
	}
	if loc, ok := labelZone(id); ok {
		return loc, id, nil
	}
	return nil, id, unknownZone(id)
}
