import { afterEach, describe, expect, it } from 'vitest';
import { SEEDS, coreWith, type CoreHarness } from './support/core.js';

let h: CoreHarness;
afterEach(async () => h.cleanup());

const admin = { userId: 'UADMIN', userName: 'Ana' };

describe('corrections windows', () => {
  it('while a record’s week runs, “corrections open” lists it with the days left, and the meeting’s window says so', async () => {
    h = await coreWith(SEEDS, { now: '2021-10-08T08:00:00Z' });
    const open = await h.ask('corrections open');
    expect(open.kind).toBe('answer');
    expect(open.fallback).toContain('1 corrections window open');
    expect(open.fallback).toContain('Corrections to CMW/C/SR.463: open until 13 October 2021, 5 days from today (CMW/C/SR.463)');
    const one = await h.ask('when is the corrections deadline for meeting 463?');
    expect(one.fallback).toContain('due by 13 October 2021, within one week of the date of the record (6 October 2021); open until 13 October 2021');
  });

  it('on the last day the window is open until today; the day after, closed and none is open', async () => {
    h = await coreWith(SEEDS, { now: '2021-10-13T16:00:00Z' });
    expect((await h.ask('corrections open')).fallback).toContain('open until today, 13 October 2021');
    await h.cleanup();
    h = await coreWith(SEEDS, { now: '2021-10-14T08:00:00Z' });
    const none = await h.ask('corrections open');
    expect(none.kind).toBe('not-found');
    expect(none.fallback).toContain('No corrections window is open today. 1 corrections window has closed.');
    expect((await h.ask('corrections 463')).fallback).toContain('closed on 13 October 2021, 1 day ago');
  });
});

describe('the session view', () => {
  it('lists the session’s open deadlines while its record’s window is open', async () => {
    h = await coreWith(SEEDS, { now: '2021-10-08T08:00:00Z' });
    const r = await h.ask('session 33 CMW');
    expect(r.fallback).toContain('Open deadlines');
    expect(r.fallback).toMatch(/#\d+ Corrections to CMW\/C\/SR\.463: due 13 October 2021, due in 5 days/);
    expect(r.fallback).toContain('463rd meeting (partial), 4 October 2021: Promotion of the Convention');
  });
});

describe('today is counted in the conversation’s zone', () => {
  // 23:30 in Geneva on 12 October is already 13 October in Kiritimati (UTC+14).
  const now = '2021-10-12T21:30:00Z';

  it('in deadlines, corrections and the overview', async () => {
    h = await coreWith(SEEDS, { now });
    expect((await h.ask('due in 7 days')).fallback).toContain('due in 1 day');
    await h.ask('time zone Pacific/Kiritimati');
    const far = await h.ask('due in 7 days');
    expect(far.fallback).toContain('due today');
    expect(far.fallback).toContain('Counted from today, 13 October 2021 (Pacific/Kiritimati).');
    expect((await h.ask('corrections open')).fallback).toContain('open until today, 13 October 2021');
    const home = await h.core.home({ platform: 'slack', userId: 'U1', channelId: 'C1', text: '' });
    expect(home.fallback).toContain('As of 13 October 2021 (Pacific/Kiritimati).');
  });

  it('in done, which says how the deadline stands that day', async () => {
    h = await coreWith(SEEDS, { now });
    await h.ask('time zone Pacific/Kiritimati');
    const id = /#(\d+) Corrections/.exec((await h.ask('due in 7 days')).fallback)![1];
    expect((await h.ask(`done ${id}`)).fallback).toContain('(due 13 October 2021, due today) done here');
  });
});

describe('bad values are refused with what is accepted', () => {
  it('an impossible due date is not stored, for an admin either', async () => {
    h = await coreWith(SEEDS, { admins: ['slack:UADMIN'] });
    const r = await h.ask('deadline add 2027-02-30 Azerbaijan next periodic report', admin);
    expect(r.kind).toBe('help');
    expect(r.fallback).toContain('2027-02-30 is not a date: February 2027 has 28 days. Give the due date as YYYY-MM-DD');
    expect((await h.ask('deadlines Azerbaijan')).fallback).not.toContain('next periodic report');
    expect((await h.ask('deadline add 2028-02-29 Azerbaijan next periodic report', admin)).fallback).toContain('due 29 February 2028');
  });

  it('reminder days out of range and “digest hourly” change nothing', async () => {
    h = await coreWith(SEEDS);
    await h.ask('reminder days 14 2');
    expect((await h.ask('reminder days 400')).kind).toBe('help');
    expect((await h.ask('reminder days')).fallback).toContain('Reminders come 14 days and 2 days before each due date');
    expect((await h.ask('digest hourly')).fallback).toContain('“hourly” is not a digest schedule I can keep');
    expect((await h.ask('digest')).fallback).toContain('No digest here.');
  });

  it('a digest that names a zone says the conversation’s zone changes; one that does not keeps it', async () => {
    h = await coreWith(SEEDS);
    await h.ask('time zone Asia/Bangkok');
    const kept = await h.ask('digest weekdays 08:30');
    expect(kept.fallback).toContain('on weekdays at 08:30 Asia/Bangkok time');
    expect(kept.fallback).not.toContain('time zone is now');
    const changed = await h.ask('digest daily 09:00 Europe/Zurich');
    expect(changed.fallback).toContain('This conversation’s time zone is now Europe/Zurich (it was Asia/Bangkok); reminders here follow it too.');
    expect((await h.ask('following')).fallback).toContain('Time zone: Europe/Zurich');
  });
});
