import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webApi } from '@slack/bolt';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { slackSender } from '../adapters/slack/sender.js';
import { clientOptions } from '../adapters/slack/transport.js';
import { Jobs } from '../jobs/jobs.js';
import { openApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Sender } from '../src/delivery.js';
import { once } from 'node:events';
import { Agent, request } from 'undici';
import { isMainThread, parentPort, Worker as Thread } from 'node:worker_threads';
import { startFakeSlack } from '../test/support/fakeSlack.js';
import { slackTraits } from '../adapters/slack/traits.js';
import { deadlineReminder } from '../src/core/notices.js';
import type { StoredDeadline } from '../src/store/records.js';

/**
 * Reminders on BullMQ, measured end to end: from the moment a reminder is due to its
 * arrival at a local fake of the Slack Web API (through the reminder and outbox queues,
 * the store and Slack's own client), beside raw BullMQ in the same run: the lag from due
 * time to processing start of empty delayed jobs, and their throughput. Then a digest for
 * 1,000 channels, built and queued. Needs Redis (REDIS_URL, default 127.0.0.1:6379).
 */

process.env.NO_PROXY = '127.0.0.1,localhost';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const silent = pino({ level: 'silent' });
const sizes = (process.argv.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '1000,10000').split(',').map(Number);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

const prefix = (name: string) => `bench${Date.now().toString(36)}${name}`;

