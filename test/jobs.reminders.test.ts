import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError, type Sender } from '../src/delivery.js';
import type { Request } from '../src/core/request.js';
import { fixturePath } from './support/documents.js';
import { jobsHarness, type JobsHarness } from './support/jobs.js';
import { TEST_REDIS_URL, eventually } from './support/redis.js';
import { slackTraits } from '../adapters/slack/traits.js';

let h: JobsHarness;
afterEach(async () => h?.cleanup());

const channel = { platform: 'slack' as const, channelId: 'C-TEAM' };
const ask = (text: string, who: Partial<Request> = {}) => h.app.core.handle({ platform: 'slack', capabilities: slackTraits.capabilities, userId: 'UADMIN', userName: 'Ana', channelId: channel.channelId, text, ...who });
const texts = () => h.slack.posted.map((p) => p.reply.fallback);

/** A deadline due on 1 March 2027, followed here, with reminders only on the day itself. */
async function followedDeadline(): Promise<number> {
  await ask('follow Azerbaijan');
  await ask('reminder days 0');
  const added = await ask('deadline add 2027-03-01 Azerbaijan next periodic report');
  return Number(/#(\d+)/.exec(added.fallback)![1]);
}

describe('reminders', () => {
  it('a reminder due in a moment is delivered, with Snooze and Done', async () => {
    // 08:59:59.7 in Geneva on the due date: the day's reminder is 300 ms away.
    h = await jobsHarness('2027-03-01T07:59:59.700Z');
    const id = await followedDeadline();
    const [posted] = await eventually(() => h.slack.posted.length > 0 && h.slack.posted, 'the reminder');
    expect(posted!.destination).toEqual(channel);
    expect(posted!.reply.fallback).toContain(`Reminder: next periodic report`);
    expect(posted!.reply.fallback).toContain('Due 1 March 2027: due today.');
    const actions = posted!.reply.blocks.find((b) => b.type === 'actions');
    expect(actions?.type === 'actions' && actions.actions.map((a) => a.command)).toEqual([`snooze ${id} 1 day`, `snooze ${id} 1 week`, `done ${id}`]);
    // The next one comes the day after, overdue, and is already queued.
    const delayed = await h.jobs.queues.reminders.getDelayed();
    expect(delayed.map((j) => (j.data as { slot: string }).slot)).toEqual(['o1']);
  });

  it('one slot job reminds the same channel id in two Slack workspaces, each in its own, and a done in one leaves the other owed', async () => {
    h = await jobsHarness('2027-03-01T07:59:59.700Z');
    const inA = { workspace: 'T0AAA' };
    const inB = { workspace: 'T0BBB' };
    await ask('follow Azerbaijan', inA);
    await ask('follow Azerbaijan', inB);
    await ask('reminder days 0', inA);
    await ask('reminder days 0', inB);
    await ask('deadline add 2027-03-01 Azerbaijan next periodic report', inA);
    await eventually(() => h.slack.posted.length >= 2, 'both reminders');
    expect(h.slack.posted.map((p) => p.destination).sort((x, y) => x.workspace!.localeCompare(y.workspace!))).toEqual([
      { ...channel, workspace: 'T0AAA' },
      { ...channel, workspace: 'T0BBB' },
    ]);
    // One outbox row each: the same key, apart by workspace.
    const rows = await eventually(async () => {
      const all = await h.app.store.conversations.outbox();
      return all.every((r) => r.status === 'sent') && all;
    }, 'both marked sent');
    expect(rows.filter((r) => r.key.startsWith('reminder:')).map((r) => [r.key, r.destination.workspace, r.status]).sort()).toEqual([
      [expect.stringMatching(/^reminder:\d+:b0:slack:C-TEAM$/), 'T0AAA', 'sent'],
      [expect.stringMatching(/^reminder:\d+:b0:slack:C-TEAM$/), 'T0BBB', 'sent'],
    ]);
    // Marked done in one workspace, the next day's overdue slot still reminds the other.
    const id = Number(/^reminder:(\d+):/.exec(rows.find((r) => r.key.startsWith('reminder:'))!.key)![1]);
    await ask(`done ${id}`, inA);
    h.clock.now = new Date('2027-03-02T08:00:00Z');
    for (const job of (await h.jobs.queues.reminders.getDelayed()).filter((j) => j.id?.startsWith(`rem-${id}-o1-`))) await job.promote();
    await eventually(() => h.slack.posted.length >= 3, 'the overdue reminder');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.slack.posted.slice(2).map((p) => p.destination)).toEqual([{ ...channel, workspace: 'T0BBB' }]);
  });

  it('a burst to more conversations than a batch sends each once, never more than 64 calls in flight at a time', async () => {
    let inFlight = 0;
    let most = 0;
    const reached = new Set<string>();
    const slow: Sender = {
      traits: slackTraits,
      async send(destination) {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        reached.add(destination.channelId);
        return { messageId: null };
      },
    };
    h = await jobsHarness('2027-03-01T07:59:58Z', { senders: () => new Map([['slack', slow]]) });
    for (let i = 0; i < 1200; i++) {
      const c = { platform: 'slack' as const, channelId: `C-${i}` };
      await h.app.store.conversations.follow(c, 'country', 'AZE', 'UADMIN');
      await h.app.store.conversations.updateSettings(c, { reminderDays: [0] });
    }
    await ask('deadline add 2027-03-01 Azerbaijan next periodic report');
    await eventually(() => reached.size === 1200, 'all 1,200 reminders', 20_000);
    const sent = (await h.app.store.conversations.outbox({ status: 'sent' })).filter((m) => m.key.startsWith('reminder:'));
    expect(sent).toHaveLength(1200);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(64);
  });

  it('snooze moves the next reminder; done cancels the rest', async () => {
    h = await jobsHarness('2027-02-27T12:00:00Z');
    // A team that works at weekends: the reminders stay where the reminder days put them.
    await ask('working days mon-sun');
    await ask('working hours 00:00-24:00');
    await ask('follow Azerbaijan');
    await ask('reminder days 1 0');
    const added = await ask('deadline add 2027-03-01 Azerbaijan next periodic report');
    const id = Number(/#(\d+)/.exec(added.fallback)![1]);
    const slots = async () => (await h.jobs.queues.reminders.getDelayed()).map((j) => (j.data as { slot: string }).slot).sort();
    expect(await slots()).toEqual(['b0', 'b1', 'o1']);

    const snoozed = await ask(`snooze ${id} 1 week`);
    expect(snoozed.fallback).toContain('the next reminder comes on Saturday 6 March 2027 at 13:00');
    const afterSnooze = await h.jobs.queues.reminders.getDelayed();
    const snoozeJob = afterSnooze.find((j) => (j.data as { slot: string }).slot.startsWith('s'))!;
    expect(new Date((snoozeJob.data as { at: string }).at).toISOString()).toBe('2027-03-06T12:00:00.000Z');
    // The reminders the snooze covers run but say nothing.
    for (const job of afterSnooze.filter((j) => j !== snoozeJob)) await job.promote();
    await eventually(async () => (await h.jobs.queues.reminders.getDelayed()).length <= 2, 'the covered reminders to run');
    expect(h.slack.posted).toHaveLength(0);

    const done = await ask(`done ${id}`);
    expect(done.fallback).toContain('No more reminders about it in this conversation.');
    // The slots still queued run, and say nothing here.
    for (const job of (await h.jobs.queues.reminders.getDelayed()).filter((j) => j.id?.startsWith(`rem-${id}-`))) await job.promote();
    await eventually(async () => (await h.jobs.queues.reminders.getDelayed()).length + (await h.jobs.queues.reminders.getWaiting()).length + (await h.jobs.queues.reminders.getActive()).length === 0, 'the remaining slots to run');
    expect(h.slack.posted).toHaveLength(0);
  });

  it('a personal reminder arrives at its time, in a direct message', async () => {
    h = await jobsHarness('2026-12-13T07:59:59.600Z');
    const set = await ask('remind me tomorrow to check the FCO reply', { userId: 'U42', userName: 'Bo' });
    expect(set.fallback).toContain('I will remind you on Monday 14 December 2026 at 09:00 (Europe/Zurich): check the FCO reply.');
    const scheduled = await h.jobs.queues.reminders.getDelayed();
    expect(scheduled).toHaveLength(1);
    h.clock.now = new Date('2026-12-14T08:00:00Z');
    await scheduled[0]!.promote();
    const [posted] = await eventually(() => h.slack.posted.length > 0 && h.slack.posted, 'the personal reminder');
    expect(posted!.destination).toEqual({ platform: 'slack', channelId: 'U42' });
    expect(posted!.reply.fallback).toContain('check the FCO reply');
  });
});

describe('the outbox', () => {
  it('retries after a server error and after a 429 with Retry-After, and delivers once', async () => {
    h = await jobsHarness('2027-03-01T07:59:59.700Z');
    h.slack.failNext(new DeliveryError('Slack answered 500', false), new DeliveryError('rate limited', false, 400));
    await followedDeadline();
    await eventually(() => h.slack.posted.length > 0, 'delivery after the retries');
    expect(h.slack.attempts).toHaveLength(3);
    expect(h.slack.attempts[2]! - h.slack.attempts[1]!).toBeGreaterThanOrEqual(400);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.slack.posted).toHaveLength(1);
    const [message] = await h.app.store.conversations.outbox();
    expect(message).toMatchObject({ status: 'sent', messageId: 'm1', attempts: 2 });
  });

  it('a retry after a success that was not recorded does not post twice', async () => {
    h = await jobsHarness('2027-03-01T07:59:59.700Z');
    const schedules = h.app.store.conversations;
    const markSentMany = schedules.markSentMany.bind(schedules);
    let failures = 1;
    schedules.markSentMany = async (...args) => {
      if (failures-- > 0) throw new Error('store unavailable');
      return markSentMany(...args);
    };
    await followedDeadline();
    await eventually(async () => (await schedules.outbox())[0]?.status === 'sent', 'the message to be recorded as sent');
    expect(h.slack.posted).toHaveLength(1);
  });

  it('a permanent failure is not retried, and is reported to whoever set up the conversation', async () => {
    h = await jobsHarness('2027-03-01T07:59:59.700Z');
    h.slack.failNext(new DeliveryError('channel_not_found', true));
    await followedDeadline();
    const [report] = await eventually(() => h.slack.posted.length > 0 && h.slack.posted, 'the failure report');
    expect(report!.destination).toEqual({ platform: 'slack', channelId: 'UADMIN' });
    expect(report!.reply.fallback).toContain('Rapporteur cannot post in channel C-TEAM: channel_not_found');
    expect(h.slack.attempts).toHaveLength(2);
    expect((await h.app.store.conversations.outbox({ status: 'failed' })).map((m) => m.destination.channelId)).toEqual(['C-TEAM']);
  });

  it('two workers deliver each reminder exactly once', async () => {
    h = await jobsHarness('2027-03-01T07:59:59.500Z');
    await h.startAnother();
    await ask('deadline add 2027-03-01 Azerbaijan next periodic report');
    for (let i = 0; i < 12; i++) {
      const c = { platform: 'slack' as const, channelId: `C${i}` };
      await h.app.store.conversations.follow(c, 'country', 'AZE', 'UADMIN');
      await h.app.store.conversations.updateSettings(c, { reminderDays: [0] });
    }
    await h.jobs.reconcile();
    await eventually(() => h.slack.posted.length >= 12, 'twelve reminders');
    await new Promise((r) => setTimeout(r, 400));
    expect(h.slack.posted.map((p) => p.destination.channelId).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `C${i}`).sort());
  });
});

