// Package ical writes ruydad's events and occasions as an RFC 5545
// iCalendar feed for calendar apps, and reads .ics files back into events.
//
// # Writing
//
// A Writer streams: the header (with the Asia/Tehran VTIMEZONE) goes out
// before the first component and each Event or Occasion call writes its
// VEVENTs at once, so a feed of any size never sits in memory. Lines end in
// CRLF and fold at 75 octets, never inside a UTF-8 character. DESCRIPTION
// begins with Persian lines the writer adds (the Jalali date, province,
// organization, source article), then a blank line and the event's own text.
//
// All-day events are VALUE=DATE with an exclusive DTEND. Timed events are
// Asia/Tehran wall time. One that has a start time and no end time is
// written an hour long (see openEnd): RFC 5545 would make a DTSTART-only
// VEVENT an instant, which calendar apps draw as a sliver and leave out of
// free/busy. Several days with a start time and no end time last until the
// end of the last day.
//
// # Yearly Jalali items
//
// Occasions and yearly events recur on a Jalali month and day, which wanders
// across Gregorian dates (27 Ordibehesht is 2024-05-16 but 2025-05-17), so a
// Gregorian RRULE:FREQ=YEARLY would drift. By default each yearly item is
// written as one ordinary VEVENT per Jalali year of the window
// Feed.FromYear..Feed.ToYear with its real Gregorian dates, each with its own
// UID (occasion-pr-day-1403@ruydad, or the event's UID with the year before
// the @). That is the only form every client reads alike. The alternatives
// fail in real clients: RDATE on one VEVENT is not expanded by ical.js
// (Thunderbird), whose occurrence iterator does not yield DTSTART itself
// when a VEVENT carries only RDATEs although RFC 5545 counts it as the first
// instance, and Google Calendar's RDATE support is unreliable; RECURRENCE-ID
// overrides need a master rule to override, which a Jalali item cannot have.
//
// Feed.RScale instead writes each yearly item once, with DTSTART at its
// first occurrence in the window and RRULE:RSCALE=PERSIAN;FREQ=YEARLY;
// BYMONTH=m;BYMONTHDAY=d (RFC 7529), for clients that implement RSCALE. SKIP
// is left at its default OMIT, matching the domain: 30 Esfand has no
// occurrence in a common year. It is opt-in because a client that ignores
// RSCALE reads the rule as a Gregorian one: ical.js 2.2.1 does exactly that
// and puts 27 Ordibehesht on the 27th of February every year.
//
// The Asia/Tehran VTIMEZONE carries Iran's daylight-saving history
// (1370–1384 and 1387–1401, +04:30 from the end of 1 Farvardin to the end
// of 30 Shahrivar; none since 1402), each onset as its own RDATE property
// because ical.js reads only the first value of an RDATE list.
//
// Tests cross-check the output with ical.js, Thunderbird's parser
// (testdata/icaljs; run `npm ci --prefix internal/ical/testdata/icaljs`
// first, or those tests skip).
//
// # Reading
//
// ParseWith (and Parse, with the default window) reads a whole .ics file
// (for instance a Google Calendar export) into events with Jalali dates,
// all or nothing. It uses github.com/emersion/go-ical for the syntax
// (unfolding, parameters, TEXT unescaping, DATE and DATE-TIME values with
// TZID): a small, strict decoder with no dependencies beyond rrule-go,
// maintained by the author of go-webdav's CalDAV server, that reports
// malformed input as errors instead of guessing. It has no tagged releases,
// so go.mod pins a pseudo-version.
//
// A refused file comes back as a *Problems listing each VEVENT at fault by
// its place, UID and SUMMARY, the property and what is wrong, in English
// for the command line and in Persian (Persian) for the web form.
//
// # Recurring events
//
// A recurring VEVENT whose rule a series of ours says is imported as one
// series (see keep): a weekly rule (FREQ=WEEKLY on weekdays every N weeks,
// FREQ=DAILY every day or every 7×N days) once every instance has been
// checked to start on the series' days at its Tehran time (over the whole
// series, or up to the window's end for an endless one), and a Jalali rule
// (RSCALE=PERSIAN, RFC 7529) monthly on DTSTART's day or nth weekday, or
// yearly, each every N months or years, with COUNT, UNTIL or no end. Its
// EXDATEs and cancelled instances become the series' skipped days, each
// other VEVENT with its RECURRENCE-ID an event standing in for its
// occurrence (domain.Override), under the instance's UID, as when a
// person moves one occurrence in ruydad; its UID stays the series', so a
// later revision updates it in place. Parsed.Kept counts them.
//
// Any other recurring VEVENT (a Gregorian month or year, which falls on
// different Jalali days; a meeting in a zone with daylight saving time,
// whose Tehran time moves; weeks counted from another WKST than Saturday
// with an INTERVAL; every 3 days; dates given one by one as RDATEs) is
// imported as what a person sees in the calendar app it came from: one
// event per instance (RFC 5545 3.8.5: DTSTART, which always counts, the
// RRULE's occurrences and the RDATEs, less the EXDATEs; a VEVENT with the
// instance's RECURRENCE-ID replaces it), and Parsed.Expanded says why for
// each. Each event's UID is the series UID with the instance's original
// start before the @ (weekly-20240516T063000Z@google.com), so importing
// the same file again, or a later export of the same calendar, adds only
// what is new. A series with an end (COUNT or UNTIL) in MaxOccurrences
// instances is expanded whole; one without an end, or longer, over the
// same window of Jalali years a feed writes yearly items for
// (Options.FromYear..ToYear; by default five years back to ten ahead),
// because the other choice, refusing the file, would make most Google
// Calendar exports unusable; the command line and the web form say how
// many series were expanded, and up to which year.
//
// What cannot be imported is left out and named: a VEVENT that cannot be
// read is skipped (Parsed.Skipped); one read but against ruydad's rules is
// refused (Parsed.Refused): rules that repeat within a day (HOURLY and
// finer: events are days with a time), other calendar scales than
// Gregorian and Persian, a Jalali rule no series of ours says,
// RANGE=THISANDFUTURE overrides, PERIOD RDATEs, an endless expanded series
// with no instance in the window, a date outside the calendar's years, a
// value too long to keep, a cancelled event. Without Options.SkipFaulty
// either refuses the file. A file of more than MaxEvents (20,000) events,
// or whose rules take more than two seconds to expand (a rule that never
// matches makes rrule-go walk 290 years a day at a time), is refused whole.
//
// The expansion uses github.com/teambition/rrule-go (a port of
// python-dateutil's rrule, which go-ical already depends on) directly, with
// our own DTSTART, RDATE and EXDATE reading, rather than go-ical's
// Component.RecurrenceSet: that helper adds the EXDATEs a second time as
// RDATEs and never reads RDATE, reads only the first value of a
// comma-separated EXDATE, and does not know Outlook's zone names. Wall-clock
// times recur in DTSTART's own zone (a 10:00 meeting in Berlin stays 10:00
// there across the change to winter time) and are then converted to Tehran
// time. Tests compare the instances with ical.js's expansion of the same
// file; the one difference is the ical.js quirk above: for a VEVENT that
// recurs by RDATEs alone it leaves out DTSTART, which RFC 5545 counts.
//
// Timed events are imported as Asia/Tehran wall time. A TZID may be an IANA
// name, a Windows name (CLDR's windowsZones table, embedded as
// windowszones.tsv), an Outlook or Exchange label ("(UTC+03:30) Tehran"),
// or any name the file's own VTIMEZONE defines (Office 365's "Customized
// Time Zone"); see zones for the order in which they are tried, and
// readVTimezone for how a VTIMEZONE becomes a zone. A floating time is
// Tehran time, unless X-WR-TIMEZONE (Google Calendar) names another zone.
// A VEVENT whose zone cannot be resolved is at fault: an unknown zone, or a
// VTIMEZONE that cannot be read, with its reason. Asia/Tehran itself and
// "Iran Standard Time" resolve without a zone database; any other IANA zone
// needs the system's (or a binary that imports time/tzdata, as cmd/ruydad
// does).
//
// A start that never happened (in the hour clocks skip when they go
// forward: 00:30 on 2 Farvardin 1401 in Tehran, in a year of daylight
// saving time) is moved to when the clocks jumped (01:00 +04:30) and the
// event keeps its length; Parsed.Adjusted says so, and the description is
// left as the file has it. (Keeping the time as written was the other
// choice; it would store a time of day that Tehran never had, which no
// other zone could be converted to.) An end that never happened is read as
// RFC 5545 says, in the offset before the change, which keeps the length
// too; a time that happened twice is the first. An occurrence of a series
// (an RRULE's, an RDATE) that falls in such a gap is read as RFC 5545 says
// too, later by the gap, with its length; and a series whose DTSTART is in
// one repeats at the moved time, as recur.go takes the wall-clock time of
// its occurrences from the moved start.
package ical
