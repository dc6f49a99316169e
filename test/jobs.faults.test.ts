import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { close, createHttpApp, listen } from '../adapters/http/server.js';
import { slackSender } from '../adapters/slack/sender.js';
import { slackTraits } from '../adapters/slack/traits.js';
import { health } from '../cli/start.js';
import type { Request } from '../src/core/request.js';
import { startFakeSlack, type FakeSlack } from './support/fakeSlack.js';
import { jobsHarness, type HarnessOptions, type JobsHarness } from './support/jobs.js';
import { startPrivateRedis, type PrivateRedis } from './support/privateRedis.js';
import { eventually } from './support/redis.js';

/** Reminders under faults: Slack failing or failing after posting, Redis wiped or down, settings changed after following. */

process.env.NO_PROXY = '127.0.0.1,localhost';

let h: JobsHarness | undefined;
let slack: FakeSlack | undefined;
let redis: PrivateRedis | undefined;
afterEach(async () => {
  // Whatever state a test left Redis in: stopping does not wait for it.
  await h?.cleanup();
  await slack?.close();
  await redis?.stop();
  h = slack = redis = undefined;
});

const channels = (n: number) => Array.from({ length: n }, (_, i) => `C${String(i).padStart(2, '0')}`);

async function harness(now: string, options: HarnessOptions = {}): Promise<JobsHarness> {
  slack = await startFakeSlack();
  const client = new webApi.WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
  h = await jobsHarness(now, { senders: () => new Map([['slack', slackSender(client)]]), ...options });
  return h;
}

const ask = (text: string, channelId = 'C-ADMIN', extra: Partial<Request> = {}) =>
  h!.app.core.handle({ platform: 'slack', capabilities: slackTraits.capabilities, userId: 'UADMIN', channelId, text, ...extra });

/** Conversations following Azerbaijan with reminders on the day itself, and a deadline due on 1 March 2027. */
async function followedBy(ids: readonly string[]): Promise<void> {
  for (const channelId of ids) {
    await h!.app.store.conversations.follow({ platform: 'slack', channelId }, 'country', 'AZE', 'UADMIN');
    await h!.app.store.conversations.updateSettings({ platform: 'slack', channelId }, { reminderDays: [0] });
  }
  await ask('deadline add 2027-03-01 Azerbaijan next periodic report');
}

const postedOnce = (ids: readonly string[]) => ids.every((c) => slack!.postedIn(c).length === 1);

