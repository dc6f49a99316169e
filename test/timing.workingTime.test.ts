import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKING_TIME, type WorkingTime } from '../src/domain/conversations.js';
import { planReminders } from '../src/timing/slots.js';
import { daysInWords, isWorkingTime, nextWorkingTime, readWorkingDays, readWorkingHours, type Quiet } from '../src/timing/workingTime.js';

/** Working time as a pure function of an injected instant, in the conversation's zone. */

const zurich = (working: Partial<WorkingTime> = {}, pausedUntil: Date | null = null): Quiet => ({ working: { ...DEFAULT_WORKING_TIME, ...working }, zone: 'Europe/Zurich', pausedUntil });
const next = (at: string, quiet: Quiet) => nextWorkingTime(new Date(at), quiet).toISOString();
const local = (at: Date, zone = 'Europe/Zurich') => DateTime.fromJSDate(at, { zone }).toFormat('ccc d LLL HH:mm');

describe('the next working time', () => {
  it('is the moment itself inside working hours, the day’s start before them, the next working morning after them', () => {
    // Tuesday 1 December 2026, Geneva is UTC+1.
    expect(next('2026-12-01T09:30:00Z', zurich())).toBe('2026-12-01T09:30:00.000Z');
    expect(next('2026-12-01T05:00:00Z', zurich())).toBe('2026-12-01T07:00:00.000Z');
    // 18:00 is the end: not working time any more.
    expect(next('2026-12-01T16:59:59Z', zurich())).toBe('2026-12-01T16:59:59.000Z');
    expect(next('2026-12-01T17:00:00Z', zurich())).toBe('2026-12-02T07:00:00.000Z');
    expect(isWorkingTime(new Date('2026-12-01T17:00:00Z'), zurich())).toBe(false);
  });

  it('skips the weekend by default: Saturday and Sunday wait for Monday 08:00', () => {
    expect(local(new Date(next('2026-12-05T08:00:00Z', zurich())))).toBe('Mon 7 Dec 08:00');
    expect(local(new Date(next('2026-12-04T17:30:00Z', zurich())))).toBe('Mon 7 Dec 08:00');
  });

  it('skips holidays, one after another, and follows other working days and hours', () => {
    const christmas = zurich({ holidays: ['2026-12-25', '2026-12-28'] });
    // Friday 25 December is a holiday, the weekend follows, Monday 28 too.
    expect(local(new Date(next('2026-12-25T08:00:00Z', christmas)))).toBe('Tue 29 Dec 08:00');
    const early = zurich({ start: '07:30', end: '17:00' });
    expect(local(new Date(next('2026-12-01T05:00:00Z', early)))).toBe('Tue 1 Dec 07:30');
    expect(local(new Date(next('2026-12-01T16:15:00Z', early)))).toBe('Wed 2 Dec 07:30');
    // Sunday to Thursday, as in much of the Gulf: Friday waits for Sunday.
    const gulf: Quiet = { working: { ...DEFAULT_WORKING_TIME, days: [7, 1, 2, 3, 4] }, zone: 'Asia/Riyadh' };
    expect(local(nextWorkingTime(new Date('2026-12-04T09:00:00Z'), gulf), 'Asia/Riyadh')).toBe('Sun 6 Dec 08:00');
  });

  it('waits out a mute, then the working time after it', () => {
    const muted = zurich({}, DateTime.fromISO('2027-01-05', { zone: 'Europe/Zurich' }).toJSDate());
    expect(local(new Date(next('2026-12-21T09:00:00Z', muted)))).toBe('Tue 5 Jan 08:00');
    // After the mute, it changes nothing.
    expect(next('2027-01-06T09:00:00Z', muted)).toBe('2027-01-06T09:00:00.000Z');
  });
});

