import { afterEach, describe, expect, it } from 'vitest';
import { fixturePath } from './support/documents.js';
import { SEEDS, coreWith, type CoreHarness } from './support/core.js';

let h: CoreHarness;
afterEach(async () => h.cleanup());

const listed = (text: string, title: string): string[] => {
  const part = text.split('\n\n').find((p) => p.startsWith(`${title}\n`));
  return part ? part.split('\n').slice(1) : [];
};

describe('deadlines', () => {
  it('lists what is met, with the date and how late, and the basis of each date', async () => {
    h = await coreWith(SEEDS);
    const r = await h.ask('deadlines Azerbaijan');
    expect(listed(r.fallback, 'Received')).toEqual([
      '• #2 Follow-up information on CMW/C/AZE/CO/3 (paragraphs 16, 36, 60, 62): due 8 October 2023, received 101 days late, on 17 January 2024 (derived: two years from the date of CMW/C/AZE/CO/3 on 8 October 2021, the committee\'s usual follow-up period) (CMW/C/AZE/CO/3)',
    ]);
    expect(r.fallback).toContain('Counted from today, 29 November 2026 (Europe/Zurich).');
    // The record's corrections window belongs to no State party; it shows in the full list, closed.
    expect((await h.ask('deadlines')).fallback).toContain('1 corrections window closed earlier is not listed.');
  });

  it('counts overdue and upcoming from the injected clock', async () => {
    h = await coreWith([fixturePath('co-bol-2.md')], { now: '2039-05-01T12:00:00Z' });
    const r = await h.ask('deadlines Bolivia');
    expect(listed(r.fallback, 'Overdue')).toEqual([expect.stringMatching(/^• #\d+ Follow-up information on CMW\/C\/BOL\/CO\/2 \(paragraphs 5, 18, 33\): due 16 April 2039, overdue by 15 days \("within two years of the adoption/)]);
    expect(listed(r.fallback, 'Coming up')).toEqual([expect.stringMatching(/^• #\d+ Next periodic report \(third periodic report\) after CMW\/C\/BOL\/CO\/2: due 1 May 2042, due in 1,096 days/)]);
    expect(listed((await h.ask('overdue')).fallback, 'Coming up')).toEqual([]);
    const soon = await h.ask('due in 30 days');
    expect(listed(soon.fallback, 'Overdue')).toHaveLength(1);
    expect(soon.fallback).not.toContain('1 May 2042');
  });

  it('a summary record’s corrections window is due, then closed', async () => {
    h = await coreWith(SEEDS, { now: '2021-10-08T08:00:00Z' });
    const open = await h.ask('due in 7 days');
    expect(listed(open.fallback, 'Coming up')).toEqual(['• #1 Corrections to CMW/C/SR.463: due 13 October 2021, due in 5 days (within one week of the date of the record (6 October 2021)) (CMW/C/SR.463)']);
  });
});

describe('changing deadlines is for admins', () => {
  it('an admin adds a deadline and removes it', async () => {
    h = await coreWith(SEEDS, { admins: ['slack:UADMIN'] });
    const added = await h.ask('deadline add 2027-03-01 Azerbaijan next periodic report', { userId: 'UADMIN', userName: 'Ana' });
    expect(added.kind).toBe('answer');
    expect(added.fallback).toMatch(/^Added deadline #(\d+): next periodic report \(Azerbaijan\), due 1 March 2027, due in 92 days\./);
    const id = /#(\d+)/.exec(added.fallback)![1];
    expect((await h.ask('deadlines Azerbaijan')).fallback).toContain(`#${id} next periodic report: due 1 March 2027, due in 92 days (added by Ana)`);
    const removed = await h.ask(`deadline remove ${id}`, { userId: 'UADMIN' });
    expect(removed.fallback).toBe(`Removed deadline #${id}: next periodic report.`);
    expect((await h.ask('deadlines Azerbaijan')).fallback).not.toContain('next periodic report: due 1 March 2027');
  });

  it('anyone else is refused, told who can, and nothing changes', async () => {
    h = await coreWith(SEEDS, { admins: ['slack:UADMIN', 'teams:29:abc'] });
    const r = await h.ask('deadline add 2027-03-01 Azerbaijan next periodic report', { userId: 'USOMEONE' });
    expect(r).toMatchObject({ kind: 'refusal', code: 'FORBIDDEN' });
    expect(r.fallback).toContain('Only the admins named in Rapporteur’s configuration (UADMIN) can change deadlines and documents.');
    expect((await h.store.deadlines()).some((d) => d.source === 'person')).toBe(false);
    const teams = await h.ask('deadline remove 1', { platform: 'teams', userId: '29:xyz' });
    expect(teams.fallback).toContain('(29:abc)');
  });

  it('deadlines that come from documents cannot be removed', async () => {
    h = await coreWith(SEEDS, { admins: ['slack:UADMIN'] });
    const fromDocument = (await h.store.deadlines())[0]!;
    const r = await h.ask(`deadline remove ${fromDocument.id}`, { userId: 'UADMIN' });
    expect(r.kind).toBe('refusal');
    expect(r.fallback).toContain('follows the documents');
  });

  it('a deadline needs a date', async () => {
    h = await coreWith(SEEDS, { admins: ['slack:UADMIN'] });
    const r = await h.ask('deadline add Azerbaijan report', { userId: 'UADMIN' });
    expect(r.fallback).toContain('I need a due date such as 2027-03-01.');
  });
});

describe('a person’s overview (App Home)', () => {
  it('shows what they follow, and only its deadlines; everything while they follow nothing', async () => {
    h = await coreWith([fixturePath('co-bol-2.md')], { now: '2039-04-01T08:00:00Z', admins: ['slack:UADMIN'] });
    await h.ask('deadline add 2039-04-20 Azerbaijan list of issues reply', { userId: 'UADMIN' });
    const before = await h.core.home({ platform: 'slack', userId: 'U7', channelId: 'D7', text: '' });
    expect(before.fallback).toContain('You follow nothing yet, so every deadline is shown.');
    expect(before.fallback).toContain('list of issues reply');
    expect(before.fallback).toContain('Follow-up information on CMW/C/BOL/CO/2');
    await h.ask('follow Bolivia', { userId: 'U7', channelId: 'C-BOL' });
    const after = await h.core.home({ platform: 'slack', userId: 'U7', channelId: 'D7', text: '' });
    expect(after.fallback).toContain('You follow Bolivia.');
    expect(after.fallback).toContain('Follow-up information on CMW/C/BOL/CO/2 (paragraphs 5, 18, 33): due 16 April 2039, due in 15 days');
    expect(after.fallback).not.toContain('list of issues reply');
  });
});
