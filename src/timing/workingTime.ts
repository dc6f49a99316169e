import { DateTime } from 'luxon';
import type { WorkingTime } from '../domain/conversations.js';
import type { ReminderSlot } from './slots.js';

/**
 * Working days, working hours and holidays, per conversation and in its own zone: when the bot
 * may speak unprompted. Pure functions of an instant, so every rule is tested with a clock.
 */

/** What decides when a conversation may be spoken to: its working time, its zone, and a pause (a person's mute). */
export interface Quiet {
  working: WorkingTime;
  zone: string;
  /** Nothing before this instant (a mute); null when there is none. */
  pausedUntil?: Date | null;
}

const clock = (hhmm: string) => {
  const [hour, minute] = hhmm.split(':').map(Number);
  return { hour: hour!, minute: minute! };
};

/** The instant a local "HH:mm" falls on a day (24:00 is the next midnight); a time skipped by a clock change moves forward, as luxon does. */
function onDay(day: DateTime, hhmm: string): DateTime {
  if (hhmm === '24:00') return day.plus({ days: 1 }).startOf('day');
  return day.set({ ...clock(hhmm), second: 0, millisecond: 0 });
}

function isWorkingDay(day: DateTime, working: WorkingTime): boolean {
  return working.days.includes(day.weekday) && !working.holidays.includes(day.toISODate()!);
}

/**
 * The first instant at or after `at` that is working time and after any pause: `at` itself
 * when it already is. Always found: a working time has at least one weekday, and holidays
 * cover at most 400 days.
 */
export function nextWorkingTime(at: Date, quiet: Quiet): Date {
  const from = quiet.pausedUntil && quiet.pausedUntil > at ? quiet.pausedUntil : at;
  let t = DateTime.fromJSDate(from, { zone: quiet.zone });
  for (let i = 0; i < 1200; i++) {
    const day = t.startOf('day');
    if (isWorkingDay(day, quiet.working)) {
      const start = onDay(day, quiet.working.start);
      const end = onDay(day, quiet.working.end);
      if (t < start) return start.toJSDate();
      if (t < end) return t.toJSDate();
    }
    t = day.plus({ days: 1 }).startOf('day');
  }
  throw new Error('no working time within three years');
}

export function isWorkingTime(at: Date, quiet: Quiet): boolean {
  return nextWorkingTime(at, quiet).getTime() === at.getTime();
}

/**
 * Reminder slots moved into working time. A deadline gets one reminder per day at most: a slot
 * moved onto the day of a later slot gives way to it (the later one says more: "due today"
 * rather than "due tomorrow").
 */
export function intoWorkingTime(slots: readonly ReminderSlot[], quiet: Quiet): ReminderSlot[] {
  const moved = slots.map((s) => ({ ...s, at: nextWorkingTime(s.at, quiet) }));
  const day = (at: Date) => DateTime.fromJSDate(at, { zone: quiet.zone }).toISODate();
  return moved.filter((s, i) => !moved.slice(i + 1).some((later) => day(later.at) === day(s.at)));
}

/** A short stable form of a working time, to tell whether a scheduled slot was planned under other rules. */
export function workingKey(quiet: Quiet): string {
  const w = quiet.working;
  return `${w.days.join('')}@${w.start}-${w.end}${w.holidays.length ? `/${[...w.holidays].sort().join(',')}` : ''}${quiet.pausedUntil ? `~${quiet.pausedUntil.toISOString()}` : ''}`;
}

// Words for working time, both ways.

const DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const SHORT = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export const WORKING_DAYS_ACCEPTED = 'days as mon, tue, wed, thu, fri, sat, sun (or in full), a range such as “mon-fri” or “sun-thu”, or a list such as “mon,tue,thu”';
export const WORKING_HOURS_ACCEPTED = 'a start and an end on the 24-hour clock, the end after the start, as in “working hours 07:30-17:00” (24:00 ends at midnight)';

