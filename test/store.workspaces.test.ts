import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../src/store/migrations.js';
import { openStore, SQLITE_FILE } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';
import { ENGINES, TEST_DATABASE_URL, type EngineName } from './support/stores.js';

/**
 * 0013_slack_workspaces on each engine: a store of 0012 with follows, settings (working time,
 * mutes), a calendar feed, reminders and messages (a thread reply, one left sending) is brought
 * up to date with nothing lost; afterwards one channel id holds rows of two
 * workspaces apart, and a single-workspace install adopts the rows from before.
 */

interface Place {
  open(): Promise<Store>;
  raw(): Kysely<any>;
  drop(): Promise<void>;
}

async function place(engine: EngineName): Promise<Place & { schema?: string }> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'rapporteur-ws-'));
    return {
      open: () => openStore({ dataDir: dir }),
      raw: () => new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite(join(dir, SQLITE_FILE)) }) }),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `w_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = async (text: string) => {
    const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await c.connect();
    await c.query(text);
    await c.end();
  };
  await admin(`create schema ${schema}`);
  return {
    schema,
    open: () => openStore({ databaseUrl: TEST_DATABASE_URL, dataDir: '.', schema }),
    raw: () => new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` }) }) }),
    drop: () => admin(`drop schema ${schema} cascade`),
  };
}

