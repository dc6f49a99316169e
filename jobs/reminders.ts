import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { deadlineReminder, personalReminder } from '../src/core/notices.js';
import { conversationOf, type Channel, type PersonalReminder } from '../src/domain/conversations.js';
import { dateIn } from '../src/domain/dates.js';
import { standing } from '../src/deadlines/standing.js';
import { leadsToOverdue, overdueAfter, pastWhenFollowed, planReminders, repeatsOverdue, slotId, type PastDue, type ReminderSlot } from '../src/timing/slots.js';
import { nextWorkingTime, workingKey, type Quiet } from '../src/timing/workingTime.js';
import type { StoredDeadline } from '../src/store/records.js';
import type { Follower, NewOutboxMessage } from '../src/store/conversations.js';
import { rulesOf, type JobContext } from './context.js';
import { jobIds } from './names.js';

/**
 * Deadline reminders and personal reminders, sent through the outbox.
 *
 * One job per deadline and slot time, whoever is owed it: when it runs it reads every
 * follower at once, keeps those whose plan as it stands has that slot at that time (their
 * settings, snooze, done and when they followed decide), writes their messages to the outbox
 * a batch per transaction and sends them, each conversation at its own pace. A settings
 * change therefore needs no job removed or renamed: a slot a conversation no longer has is
 * skipped for it, and a new slot time gets a job of its own.
 */

export interface ReminderData {
  deadlineId: number;
  /** The slot's id ("b30", "o8", "s…"). */
  slot: string;
  at: string;
  /** When the slot was planned, for a slot that ran outside working time and was moved to `at`. */
  planned?: string;
}

/** Rows per outbox transaction, and messages handed to the outbox at a time. */
const BATCH = 500;

const reminderKey = (deadlineId: number, slot: string, channel: Channel) => `reminder:${deadlineId}:${slot}:${channel.platform}:${channel.channelId}`;

function pastDue(d: StoredDeadline, zone: string, followedAt: Date | null): PastDue {
  return { due: d.due, timeZone: zone, closesWhenPast: d.kind === 'corrections', followedAt };
}

interface Plan {
  slots: ReminderSlot[];
  zone: string;
  quiet: Quiet;
  past: PastDue;
}

/**
 * The slots followers' plans have for one deadline after one instant, under their settings as
 * they stand. Followers with the same zone, days and state have the same plan (when they
 * followed matters only for a deadline already past then): it is worked out once for them.
 */
function planner(ctx: JobContext, d: StoredDeadline, now: Date): (f: Follower) => Plan {
  const plans = new Map<string, Plan>();
  return (f) => {
    const { zone, days, quiet } = rulesOf(f.settings, ctx.app.config.TZ_DEFAULT);
    const past = pastDue(d, zone, f.followedAt);
    const key = [zone, days.join(','), workingKey(quiet), f.state.doneAt ? 'done' : '', f.state.snoozedUntil ?? '', pastWhenFollowed(past) ? f.followedAt!.getTime() : ''].join('|');
    let plan = plans.get(key);
    if (!plan) {
      const slots = planReminders({ ...past, days, now, done: Boolean(f.state.doneAt), snoozedUntil: f.state.snoozedUntil ? new Date(f.state.snoozedUntil) : null, quiet });
      plan = { slots, zone, quiet, past };
      plans.set(key, plan);
    }
    return plan.past.followedAt === f.followedAt ? plan : { ...plan, past };
  };
}

const slotJob = (deadlineId: number, slot: ReminderSlot, now: Date, planned?: Date) => {
  const data: ReminderData = { deadlineId, slot: slotId(slot), at: slot.at.toISOString(), ...(planned ? { planned: planned.toISOString() } : {}) };
  return {
    name: 'reminder',
    data,
    opts: { jobId: jobIds.reminder(deadlineId, data.slot, slot.at), delay: Math.max(0, slot.at.getTime() - now.getTime()), removeOnComplete: true, removeOnFail: 100 },
  };
};