describe('the store is the source of truth', () => {
  it('after Redis loses everything, reconciliation restores every pending reminder, digest and message', async () => {
    // A database of its own, so that wiping it touches no other test.
    const url = `${TEST_REDIS_URL.replace(/\/\d*$/, '')}/13`;
    h = await jobsHarness('2027-02-01T12:00:00Z', { redisUrl: url });
    await followedDeadline();
    await ask('digest weekdays 08:30');
    await ask('remind us on 3 March 2027 at 10:00 about the list of issues');
    const before = (await h.jobs.queues.reminders.getDelayed()).map((j) => j.id).sort();
    // The day itself, the first overdue reminder, and the personal one.
    expect(before).toHaveLength(3);
    const wipe = new Redis(url);
    await wipe.flushdb();
    wipe.disconnect();
    expect(await h.jobs.queues.reminders.getDelayed()).toEqual([]);
    expect(await h.jobs.reconcile()).toEqual({ channels: 1, digests: 1, reminders: 1, outbox: 0 });
    expect((await h.jobs.queues.reminders.getDelayed()).map((j) => j.id).sort()).toEqual(before);
    expect(await h.jobs.queues.digests.getJobSchedulersCount()).toBe(1);
  });
});

describe('meeting summaries', () => {
  it('a new summary record is posted once to each conversation that follows its committee or State party', async () => {
    h = await jobsHarness('2037-04-10T12:00:00Z');
    const follow = (c: string, text: string) => h.app.core.handle({ platform: 'slack', capabilities: slackTraits.capabilities, userId: 'UADMIN', channelId: c, text });
    await follow('C-CMW', 'follow CMW');
    await follow('C-BOL', 'follow Bolivia');
    await follow('C-AZE', 'follow Azerbaijan');
    const first = await h.app.ingestor.ingestFile(fixturePath('sr-9001-pdf-text.txt'));
    expect(first.status).toBe('created');
    await eventually(() => h.slack.posted.length >= 2, 'two summaries');
    await h.app.ingestor.ingestFile(fixturePath('sr-9001-pdf-text.txt'));
    await new Promise((r) => setTimeout(r, 300));
    expect(h.slack.posted.map((p) => p.destination.channelId).sort()).toEqual(['C-BOL', 'C-CMW']);
    expect(texts()[0]).toContain('New summary record: CMW/C/SR.9001');
    expect(texts()[0]).toContain('Chair: Ms. Varga');
  });
});