async function dropKeys(p: string): Promise<void> {
  const client = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${p}:*`, 'COUNT', 1000);
    if (keys.length) await client.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  client.disconnect();
}

/**
 * An app whose clock can be set so that 09:00 in Geneva on the due date falls at a chosen
 * moment: set up first, then `dueIn(leadMs)`.
 */
async function benchApp(): Promise<{ app: App; dir: string; clock: () => Date; dueIn(leadMs: number): number }> {
  const dir = mkdtempSync(join(tmpdir(), 'rapporteur-bench-jobs-'));
  let offset = 0;
  const clock = () => new Date(Date.now() + offset);
  const app = await openApp(loadConfig({ RAPPORTEUR_DATA_DIR: dir, LOG_LEVEL: 'silent' }), { clock, logger: silent });
  await app.store.addDeadline({ title: 'next periodic report', due: '2027-03-01', country: 'AZE', committee: null, symbol: null, createdBy: 'bench' });
  const dueIn = (leadMs: number) => {
    const dueAt = Date.now() + leadMs;
    offset = new Date('2027-03-01T08:00:00Z').getTime() - dueAt;
    return dueAt;
  };
  return { app, dir, clock, dueIn };
}

/**
 * Slack's side runs on a thread of its own, as Slack runs on machines of its own: its
 * HTTP server must not queue behind the work being measured on one event loop.
 */
interface SlackSide {
  apiUrl: string;
  arrivals(): Promise<number[]>;
  close(): Promise<void>;
}

async function slackSide(): Promise<SlackSide> {
  const thread = new Thread(new URL(import.meta.url));
  const [apiUrl] = (await once(thread, 'message')) as [string];
  return {
    apiUrl,
    arrivals: async () => {
      thread.postMessage('arrivals');
      return ((await once(thread, 'message')) as [number[]])[0];
    },
    close: async () => {
      await thread.terminate();
    },
  };
}

async function reminders(n: number): Promise<{ p50: number; p99: number; perSecond: number }> {
  const slack = await slackSide();
  const { app, dir, clock, dueIn } = await benchApp();
  for (let i = 0; i < n; i++) {
    const channel = { platform: 'slack' as const, channelId: `C${i}` };
    await app.store.conversations.follow(channel, 'country', 'AZE', 'bench');
    await app.store.conversations.updateSettings(channel, { reminderDays: [0] });
  }
  // Set up before the clock starts: the due time leaves room for starting and scheduling only.
  const dueAt = dueIn(3000 + n * 0.2);
  const client = new webApi.WebClient('xoxb-bench', clientOptions(slack.apiUrl, { retries: 0 }, 10_000));
  const p = prefix('rem');
  const jobs = await Jobs.start({ app, senders: new Map([['slack', slackSender(client)]]), redisUrl: REDIS_URL, prefix: p, logger: silent, clock });
  if (Date.now() > dueAt) throw new Error('scheduling took longer than the lead time; raise it');
  let arrivals: number[] = [];
  const until = Date.now() + 10 * 60_000;
  while ((arrivals = await slack.arrivals()).length < n) {
    if (Date.now() > until) throw new Error(`only ${arrivals.length} of ${n} reminders arrived within 10 minutes`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const lags = arrivals.map((at) => at - dueAt);
  const span = (Math.max(...arrivals) - Math.min(...arrivals)) / 1000;
  await jobs.stop();
  await app.close();
  await slack.close();
  await dropKeys(p);
  rmSync(dir, { recursive: true, force: true });
  return { p50: percentile(lags, 0.5), p99: percentile(lags, 0.99), perSecond: n / Math.max(span, 0.001) };
}

async function rawBullMq(n: number): Promise<{ p50: number; p99: number; perSecond: number }> {
  const p = prefix('raw');
  const queue = new Queue('raw', { connection: { url: REDIS_URL }, prefix: p });
  const dueAt = Date.now() + 3000 + n * 0.2;
  await queue.addBulk(Array.from({ length: n }, (_, i) => ({ name: 'empty', data: { i }, opts: { delay: dueAt - Date.now(), removeOnComplete: true } })));
  const starts: number[] = [];
  const done = new Promise<void>((resolve) => {
    const worker = new Worker(
      'raw',
      async () => {
        starts.push(Date.now());
        if (starts.length === n) setImmediate(() => void worker.close().then(resolve));
      },
      { connection: { url: REDIS_URL, maxRetriesPerRequest: null }, prefix: p, concurrency: 4 },
    );
  });
  await done;
  await queue.close();
  await dropKeys(p);
  const span = (Math.max(...starts) - Math.min(...starts)) / 1000;
  return { p50: percentile(starts.map((s) => s - dueAt), 0.5), p99: percentile(starts.map((s) => s - dueAt), 0.99), perSecond: n / Math.max(span, 0.001) };
}

/**
 * The ceiling under the reminders: Slack's own client posting the same rendered reminder to
 * the same fake, 64 calls at a time (as the outbox sends a burst), with no queue or store.
 */
async function clientAlone(n: number): Promise<{ perSecond: number }> {
  const slack = await slackSide();
  const client = new webApi.WebClient('xoxb-bench', clientOptions(slack.apiUrl, { retries: 0 }, 10_000));
  const sender = slackSender(client);
  const d: StoredDeadline = { id: 1, key: null, documentId: null, symbol: null, committee: null, country: 'AZE', kind: 'custom', title: 'next periodic report', due: '2027-03-01', basis: 'added by bench', derived: false, met: null, daysLate: null, source: 'person', createdBy: 'bench', createdAt: '2026-01-01T00:00:00Z' };
  const reply = deadlineReminder(d, '2027-03-01');
  let next = 0;
  const lane = async () => {
    while (next < n) await sender.send({ platform: 'slack', channelId: `C${next++}` }, reply, { outboxId: next });
  };
  await Promise.all(Array.from({ length: 64 }, lane));
  const arrivals = await slack.arrivals();
  await slack.close();
  return { perSecond: n / Math.max((Math.max(...arrivals) - Math.min(...arrivals)) / 1000, 0.001) };
}

async function digests(channels: number): Promise<{ ms: number; rssMiB: number; heapMiB: number }> {
  const { app, dir, clock, dueIn } = await benchApp();
  dueIn(-3 * 86_400_000);
  const quiet: Sender = { traits: slackTraits, send: async () => ({ messageId: null }) };
  for (let i = 0; i < channels; i++) {
    const channel = { platform: 'slack' as const, channelId: `C${i}` };
    await app.store.conversations.follow(channel, 'country', 'AZE', 'bench');
    await app.store.conversations.updateSettings(channel, { digest: { cadence: 'daily', time: '09:00', always: false } });
  }
  const p = prefix('dig');
  const jobs = await Jobs.start({ app, senders: new Map([['slack', quiet]]), redisUrl: REDIS_URL, prefix: p, logger: silent, clock });
  global.gc?.();
  const before = process.memoryUsage();
  const t0 = performance.now();
  await jobs.queues.digests.addBulk(Array.from({ length: channels }, (_, i) => ({ name: 'digest', data: { platform: 'slack', channelId: `C${i}` }, opts: { removeOnComplete: true } })));
  const deadline = Date.now() + 5 * 60_000;
  while ((await app.store.conversations.outbox()).filter((m) => m.key.startsWith('digest:')).length < channels) {
    if (Date.now() > deadline) throw new Error('digests did not all arrive in the outbox within 5 minutes');
    await new Promise((r) => setTimeout(r, 20));
  }
  const ms = performance.now() - t0;
  const after = process.memoryUsage();
  await jobs.stop();
  await app.close();
  await dropKeys(p);
  rmSync(dir, { recursive: true, force: true });
  return { ms, rssMiB: (after.rss - before.rss) / 2 ** 20, heapMiB: (after.heapUsed - before.heapUsed) / 2 ** 20 };
}

async function main(): Promise<void> {
const fmt = (n: number) => n.toFixed(0).padStart(6);
console.log(`Reminder lag: due time to arrival at the fake Slack API, beside raw BullMQ (due time to processing start of empty delayed jobs), same run`);
console.log('reminders   rapporteur p50/p99 ms   raw BullMQ p50/p99 ms   p99 ratio   delivered/s   raw jobs/s   throughput ratio');
const ceilings: string[] = [];
for (const n of sizes) {
  const raw = await rawBullMq(n);
  const ours = await reminders(n);
  const alone = await clientAlone(n);
  console.log(
    `${String(n).padStart(9)}   ${fmt(ours.p50)} / ${fmt(ours.p99)}         ${fmt(raw.p50)} / ${fmt(raw.p99)}        ${(ours.p99 / Math.max(raw.p99, 1)).toFixed(2).padStart(6)}x    ${fmt(ours.perSecond)}       ${fmt(raw.perSecond)}     ${(ours.perSecond / raw.perSecond).toFixed(2)}x`,
  );
  ceilings.push(`${n}: ${alone.perSecond.toFixed(0)} posts/s (${(alone.perSecond / raw.perSecond).toFixed(2)}x raw BullMQ; Rapporteur delivers at ${(ours.perSecond / alone.perSecond).toFixed(2)}x of it)`);
}
console.log(`Slack's WebClient alone, the same posts 64 at a time with no queue or store: ${ceilings.join('; ')}`);
const d = await digests(1000);
console.log(`Digest for 1,000 channels built and queued: ${d.ms.toFixed(0)} ms; RSS +${d.rssMiB.toFixed(1)} MiB, heap +${d.heapMiB.toFixed(1)} MiB`);
process.exit(0);
}

if (isMainThread) await main();
else {
  const slack = await startFakeSlack();
  // Slack's servers are warm: the fake's request handling is compiled before it is measured,
  // with calls (auth.test) that the arrivals do not count, from this thread's own client.
  const warm = new Agent({ connections: 16 });
  for (let round = 0; round < 40; round++) {
    await Promise.all(Array.from({ length: 50 }, () => request(`${slack.apiUrl}auth.test`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'token=xoxb-warm', dispatcher: warm }).then((r) => r.body.dump())));
  }
  await warm.close();
  parentPort!.on('message', () => parentPort!.postMessage(slack.callsTo('chat.postMessage').map((c) => c.at)));
  parentPort!.postMessage(slack.apiUrl);
}