/** Adds slot jobs, once each (the same deadline, slot and time is one job, however many are owed it). */
async function addSlots(ctx: JobContext, slots: ReadonlyArray<{ deadlineId: number; slot: ReminderSlot; planned?: Date }>): Promise<void> {
  const now = ctx.clock();
  const unique = new Map(slots.map((s) => [jobIds.reminder(s.deadlineId, slotId(s.slot), s.slot.at), s]));
  const jobs = [...unique.values()].map((s) => slotJob(s.deadlineId, s.slot, now, s.planned));
  for (let i = 0; i < jobs.length; i += BATCH) await ctx.queues.reminders.addBulk(jobs.slice(i, i + BATCH));
}

/**
 * The slots to schedule for a deadline's followers. With `catchUpSince` (a rebuild after Redis
 * lost its jobs), also the latest slot of each follower's that fell due since then and was
 * never sent, to go now, late rather than never.
 */
async function slotsFor(ctx: JobContext, d: StoredDeadline, followers: readonly Follower[], catchUpSince?: Date): Promise<Array<{ deadlineId: number; slot: ReminderSlot }>> {
  const now = ctx.clock();
  const out: Array<{ deadlineId: number; slot: ReminderSlot }> = [];
  const missed: Array<{ key: string; destination: Channel; slot: ReminderSlot }> = [];
  const upcoming = planner(ctx, d, now);
  const since = catchUpSince ? planner(ctx, d, catchUpSince) : null;
  const created = new Date(d.createdAt);
  for (const f of followers) {
    for (const slot of upcoming(f).slots) out.push({ deadlineId: d.id, slot });
    if (!since) continue;
    const latest = since(f)
      .slots.filter((s) => s.at <= now && s.at >= created && (!f.followedAt || s.at >= f.followedAt))
      .at(-1);
    if (latest) missed.push({ key: reminderKey(d.id, slotId(latest), f.channel), destination: f.channel, slot: latest });
  }
  if (missed.length) {
    const sent = await ctx.app.store.conversations.queued(missed);
    for (const m of missed) if (!sent.has(m)) out.push({ deadlineId: d.id, slot: m.slot });
  }
  return out;
}

/** A function worked out once per distinct argument (by identity for objects). */
function memo<K, V>(make: (key: K) => V): (key: K) => V {
  const known = new Map<K, V>();
  return (key) => {
    if (!known.has(key)) known.set(key, make(key));
    return known.get(key) as V;
  };
}

/** Schedules a deadline's reminders for everyone who follows it. */
export async function planDeadline(ctx: JobContext, d: StoredDeadline, options: { catchUpSince?: Date } = {}): Promise<number> {
  const followers = await ctx.app.store.conversations.followersOf(d);
  await addSlots(ctx, await slotsFor(ctx, d, followers, options.catchUpSince));
  return followers.length;
}

/** Schedules every reminder a conversation is owed for the deadlines it follows. */
export async function planChannel(ctx: JobContext, channel: Channel): Promise<void> {
  const { store } = ctx.app;
  const deadlines = await store.conversations.deadlinesFollowed(channel);
  if (deadlines.length === 0) return;
  const [settings, states, subs] = await Promise.all([store.conversations.settings(channel), store.conversations.reminderStates(channel), store.conversations.subscriptions(channel)]);
  const slots: Array<{ deadlineId: number; slot: ReminderSlot }> = [];
  for (const d of deadlines) {
    const times = subs.filter((s) => (s.kind === 'country' ? s.value === d.country : s.value === d.committee)).map((s) => Date.parse(s.createdAt));
    const follower: Follower = { channel, settings, state: states.get(d.id) ?? { doneAt: null, doneBy: null, snoozedUntil: null }, followedAt: times.length ? new Date(Math.min(...times)) : null };
    slots.push(...(await slotsFor(ctx, d, [follower])));
  }
  await addSlots(ctx, slots);
}

/** A deadline was snoozed or marked done: the snooze's slot is scheduled; once done, the deadline's slots skip this conversation. */
export async function reminderStateChanged(ctx: JobContext, channel: Channel, _deadlineId: number): Promise<void> {
  await planChannel(ctx, channel);
}

/** A personal reminder's job; one moved to working time has an id of its own, since the first is still running. */
export async function schedulePersonal(ctx: JobContext, r: PersonalReminder, moved = false): Promise<void> {
  const jobId = moved ? `${jobIds.personal(r.id)}-${Date.parse(r.dueAt)}` : jobIds.personal(r.id);
  await ctx.queues.reminders.add('personal', { reminderId: r.id }, { jobId, delay: Math.max(0, Date.parse(r.dueAt) - ctx.clock().getTime()), removeOnComplete: true });
}

