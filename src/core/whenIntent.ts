import { DateTime } from 'luxon';
import { readWorkingDays, readWorkingHours } from '../timing/workingTime.js';
import { Command } from './commandSchemas.js';

/**
 * The words for when and where the bot speaks unprompted: working hours and days, holidays,
 * a person's mute, the calendar feed. Every value that cannot be kept is refused with what is
 * accepted, never run.
 */

const refused = (text: string, problem: string): Command => ({ name: 'unknown', args: { text, suggestions: [], problem } });

const HOLIDAYS_ACCEPTED = 'holidays are dates as YYYY-MM-DD, up to 60 at once, as in “holidays add 2026-12-25 2026-12-26” or “holidays remove 2026-12-25”; “holidays” lists them';
const MUTE_ACCEPTED = 'a mute lasts until a date, given as YYYY-MM-DD, as in “mute until 2027-01-05”; “unmute” ends it';

/** A word that should be a date: the date, or why it is none. */
function isoDate(word: string): string | { problem: string } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(word)) return { problem: `“${word}” is not a date as YYYY-MM-DD` };
  const date = DateTime.fromISO(word);
  return date.isValid ? word : { problem: `${word} is not a day of the calendar` };
}

export function whenIntent(text: string): Command | null {
  const hours = /^working\s+hours?\b\s*(.*)$/i.exec(text);
  if (hours) {
    const rest = hours[1]!.trim();
    if (rest === '') return { name: 'working-hours', args: {} };
    const read = readWorkingHours(rest);
    return 'problem' in read ? refused(text, read.problem) : { name: 'working-hours', args: { hours: read.value } };
  }
  const days = /^working\s+days?\b\s*(.*)$/i.exec(text);
  if (days) {
    const rest = days[1]!.trim();
    if (rest === '') return { name: 'working-days', args: {} };
    const read = readWorkingDays(rest);
    return 'problem' in read ? refused(text, read.problem) : { name: 'working-days', args: { days: read.value } };
  }
  const holidays = /^(?:holidays?|days\s+off)\b\s*(.*)$/i.exec(text);
  if (holidays) {
    const rest = holidays[1]!.trim();
    if (rest === '' || /^(?:list|show)$/i.test(rest)) return { name: 'holidays', args: { action: 'list' } };
    const change = /^(add|remove|delete|drop)\s+(.+)$/i.exec(rest);
    if (!change) return refused(text, `“${rest.split(/\s+/)[0]}” is not something I can do with holidays: ${HOLIDAYS_ACCEPTED}`);
    const dates: string[] = [];
    for (const word of change[2]!.split(/[\s,;]+|\band\b/).filter(Boolean)) {
      const date = isoDate(word);
      if (typeof date !== 'string') return refused(text, `${date.problem}: ${HOLIDAYS_ACCEPTED}`);
      dates.push(date);
    }
    const action = /^add$/i.test(change[1]!) ? 'add' : 'remove';
    const parsed = Command.safeParse({ name: 'holidays', args: { action, dates: [...new Set(dates)] } });
    return parsed.success ? parsed.data : refused(text, `That is too many at once: ${HOLIDAYS_ACCEPTED}`);
  }
  const mute = /^mute\b\s*(.*)$/i.exec(text);
  if (mute) {
    const until = /^(?:until|till|to)\s+(.+)$/i.exec(mute[1]!.trim());
    if (!until) return refused(text, `Say until when: ${MUTE_ACCEPTED}`);
    const date = isoDate(until[1]!);
    return typeof date === 'string' ? { name: 'mute', args: { until: date } } : refused(text, `${date.problem}: ${MUTE_ACCEPTED}`);
  }
  if (/^unmute$/i.test(text)) return { name: 'unmute', args: {} };
  const calendar = /^(?:calendar|ical|ics)(?:\s+(feed|link|url|reset|renew|new|off|revoke|stop))?\s*$/i.exec(text);
  if (calendar) {
    const word = (calendar[1] ?? '').toLowerCase();
    return { name: 'calendar', args: { action: /^(?:reset|renew|new)$/.test(word) ? 'reset' : /^(?:off|revoke|stop)$/.test(word) ? 'off' : 'show' } };
  }
  return null;
}
