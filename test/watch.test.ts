import { afterEach, describe, expect, it } from 'vitest';
import { Ingestor } from '../src/ingest/ingest.js';
import { symbolSource } from '../src/ingest/symbolSource.js';
import { startUnHosts } from './support/unHosts.js';
import { jobsHarness } from './support/jobs.js';
import { startPrivateRedis } from './support/privateRedis.js';
import { announceDocument, meetFollowUpDeadline } from '../src/core/announce.js';
import type { SymbolCheck, SymbolSource } from '../src/ports.js';
import { predict, type WatchSnapshot } from '../src/watch/predict.js';
import { afterRequest, freshHost, mayAsk, nextCheck } from '../src/watch/politeness.js';
import { watchRound } from '../jobs/watch.js';
import { SEEDS, coreWith, saveFiles } from './support/core.js';
import { fixturePath } from './support/documents.js';
import { ENGINES, openTestStore, type TestStore } from './support/stores.js';

const empty = (today: string): WatchSnapshot => ({ today, records: [], replies: [], issued: [], stored: new Set() });
const symbols = (s: WatchSnapshot) => predict(s).map((p) => `${p.symbol} ${p.reason}`);

describe('what the watch predicts', () => {
  const session = (today: string): WatchSnapshot => ({
    ...empty(today),
    records: [460, 461, 463].map((meeting, i) => ({ committee: 'CMW' as const, meeting, session: 33, held: `2021-10-0${i + 1}`, agendaSymbols: [] })),
    stored: new Set(['CMW/C/SR.460', 'CMW/C/SR.461', 'CMW/C/SR.463']),
  });

  it('asks for the records of a session under way: the meeting held but missing, and the next three', () => {
    expect(symbols(session('2021-10-06'))).toEqual(['CMW/C/SR.462 summary-record', 'CMW/C/SR.464 summary-record', 'CMW/C/SR.465 summary-record', 'CMW/C/SR.466 summary-record']);
  });

  it('stops once the session has been over for more than ten days', () => {
    expect(symbols(session('2021-10-20'))).toEqual([]);
  });

  it('names CESCR records with the year the meeting was held', () => {
    const s = { ...empty('2024-02-20'), records: [{ committee: 'CESCR' as const, meeting: 12, session: 75, held: '2024-02-19', agendaSymbols: [] }] };
    expect(symbols(s)[0]).toBe('E/C.12/2024/SR.13 summary-record');
  });

  it('awaits a follow-up reply from a month before it is due, daily, then weekly once it is a month late', () => {
    const reply = (today: string, met: string | null = null) => predict({ ...empty(today), replies: [{ symbol: 'CMW/C/AZE/CO/3', due: '2023-10-08', met }] });
    expect(reply('2023-08-01')).toEqual([]);
    expect(reply('2023-09-20')).toMatchObject([{ symbol: 'CMW/C/AZE/FCO/3', reason: 'follow-up-reply', everyHours: 24, until: '2024-10-07' }]);
    expect(reply('2023-12-01')).toMatchObject([{ symbol: 'CMW/C/AZE/FCO/3', everyHours: 24 * 7 }]);
    expect(reply('2023-12-01', '2023-11-30')).toEqual([]);
  });

  it('awaits the concluding observations on a report whose dialogue was held', () => {
    const s = { ...empty('2021-10-06'), records: [{ committee: 'CMW' as const, meeting: 463, session: 33, held: '2021-09-01', agendaSymbols: ['CMW/C/AZE/3', 'CMW/C/33/1'] }] };
    expect(symbols(s)).toEqual(['CMW/C/AZE/CO/3 concluding-observations']);
    expect(symbols({ ...s, stored: new Set(['CMW/C/AZE/CO/3']) })).toEqual([]);
  });

  it('watches a document issued lately for its next corrigendum and for a reissue', () => {
    const s = { ...empty('2021-11-01'), issued: [{ symbol: 'CMW/C/AZE/CO/3', issued: '2021-10-20' }], stored: new Set(['CMW/C/AZE/CO/3', 'CMW/C/AZE/CO/3/Corr.1']) };
    expect(symbols(s)).toEqual(['CMW/C/AZE/CO/3/Corr.2 corrigendum', 'CMW/C/AZE/CO/3 reissue']);
    expect(symbols({ ...s, today: '2022-01-01' })).toEqual([]);
  });
});

