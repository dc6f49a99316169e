import { afterEach, describe, expect, it } from 'vitest';
import type { Request } from '../src/core/request.js';
import { SEEDS, coreWith, type CoreHarness } from './support/core.js';

/** Working hours, days, holidays and a person's mute, as commands: what is kept, what is refused and why. */

let h: CoreHarness;
afterEach(async () => h.cleanup());

const team = { platform: 'slack' as const, channelId: 'C1' };
const inDirectMessage: Partial<Request> = { channelId: 'D1', userId: 'U1', direct: true };

describe('working hours and days', () => {
  it('keeps working hours and says when reminders come; “working hours” alone shows them', async () => {
    // Sunday 29 November 2026, 10:00 in Geneva.
    h = await coreWith([]);
    const set = await h.ask('working hours 07:30-17:00');
    expect(set.kind).toBe('answer');
    expect(set.fallback).toContain('Working hours here are now 07:30–17:00. Reminders and digests here come Monday to Friday, 07:30–17:00 (Europe/Zurich)');
    expect(set.fallback).toContain('Next working time: Monday 30 November 2026 at 07:30 (Europe/Zurich).');
    expect((await h.store.conversations.settings(team)).workingTime).toEqual({ days: [1, 2, 3, 4, 5], start: '07:30', end: '17:00', holidays: [] });
    expect((await h.ask('working hours')).fallback).toContain('Monday to Friday, 07:30–17:00 (Europe/Zurich)');
    expect((await h.ask('following')).fallback).toContain('Working time: Monday to Friday, 07:30–17:00 (Europe/Zurich); outside it, reminders and digests wait for the next working time');
  });

  it('keeps working days, in the conversation’s own time zone', async () => {
    h = await coreWith([]);
    await h.ask('time zone Asia/Riyadh');
    const set = await h.ask('working days sun-thu');
    // Sunday 29 November, 12:00 in Riyadh: a working day there now.
    expect(set.fallback).toContain('Working days here are now Sunday to Thursday. Reminders and digests here come Sunday to Thursday, 08:00–18:00 (Asia/Riyadh)');
    expect(set.fallback).toContain('Next working time: now.');
  });

  it('refuses every value it cannot keep, saying what is accepted, and keeps nothing', async () => {
    h = await coreWith([]);
    const cases: Array<[string, string]> = [
      ['working hours 18:00-08:00', '18:00-08:00 ends before it starts; working hours within one day only'],
      ['working hours 07:30-25:00', '“25:00” is not a time of day: working hours are a start and an end on the 24-hour clock'],
      ['working hours mornings', 'as in “working hours 07:30-17:00”'],
      ['working days mon-funday', '“funday” is not a day of the week: give days as mon, tue, wed, thu, fri, sat, sun'],
      ['holidays add 2026-02-30', '2026-02-30 is not a day of the calendar: holidays are dates as YYYY-MM-DD'],
      ['holidays add Christmas', '“Christmas” is not a date as YYYY-MM-DD'],
      ['holidays forget 2026-12-25', '“forget” is not something I can do with holidays'],
      ['mute', 'Say until when: a mute lasts until a date, given as YYYY-MM-DD, as in “mute until 2027-01-05”'],
      ['mute until next week', '“next week” is not a date as YYYY-MM-DD'],
    ];
    for (const [text, says] of cases) {
      const r = await h.ask(text, inDirectMessage);
      expect(r.kind, text).toBe('help');
      expect(r.fallback, text).toContain(says);
    }
    expect((await h.store.conversations.settings({ platform: 'slack', channelId: 'D1' })).workingTime).toBeNull();
  });
});

describe('holidays', () => {
  it('adds, lists and removes days off', async () => {
    h = await coreWith([]);
    const added = await h.ask('holidays add 2026-12-25 2026-12-28');
    expect(added.fallback).toContain('Added 2 holidays here: 25 December 2026, 28 December 2026.');
    expect((await h.ask('holidays add 2026-12-25')).fallback).toBe('25 December 2026 is already a holiday here.');
    const listed = await h.ask('holidays');
    expect(listed.fallback).toContain('Holidays here: no reminders or digests on these days\n• 25 December 2026\n• 28 December 2026');
    expect((await h.ask('holidays remove 2026-12-25')).fallback).toContain('Removed 1 holiday here: 25 December 2026.');
    expect((await h.store.conversations.settings(team)).workingTime?.holidays).toEqual(['2026-12-28']);
    expect((await h.ask('holidays remove 2026-12-25')).fallback).toContain('is not a holiday here');
  });
});

describe('mute', () => {
  it('works in a direct message: what comes to the person waits until the date, then the next working time', async () => {
    h = await coreWith([]);
    const muted = await h.ask('mute until 2027-01-05', inDirectMessage);
    expect(muted.kind).toBe('answer');
    expect(muted.fallback).toContain('Muted: nothing comes to you from me until Tuesday 5 January 2027 at 00:00 (Europe/Zurich).');
    expect(muted.fallback).toContain('comes at the next working time after that, Tuesday 5 January 2027 at 08:00');
    // The direct message, and the person's id, where Slack's "remind me" posts.
    for (const channelId of ['D1', 'U1']) expect((await h.store.conversations.settings({ platform: 'slack', channelId })).mutedUntil).toBe('2027-01-04T23:00:00.000Z');
    const unmuted = await h.ask('unmute', inDirectMessage);
    expect(unmuted.fallback).toBe('Unmuted: reminders and digests come to you again, in working time.');
    expect((await h.store.conversations.settings({ platform: 'slack', channelId: 'U1' })).mutedUntil).toBeNull();
    expect((await h.ask('unmute', inDirectMessage)).fallback).toBe('Nothing was muted here.');
  });

  it('is refused in a channel: one person does not mute everyone’s reminders', async () => {
    h = await coreWith(SEEDS);
    const r = await h.ask('mute until 2027-01-05', { direct: false });
    expect(r.kind).toBe('refusal');
    expect(r.fallback).toContain('Mute works in your direct message with me');
    expect(r.fallback).toContain('one person cannot mute them');
    expect((await h.store.conversations.settings(team)).mutedUntil).toBeNull();
  });

  it('refuses a day already begun and one more than a year away', async () => {
    h = await coreWith([]);
    expect((await h.ask('mute until 2026-11-29', inDirectMessage)).fallback).toContain('2026-11-29 has begun or passed');
    expect((await h.ask('mute until 2028-01-05', inDirectMessage)).fallback).toContain('A mute lasts a year at most (until 2027-11-30)');
  });
});

describe('a personal reminder outside working time', () => {
  it('comes at the next working time, and the answer says so', async () => {
    // Sunday: "tomorrow at 7:00" is before Monday's working hours.
    h = await coreWith([]);
    const r = await h.ask('remind us tomorrow at 7:00 to send the list');
    expect(r.fallback).toContain('I will remind this conversation on Monday 30 November 2026 at 08:00 (Europe/Zurich): send the list.');
    expect(r.fallback).toContain('Monday 30 November 2026 at 07:00 is outside the working time there (Monday to Friday, 08:00–18:00 (Europe/Zurich))');
    const [stored] = await h.store.conversations.reminders({ channel: team });
    expect(stored!.dueAt).toBe('2026-11-30T07:00:00.000Z');
  });
});