/** A slot fell due: everyone whose plan has it gets the reminder, once. */
export async function runReminder(ctx: JobContext, data: ReminderData): Promise<string> {
  const { store } = ctx.app;
  const deadline = await store.deadline(data.deadlineId);
  if (!deadline || deadline.met) return 'no longer due';
  const at = new Date(data.planned ?? data.at);
  const justBefore = new Date(at.getTime() - 1);
  const now = ctx.clock();
  const owed: NewOutboxMessage[] = [];
  const next: Array<{ deadlineId: number; slot: ReminderSlot; planned?: Date }> = [];
  // Followers with one plan share its working time, and those in one zone its day and text: each worked out once.
  const workingFrom = memo((quiet: Quiet) => nextWorkingTime(now, quiet));
  const textOn = memo((today: string) => (standing(deadline, today).state === 'closed' ? null : deadlineReminder(deadline, today)));
  const todayIn = memo((zone: string) => dateIn(now, zone));
  const overdueNext = memo((quiet: Quiet) => {
    const after = overdueAfter(deadline.due, quiet.zone, at)[0];
    return after ? { ...after, at: nextWorkingTime(after.at, quiet) } : null;
  });
  const planOf = planner(ctx, deadline, justBefore);
  for (const f of await store.conversations.followersOf(deadline)) {
    const plan = planOf(f);
    // Settings changed since, snoozed, done, or followed later: this conversation's plan has no such slot.
    const slot = plan.slots.find((s) => slotId(s) === data.slot && s.at.getTime() === at.getTime());
    if (!slot) continue;
    // Due outside working time (it ran late, or a mute began): it moves to the next working time.
    const working = workingFrom(plan.quiet);
    if (working > now) {
      next.push({ deadlineId: deadline.id, slot: { ...slot, at: working }, planned: at });
      continue;
    }
    // A slot queued before a window closed says nothing once it has: a closed window is owed nothing.
    const text = textOn(todayIn(plan.zone));
    if (!text) continue;
    owed.push({ key: reminderKey(deadline.id, data.slot, f.channel), destination: f.channel, payload: text });
    // Overdue: the next weekly reminder until someone marks it done, when it is owed at all.
    if (leadsToOverdue(slot) && repeatsOverdue(plan.past)) {
      const after = overdueNext(plan.quiet);
      if (after) next.push({ deadlineId: deadline.id, slot: after });
    }
  }
  await addSlots(ctx, next);
  // Sent while the next batch is written: the embedded store answers without leaving the
  // microtask queue, so the event loop is let go between batches for the sends to start.
  async function* written() {
    for (let i = 0; i < owed.length; i += BATCH) {
      const messages = await store.conversations.enqueueMany(owed.slice(i, i + BATCH));
      yield messages.filter((m) => m.status === 'pending');
      await yieldToEventLoop();
    }
  }
  await ctx.deliverMany(written());
  return `${owed.length} queued`;
}

export async function runPersonal(ctx: JobContext, id: number): Promise<string> {
  const { store, core, config } = ctx.app;
  const r = await store.conversations.reminder(id);
  if (!r || r.status !== 'pending') return 'not pending';
  const { quiet } = rulesOf(await store.conversations.settings(conversationOf(r)), config.TZ_DEFAULT);
  const working = nextWorkingTime(ctx.clock(), quiet);
  if (working > ctx.clock()) {
    // Outside working time or muted: it waits, and the store says when it now comes.
    await store.conversations.setReminderStatus(r.id, 'pending', working.toISOString());
    await schedulePersonal(ctx, { ...r, dueAt: working.toISOString() }, true);
    return 'moved to working time';
  }
  const understood = (await core.understand(r.text)).name !== 'unknown';
  const message = await store.conversations.enqueue(`personal:${r.id}`, { ...conversationOf(r), ...(r.threadId ? { threadId: r.threadId } : {}) }, personalReminder(r, understood));
  await store.conversations.setReminderStatus(r.id, 'sent');
  if (message.status === 'pending') await ctx.deliverNow(message);
  return 'queued';
}
