import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackTraits } from '../adapters/slack/traits.js';
import { createCore } from '../src/core/core.js';
import type { Reply } from '../src/core/reply.js';
import { downloadLinks, odsAddress, tbdbAddress } from '../src/ingest/bySymbol.js';
import { Ingestor, type IngestPolicy } from '../src/ingest/ingest.js';
import { openStore } from '../src/store/open.js';
import { rapporteurAsync as rapporteur } from './support/cli.js';
import { ENGINES, TEST_DATABASE_URL, openTestStore, type EngineName } from './support/stores.js';
import { startUnHosts, type FakeUnHosts } from './support/unHosts.js';

/** Fetching documents by their UN symbol from a local fake of ODS, the Treaty Body Database and docstore. */

let un: FakeUnHosts;
beforeAll(async () => {
  un = await startUnHosts({ slowMs: 3000 });
});
afterAll(() => un.close());

const policy = (over: Partial<IngestPolicy> = {}): IngestPolicy => ({ allowlist: un.allowlist, maxBytes: 5_000_000, timeoutMs: 5000, hosts: { ods: un.ods, tbdb: un.tbdb }, ...over });
const hostOf = (base: string): string => new URL(base).host;

async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await new Promise((resolve) => server.close(resolve));
  return base;
}

describe.each(ENGINES)('fetch by symbol in chat (%s)', (engine: EngineName) => {
  async function chat(over: Partial<IngestPolicy> = {}) {
    const t = await openTestStore(engine);
    const core = createCore({ store: t.store, timeZone: 'Europe/Zurich', admins: ['slack:UADMIN'], ingestNow: new Ingestor(t.store, policy(over)) });
    const ask = (text: string, userId = 'UADMIN'): Promise<Reply> => core.handle({ platform: 'slack', capabilities: slackTraits.capabilities, userId, userName: 'Ana', channelId: 'C1', text });
    return { ...t, ask, cleanup: async () => { await core.settle(); await t.cleanup(); } };
  }

  it('an admin fetches a summary record from ODS; its source is the symbol’s own address', async () => {
    const h = await chat();
    try {
      expect((await h.ask('fetch CMW/C/SR.463')).fallback).toBe('Stored: CMW/C/SR.463, requested by Ana.');
      const doc = (await h.store.document('CMW/C/SR.463'))!;
      expect(doc).toMatchObject({ kind: 'summary-record', meeting: 463, source: odsAddress({ ods: un.ods, tbdb: un.tbdb }, 'CMW/C/SR.463', 'en', 'pdf') });
      expect((await h.store.paragraphs(doc.id)).length).toBe(19);
      expect((await h.ask('summary 463')).fallback).toContain('Mr. Ünver');
      // The same document again is no new version.
      expect((await h.ask('fetch cmw/c/sr.463')).fallback).toBe('Already in the store: CMW/C/SR.463, requested by Ana.');
    } finally {
      await h.cleanup();
    }
  });

  it('falls back to the Treaty Body Database when ODS sends an error page, and still finds it after republication', async () => {
    un.behave('CMW/C/AZE/CO/3', 'ods-error-page');
    const h = await chat();
    try {
      expect((await h.ask('fetch CMW/C/AZE/CO/3')).fallback).toMatch(/^Stored: CMW\/C\/AZE\/CO\/3, requested by Ana\./);
      const doc = (await h.store.document('CMW/C/AZE/CO/3'))!;
      expect(doc).toMatchObject({ kind: 'concluding-observations', country: 'AZE', source: tbdbAddress({ ods: un.ods, tbdb: un.tbdb }, 'CMW/C/AZE/CO/3', 'en') });
      const oldLinks = un.requests.filter((r) => r.startsWith('docstore ')).map((r) => r.slice('docstore '.length));
      un.republish('CMW/C/AZE/CO/3');
      expect((await h.ask('fetch CMW/C/AZE/CO/3')).fallback).toMatch(/^Already in the store: CMW\/C\/AZE\/CO\/3, requested by Ana\./);
      const newLinks = un.requests.filter((r) => r.startsWith('docstore ')).map((r) => r.slice('docstore '.length)).slice(oldLinks.length);
      expect(newLinks.length).toBeGreaterThan(0);
      expect(newLinks).not.toContain(oldLinks[0]);
    } finally {
      un.behave('CMW/C/AZE/CO/3', null);
      await h.cleanup();
    }
  });

  it('says in one sentence why nothing was stored, with the code to quote', async () => {
    const h = await chat();
    const [ods, tbdb] = [hostOf(un.ods), hostOf(un.tbdb)];
    try {
      const before = await h.store.counts();
      const cases: Array<[string, string, string]> = [
        ['fetch CMW/C/XYZ', 'NOT_A_SYMBOL', '“CMW/C/XYZ” is not a UN symbol: a treaty body’s symbols read like CMW/C/AZE/CO/3 (concluding observations), CMW/C/AZE/FCO/3 (a follow-up reply) or CMW/C/SR.463 (a summary record).'],
        ['fetch CMW/C/AZE/FCO/4', 'NOT_PUBLISHED', `CMW/C/AZE/FCO/4 is not published yet (${ods} has no file for it yet; ${tbdb} lists no copy of it); try again once it is. Nothing was stored. [NOT_PUBLISHED]`],
        ['fetch CMW/C/SR.999', 'DOCUMENT_NOT_FOUND', `CMW/C/SR.999 was not found (${ods} answered 404 (not found); ${tbdb} answered 404 (not found)); check the symbol. Nothing was stored. [DOCUMENT_NOT_FOUND]`],
        ['fetch CMW/C/SR.998', 'RATE_LIMITED', `CMW/C/SR.998 could not be fetched now: the document hosts are receiving too many requests (${ods}: the server answered 429 Too Many Requests and asks to wait 2 minutes; ${tbdb}: the server answered 429 Too Many Requests and asks to wait 2 minutes); try again in 2 minutes, as ${ods} and ${tbdb} ask. Nothing was stored. [RATE_LIMITED]`],
      ];
      for (const [text, code, sentence] of cases) {
        const answer = await h.ask(text);
        expect(answer).toMatchObject({ code });
        expect(answer.fallback).toBe(sentence);
      }
      expect(await h.store.counts()).toEqual(before);
    } finally {
      await h.cleanup();
    }
  });

  it('says when the hosts are down, too slow, or the document too big', async () => {
    const closed = { ods: await closedPort(), tbdb: await closedPort() };
    const down = await chat({ hosts: closed, allowlist: [hostOf(closed.ods), hostOf(closed.tbdb)] });
    const slow = await chat({ timeoutMs: 300 });
    const small = await chat({ maxBytes: 2000 });
    try {
      const refused = await down.ask('fetch CMW/C/SR.463');
      expect(refused.code).toBe('FETCH_FAILED');
      expect(refused.fallback).toMatch(/^CMW\/C\/SR\.463 could not be fetched: the document hosts could not be reached \(127\.0\.0\.1:\d+: the server refused the connection; 127\.0\.0\.1:\d+: the server refused the connection\); try again later\. Nothing was stored\. \[FETCH_FAILED\]$/);
      const late = await slow.ask('fetch CMW/C/SR.997');
      expect(late.fallback).toBe(`CMW/C/SR.997 could not be fetched: the document hosts could not be reached (${hostOf(un.ods)}: no complete answer within 0.3 seconds; ${hostOf(un.tbdb)}: no complete answer within 0.3 seconds); try again later. Nothing was stored. [FETCH_FAILED]`);
      const big = await small.ask('fetch CMW/C/SR.463');
      expect(big).toMatchObject({ code: 'DOCUMENT_TOO_LARGE' });
      expect(big.fallback).toContain('the document is larger than 1 KiB');
      for (const h of [down, slow, small]) expect(await h.store.document('CMW/C/SR.463')).toBeNull();
    } finally {
      for (const h of [down, slow, small]) await h.cleanup();
    }
  });

  it('offers the fetch for a symbol not in the store: a button for admins, a sentence for others', async () => {
    const h = await chat();
    try {
      const admin = await h.ask('doc CMW/C/SR.375');
      expect(admin.kind).toBe('not-found');
      expect(admin.blocks).toContainEqual({ type: 'actions', actions: [{ id: 'fetch', label: 'Fetch CMW/C/SR.375', kind: 'command', command: 'fetch CMW/C/SR.375', style: 'primary' }] });
      const other = await h.ask('doc CMW/C/SR.375', 'USOMEONE');
      expect(other.fallback).toBe('CMW/C/SR.375 is not in the store. An admin can fetch it from the UN’s document systems (“fetch CMW/C/SR.375”).');
      expect(other.blocks.some((b) => b.type === 'actions')).toBe(false);
      expect(await h.ask('fetch CMW/C/SR.375', 'USOMEONE')).toMatchObject({ kind: 'refusal', code: 'FORBIDDEN' });
      expect((await h.ask('fetch CMW/C/SR.375')).fallback).toBe('Stored: CMW/C/SR.375, requested by Ana.');
    } finally {
      await h.cleanup();
    }
  });
});

