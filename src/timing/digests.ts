import { DateTime } from 'luxon';
import type { DigestSettings } from '../domain/conversations.js';

/** When a conversation's digest goes out, in its own time zone. */

/** The cron pattern of a digest, read in the channel's time zone by the scheduler. */
export function digestPattern(settings: DigestSettings): string {
  const [hour, minute] = settings.time.split(':').map(Number);
  return `${minute} ${hour} * * ${settings.cadence === 'weekdays' ? '1-5' : '*'}`;
}

/** The next digest after `from`, in the channel's time zone. */
export function nextDigestAt(settings: DigestSettings, timeZone: string, from: Date): Date {
  const [hour, minute] = settings.time.split(':').map(Number);
  let day = DateTime.fromJSDate(from, { zone: timeZone }).startOf('day');
  for (let i = 0; i < 8; i++, day = day.plus({ days: 1 })) {
    const at = day.set({ hour, minute });
    if (at.toJSDate() <= from) continue;
    if (settings.cadence === 'weekdays' && at.weekday > 5) continue;
    return at.toJSDate();
  }
  throw new Error('no digest time within a week');
}
