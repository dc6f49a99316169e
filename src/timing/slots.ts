import { DateTime } from 'luxon';
import { dateIn, daysBetween, type IsoDate } from '../domain/dates.js';
import { intoWorkingTime, type Quiet } from './workingTime.js';

/**
 * When a deadline's reminders go out: a pure plan of typed slots, computed in the
 * conversation's own zone, so 09:00 stays 09:00 across daylight-saving changes.
 */

/** Reminders before a due date, in days: a month, a week, the day before, the day itself. */
export const DEFAULT_REMINDER_DAYS: readonly number[] = [30, 7, 1, 0];
/** Overdue reminders: the day after, then every week until marked done. */
export const OVERDUE_FIRST_DAY = 1;
export const OVERDUE_EVERY_DAYS = 7;
/** Reminders and overdue notices go out at this local time. */
export const REMINDER_TIME = { hour: 9, minute: 0 };

export type ReminderSlot =
  /** `days` before the due date (0: the day itself). */
  | { kind: 'before'; days: number; at: Date }
  /** `days` after the due date, nothing marked done. */
  | { kind: 'overdue'; days: number; at: Date }
  /** When a snooze ends. */
  | { kind: 'snoozed'; at: Date };

/** A short stable name for a slot, for job ids: "b30", "b0", "o8", "s1767250800000". */
export function slotId(slot: ReminderSlot): string {
  return slot.kind === 'before' ? `b${slot.days}` : slot.kind === 'overdue' ? `o${slot.days}` : `s${slot.at.getTime()}`;
}

/** The slot a name and time stand for; null for a name that is none. */
export function slotFromId(id: string, at: Date): ReminderSlot | null {
  const m = /^([bos])(\d+)$/.exec(id);
  if (!m) return null;
  const n = Number(m[2]);
  return m[1] === 'b' ? { kind: 'before', days: n, at } : m[1] === 'o' ? { kind: 'overdue', days: n, at } : { kind: 'snoozed', at };
}

/** After this slot has gone out, whether the next overdue reminder follows it. */
export function leadsToOverdue(slot: ReminderSlot): boolean {
  return slot.kind !== 'before' || slot.days === 0;
}

function localMorning(date: IsoDate, timeZone: string): DateTime {
  return DateTime.fromISO(date, { zone: timeZone }).set({ ...REMINDER_TIME, second: 0, millisecond: 0 });
}

/** The reminders still to come for a deadline, after `now`: before it is due, then overdue. */
export function upcomingSlots(due: IsoDate, days: readonly number[], timeZone: string, now: Date, overdueSlots = 1): ReminderSlot[] {
  const slots: ReminderSlot[] = [...new Set(days)]
    .filter((d) => d >= 0)
    .sort((a, b) => b - a)
    .map((d) => ({ kind: 'before' as const, days: d, at: localMorning(due, timeZone).minus({ days: d }).toJSDate() }))
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
    if (at.toJSDate() > now) out.push({ kind: 'overdue', days: OVERDUE_FIRST_DAY + k * OVERDUE_EVERY_DAYS, at: at.toJSDate() });
  }
  return out;
}

/** What decides whether a deadline is owed notices once it has passed. */
export interface PastDue {
  due: IsoDate;
  timeZone: string;
  /** A corrections window closes when it passes: nothing is owed after it. */
  closesWhenPast?: boolean;
  /** When the conversation began following it; null when not known. */
  followedAt?: Date | null;
}

/** Whether the deadline had already passed (its day over, in the zone) when it was followed. */
export function pastWhenFollowed(p: PastDue): boolean {
  return Boolean(p.followedAt) && dateIn(p.followedAt!, p.timeZone) > p.due;
}

/**
 * Whether weekly overdue reminders follow a deadline: not for a window that closes, and
 * not for one already past when followed (it gets the one notice `planReminders` gives).
 */
export function repeatsOverdue(p: PastDue): boolean {
  return !p.closesWhenPast && !pastWhenFollowed(p);
}

/** The one notice for a deadline already past when followed: the next reminder time after following. */
function noticeAfterFollowing(due: IsoDate, timeZone: string, followedAt: Date): ReminderSlot {
  let morning = DateTime.fromJSDate(followedAt, { zone: timeZone }).set({ ...REMINDER_TIME, second: 0, millisecond: 0 });
  if (morning.toJSDate() <= followedAt) morning = morning.plus({ days: 1 });
  return { kind: 'overdue', days: daysBetween(due, morning.toISODate()!), at: morning.toJSDate() };
}

/**
 * The slots to schedule for a deadline in a conversation: nothing once done; a snooze
 * holds back every slot before it ends and adds one when it ends. A window that closes
 * has no overdue slots; a deadline already past when followed has one notice at most. With a
 * working time, slots outside it move to the next working time, one a day at most.
 */
export function planReminders(input: PastDue & {
  days: readonly number[];
  now: Date;
  done: boolean;
  snoozedUntil: Date | null;
  quiet?: Quiet;
}): ReminderSlot[] {
  if (!input.quiet) return plan(input);
  // A slot is due when its working time comes, not its planned time: planned from a while back,
  // a Saturday slot is still owed on Monday morning, and the job for Monday finds it in the plan.
  const from = new Date(input.now.getTime() - MOVED_AT_MOST_MS);
  return intoWorkingTime(plan({ ...input, now: from }), input.quiet).filter((s) => s.at > input.now);
}

/** How far working time, holidays and a mute may push a slot and still have it sent: a longer mute drops what fell due early in it. */
const MOVED_AT_MOST_MS = 31 * 24 * 3600_000;

function plan(input: Parameters<typeof planReminders>[0]): ReminderSlot[] {
  if (input.done) return [];
  let slots = upcomingSlots(input.due, input.days, input.timeZone, input.now);
  if (input.closesWhenPast) slots = slots.filter((s) => s.kind === 'before');
  else if (pastWhenFollowed(input)) slots = [noticeAfterFollowing(input.due, input.timeZone, input.followedAt!)].filter((s) => s.at > input.now);
  const until = input.snoozedUntil;
  if (!until || until <= input.now) return slots;
  return [{ kind: 'snoozed', at: until }, ...slots.filter((s) => s.at >= until)];
}
