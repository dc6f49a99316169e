import { daysBetween, type IsoDate } from '../domain/dates.js';
import type { Deadline } from './model.js';

/** A deadline as already kept, and from which document. */
export interface KeptDeadline {
  due: IsoDate;
  basis: string;
  derived: boolean;
  documentId: number | null;
  title: string;
  met: IsoDate | null;
}

/**
 * Two documents about one obligation: the printed date wins over a derived one, and a later
 * document saying what was due arrived records when, without moving the date.
 */
export function mergeDeadline(kept: KeptDeadline, incoming: Deadline, from: { documentId: number; title: string }): KeptDeadline & { daysLate: number | null } {
  const keep = !kept.derived && incoming.derived;
  const due = keep ? kept.due : incoming.due;
  const met = incoming.met ?? kept.met;
  return {
    due,
    basis: keep ? kept.basis : incoming.basis,
    derived: keep ? false : incoming.derived,
    documentId: keep ? kept.documentId : from.documentId,
    title: keep ? kept.title : from.title,
    met,
    daysLate: met ? daysBetween(due, met) : null,
  };
}