/** "mon" / "Monday" / "tues" → 1..7; null for a word that is no day. */
function weekday(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 2) return null;
  const i = DAY_NAMES.findIndex((name, k) => name === w || SHORT[k] === w || (w.length >= 3 && name.startsWith(w)));
  return i < 0 ? null : i + 1;
}

export type Read<T> = { value: T } | { problem: string };

/** "mon-fri", "sun-thu", "mon,tue,thu", "Monday to Friday", "weekdays". */
export function readWorkingDays(text: string): Read<number[]> {
  const t = text.trim().toLowerCase();
  if (/^(?:weekdays|working\s+days|monday\s+to\s+friday)$/.test(t)) return { value: [1, 2, 3, 4, 5] };
  if (/^(?:every\s*day|daily|all)$/.test(t)) return { value: [1, 2, 3, 4, 5, 6, 7] };
  const days = new Set<number>();
  const parts = t
    .replace(/\s*(?:-|–|\bto\b|\bthrough\b)\s*/g, '-')
    .split(/[\s,;]+|\band\b/)
    .filter(Boolean);
  for (const part of parts) {
    const range = part.split('-');
    if (range.length > 2) return { problem: `“${part}” is not a range of days: give ${WORKING_DAYS_ACCEPTED}` };
    const [from, to] = range.map(weekday);
    const bad = range.find((r) => weekday(r) === null);
    if (bad !== undefined || from == null || (range.length === 2 && to == null)) return { problem: `“${bad || part}” is not a day of the week: give ${WORKING_DAYS_ACCEPTED}` };
    // A range wraps past Sunday: "fri-mon" is Friday, Saturday, Sunday and Monday.
    for (let d = from, n = 0; n < 7; d = (d % 7) + 1, n++) {
      days.add(d);
      if (d === (to ?? from)) break;
    }
  }
  if (days.size === 0) return { problem: `Working days are ${WORKING_DAYS_ACCEPTED}` };
  return { value: [...days].sort((a, b) => a - b) };
}

const TIME = /^(\d{1,2})(?:[:.h](\d{2}))?$/;

function readClock(word: string): string | null {
  const m = TIME.exec(word.trim());
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  if (minute > 59 || hour > 24 || (hour === 24 && minute > 0)) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** "07:30-17:00", "8-18", "07:30 to 17:00". */
export function readWorkingHours(text: string): Read<{ start: string; end: string }> {
  const parts = text.trim().split(/\s*(?:-|–|\bto\b|\buntil\b)\s*/i);
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { problem: `Working hours are ${WORKING_HOURS_ACCEPTED}` };
  const [start, end] = parts.map(readClock);
  const bad = !start ? parts[0] : !end ? parts[1] : null;
  if (bad) return { problem: `“${bad}” is not a time of day: working hours are ${WORKING_HOURS_ACCEPTED}` };
  if (start === '24:00') return { problem: `A working day cannot start at 24:00: working hours are ${WORKING_HOURS_ACCEPTED}` };
  if (start! >= end!) return { problem: `${start}-${end} ends before it starts; working hours within one day only (no night shifts): ${WORKING_HOURS_ACCEPTED}` };
  return { value: { start: start!, end: end! } };
}

/** "Monday to Friday", "Sunday to Thursday", "Monday, Tuesday and Thursday", "every day". */
export function daysInWords(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === 7) return 'every day';
  const name = (d: number) => DAY_NAMES[d - 1]!.replace(/^./, (c) => c.toUpperCase());
  // A run of consecutive days, possibly wrapping past Sunday, reads as a range.
  for (let first = 0; first < sorted.length; first++) {
    const run = [...sorted.slice(first), ...sorted.slice(0, first)];
    if (run.length > 2 && run.every((d, i) => i === 0 || d === (run[i - 1]! % 7) + 1)) return `${name(run[0]!)} to ${name(run.at(-1)!)}`;
  }
  const names = sorted.map(name);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]!;
}
