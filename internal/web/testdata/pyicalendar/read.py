"""Reads each iCalendar file named on the command line with Debian's
python3-icalendar (icalendar.Calendar.from_ical) and prints, as JSON, each
file's VEVENTs: UID, SUMMARY, DTSTART, RRULE, EXDATEs, RECURRENCE-ID and
the VALARMs' triggers (seconds, negative before the start). Any file it
cannot read ends it with an error. Used by internal/web's
TestFeedsReadByPythonICalendar."""
import json
import sys

import icalendar


def when(prop):
    return prop.dt.isoformat() if prop is not None else ""


def exdates(ev):
    prop = ev.get("EXDATE")
    if prop is None:
        return []
    lists = prop if isinstance(prop, list) else [prop]
    return sorted(d.dt.isoformat() for l in lists for d in l.dts)


def read(path):
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    events = []
    for ev in cal.walk("VEVENT"):
        rule = ev.get("RRULE")
        events.append({
            "uid": str(ev.get("UID")),
            "summary": str(ev.get("SUMMARY", "")),
            "dtstart": when(ev.get("DTSTART")),
            "rrule": rule.to_ical().decode() if rule is not None else "",
            "exdate": exdates(ev),
            "recurrence_id": when(ev.get("RECURRENCE-ID")),
            "triggers": [int(a.get("TRIGGER").dt.total_seconds()) for a in ev.walk("VALARM")],
        })
    return events


json.dump({path: read(path) for path in sys.argv[1:]}, sys.stdout, ensure_ascii=False)
