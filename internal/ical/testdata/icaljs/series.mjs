// Reads an .ics file with Mozilla's ical.js as a calendar app does, each
// series with the VEVENTs that override its instances (RECURRENCE-ID)
// related to it, and prints, per UID, the start of every occurrence ical.js
// expands (a moved one where it was moved to) as JSON, for the tests of
// ruydad's series: node series.mjs feed.ics
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const root = new ICAL.Component(ICAL.parse(readFileSync(process.argv[2], "utf8")));
for (const tz of root.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(tz));
}
const until = ICAL.Time.fromDateString("2040-01-01");
const vevents = root.getAllSubcomponents("vevent");
const masters = new Map();
for (const c of vevents) {
  if (!c.hasProperty("recurrence-id")) {
    masters.set(c.getFirstPropertyValue("uid"), new ICAL.Event(c));
  }
}
const out = {};
for (const c of vevents) {
  if (!c.hasProperty("recurrence-id")) continue;
  const uid = c.getFirstPropertyValue("uid");
  const master = masters.get(uid);
  if (master) {
    master.relateException(c);
  } else {
    (out[uid] ??= []).push(c.getFirstPropertyValue("dtstart").toString());
  }
}
for (const [uid, ev] of masters) {
  const starts = (out[uid] ??= []);
  const it = ev.iterator();
  for (let t = it.next(); t && t.compare(until) < 0 && starts.length < 500; t = it.next()) {
    starts.push(ev.getOccurrenceDetails(t).startDate.toString());
  }
}
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
