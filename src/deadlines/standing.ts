import { daysBetween, type IsoDate } from '../domain/dates.js';
import type { DeadlineKind } from './model.js';

/** Where a deadline stands on a day: due, overdue (by how many days), met (when, early or late), closed. */
export type Standing =
  | { state: 'met'; on: string; daysLate: number | null }
  | { state: 'overdue'; days: number }
  | { state: 'upcoming'; days: number }
  | { state: 'closed' };

export interface DeadlineFacts {
  kind: DeadlineKind | 'custom';
  due: IsoDate;
  met: IsoDate | null;
  daysLate: number | null;
  country: string | null;
}

export function standing(d: DeadlineFacts, today: IsoDate): Standing {
  if (d.met) return { state: 'met', on: d.met, daysLate: d.daysLate };
  const days = daysBetween(today, d.due);
  // A corrections window that has passed is closed, not owed.
  if (days < 0) return d.kind === 'corrections' ? { state: 'closed' } : { state: 'overdue', days: -days };
  return { state: 'upcoming', days };
}

/** The State party whose follow-up status tells how this deadline is being met, if any: a follow-up reply's. */
export function followUpStatusOf(d: DeadlineFacts): string | null {
  return d.kind === 'follow-up-reply' ? d.country : null;
}
