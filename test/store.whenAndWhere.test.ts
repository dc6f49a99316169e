import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../src/store/store.js';
import { ENGINES, openTestStore, type TestStore } from './support/stores.js';

/** What issue 14 keeps per conversation, on both engines: working time, a mute, direct or not, thread replies, calendar feeds. */

describe.each(ENGINES)('conversations on %s', (engine) => {
  let t: TestStore;
  let store: Store;
  beforeEach(async () => {
    t = await openTestStore(engine);
    store = t.store;
  });
  afterEach(async () => t.cleanup());

  const team = { platform: 'slack' as const, channelId: 'C-TEAM' };
  const other = { platform: 'teams' as const, channelId: '19:abc@thread.tacv2' };

  it('keeps working time, a mute and whether the conversation is direct, beside the other settings', async () => {
    expect(await store.conversations.settings(team)).toMatchObject({ workingTime: null, mutedUntil: null, direct: null });
    const working = { days: [7, 1, 2, 3, 4], start: '07:30', end: '17:00', holidays: ['2026-12-25'] };
    await store.conversations.updateSettings(team, { timeZone: 'Asia/Riyadh', workingTime: working, direct: false });
    await store.conversations.updateSettings(team, { mutedUntil: '2027-01-04T23:00:00.000Z' });
    expect(await store.conversations.settings(team)).toMatchObject({ timeZone: 'Asia/Riyadh', workingTime: working, mutedUntil: '2027-01-04T23:00:00.000Z', direct: false });
    await store.conversations.updateSettings(team, { mutedUntil: null, direct: true });
    expect(await store.conversations.settings(team)).toMatchObject({ workingTime: working, mutedUntil: null, direct: true });
  });

  it('keeps a thread reply’s parent', async () => {
    const payload = { kind: 'answer', blocks: [], fallback: 'x' };
    const parent = await store.conversations.enqueue('digest:a', team, payload);
    const reply = await store.conversations.enqueue('digest:a:details', team, payload, { parentId: parent.id });
    expect(parent.parentId).toBeNull();
    expect(await store.conversations.outboxMessage(reply.id)).toMatchObject({ parentId: parent.id, destination: team });
  });

  it('keeps one calendar feed per conversation, found by its id; a new one replaces it, and revoking removes it', async () => {
    await store.conversations.setCalendarFeed(team, 'a'.repeat(16), 'f'.repeat(64), 'U1');
    await store.conversations.setCalendarFeed(other, 'b'.repeat(16), 'e'.repeat(64), 'T1');
    expect(await store.conversations.calendarFeed({ feedId: 'a'.repeat(16) })).toMatchObject({ ...team, secretHash: 'f'.repeat(64), createdBy: 'U1' });
    await store.conversations.setCalendarFeed(team, 'c'.repeat(16), 'd'.repeat(64), 'U2');
    expect(await store.conversations.calendarFeed({ feedId: 'a'.repeat(16) })).toBeNull();
    expect(await store.conversations.calendarFeed(team)).toMatchObject({ feedId: 'c'.repeat(16), createdBy: 'U2' });
    expect(await store.conversations.revokeCalendarFeed(team)).toBe(true);
    expect(await store.conversations.revokeCalendarFeed(team)).toBe(false);
    expect(await store.conversations.calendarFeed({ feedId: 'b'.repeat(16) })).toMatchObject(other);
  });
});
