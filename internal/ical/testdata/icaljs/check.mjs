// Reads an .ics file with Mozilla's ical.js (Thunderbird's parser) and
// prints its VEVENTs as JSON, with the occurrences ical.js expands, for
// internal/ical's tests: node check.mjs feed.ics
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const root = new ICAL.Component(ICAL.parse(readFileSync(process.argv[2], "utf8")));
for (const tz of root.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(tz));
}
const until = ICAL.Time.fromDateString("2040-01-01");
const events = root.getAllSubcomponents("vevent").map((c) => {
  const ev = new ICAL.Event(c);
  const occurrences = [];
  const occurrencesUnix = [];
  const it = ev.iterator();
  for (let t = it.next(); t && t.compare(until) < 0 && occurrences.length < 100; t = it.next()) {
    occurrences.push(t.toString());
    occurrencesUnix.push(t.toUnixTime());
  }
  return {
    uid: ev.uid,
    summary: ev.summary,
    description: ev.description,
    location: ev.location,
    categories: c.getAllProperties("categories").flatMap((p) => p.getValues()),
    start: ev.startDate.toString(),
    end: ev.endDate.toString(),
    startUnix: ev.startDate.toUnixTime(),
    occurrences,
    occurrencesUnix,
    alarms: c.getAllSubcomponents("valarm").map((a) => {
      const trigger = a.getFirstProperty("trigger");
      const value = trigger.getFirstValue();
      return {
        action: a.getFirstPropertyValue("action"),
        description: a.getFirstPropertyValue("description"),
        related: trigger.getParameter("related") || "",
        // A relative TRIGGER (ICAL.Duration): its seconds, negative before.
        triggerSeconds: value instanceof ICAL.Duration ? value.toSeconds() : null,
      };
    }),
  };
});
process.stdout.write(JSON.stringify(events, null, 1) + "\n");
