import { describe, expect, it } from 'vitest';
import { leadsToOverdue, planReminders, repeatsOverdue, slotFromId, slotId } from '../src/timing/slots.js';

describe('the reminder plan of a deadline', () => {
  const base = { due: '2027-03-01', days: [30, 7, 1, 0], timeZone: 'Europe/Zurich', now: new Date('2027-01-15T12:00:00Z'), done: false, snoozedUntil: null };

  it('gives 30, 7, 1 and 0 days before at 09:00 local time, then the first overdue day', () => {
    const slots = planReminders(base);
    expect(slots.map(slotId)).toEqual(['b30', 'b7', 'b1', 'b0', 'o1']);
    expect(slots[0]!.at.toISOString()).toBe('2027-01-30T08:00:00.000Z');
  });

  it('plans nothing once the deadline is marked done', () => {
    expect(planReminders({ ...base, done: true })).toEqual([]);
  });

  it('holds back every slot before a snooze ends, and reminds when it ends', () => {
    const until = new Date('2027-02-25T08:00:00Z');
    const slots = planReminders({ ...base, snoozedUntil: until });
    expect(slots.map(slotId)).toEqual([`s${until.getTime()}`, 'b1', 'b0', 'o1']);
  });

  it('reads back the slot a job id names, and only the last before-slot leads to overdue reminders', () => {
    const at = new Date('2027-03-01T08:00:00Z');
    expect(slotFromId('b30', at)).toEqual({ kind: 'before', days: 30, at });
    expect(slotFromId('o8', at)).toEqual({ kind: 'overdue', days: 8, at });
    expect(slotFromId('x1', at)).toBeNull();
    expect(leadsToOverdue({ kind: 'before', days: 7, at })).toBe(false);
    expect(leadsToOverdue({ kind: 'before', days: 0, at })).toBe(true);
    expect(leadsToOverdue({ kind: 'overdue', days: 8, at })).toBe(true);
  });

  it('a corrections window has no overdue reminders: before it closes only, and nothing after', () => {
    expect(planReminders({ ...base, closesWhenPast: true }).map(slotId)).toEqual(['b30', 'b7', 'b1', 'b0']);
    expect(planReminders({ ...base, closesWhenPast: true, now: new Date('2027-03-02T12:00:00Z') })).toEqual([]);
    expect(repeatsOverdue({ due: base.due, timeZone: base.timeZone, closesWhenPast: true })).toBe(false);
  });

  it('a deadline already past when followed gets one notice, the next morning, and no weekly ones', () => {
    const followedAt = new Date('2027-04-10T15:00:00Z');
    const past = { ...base, followedAt, now: followedAt };
    const slots = planReminders(past);
    expect(slots.map(slotId)).toEqual(['o41']);
    expect(slots[0]!.at.toISOString()).toBe('2027-04-11T07:00:00.000Z');
    expect(repeatsOverdue(past)).toBe(false);
    // Planned again after the notice went out: nothing more.
    expect(planReminders({ ...past, now: new Date('2027-04-20T12:00:00Z') })).toEqual([]);
  });

  it('a deadline followed before it passed keeps its weekly overdue reminders', () => {
    const followed = { ...base, followedAt: new Date('2027-02-01T10:00:00Z') };
    expect(planReminders(followed).map(slotId)).toEqual(['b30', 'b7', 'b1', 'b0', 'o1']);
    expect(repeatsOverdue(followed)).toBe(true);
    // Followed on the due date itself: not yet past.
    expect(repeatsOverdue({ ...base, followedAt: new Date('2027-03-01T20:00:00Z') })).toBe(true);
  });
});