describe('keeping to the hosts’ limits', () => {
  const limits = { dailyBudget: 2, minIntervalMs: 10_000 };
  const at = (iso: string) => new Date(iso);

  it('leaves a least interval between two requests, and counts a daily budget that starts again each UTC day', () => {
    let h = afterRequest(freshHost('documents.un.org', at('2026-12-01T10:00:00Z')), at('2026-12-01T10:00:00Z'), { ok: true });
    expect(mayAsk(h, at('2026-12-01T10:00:05Z'), limits)).toMatchObject({ ok: false, from: at('2026-12-01T10:00:10Z') });
    h = afterRequest(h, at('2026-12-01T10:00:10Z'), { ok: true });
    expect(mayAsk(h, at('2026-12-01T12:00:00Z'), limits)).toMatchObject({ ok: false, from: at('2026-12-02T00:00:00Z'), why: expect.stringContaining('2 requests') });
    expect(mayAsk(h, at('2026-12-02T00:00:01Z'), limits)).toEqual({ ok: true });
  });

  it('waits as long as a 429 asks, and doubles its own wait on other failures', () => {
    const start = at('2026-12-01T10:00:00Z');
    const told = afterRequest(freshHost('tbinternet.ohchr.org', start), start, { ok: false, error: '429', retryAfterMs: 120_000 });
    expect(told.pausedUntil).toBe('2026-12-01T10:02:00.000Z');
    const once = afterRequest(freshHost('h', start), start, { ok: false, error: '503', retryAfterMs: null });
    const twice = afterRequest(once, start, { ok: false, error: '503', retryAfterMs: null });
    expect([once.pausedUntil, twice.pausedUntil]).toEqual(['2026-12-01T10:01:00.000Z', '2026-12-01T10:02:00.000Z']);
    expect(afterRequest(twice, start, { ok: true })).toMatchObject({ failures: 0, pausedUntil: null });
  });

  it('spreads checks of the same interval over a fifth of it, the same way for the same symbol', () => {
    const now = at('2026-12-01T00:00:00Z');
    const times = ['CMW/C/SR.464', 'CMW/C/SR.465', 'CMW/C/SR.466', 'CMW/C/SR.467'].map((s) => nextCheck(s, 10, now).getTime() - now.getTime());
    expect(new Set(times).size).toBe(4);
    for (const t of times) expect(t).toBeGreaterThanOrEqual(9 * 3600_000), expect(t).toBeLessThanOrEqual(11 * 3600_000);
    expect(nextCheck('CMW/C/SR.464', 10, now)).toEqual(nextCheck('CMW/C/SR.464', 10, now));
  });
});

const FCO = `United Nations

CMW/C/BOL/FCO/2

International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families

Distr.: General

10 May 2039

Original: English

Committee on the Protection of the Rights of All Migrant Workers and Members of Their Families

Information received from the Plurinational State of Bolivia on follow-up to the concluding observations on its second periodic report*

[Date received: 10 May 2039]

1. The Government sets out below the measures it has taken on the recommendations singled out for follow-up.
`;

/** The UN's hosts as the watch sees them through its port: documents published by symbol, and what each host answers. */
class Hosts implements SymbolSource {
  readonly asked: string[] = [];
  failNext: { error: string; retryAfterMs: number | null } | null = null;
  constructor(
    private readonly ingestor: Ingestor,
    private readonly published: Map<string, string>,
  ) {}
  hosts(): string[] {
    return ['documents.un.org'];
  }
  async check(symbol: string): Promise<SymbolCheck> {
    this.asked.push(symbol);
    if (this.failNext) {
      const f = this.failNext;
      this.failNext = null;
      return { status: 'failed', asked: ['documents.un.org'], host: 'documents.un.org', ...f };
    }
    const text = this.published.get(symbol);
    if (!text) return { status: 'not-published', asked: ['documents.un.org'] };
    const result = await this.ingestor.ingestBytes(new TextEncoder().encode(text), `${symbol.replace(/\W+/g, '-')}.txt`, `ods:${symbol}`);
    return { status: 'found', result, asked: ['documents.un.org'] };
  }
}

