import { latenessInWords } from '../deadlines/rules.js';
import type { Standing } from '../deadlines/standing.js';
import type { StoredDeadline } from '../store/records.js';
import { longDate, plural } from './format.js';
import type { ListItem } from './reply.js';

/** How a deadline's standing and source read in an answer. */

export function describeStanding(s: Standing): string {
  switch (s.state) {
    case 'met':
      return `met on ${longDate(s.on)}${s.daysLate !== null ? `, ${latenessInWords(s.daysLate)}` : ''}`;
    case 'overdue':
      return `overdue by ${plural(s.days, 'day')}`;
    case 'upcoming':
      return s.days === 0 ? 'due today' : `due in ${plural(s.days, 'day')}`;
    case 'closed':
      return 'window closed';
  }
}

/** A deadline cites the document whose obligation it is, when it comes from one. */
export function deadlineCite(d: StoredDeadline): Pick<ListItem, 'cite'> {
  return d.symbol ? { cite: { source: d.symbol, where: null, documentKey: d.symbol } } : {};
}
