import { DateTime } from 'luxon';
import type { IsoDate } from '../domain/dates.js';
import type { DigestSettings } from '../domain/conversations.js';

/**
 * When the bot speaks: pure functions of dates, settings and a time zone. Every instant is
 * computed in the channel's own zone, so 09:00 stays 09:00 across daylight-saving changes.
 */

/** Reminders before a due date, in days: a month, a week, the day before, the day itself. */
export const DEFAULT_REMINDER_DAYS: readonly number[] = [30, 7, 1, 0];
/** Overdue reminders: the day after, then every week until marked done. */
export const OVERDUE_FIRST_DAY = 1;
export const OVERDUE_EVERY_DAYS = 7;
/** Reminders and overdue notices go out at this local time. */
export const REMINDER_TIME = { hour: 9, minute: 0 };

export interface ReminderSlot {
  /** Days before the due date; negative once overdue. */
  daysBefore: number;
  at: Date;
}

function localMorning(date: IsoDate, timeZone: string): DateTime {
  return DateTime.fromISO(date, { zone: timeZone }).set({ ...REMINDER_TIME, second: 0, millisecond: 0 });
}

/** The reminders still to come for a deadline, after `now`: before it is due, then overdue. */
export function upcomingSlots(due: IsoDate, days: readonly number[], timeZone: string, now: Date, overdueSlots = 1): ReminderSlot[] {
  const slots = [...new Set(days)]
    .filter((d) => d >= 0)
    .sort((a, b) => b - a)
    .map((d) => ({ daysBefore: d, at: localMorning(due, timeZone).minus({ days: d }).toJSDate() }))
    .filter((s) => s.at > now);
  return [...slots, ...overdueAfter(due, timeZone, now, overdueSlots)];
}

/** The next overdue reminders after `now`: due + 1 day, then weekly. */
export function overdueAfter(due: IsoDate, timeZone: string, now: Date, count = 1): ReminderSlot[] {
  const first = localMorning(due, timeZone).plus({ days: OVERDUE_FIRST_DAY });
  const elapsed = Math.max(0, Math.ceil(DateTime.fromJSDate(now).diff(first, 'days').days / OVERDUE_EVERY_DAYS));
  const out: ReminderSlot[] = [];
  for (let k = elapsed; out.length < count; k++) {
    const at = first.plus({ days: k * OVERDUE_EVERY_DAYS });
    if (at.toJSDate() > now) out.push({ daysBefore: -(OVERDUE_FIRST_DAY + k * OVERDUE_EVERY_DAYS), at: at.toJSDate() });
  }
  return out;
}

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

export interface ParsedWhen {
  at: Date;
  /** The words that named the time, to take out of the reminder's text. */
  text: string;
}

/**
 * "on 1 December at 9:00", "in 2 weeks", "tomorrow": read with a maintained date parser,
 * in the channel's time zone, always forward from now; 09:00 local when no time is given.
 */
export async function parseWhen(text: string, timeZone: string, now: Date): Promise<ParsedWhen | null> {
  // Loaded on first use: only "remind ..." needs it, and it weighs on every cold start.
  const chrono = await import('chrono-node');
  const offset = DateTime.fromJSDate(now, { zone: timeZone }).offset;
  const [result] = chrono.en.GB.parse(text, { instant: now, timezone: offset }, { forwardDate: true });
  if (!result) return null;
  const c = result.start;
  const hasTime = c.isCertain('hour');
  const at = DateTime.fromObject(
    {
      year: c.get('year') ?? undefined,
      month: c.get('month') ?? undefined,
      day: c.get('day') ?? undefined,
      hour: hasTime ? (c.get('hour') ?? 0) : REMINDER_TIME.hour,
      minute: hasTime ? (c.get('minute') ?? 0) : REMINDER_TIME.minute,
    },
    { zone: timeZone },
  );
  if (!at.isValid) return null;
  return { at: at.toJSDate(), text: result.text };
}
