import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { digestPattern, nextDigestAt } from '../src/timing/digests.js';
import { fixturePath } from './support/documents.js';
import { jobsHarness, type JobsHarness } from './support/jobs.js';
import { TEST_REDIS_URL, dropPrefix, eventually, uniquePrefix } from './support/redis.js';
import { slackTraits } from '../adapters/slack/traits.js';

let h: JobsHarness;
afterEach(async () => h?.cleanup());
const ask = (text: string) => h.app.core.handle({ platform: 'slack', capabilities: slackTraits.capabilities, userId: 'UADMIN', userName: 'Ana', channelId: 'C-TEAM', text });

describe('digest schedules across daylight-saving changes', () => {
  it('09:00 in Geneva is 08:00 UTC in winter and 07:00 UTC in summer', () => {
    const settings = { cadence: 'daily' as const, time: '09:00', always: false };
    expect(nextDigestAt(settings, 'Europe/Zurich', new Date('2027-03-27T12:00:00Z')).toISOString()).toBe('2027-03-28T07:00:00.000Z');
    expect(nextDigestAt(settings, 'Europe/Zurich', new Date('2027-03-27T06:00:00Z')).toISOString()).toBe('2027-03-27T08:00:00.000Z');
    expect(nextDigestAt(settings, 'Europe/Zurich', new Date('2027-10-30T12:00:00Z')).toISOString()).toBe('2027-10-31T08:00:00.000Z');
    const weekdays = { cadence: 'weekdays' as const, time: '08:30', always: false };
    expect(nextDigestAt(weekdays, 'America/New_York', new Date('2027-03-12T20:00:00Z')).toISOString()).toBe('2027-03-15T12:30:00.000Z');
  });

  it('the scheduler BullMQ runs fires at the local time on both sides of the change', async () => {
    const prefix = uniquePrefix('dst');
    const queue = new Queue('digests', { connection: { url: TEST_REDIS_URL }, prefix });
    try {
      const pattern = digestPattern({ cadence: 'daily', time: '09:00', always: false });
      await queue.upsertJobScheduler('before', { pattern, tz: 'Europe/Zurich', startDate: new Date('2027-03-27T05:00:00Z') }, { name: 'digest' });
      await queue.upsertJobScheduler('after', { pattern, tz: 'Europe/Zurich', startDate: new Date('2027-03-27T12:00:00Z') }, { name: 'digest' });
      expect(new Date((await queue.getJobScheduler('before'))!.next!).toISOString()).toBe('2027-03-27T08:00:00.000Z');
      expect(new Date((await queue.getJobScheduler('after'))!.next!).toISOString()).toBe('2027-03-28T07:00:00.000Z');
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
      await dropPrefix(prefix);
    }
  });

  it('“digest daily 09:00 Europe/Zurich” sets a scheduler at 09:00 Geneva time; “digest off” removes it', async () => {
    h = await jobsHarness('2026-11-29T12:00:00Z');
    const set = await ask('digest daily 09:00 Europe/Zurich');
    expect(set.fallback).toContain('every day at 09:00 Europe/Zurich time');
    const [scheduler] = await h.jobs.queues.digests.getJobSchedulers();
    expect(scheduler).toMatchObject({ pattern: '0 9 * * *', tz: 'Europe/Zurich' });
    expect(DateTime.fromMillis(scheduler!.next!, { zone: 'Europe/Zurich' }).toFormat('HH:mm')).toBe('09:00');
    await ask('digest weekdays 08:30');
    expect(await h.jobs.queues.digests.getJobSchedulers()).toEqual([expect.objectContaining({ pattern: '30 8 * * 1-5' })]);
    await ask('digest off');
    expect(await h.jobs.queues.digests.getJobSchedulersCount()).toBe(0);
  });
});

