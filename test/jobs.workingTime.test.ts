import type { Job } from 'bullmq';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { slackTraits } from '../adapters/slack/traits.js';
import type { Request } from '../src/core/request.js';
import { jobsHarness, type JobsHarness } from './support/jobs.js';
import { eventually } from './support/redis.js';

/** Reminders and digests through the real queues, moved into working time, with an injected clock. */

let h: JobsHarness;
afterEach(async () => h?.cleanup());

const ask = (text: string, who: Partial<Request> = {}) => h.app.core.handle({ platform: 'slack', capabilities: slackTraits.capabilities, userId: 'UADMIN', userName: 'Ana', channelId: 'C-TEAM', text, ...who });
const inGeneva = (ms: number) => DateTime.fromMillis(ms, { zone: 'Europe/Zurich' }).toFormat('ccc d LLL HH:mm');
/**
 * When a delayed job is due, as a person in Geneva reads it: its delay was counted from the
 * injected clock when it was added, which is the moment `scheduledAt` gives.
 */
const dueAt = (job: Job, scheduledAt: Date) => inGeneva(scheduledAt.getTime() + (job.opts.delay ?? 0));
const delayedReminders = async () => (await h.jobs.queues.reminders.getDelayed()).filter((j) => j.name === 'reminder' || j.name === 'personal');
const plan = async () => (await delayedReminders()).map((j) => `${(j.data as { slot: string }).slot} ${inGeneva(Date.parse((j.data as { at: string }).at))}`).sort();

