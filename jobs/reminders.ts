import { deadlineReminder, personalReminder } from '../src/core/notices.js';
import { conversationOf, type Channel, type PersonalReminder, type Platform } from '../src/domain/conversations.js';
import { dateIn } from '../src/domain/dates.js';
import { standing } from '../src/deadlines/standing.js';
import { leadsToOverdue, overdueAfter, planReminders, repeatsOverdue, slotFromId, slotId, type PastDue, type ReminderSlot } from '../src/timing/slots.js';
import type { StoredDeadline } from '../src/store/records.js';
import type { Subscription } from '../src/store/conversations.js';
import { rulesOf, type JobContext } from './context.js';
import { jobIds } from './names.js';

/** Deadline reminders and personal reminders: scheduled from the store's plan, sent through the outbox. */

export interface ReminderData {
  platform: Platform;
  channelId: string;
  workspace?: string;
  deadlineId: number;
  /** The slot's id ("b30", "o8", "s…"). */
  slot: string;
  at: string;
  /** The channel's time zone and reminder days when scheduled: a slot from other settings is stale. */
  settings?: string;
}

const settingsKey = (zone: string, days: readonly number[]): string => `${zone}|${[...days].sort((a, b) => b - a).join(',')}`;

async function addReminder(ctx: JobContext, channel: Channel, deadlineId: number, slot: ReminderSlot, settings: string): Promise<void> {
  const id = slotId(slot);
  const data: ReminderData = { ...channel, deadlineId, slot: id, at: slot.at.toISOString(), settings };
  await ctx.queues.reminders.add('reminder', data, {
    jobId: jobIds.reminder(deadlineId, id, channel, slot.at),
    delay: Math.max(0, slot.at.getTime() - ctx.clock().getTime()),
    removeOnComplete: true,
    removeOnFail: 100,
  });
}

/** When a conversation began following a deadline: its earliest follow of the deadline's State party or committee. */
function followedAt(subs: readonly Subscription[], d: StoredDeadline): Date | null {
  const times = subs.filter((s) => (s.kind === 'country' ? s.value === d.country : s.value === d.committee)).map((s) => Date.parse(s.createdAt));
  return times.length ? new Date(Math.min(...times)) : null;
}

async function pastDue(ctx: JobContext, channel: Channel, d: StoredDeadline, zone: string): Promise<PastDue> {
  return { due: d.due, timeZone: zone, closesWhenPast: d.kind === 'corrections', followedAt: followedAt(await ctx.app.store.conversations.subscriptions(channel), d) };
}

/** Schedules every reminder a conversation is owed for the deadlines it follows. */
export async function planChannel(ctx: JobContext, channel: Channel): Promise<void> {
  const { store, config } = ctx.app;
  const { zone, days } = rulesOf(await store.conversations.settings(channel), config.TZ_DEFAULT);
  const key = settingsKey(zone, days);
  const now = ctx.clock();
  for (const d of await store.conversations.deadlinesFollowed(channel)) {
    const state = await store.conversations.reminderState(channel, d.id);
    const slots = planReminders({ ...(await pastDue(ctx, channel, d, zone)), days, now, done: Boolean(state.doneAt), snoozedUntil: state.snoozedUntil ? new Date(state.snoozedUntil) : null });
    for (const slot of slots) await addReminder(ctx, channel, d.id, slot, key);
  }
}

/** A deadline was snoozed or marked done: once done, its remaining reminders here go. */
export async function reminderStateChanged(ctx: JobContext, channel: Channel, deadlineId: number): Promise<void> {
  const state = await ctx.app.store.conversations.reminderState(channel, deadlineId);
  if (!state.doneAt) return planChannel(ctx, channel);
  const prefix = jobIds.reminderPrefix(deadlineId, channel);
  for (const job of await ctx.queues.reminders.getDelayed()) if (job.id?.startsWith(prefix)) await job.remove();
}

export async function schedulePersonal(ctx: JobContext, r: PersonalReminder): Promise<void> {
  await ctx.queues.reminders.add('personal', { reminderId: r.id }, { jobId: jobIds.personal(r.id), delay: Math.max(0, Date.parse(r.dueAt) - ctx.clock().getTime()), removeOnComplete: true });
}

export async function runReminder(ctx: JobContext, data: ReminderData): Promise<string> {
  const { store, config } = ctx.app;
  const channel = conversationOf(data);
  const deadline = await store.deadline(data.deadlineId);
  if (!deadline || deadline.met) return 'no longer due';
  if (!(await store.conversations.follows(channel, deadline))) return 'no longer followed';
  const state = await store.conversations.reminderState(channel, deadline.id);
  if (state.doneAt) return 'done';
  const at = new Date(data.at);
  if (state.snoozedUntil && new Date(state.snoozedUntil) > at) return 'snoozed';
  const { zone, days } = rulesOf(await store.conversations.settings(channel), config.TZ_DEFAULT);
  // A slot from settings since changed is stale: a fresh one was scheduled instead.
  if (data.settings !== settingsKey(zone, days)) return 'stale';
  const today = dateIn(ctx.clock(), zone);
  // A slot queued before a window closed says nothing once it has: a closed window is owed nothing.
  if (standing(deadline, today).state === 'closed') return 'window closed';
  const message = await store.conversations.enqueue(`reminder:${deadline.id}:${data.slot}:${data.platform}:${data.channelId}`, channel, deadlineReminder(deadline, today));
  if (message.status === 'pending') await ctx.deliverNow(message);
  const slot = slotFromId(data.slot, at);
  // Overdue: the next weekly reminder until someone marks it done, when it is owed at all.
  if (slot && leadsToOverdue(slot) && repeatsOverdue(await pastDue(ctx, channel, deadline, zone))) {
    const [next] = overdueAfter(deadline.due, zone, at);
    if (next) await addReminder(ctx, channel, deadline.id, next, data.settings);
  }
  return 'queued';
}

export async function runPersonal(ctx: JobContext, id: number): Promise<string> {
  const { store, core } = ctx.app;
  const r = await store.conversations.reminder(id);
  if (!r || r.status !== 'pending') return 'not pending';
  const understood = (await core.understand(r.text)).name !== 'unknown';
  const message = await store.conversations.enqueue(`personal:${r.id}`, { ...conversationOf(r), ...(r.threadId ? { threadId: r.threadId } : {}) }, personalReminder(r, understood));
  await store.conversations.setReminderStatus(r.id, 'sent');
  if (message.status === 'pending') await ctx.deliverNow(message);
  return 'queued';
}