describe('digest content', () => {
  it('posts nothing when there is nothing to say, and overdue and new items when there is', async () => {
    h = await jobsHarness('2027-03-05T08:00:00Z');
    await ask('follow Azerbaijan');
    await ask('digest daily 09:00');
    const run = async () => {
      await h.jobs.queues.digests.add('digest', { platform: 'slack', channelId: 'C-TEAM' });
      await new Promise((r) => setTimeout(r, 400));
    };
    await run();
    expect(h.slack.posted).toHaveLength(0);

    await ask('deadline add 2027-03-01 Azerbaijan list of issues reply');
    await ask('deadline add 2027-03-20 Azerbaijan submission of the NGO report');
    h.clock.now = new Date('2027-03-08T08:00:00Z');
    await run();
    // A channel: the counts, then the details in their thread.
    await eventually(() => h.slack.posted.length === 2, 'the digest and its details');
    const [parent, details] = h.slack.posted;
    expect(parent!.reply.fallback).toContain('Digest for 8 March 2027');
    expect(parent!.reply.fallback).toContain('1 overdue · 0 due this week · 0 new documents · 0 changed grades');
    expect(details!.destination).toEqual({ platform: 'slack', channelId: 'C-TEAM', threadId: 'm1' });
    const text = details!.reply.fallback;
    expect(text).toMatch(/Overdue\n• #\d+ list of issues reply \(Azerbaijan\): due 1 March 2027, overdue by 7 days/);
    expect(text).toMatch(/Due in the next 30 days\n• #\d+ submission of the NGO report \(Azerbaijan\): due 20 March 2027, due in 12 days/);
    expect(text).toContain('Following Azerbaijan.');
  });

  it('“digest now” answers with the digest at once, even when empty', async () => {
    h = await jobsHarness('2027-03-05T08:00:00Z');
    const r = await ask('digest now');
    expect(r.fallback).toContain('This conversation follows nothing yet');
  });
});

describe('documents from chat', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('an admin’s link goes through the ingestion queue and the result is posted where they asked', async () => {
    server = createServer((_req, res) => res.end(readFileSync(fixturePath('co-bol-2.md'))));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/co-bol-2.md`;
    h = await jobsHarness('2037-05-01T08:00:00Z', { env: { RAPPORTEUR_URL_ALLOWLIST: new URL(url).host } });
    const refused = await h.app.core.handle({ platform: 'slack', capabilities: slackTraits.capabilities, userId: 'USOMEONE', channelId: 'C-TEAM', text: `ingest ${url}` });
    expect(refused.kind).toBe('refusal');
    const accepted = await ask(`ingest ${url}`);
    expect(accepted.fallback).toBe(`Reading ${url}. I will post the result here.`);
    const [result] = await eventually(() => h.slack.posted.length > 0 && h.slack.posted, 'the ingestion result');
    expect(result!.destination).toEqual({ platform: 'slack', channelId: 'C-TEAM' });
    expect(result!.reply.fallback).toBe('Stored: CMW/C/BOL/CO/2, requested by Ana.');
    expect((await h.app.store.document('CMW/C/BOL/CO/2'))?.source).toBe(url);
  });

  it('a file an admin shares goes through the same queue, and the result is posted in that conversation', async () => {
    h = await jobsHarness('2037-05-01T08:00:00Z');
    const bytes = readFileSync(fixturePath('co-bol-2.md'));
    const file = { name: 'co-bol-2.md', size: bytes.byteLength, contentType: 'text/markdown', download: async () => bytes };
    const accepted = await h.app.core.receiveFile({ platform: 'slack', capabilities: slackTraits.capabilities, userId: 'UADMIN', userName: 'Ana', channelId: 'D-ANA', text: '' }, file);
    expect(accepted.fallback).toBe('Reading co-bol-2.md. I will post here what was stored.');
    const [result] = await eventually(() => h.slack.posted.length > 0 && h.slack.posted, 'the ingestion result');
    expect(result!.destination).toEqual({ platform: 'slack', channelId: 'D-ANA' });
    expect(result!.reply.fallback).toBe('Stored: CMW/C/BOL/CO/2, requested by Ana.');
    expect((await h.app.store.document('CMW/C/BOL/CO/2'))?.source).toBe('upload:co-bol-2.md');
  });
});