describe('deadlines already past when followed', () => {
  const delayedSlots = async () => (await h.jobs.queues.reminders.getDelayed()).map((j) => (j.data as { slot: string; deadlineId: number }));

  it('a corrections window that closed before anyone followed it produces no reminder', async () => {
    h = await jobsHarness('2026-11-29T10:00:00Z');
    const followed = await ask('follow CMW');
    expect(followed.fallback).toContain('0 open deadlines now followed');
    expect(await delayedSlots()).toEqual([]);
    expect(h.slack.posted).toEqual([]);
  });

  it('a deadline overdue when followed gets one notice, the next morning, and no weekly ones after it', async () => {
    h = await jobsHarness('2026-11-29T10:00:00Z');
    const added = await ask('deadline add 2026-11-01 Azerbaijan national report to Parliament');
    const id = Number(/#(\d+)/.exec(added.fallback)![1]);
    await ask('follow Azerbaijan');
    const [job, ...others] = (await h.jobs.queues.reminders.getDelayed()).filter((j) => (j.data as { deadlineId: number }).deadlineId === id);
    expect(others).toEqual([]);
    expect(new Date((job!.data as { at: string }).at).toISOString()).toBe('2026-11-30T08:00:00.000Z');
    h.clock.now = new Date('2026-11-30T08:00:00Z');
    await job!.promote();
    const [posted] = await eventually(() => h.slack.posted.length > 0 && h.slack.posted, 'the one notice');
    expect(posted!.reply.fallback).toContain('Overdue: national report to Parliament');
    await eventually(async () => (await h.jobs.queues.reminders.getDelayed()).length === 0 && (await h.jobs.queues.reminders.getActive()).length === 0, 'the notice to finish');
    expect((await delayedSlots()).filter((d) => d.deadlineId === id)).toEqual([]);
    // Following it again later plans nothing more.
    await ask('reminder days 7 0');
    expect((await delayedSlots()).filter((d) => d.deadlineId === id)).toEqual([]);
  });
});
