import ical, { ICalCalendarMethod, ICalEventTransparency } from 'ical-generator';
import type { CalendarFeed } from '../../src/core/calendar.js';

/** A calendar feed as iCalendar (RFC 5545) through ical-generator: one all-day event per open deadline. */

const MS_PER_DAY = 86_400_000;
/** How often a subscribed calendar should look again (REFRESH-INTERVAL, and the X-PUBLISHED-TTL Outlook and Apple read). */
const REFRESH_SECONDS = 3600;

export function toICalendar(feed: CalendarFeed, now: Date): string {
  const calendar = ical({
    name: feed.name,
    prodId: { company: 'Rapporteur', product: 'Treaty-body deadlines', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: REFRESH_SECONDS,
  });
  for (const e of feed.events) {
    const start = new Date(`${e.date}T00:00:00Z`);
    calendar.createEvent({
      id: e.uid,
      stamp: now,
      start,
      end: new Date(start.getTime() + MS_PER_DAY),
      allDay: true,
      summary: e.title,
      description: e.description,
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  const text = calendar.toString();
  // RFC 5545 ends every content line with CRLF, the last one too; the library leaves the last bare.
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