/** Where the command line keeps its store for one test: a data directory, or a PostgreSQL schema. */
async function cliStore(engine: EngineName): Promise<{ env: NodeJS.ProcessEnv; open: () => ReturnType<typeof openStore>; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'rapporteur-fetch-'));
  if (engine === 'sqlite') return { env: { RAPPORTEUR_DATA_DIR: dir }, open: () => openStore({ dataDir: dir }), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  const schema = `f_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  return {
    env: { RAPPORTEUR_DATA_DIR: dir, DATABASE_URL: `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}` },
    open: () => openStore({ databaseUrl: TEST_DATABASE_URL, dataDir: dir, schema }),
    cleanup: async () => {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe.each(ENGINES)('rapporteur ingest SYMBOL (%s)', (engine: EngineName) => {
  it('fetches symbols among files, one line each, and exits non-zero with a sentence per failure', async () => {
    const place = await cliStore(engine);
    try {
      const env = { ...place.env, RAPPORTEUR_ODS_URL: un.ods, RAPPORTEUR_TBDB_URL: `${un.tbdb}/`, RAPPORTEUR_URL_ALLOWLIST: un.allowlist.join(','), LOG_LEVEL: 'silent' };
      const run = await rapporteur(['ingest', 'CMW/C/SR.463', 'seeds/cmw-follow-up-azerbaijan-2026.md', 'CMW/C/AZE/CO/3', 'CMW/C/XYZ', 'CMW/C/AZE/FCO/4'], env);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(1);
      const lines = run.stdout.trim().split('\n');
      expect(lines[0]).toBe(`created    CMW/C/SR.463 ← ${un.ods}/api/symbol/access?s=CMW%2FC%2FSR.463&l=en&t=pdf`);
      expect(lines[1]).toMatch(/^created    .* ← seeds\/cmw-follow-up-azerbaijan-2026\.md — 4 warnings$/);
      expect(lines[2]).toMatch(/^created    CMW\/C\/AZE\/CO\/3 ← /);
      expect(lines[3]).toBe('failed     CMW/C/XYZ: “CMW/C/XYZ” is not a UN symbol: a treaty body’s symbols read like CMW/C/AZE/CO/3 (concluding observations), CMW/C/AZE/FCO/3 (a follow-up reply) or CMW/C/SR.463 (a summary record) [NOT_A_SYMBOL]');
      expect(lines[4]).toBe(`failed     CMW/C/AZE/FCO/4: CMW/C/AZE/FCO/4 is not published yet (${hostOf(un.ods)} has no file for it yet; ${hostOf(un.tbdb)} lists no copy of it); try again once it is [NOT_PUBLISHED]`);
      expect(lines[5]).toBe('5 documents: 3 created, 0 replaced, 0 unchanged, 2 failed');
      const store = await place.open();
      try {
        const keys = (await store.listDocuments({})).map((d) => d.key);
        expect(keys).toHaveLength(3);
        expect(keys).toEqual(expect.arrayContaining(['CMW/C/AZE/CO/3', 'CMW/C/SR.463']));
      } finally {
        await store.close();
      }
      // Everything given stored or unchanged: exit 0.
      expect(await rapporteur(['ingest', 'CMW/C/SR.463'], env)).toMatchObject({ status: 0, stdout: expect.stringContaining('unchanged  CMW/C/SR.463') });
    } finally {
      await place.cleanup();
    }
  }, 120_000);

  it('refuses a fetch from hosts off the allowlist, naming the list', async () => {
    const run = await rapporteur(['ingest', 'CMW/C/SR.463'], { RAPPORTEUR_DATA_DIR: mkdtempSync(join(tmpdir(), 'rapporteur-fetch-')), RAPPORTEUR_ODS_URL: un.ods, RAPPORTEUR_TBDB_URL: un.tbdb, RAPPORTEUR_URL_ALLOWLIST: '127.0.0.1', LOG_LEVEL: 'silent' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`is not on the list of allowed hosts (127.0.0.1)`);
  }, 60_000);
});

describe('the Treaty Body Database’s download page', () => {
  it('gives the requested language’s links, PDF before Word, and none from another language’s row', () => {
    const page = '<table><tr><td>English</td><td><a href="https://docstore.ohchr.org/SelfServices/FilesHandler.ashx?enc=W1">Word</a> <a href="/SelfServices/FilesHandler.ashx?enc=P1&amp;x=1"><img alt="PDF"></a></td></tr>' +
      '<tr><td>Français</td><td><a href="https://docstore.ohchr.org/SelfServices/FilesHandler.ashx?enc=P2">PDF</a></td></tr></table>';
    const at = 'https://tbinternet.ohchr.org/_layouts/15/treatybodyexternal/Download.aspx?symbolno=X';
    expect(downloadLinks(page, at, 'en')).toEqual(['https://tbinternet.ohchr.org/SelfServices/FilesHandler.ashx?enc=P1&x=1', 'https://docstore.ohchr.org/SelfServices/FilesHandler.ashx?enc=W1']);
    expect(downloadLinks(page, at, 'fr')).toEqual(['https://docstore.ohchr.org/SelfServices/FilesHandler.ashx?enc=P2']);
    expect(downloadLinks(page, at, 'es')).toEqual([]);
    expect(downloadLinks('<p>No documents found.</p>', at, 'en')).toEqual([]);
  });
});