describe.each(ENGINES)('Slack workspaces in the store (%s)', (engine) => {
  let p: (Place & { schema?: string }) | null = null;
  let store: Store | null = null;
  afterEach(async () => {
    await store?.close();
    await p?.drop();
    store = null;
    p = null;
  });

  it('an 0012 store keeps its follows, settings, calendar feed, reminders and messages, and a single-workspace install adopts them', async () => {
    p = await place(engine);
    const raw = p.raw();
    const all = await migrations(engine).getMigrations();
    const upTo12 = Object.fromEntries(Object.entries(all).filter(([name]) => name < '0013'));
    const { error } = await new Migrator({ db: raw, provider: { getMigrations: async () => upTo12 }, ...(p.schema ? { migrationTableSchema: p.schema } : {}) }).migrateToLatest();
    expect(error).toBeUndefined();
    const at = '2026-11-01T09:00:00.000Z';
    await sql`insert into subscriptions (platform, channel_id, kind, value, created_by, created_at) values ('slack', 'C0OLD', 'country', 'AZE', 'U1', ${at}), ('teams', '19:t@thread', 'committee', 'CMW', 'T1', ${at})`.execute(raw);
    const working = JSON.stringify({ days: [1, 2, 3, 4], start: '08:00', end: '16:00', holidays: ['2026-12-24'] });
    await sql`insert into channel_settings (platform, channel_id, time_zone, working_time, muted_until, direct, updated_at) values ('slack', 'C0OLD', 'America/New_York', ${working}, '2026-11-20T00:00:00.000Z', 0, ${at})`.execute(raw);
    await sql`insert into calendar_feeds (platform, channel_id, feed_id, secret_hash, created_by, created_at) values ('slack', 'C0OLD', 'feed0001', 'abc123', 'U1', ${at})`.execute(raw);
    await sql`insert into reminders (platform, channel_id, text, due_at, status, created_by, created_at) values ('slack', 'U1', 'check the reply', '2026-12-01T09:00:00.000Z', 'pending', 'U1', ${at})`.execute(raw);
    await sql`insert into outbox (key, platform, channel_id, reply, status, attempts, created_at) values ('digest:slack:C0OLD:2026-11-01', 'slack', 'C0OLD', '{}', 'pending', 0, ${at})`.execute(raw);
    await sql`insert into outbox (key, platform, channel_id, reply, status, attempts, created_at, parent_id, sending_at) values ('digest:slack:C0OLD:2026-11-01:details', 'slack', 'C0OLD', '{}', 'sending', 1, ${at}, 1, ${at})`.execute(raw);
    await raw.destroy();

    store = await p.open();
    const conversations = store.conversations;
    const old = { platform: 'slack' as const, channelId: 'C0OLD' };
    expect((await conversations.subscriptions()).map((s) => [s.platform, s.channelId, s.value, s.workspace])).toEqual([
      ['slack', 'C0OLD', 'AZE', undefined],
      ['teams', '19:t@thread', 'CMW', undefined],
    ]);
    expect(await conversations.settings(old)).toMatchObject({ timeZone: 'America/New_York', workingTime: JSON.parse(working), mutedUntil: '2026-11-20T00:00:00.000Z', direct: false });
    expect(await conversations.calendarFeed({ feedId: 'feed0001' })).toMatchObject({ platform: 'slack', channelId: 'C0OLD', secretHash: 'abc123' });

    // The one workspace of SLACK_BOT_TOKEN takes the Slack rows; Teams rows stay as they were.
    expect(await conversations.adoptWorkspace('slack', 'T0ONE')).toBe(6);
    const mine = { ...old, workspace: 'T0ONE' };
    expect((await conversations.subscriptions(mine)).map((s) => s.value)).toEqual(['AZE']);
    expect((await conversations.subscriptions(old))).toEqual([]);
    expect(await conversations.settings(mine)).toMatchObject({ timeZone: 'America/New_York', workingTime: JSON.parse(working), direct: false });
    expect(await conversations.calendarFeed({ feedId: 'feed0001' })).toMatchObject({ channelId: 'C0OLD', workspace: 'T0ONE' });
    expect(await conversations.calendarFeed(mine)).toMatchObject({ feedId: 'feed0001' });
    expect((await conversations.reminders({ status: 'pending' }))[0]).toMatchObject({ channelId: 'U1', workspace: 'T0ONE' });
    const [message, reply] = await conversations.pendingOutbox();
    expect(message).toMatchObject({ key: 'digest:slack:C0OLD:2026-11-01', destination: { channelId: 'C0OLD', workspace: 'T0ONE' } });
    expect(reply).toMatchObject({ key: 'digest:slack:C0OLD:2026-11-01:details', status: 'sending', parentId: message!.id, sendingAt: at });
    // The same message queued again, now with its workspace, is the one adopted: not a second.
    expect((await conversations.enqueue('digest:slack:C0OLD:2026-11-01', mine, { again: true })).id).toBe(message!.id);
    expect((await conversations.subscriptions({ platform: 'teams', channelId: '19:t@thread' })).map((s) => s.value)).toEqual(['CMW']);
    expect(await conversations.adoptWorkspace('slack', 'T0ONE')).toBe(0);
  });

  it('one channel id holds two workspaces’ follows, settings, reminder states and messages apart', async () => {
    p = await place(engine);
    store = await p.open();
    const conversations = store.conversations;
    const a = { platform: 'slack' as const, channelId: 'C0SHARED', workspace: 'T0AAA' };
    const b = { ...a, workspace: 'T0BBB' };
    expect(await conversations.follow(a, 'country', 'AZE', 'U1')).toBe(true);
    expect(await conversations.follow(b, 'country', 'AZE', 'U2')).toBe(true);
    expect(await conversations.follow(b, 'country', 'AZE', 'U2')).toBe(false);
    await conversations.updateSettings(a, { timeZone: 'Asia/Tokyo' });
    await conversations.updateSettings(b, { timeZone: 'America/Lima' });
    expect([(await conversations.settings(a)).timeZone, (await conversations.settings(b)).timeZone]).toEqual(['Asia/Tokyo', 'America/Lima']);
    expect(await conversations.followers('AZE', null)).toEqual([a, b]);
    await conversations.saveSubject(a, 'U1', { about: 'a' });
    await conversations.saveSubject(b, 'U1', { about: 'b' });
    expect(await conversations.subject(b, 'U1', '2000-01-01')).toEqual({ about: 'b' });
    const deadline = await store.addDeadline({ title: 'next periodic report', due: '2027-03-01', country: 'AZE', committee: null, symbol: null, createdBy: 'U1' });
    await conversations.setReminderState(a, deadline.id, { doneAt: '2026-11-29T09:00:00.000Z', doneBy: 'U1', snoozedUntil: null });
    expect((await conversations.reminderState(a, deadline.id)).doneBy).toBe('U1');
    expect((await conversations.reminderState(b, deadline.id)).doneAt).toBeNull();
    const first = await conversations.enqueue('digest:slack:C0SHARED:2026-12-01', a, { n: 1 });
    const second = await conversations.enqueue('digest:slack:C0SHARED:2026-12-01', b, { n: 2 });
    expect(second.id).not.toBe(first.id);
    expect([first.key, second.key]).toEqual(['digest:slack:C0SHARED:2026-12-01', 'digest:slack:C0SHARED:2026-12-01']);
    expect((await conversations.enqueue('digest:slack:C0SHARED:2026-12-01', b, { n: 3 })).id).toBe(second.id);

    await conversations.setCalendarFeed(a, 'feedaaaa', 'hash-a', 'U1');
    await conversations.setCalendarFeed(b, 'feedbbbb', 'hash-b', 'U2');
    expect((await conversations.calendarFeed(b))!.feedId).toBe('feedbbbb');
    // The fan-out's read of a deadline's followers: each workspace's conversation with its own settings and state.
    const followers = (await conversations.followersOf(deadline)).sort((x, y) => (x.channel.workspace ?? '').localeCompare(y.channel.workspace ?? ''));
    expect(followers.map((f) => [f.channel, f.settings.timeZone, f.state.doneBy])).toEqual([
      [a, 'Asia/Tokyo', 'U1'],
      [b, 'America/Lima', null],
    ]);
    const [fanned] = await conversations.enqueueMany([{ key: 'digest:slack:C0SHARED:2026-12-01', destination: b, payload: { n: 4 } }]);
    expect(fanned!.id).toBe(second.id);
    const queued = [{ key: 'digest:slack:C0SHARED:2026-12-01', destination: a }, { key: 'digest:slack:C0SHARED:2026-12-02', destination: b }];
    expect([...(await conversations.queued(queued))]).toEqual([queued[0]]);
    await conversations.markSending([second.id]);

    // Closing one workspace touches nothing of the other; what it was sending is not sent either.
    expect(await conversations.closeWorkspace('slack', 'T0BBB', 'uninstalled', { forget: true })).toEqual({ follows: 1, digests: 0, feeds: 1, reminders: 0, messages: 1 });
    expect(await conversations.calendarFeed({ feedId: 'feedaaaa' })).not.toBeNull();
    expect(await conversations.calendarFeed({ feedId: 'feedbbbb' })).toBeNull();
    expect(await conversations.followers('AZE', null)).toEqual([a]);
    expect((await conversations.outboxMessage(first.id))!.status).toBe('pending');
    expect((await conversations.outboxMessage(second.id))).toMatchObject({ status: 'failed', lastError: 'uninstalled' });
  });

  it('keeps installations by workspace and takes each OAuth state once', async () => {
    p = await place(engine);
    store = await p.open();
    const installations = store.installations;
    await installations.save({ workspace: 'E0GRID', teamId: null, enterpriseId: 'E0GRID', isEnterpriseInstall: true, botUserId: 'U0B', installation: { bot: { token: 'xoxb-1' } } });
    await installations.save({ workspace: 'E0GRID', teamId: null, enterpriseId: 'E0GRID', isEnterpriseInstall: true, botUserId: 'U0B', installation: { bot: { token: 'xoxb-2' } } });
    expect(await installations.get('E0GRID')).toMatchObject({ isEnterpriseInstall: true, installation: { bot: { token: 'xoxb-2' } } });
    expect(await installations.workspaces()).toEqual(['E0GRID']);
    await installations.issueState('n1', { scopes: ['commands'] });
    expect(await installations.takeState('n1')).toMatchObject({ installOptions: { scopes: ['commands'] } });
    expect(await installations.takeState('n1')).toBeNull();
    expect(await installations.remove('E0GRID')).toBe(true);
    expect(await installations.get('E0GRID')).toBeNull();
  });
});