describe.each(ENGINES)('the watch round on %s', (engine) => {
  let t: TestStore;
  afterEach(async () => t?.cleanup());

  async function setUp(now: { at: Date }) {
    t = await openTestStore(engine, () => now.at);
    await saveFiles(t.store, [...SEEDS, fixturePath('co-bol-2.md')]);
    await t.store.conversations.follow({ platform: 'slack', channelId: 'C-BOL' }, 'country', 'BOL', 'U1');
    const ingestor = new Ingestor(t.store, { allowlist: [], maxBytes: 1_000_000, timeoutMs: 1000 }, async (r) => {
      if (r.status !== 'created' || !r.key) return;
      await announceDocument(t.store, r.key, await meetFollowUpDeadline(t.store, r.key, now.at.toISOString().slice(0, 10)));
    });
    return new Hosts(ingestor, new Map([['CMW/C/BOL/FCO/2', FCO]]));
  }

  it('finds an awaited reply: ingests it, meets the deadline, announces it once to the State’s followers, and asks no more', async () => {
    const now = { at: new Date('2039-03-20T08:00:00Z') };
    const hosts = await setUp(now);
    const limits = { dailyBudget: 100, minIntervalMs: 0, perRound: 10 };
    const first = await watchRound({ store: t.store, source: hosts, clock: () => now.at, limits });
    expect(first.checked).toEqual([]);
    expect((await t.store.watch.items()).map((i) => i.symbol)).toContain('CMW/C/BOL/FCO/2');

    now.at = new Date('2039-03-20T09:30:00Z');
    const second = await watchRound({ store: t.store, source: hosts, clock: () => now.at, limits });
    expect(second.checked).toContainEqual({ symbol: 'CMW/C/BOL/FCO/2', outcome: 'created' });
    const [deadline] = (await t.store.deadlines({ symbol: 'CMW/C/BOL/CO/2' })).filter((d) => d.kind === 'follow-up-reply');
    expect(deadline).toMatchObject({ met: '2039-05-10', daysLate: 24 });
    const notices = (await t.store.conversations.pendingOutbox()).filter((m) => JSON.stringify(m.payload).includes('CMW/C/BOL/FCO/2'));
    expect(notices).toHaveLength(1);
    expect(JSON.stringify(notices[0]!.payload)).toContain('Bolivia’s follow-up reply CMW/C/BOL/FCO/2 arrived, 24 days after it was due');

    now.at = new Date('2039-03-28T09:30:00Z');
    const third = await watchRound({ store: t.store, source: hosts, clock: () => now.at, limits });
    expect(third.checked.map((c) => c.symbol)).not.toContain('CMW/C/BOL/FCO/2');
    expect(hosts.asked.filter((s) => s === 'CMW/C/BOL/FCO/2')).toHaveLength(1);
  });

  it('keeps to the host’s limits across rounds and a restart: the interval, the budget and a 429’s wait are in the store', async () => {
    const now = { at: new Date('2039-03-20T08:00:00Z') };
    const hosts = await setUp(now);
    await watchRound({ store: t.store, source: hosts, clock: () => now.at, limits: { dailyBudget: 100, minIntervalMs: 60_000, perRound: 10 } });
    for (const symbol of ['CMW/C/SR.470', 'CMW/C/SR.471']) await t.store.watch.add({ symbol, why: 'asked for by an admin', addedBy: 'slack:U1', everyHours: 12, nextCheckAt: now.at });
    now.at = new Date('2039-03-20T10:00:00Z');
    const one = await watchRound({ store: t.store, source: hosts, clock: () => now.at, limits: { dailyBudget: 100, minIntervalMs: 60_000, perRound: 10 } });
    expect(one.checked).toHaveLength(1);
    expect(one.held).toMatch(/asked moments ago/);

    hosts.failNext = { error: 'documents.un.org answered 429 Too Many Requests', retryAfterMs: 30 * 60_000 };
    now.at = new Date('2039-03-20T10:05:00Z');
    const told = await watchRound({ store: t.store, source: hosts, clock: () => now.at, limits: { dailyBudget: 100, minIntervalMs: 60_000, perRound: 10 } });
    expect(told.checked[0]!.outcome).toMatch(/429/);
    expect((await t.store.watch.hosts())[0]).toMatchObject({ host: 'documents.un.org', failures: 1, pausedUntil: '2039-03-20T10:35:00.000Z' });

    // Another process, the same store: the host is still paused.
    const restarted = new Hosts(new Ingestor(t.store, { allowlist: [], maxBytes: 1_000_000, timeoutMs: 1000 }), new Map());
    now.at = new Date('2039-03-20T10:20:00Z');
    const held = await watchRound({ store: t.store, source: restarted, clock: () => now.at, limits: { dailyBudget: 100, minIntervalMs: 60_000, perRound: 10 } });
    expect(held).toMatchObject({ checked: [], held: expect.stringMatching(/asked to wait/) });
    expect(restarted.asked).toEqual([]);
  });

  it('drops a predicted item that is no longer predicted, and keeps an admin’s until it is removed', async () => {
    const now = { at: new Date('2021-10-06T08:00:00Z') };
    const hosts = await setUp(now);
    await watchRound({ store: t.store, source: hosts, clock: () => now.at, limits: { dailyBudget: 100, minIntervalMs: 0, perRound: 0 } });
    expect((await t.store.watch.items()).map((i) => i.symbol)).toContain('CMW/C/SR.464');
    expect(await t.store.watch.add({ symbol: 'CMW/C/SR.470', why: 'asked for by an admin', addedBy: 'slack:U1', everyHours: 12, nextCheckAt: now.at })).toBe(true);
    expect(await t.store.watch.add({ symbol: 'CMW/C/SR.470', why: 'again', addedBy: 'slack:U1', everyHours: 12, nextCheckAt: now.at })).toBe(false);
    now.at = new Date('2021-11-20T08:00:00Z');
    await watchRound({ store: t.store, source: hosts, clock: () => now.at, limits: { dailyBudget: 100, minIntervalMs: 0, perRound: 0 } });
    expect((await t.store.watch.items()).map((i) => i.symbol)).toEqual(['CMW/C/SR.470']);
    expect(await t.store.watch.remove('CMW/C/SR.470')).toBe(true);
  });
});