describe('on both sides of a daylight-saving change', () => {
  it('Geneva, spring: Monday 08:00 is 07:00 UTC before the change and 06:00 UTC after it', () => {
    // The clocks go forward on Sunday 29 March 2026.
    expect(next('2026-03-21T09:00:00Z', zurich())).toBe('2026-03-23T07:00:00.000Z');
    expect(next('2026-03-28T09:00:00Z', zurich())).toBe('2026-03-30T06:00:00.000Z');
  });

  it('Geneva, autumn: Friday evening waits for Monday 08:00, 06:00 UTC before the change and 07:00 UTC after it', () => {
    // The clocks go back on Sunday 25 October 2026.
    expect(next('2026-10-16T17:30:00Z', zurich())).toBe('2026-10-19T06:00:00.000Z');
    expect(next('2026-10-23T16:30:00Z', zurich())).toBe('2026-10-26T07:00:00.000Z');
  });

  it('New York, spring: Monday 08:00 is 13:00 UTC before the change and 12:00 UTC after it', () => {
    const ny: Quiet = { working: DEFAULT_WORKING_TIME, zone: 'America/New_York' };
    // The clocks go forward on Sunday 8 March 2026.
    expect(nextWorkingTime(new Date('2026-02-28T15:00:00Z'), ny).toISOString()).toBe('2026-03-02T13:00:00.000Z');
    expect(nextWorkingTime(new Date('2026-03-07T15:00:00Z'), ny).toISOString()).toBe('2026-03-09T12:00:00.000Z');
  });

  it('a working day that starts in the hour the clocks skip starts when that hour ends', () => {
    const nights = zurich({ days: [1, 2, 3, 4, 5, 6, 7], start: '02:30', end: '10:00' });
    // 01:30 CET on 29 March 2026; 02:30 does not exist that night, 03:30 CEST (01:30 UTC) comes instead.
    const at = nextWorkingTime(new Date('2026-03-29T00:30:00Z'), nights);
    expect(at.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(isWorkingTime(at, nights)).toBe(true);
  });
});

describe('reminders planned into working time', () => {
  const base = { timeZone: 'Europe/Zurich', now: new Date('2027-02-20T12:00:00Z'), done: false, snoozedUntil: null };

  it('a reminder due at a weekend comes on Monday morning; one a day at most, the latest kept', () => {
    // Due Monday 1 March 2027: 2 days and 1 day before fall on the weekend, the day itself on Monday at 09:00.
    const slots = planReminders({ ...base, due: '2027-03-01', days: [2, 1, 0], quiet: zurich() });
    expect(slots.map((s) => `${s.kind === 'snoozed' ? 's' : `${s.kind[0]}${s.days}`} ${local(s.at)}`)).toEqual(['b0 Mon 1 Mar 09:00', 'o1 Tue 2 Mar 09:00']);
  });

  it('a reminder on a holiday comes on the next working day, and hours that begin later move the morning reminder', () => {
    const slots = planReminders({ ...base, due: '2027-03-10', days: [7, 1], quiet: zurich({ holidays: ['2027-03-03'], start: '10:00' }) });
    expect(slots.map((s) => local(s.at))).toEqual(['Thu 4 Mar 10:00', 'Tue 9 Mar 10:00', 'Thu 11 Mar 10:00']);
  });

  it('without a working time, the plan is as it was', () => {
    const slots = planReminders({ ...base, due: '2027-03-01', days: [2, 1, 0] });
    expect(slots.map((s) => local(s.at))).toEqual(['Sat 27 Feb 09:00', 'Sun 28 Feb 09:00', 'Mon 1 Mar 09:00', 'Tue 2 Mar 09:00']);
  });
});

describe('working days and hours in words', () => {
  it('reads ranges, lists and names, and wraps a range past Sunday', () => {
    expect(readWorkingDays('mon-fri')).toEqual({ value: [1, 2, 3, 4, 5] });
    expect(readWorkingDays('Sunday to Thursday')).toEqual({ value: [1, 2, 3, 4, 7] });
    expect(readWorkingDays('mon,tue, thu')).toEqual({ value: [1, 2, 4] });
    expect(readWorkingDays('fri-mon')).toEqual({ value: [1, 5, 6, 7] });
    expect(readWorkingDays('weekdays')).toEqual({ value: [1, 2, 3, 4, 5] });
  });

  it('refuses what is no day, saying what is accepted', () => {
    const r = readWorkingDays('mon-funday');
    expect(r).toEqual({ problem: expect.stringContaining('“funday” is not a day of the week') });
    expect('problem' in r && r.problem).toContain('a range such as “mon-fri”');
  });

  it('reads hours and refuses impossible or backwards ones', () => {
    expect(readWorkingHours('07:30-17:00')).toEqual({ value: { start: '07:30', end: '17:00' } });
    expect(readWorkingHours('8 to 18')).toEqual({ value: { start: '08:00', end: '18:00' } });
    expect(readWorkingHours('00:00-24:00')).toEqual({ value: { start: '00:00', end: '24:00' } });
    expect(readWorkingHours('25:00-17:00')).toEqual({ problem: expect.stringContaining('“25:00” is not a time of day') });
    expect(readWorkingHours('18:00-08:00')).toEqual({ problem: expect.stringContaining('18:00-08:00 ends before it starts') });
    expect(readWorkingHours('morning')).toEqual({ problem: expect.stringContaining('as in “working hours 07:30-17:00”') });
  });

  it('says days as a person would', () => {
    expect(daysInWords([1, 2, 3, 4, 5])).toBe('Monday to Friday');
    expect(daysInWords([7, 1, 2, 3, 4])).toBe('Sunday to Thursday');
    expect(daysInWords([1, 2, 4])).toBe('Monday, Tuesday and Thursday');
    expect(daysInWords([1, 2, 3, 4, 5, 6, 7])).toBe('every day');
  });
});
