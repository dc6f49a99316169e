import { DateTime } from 'luxon';
import { REMINDER_TIME } from './slots.js';

/** When a person asks to be reminded, in their own words. */

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