describe('watch commands', () => {
  it('lists what is watched, and lets only admins add and remove symbols', async () => {
    const h = await coreWith(SEEDS, { now: '2026-12-01T08:00:00Z' });
    try {
      expect((await h.ask('watch')).fallback).toContain('The watch asks for nothing at the moment');
      const refused = await h.ask('watch add CMW/C/SR.470');
      expect(refused.kind).toBe('refusal');
      const added = await h.ask('watch add cmw/c/sr.470', { userId: 'UADMIN' });
      expect(added.fallback).toContain('The watch will ask the UN’s hosts for CMW/C/SR.470 at its next round');
      expect((await h.ask('watch add CMW/C/SR.470', { userId: 'UADMIN' })).fallback).toContain('already asks for CMW/C/SR.470');
      expect((await h.ask('watch add CMW/C/SR.463', { userId: 'UADMIN' })).fallback).toContain('already in the store');
      expect((await h.ask('watch add Azerbaijan', { userId: 'UADMIN' })).fallback).toContain('“Azerbaijan” is not a UN document symbol');
      const predicted = await coreWith(SEEDS, { now: '2021-10-06T08:00:00Z' });
      try {
        const before = await predicted.ask('watch');
        expect(before.fallback).toContain('From the store, the watch would ask for 3 documents');
        expect(before.fallback).toContain('CMW/C/SR.464: the next meeting of CMW');
        expect(before.fallback).toContain('None has been checked yet');
      } finally {
        await predicted.cleanup();
      }
      const listed = await h.ask('what are you watching?');
      expect(listed.fallback).toContain('CMW/C/SR.470: added by an admin; not checked yet; next');
      expect((await h.ask('unwatch CMW/C/SR.470', { userId: 'UADMIN' })).fallback).toContain('no longer asks for CMW/C/SR.470');
      expect((await h.ask('watch remove CMW/C/SR.470', { userId: 'UADMIN' })).kind).toBe('not-found');
    } finally {
      await h.cleanup();
    }
  });
});