/** How a stop went: finished, or still waiting after `ms` (a shutdown that would hang). */
async function stopWithin(ms: number): Promise<'stopped' | 'still waiting'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'still waiting'>((resolve) => (timer = setTimeout(() => resolve('still waiting'), ms)));
  try {
    return await Promise.race([h!.jobs.stop().then(() => 'stopped' as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('Slack failing', () => {
  it('posting a message and then answering 500: each of 20 reminders is in its channel once', async () => {
    // 08:59:59.6 in Geneva on the due date.
    await harness('2027-03-01T07:59:59.600Z');
    slack!.failNext('chat.postMessage', { status: 500, afterPosting: true }, 20);
    const ids = channels(20);
    await followedBy(ids);
    await eventually(async () => (await h!.app.store.conversations.outbox({ status: 'sent' })).length === 20, 'all 20 recorded as sent');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ids.map((c) => slack!.postedIn(c).length)).toEqual(ids.map(() => 1));
    // Each was found by the outbox id in its metadata, and the store has its ts.
    expect(slack!.callsTo('conversations.history').length).toBeGreaterThanOrEqual(20);
    for (const row of await h!.app.store.conversations.outbox()) expect(row.messageId).toBe(slack!.postedIn(row.destination.channelId)[0]!.ts);
  });

  it('answering 500 for longer than the backoff: every reminder still arrives, once, with the wait between tries capped', async () => {
    // BullMQ's own retries would give up after 3; the store still owes the messages.
    await harness('2027-03-01T07:59:59.600Z', { attempts: 3, retryDelayMs: 50, retryCapMs: 400 });
    slack!.failFor('chat.postMessage', { status: 500 }, 3000);
    const ids = channels(12);
    await followedBy(ids);
    await eventually(() => postedOnce(ids), 'all 12 reminders', 10_000);
    const calls = slack!.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C00');
    expect(calls.filter((c) => c.outcome === 'ok')).toHaveLength(1);
    expect(calls.length).toBeGreaterThan(4);
    const gaps = calls.slice(1).map((c, i) => c.at - calls[i]!.at);
    // The cap (400 ms), a look-up and the conversation's turn; never the minutes an uncapped backoff reaches.
    expect(Math.max(...gaps)).toBeLessThan(1500);
    await eventually(async () => (await h!.app.store.conversations.outbox({ status: 'sent' })).length === 12, 'all 12 recorded as sent');
  });

  it('a permanent error gives up at once and reports it to whoever set up the conversation', async () => {
    await harness('2027-03-01T07:59:59.600Z');
    slack!.failNext('chat.postMessage', { error: 'channel_not_found' });
    await followedBy(['C-GONE']);
    await eventually(() => slack!.postedIn('UADMIN').length > 0, 'the report to the admin');
    expect(slack!.postedIn('UADMIN')[0]!.text).toContain('C-GONE');
    expect(slack!.postedIn('C-GONE')).toEqual([]);
    expect((await h!.app.store.conversations.outbox({ status: 'failed' })).map((m) => m.destination.channelId)).toEqual(['C-GONE']);
  });
});

describe('settings changed after following', () => {
  it('"reminder days" re-plans every slot, those the old and new lists share included', async () => {
    // 08:59:57 in Geneva on a Tuesday, the day before the due date: the one-day-before reminder is 3 s away.
    await harness('2027-03-02T07:59:57.000Z');
    await ask('follow Azerbaijan', 'C-CHANGED');
    await ask('follow Azerbaijan', 'C-CONTROL');
    await ask('deadline add 2027-03-03 Azerbaijan next periodic report');
    await ask('reminder days 1 0', 'C-CHANGED');
    await eventually(() => slack!.postedIn('C-CONTROL').length > 0 && slack!.postedIn('C-CHANGED').length > 0, 'both one-day-before reminders', 8000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack!.postedIn('C-CHANGED')).toHaveLength(1);
    expect(slack!.postedIn('C-CHANGED')[0]!.text).toContain('next periodic report');
  });
});

describe('Redis losing everything while the bot runs', () => {
  it('after FLUSHALL the loss is noticed and every schedule rebuilt; a slot that fell due in the gap is sent late', async () => {
    redis = await startPrivateRedis();
    // 08:59:50 in Geneva on the due date: the day's reminders are 10 s away.
    await harness('2027-03-01T07:59:50.000Z', { redisUrl: redis.url, watchEveryMs: 300 });
    const ids = channels(20);
    await followedBy(ids);
    expect((await h!.jobs.queues.reminders.getDelayed()).map((j) => (j.data as { slot: string }).slot).sort()).toEqual(['b0', 'o1']);
    await redis.flushAll();
    // The gap outlasts 09:00: those reminders fell due while Redis held nothing.
    h!.clock.now = new Date('2027-03-01T08:00:30.000Z');
    await eventually(() => postedOnce(ids), 'the 20 reminders, late', 8000);
    expect(await h!.jobs.health()).toMatchObject({ ok: true });
    expect(await h!.jobs.queues.digests.getJobSchedulersCount()).toBe(0);
    expect((await h!.jobs.queues.maintenance.getJobSchedulers()).map((s) => s.key)).toEqual(['reconcile']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(postedOnce(ids)).toBe(true);
  });

  it('down, /healthz answers 503 at once and commands say reminders are unavailable while questions are answered; back empty, it is rebuilt', async () => {
    redis = await startPrivateRedis();
    await harness('2027-03-01T07:59:50.000Z', { redisUrl: redis.url, watchEveryMs: 60_000 });
    const ids = channels(5);
    await followedBy(ids);
    const http = createHttpApp(() => health(h!.app, [], h!.jobs));
    const { server, port } = await listen(http, 0, '127.0.0.1');
    try {
      await redis.stop();
      const t0 = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      const took = performance.now() - t0;
      expect(res.status).toBe(503);
      expect(took).toBeLessThan(1500);
      const body = (await res.json()) as { redis: { ok: boolean; error: string }; store: { ok: boolean } };
      expect(body.redis.ok).toBe(false);
      expect(body.redis.error).toContain('Redis');
      expect(body.store.ok).toBe(true);

      // Four commands that need the queues and six plain questions, all at once.
      const started = performance.now();
      const answers = await Promise.all([
        ...['follow Bolivia', 'follow CMW', 'reminder days 7 0', 'remind me tomorrow to read the list of issues'].map((t, i) => ask(t, `C-CMD${i}`)),
        ...Array.from({ length: 6 }, (_, i) => ask(i % 2 ? 'deadlines Azerbaijan' : 'help', `C-Q${i}`)),
      ]);
      expect(performance.now() - started).toBeLessThan(3000);
      for (const a of answers.slice(0, 4)) {
        expect(a.fallback).toContain('Reminders are unavailable right now');
        expect(a.fallback).toContain('REMINDERS_UNAVAILABLE');
      }
      for (const a of answers.slice(4)) expect(a.fallback).not.toContain('unavailable');
      // The change itself is kept: the store has it.
      expect((await h!.app.store.conversations.subscriptions({ platform: 'slack', channelId: 'C-CMD0' })).map((s) => s.value)).toEqual(['BOL']);

      // Back, empty, after the reminders fell due.
      h!.clock.now = new Date('2027-03-01T08:01:00.000Z');
      await redis.start();
      await eventually(() => postedOnce(ids), 'the 5 reminders after Redis came back', 15_000);
      await eventually(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200, '/healthz to be fine again', 5000);
    } finally {
      await close(server);
    }
  });
});

describe('stopping, whatever state Redis is in', () => {
  it('with Redis down, the workers and queues close at once', async () => {
    redis = await startPrivateRedis();
    await harness('2027-03-01T07:59:50.000Z', { redisUrl: redis.url });
    await redis.stop();
    await eventually(() => h!.jobs.redis.status === 'reconnecting', 'the connection to notice Redis is gone');
    expect(await stopWithin(5000)).toBe('stopped');
  });

  it('with Redis up but every connection just cut, waiting to reconnect, the workers close at once', async () => {
    redis = await startPrivateRedis();
    await harness('2027-03-01T07:59:50.000Z', { redisUrl: redis.url });
    await eventually(async () => (await h!.jobs.health()).ok === true, 'the jobs to be running');
    // As after a restart: Redis answers, while the connections are between two tries.
    const cut = new Promise<void>((resolve) => h!.jobs.redis.once('reconnecting', () => resolve()));
    await redis.killClients();
    await cut;
    expect(await stopWithin(5000)).toBe('stopped');
  });
});
