// Expands an iCalendar file with ical.js, as Thunderbird and many web calendars do.
// Usage: node expand_ics.mjs START END < feed.ics   (START, END: ISO instants in UTC)
// Prints JSON: [[uid, start], ...] for the occurrences starting from START to 60 days after END (the caller
// narrows them), start as a UTC instant (YYYY-MM-DDTHH:MM:SSZ) or, all day, a date.
import fs from "node:fs";
import ICAL from "ical.js";

const [windowStart, windowEnd] = process.argv.slice(2).map((text) => ICAL.Time.fromJSDate(new Date(text), true));
const root = new ICAL.Component(ICAL.parse(fs.readFileSync(0, "utf8")));
for (const zone of root.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
const vevents = root.getAllSubcomponents("vevent");
const found = [];
const stop = windowEnd.clone();
stop.day += 60; // a date moved into the window from up to 60 days later is still seen

function instant(time) {
  if (time.isDate) return time.toString();
  return time.toJSDate().toISOString().replace(".000Z", "Z");
}

for (const component of vevents.filter((item) => !item.hasProperty("recurrence-id"))) {
  const uid = component.getFirstPropertyValue("uid");
  const exceptions = vevents.filter(
    (item) => item.hasProperty("recurrence-id") && item.getFirstPropertyValue("uid") === uid,
  );
  const event = new ICAL.Event(component, { exceptions, strictExceptions: true });
  const iterator = event.iterator();
  let next;
  while ((next = iterator.next()) && next.compare(stop) < 0) {
    const details = event.getOccurrenceDetails(next);
    const start = details.startDate;
    if (start.compare(windowStart) < 0) continue;
    found.push([uid, instant(start)]);
  }
}
process.stdout.write(JSON.stringify(found));