describe.each(ENGINES)('the watch against the UN hosts’ stand-ins, on %s', (engine) => {
  it('finds an admin’s symbol on ODS, learns the others are not published, and waits out a 429 as long as it asks', async () => {
    const un = await startUnHosts();
    const now = { at: new Date('2021-10-06T08:00:00Z') };
    const t = await openTestStore(engine, () => now.at);
    try {
      await saveFiles(t.store, SEEDS);
      await t.store.conversations.follow({ platform: 'slack', channelId: 'C-CMW' }, 'committee', 'CMW', 'U1');
      const ingestor = new Ingestor(t.store, { allowlist: un.allowlist, maxBytes: 5_000_000, timeoutMs: 5000, hosts: { ods: un.ods, tbdb: un.tbdb } }, async (r) => {
        if (r.status === 'created' && r.key) await announceDocument(t.store, r.key);
      });
      const source = symbolSource(ingestor, { ods: un.ods, tbdb: un.tbdb });
      await t.store.watch.add({ symbol: 'CMW/C/SR.472', why: 'asked for by an admin', addedBy: 'slack:U1', everyHours: 12, nextCheckAt: now.at });
      const limits = { dailyBudget: 50, minIntervalMs: 1000, perRound: 10 };
      // Waiting out the least interval moves the test's clock, not the wall clock.
      const wait = async (ms: number) => void (now.at = new Date(now.at.getTime() + ms));
      const first = await watchRound({ store: t.store, source, clock: () => now.at, limits, wait });
      expect(first.checked).toEqual([{ symbol: 'CMW/C/SR.472', outcome: 'created' }]);
      now.at = new Date('2021-10-06T10:00:00Z');
      await t.store.watch.add({ symbol: 'CMW/C/SR.998', why: 'asked for by an admin', addedBy: 'slack:U1', everyHours: 12, nextCheckAt: now.at });
      const round = await watchRound({ store: t.store, source, clock: () => now.at, limits, wait });
      const outcomes = Object.fromEntries(round.checked.map((c) => [c.symbol, c.outcome]));
      expect(outcomes['CMW/C/SR.464']).toBe('not published yet');
      expect(outcomes['CMW/C/SR.998']).toMatch(/too many requests/);
      expect(await t.store.document('CMW/C/SR.472')).toMatchObject({ kind: 'summary-record', meeting: 472 });
      const announced = (await t.store.conversations.pendingOutbox()).filter((m) => JSON.stringify(m.payload).includes('CMW/C/SR.472'));
      expect(announced).toHaveLength(1);
      const paused = (await t.store.watch.hosts()).filter((h) => h.pausedUntil);
      expect(paused.length).toBeGreaterThan(0);
      expect(new Date(paused[0]!.pausedUntil!).getTime() - now.at.getTime()).toBeGreaterThan(100_000);
      expect(un.requests.some((r) => r.includes('SR.472'))).toBe(true);
    } finally {
      await t.cleanup();
      await un.close();
    }
  });
});

describe('the watch’s rounds on the queues', () => {
  it('are scheduled only when RAPPORTEUR_WATCH is on, and come back when Redis loses everything', async () => {
    const redis = await startPrivateRedis();
    const off = await jobsHarness('2026-12-01T09:00:00Z', { redisUrl: redis.url });
    try {
      expect(await off.jobs.queues.watch.getJobSchedulersCount()).toBe(0);
    } finally {
      await off.cleanup();
    }
    const on = await jobsHarness('2026-12-01T09:00:00Z', { redisUrl: redis.url, env: { RAPPORTEUR_WATCH: 'on', RAPPORTEUR_WATCH_ROUND_MINUTES: '20' } });
    try {
      const scheduled = async () => (await on.jobs.queues.watch.getJobSchedulers()).map((s) => `${s.key} every ${s.every} ms`);
      expect(await scheduled()).toEqual(['watch every 1200000 ms']);
      await redis.flushAll();
      expect(await on.jobs.checkForLoss()).toBe(true);
      expect(await scheduled()).toEqual(['watch every 1200000 ms']);
    } finally {
      await on.cleanup();
      await redis.stop();
    }
  });
});