/** Due on Saturday 6 March 2027, followed here, reminded on the day itself. */
async function dueOnSaturday(who: Partial<Request> = {}): Promise<number> {
  await ask('follow Azerbaijan', who);
  await ask('reminder days 0', who);
  const added = await ask('deadline add 2027-03-06 Azerbaijan next periodic report');
  return Number(/#(\d+)/.exec(added.fallback)![1]);
}

describe('reminders in working time', () => {
  it('a reminder due on a Saturday comes on Monday at 08:00, once, and says it is overdue', async () => {
    // Friday 5 March 2027, 13:00 in Geneva.
    h = await jobsHarness('2027-03-05T12:00:00Z');
    await dueOnSaturday();
    // Saturday's reminder and Sunday's first overdue one both move to Monday morning: one is kept, the later.
    expect(await plan()).toEqual(['o1 Mon 8 Mar 08:00']);
    const [job] = await delayedReminders();
    expect(dueAt(job!, h.clock.now)).toBe('Mon 8 Mar 08:00');
    h.clock.now = new Date('2027-03-08T07:00:00Z');
    await job!.promote();
    const [posted] = await eventually(() => h.slack.posted.length > 0 && h.slack.posted, 'the reminder');
    expect(posted!.reply.fallback).toContain('Overdue: next periodic report');
    expect(posted!.reply.fallback).toContain('overdue by 2 days');
    // The next weekly one is planned in working time too: Sunday 14 March moves to Monday 15.
    await eventually(async () => (await plan()).includes('o8 Mon 15 Mar 08:00'), 'the next overdue reminder');
  });

  it('changing working hours or adding a holiday re-plans, and the old slot says nothing', async () => {
    h = await jobsHarness('2027-03-05T12:00:00Z');
    await dueOnSaturday();
    await ask('working hours 10:00-17:00');
    await ask('holidays add 2027-03-08');
    // Each change planned afresh; the slots planned before stay queued, and are stale.
    expect(await plan()).toEqual(['o1 Mon 8 Mar 08:00', 'o1 Mon 8 Mar 10:00', 'o1 Tue 9 Mar 10:00']);
    const stale = (await delayedReminders()).filter((j) => !(j.data as { at: string }).at.startsWith('2027-03-09'));
    h.clock.now = new Date('2027-03-08T09:00:00Z');
    for (const j of stale) await j.promote();
    await eventually(async () => (await delayedReminders()).length === 1, 'the stale slots to run');
    await new Promise((r) => setTimeout(r, 300));
    expect(h.slack.posted).toHaveLength(0);
  });

  it('a reminder that runs outside working time (late, after an outage) waits for the next working time', async () => {
    // Tuesday 2 March: a deadline due on Wednesday 3 March, followed every day of the week.
    h = await jobsHarness('2027-03-02T12:00:00Z');
    await ask('follow Azerbaijan');
    await ask('reminder days 0');
    await ask('deadline add 2027-03-03 Azerbaijan next periodic report');
    const [job] = (await delayedReminders()).filter((j) => (j.data as { slot: string }).slot === 'b0');
    // It runs at 21:00, long after its 09:00.
    h.clock.now = new Date('2027-03-03T20:00:00Z');
    await job!.promote();
    await eventually(async () => (await plan()).includes('b0 Thu 4 Mar 08:00'), 'the reminder moved to the next morning');
    expect(h.slack.posted).toHaveLength(0);
  });

  it('a mute in a direct message holds that person’s reminders; the channel’s come as planned', async () => {
    h = await jobsHarness('2027-03-01T12:00:00Z');
    const dm: Partial<Request> = { channelId: 'D-ANA', direct: true };
    await ask('follow Azerbaijan', dm);
    await ask('reminder days 0', dm);
    await ask('follow Azerbaijan');
    await ask('reminder days 0');
    await ask('deadline add 2027-03-03 Azerbaijan next periodic report');
    // One job per deadline, slot and time serves both conversations.
    expect(await plan()).toEqual(['b0 Wed 3 Mar 09:00', 'o1 Thu 4 Mar 09:00']);
    await ask('mute until 2027-03-10', dm);
    // Both of the person's reminders fall in the mute: one comes when it ends, at the working time after it.
    expect(await plan()).toEqual(['b0 Wed 3 Mar 09:00', 'o1 Thu 4 Mar 09:00', 'o1 Wed 10 Mar 08:00']);
    const at = (slot: string, iso: string) => delayedReminders().then((jobs) => jobs.find((j) => (j.data as { slot: string; at: string }).slot === slot && (j.data as { at: string }).at === iso)!);
    // Wednesday 09:00: the channel's reminder comes; the direct message's plan no longer has it.
    const wednesday = await at('b0', '2027-03-03T08:00:00.000Z');
    h.clock.now = new Date('2027-03-03T08:00:00Z');
    await wednesday.promote();
    await eventually(() => h.slack.posted.length > 0, 'the channel’s reminder');
    await new Promise((r) => setTimeout(r, 400));
    expect(h.slack.posted.map((p) => p.destination.channelId)).toEqual(['C-TEAM']);
    // Wednesday 10 March, 08:00: the mute is over, and only the person gets the reminder it held.
    const after = await at('o1', '2027-03-10T07:00:00.000Z');
    h.clock.now = new Date('2027-03-10T07:00:00Z');
    await after.promote();
    await eventually(() => h.slack.posted.length > 1, 'the reminder held by the mute');
    await new Promise((r) => setTimeout(r, 400));
    expect(h.slack.posted.map((p) => p.destination.channelId)).toEqual(['C-TEAM', 'D-ANA']);
  });

  it('a personal reminder due during a mute waits for its end', async () => {
    h = await jobsHarness('2027-03-01T12:00:00Z');
    await ask('remind me on 3 March at 10:00 to call the mission');
    await ask('mute until 2027-03-05', { channelId: 'D-ANA', direct: true });
    const [job] = await delayedReminders();
    h.clock.now = new Date('2027-03-03T09:00:00Z');
    await job!.promote();
    const moved = await eventually(async () => (await delayedReminders()).find((j) => j.id?.startsWith('pr-') && j.id !== job!.id), 'the reminder moved past the mute');
    expect(dueAt(moved, h.clock.now)).toBe('Fri 5 Mar 08:00');
    expect((await h.app.store.conversations.reminders({ status: 'pending' }))[0]!.dueAt).toBe('2027-03-05T07:00:00.000Z');
    expect(h.slack.posted).toHaveLength(0);
  });

  it('a personal reminder set for a Saturday comes on Monday', async () => {
    h = await jobsHarness('2027-03-03T12:00:00Z');
    const set = await ask('remind me on 6 March at 10:00 to call the mission', { userId: 'U42', userName: 'Bo' });
    expect(set.fallback).toContain('I will remind you on Monday 8 March 2027 at 08:00 (Europe/Zurich): call the mission.');
    const [job] = await delayedReminders();
    expect(dueAt(job!, h.clock.now)).toBe('Mon 8 Mar 08:00');
  });
});

describe('digests in working time', () => {
  const run = () => h.jobs.queues.digests.add('digest', { platform: 'slack', channelId: 'C-TEAM' });

  it('a digest due on Saturday waits: Monday’s own digest covers it, and nothing comes at the weekend', async () => {
    h = await jobsHarness('2027-03-05T08:00:00Z');
    await ask('follow Azerbaijan');
    await ask('digest daily 09:00');
    await ask('deadline add 2027-03-01 Azerbaijan list of issues reply');
    h.clock.now = new Date('2027-03-06T08:00:00Z');
    await run();
    await new Promise((r) => setTimeout(r, 500));
    expect(h.slack.posted).toHaveLength(0);
    expect((await h.jobs.queues.digests.getDelayed()).filter((j) => j.id?.includes('-at-'))).toEqual([]);
    // Monday's: everything since the last digest was posted.
    h.clock.now = new Date('2027-03-08T08:00:00Z');
    await run();
    await eventually(() => h.slack.posted.length === 2, 'Monday’s digest');
    expect(h.slack.posted[0]!.reply.fallback).toContain('Digest for 8 March 2027');
  });

  it('a digest set before working hours comes once at their start', async () => {
    // Tuesday 2 March 2027, 07:00 in Geneva; working hours from 08:00.
    h = await jobsHarness('2027-03-02T05:00:00Z');
    await ask('follow Azerbaijan');
    await ask('digest daily 07:00');
    await ask('deadline add 2027-03-01 Azerbaijan list of issues reply');
    h.clock.now = new Date('2027-03-02T06:00:00Z');
    await run();
    const once = await eventually(async () => (await h.jobs.queues.digests.getDelayed()).find((j) => j.id?.includes('-at-')), 'a digest at the start of working hours');
    expect(dueAt(once, h.clock.now)).toBe('Tue 2 Mar 08:00');
    h.clock.now = new Date('2027-03-02T07:00:00Z');
    await once.promote();
    await eventually(() => h.slack.posted.length === 2, 'the digest and its details');
    expect(h.slack.posted[0]!.reply.fallback).toContain('1 overdue · 0 due this week');
  });

  it('in a direct message a digest is one message, with no thread', async () => {
    h = await jobsHarness('2027-03-08T07:00:00Z');
    const dm: Partial<Request> = { channelId: 'D-ANA', direct: true };
    await ask('follow Azerbaijan', dm);
    await ask('digest daily 09:00', dm);
    await ask('deadline add 2027-03-10 Azerbaijan list of issues reply');
    h.clock.now = new Date('2027-03-08T08:00:00Z');
    await h.jobs.queues.digests.add('digest', { platform: 'slack', channelId: 'D-ANA' });
    await eventually(() => h.slack.posted.length === 1, 'the digest');
    await new Promise((r) => setTimeout(r, 400));
    expect(h.slack.posted).toHaveLength(1);
    const [only] = h.slack.posted;
    expect(only!.destination).toEqual({ platform: 'slack', channelId: 'D-ANA' });
    expect(only!.reply.fallback).toMatch(/Due this week \(to 14 March 2027\)\n• #\d+ list of issues reply \(Azerbaijan\): due 10 March 2027, due in 2 days/);
    expect(only!.reply.fallback).not.toContain('Details in the thread');
  });
});
