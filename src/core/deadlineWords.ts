import { latenessInWords } from '../deadlines/rules.js';
import type { Standing } from '../deadlines/standing.js';
import type { StoredDeadline } from '../store/records.js';
import { longDate, plural } from './format.js';
import type { ListItem } from './reply.js';

/** How a deadline's standing and source read in an answer. */

export function describeStanding(s: Standing): string {
  switch (s.state) {
    case 'met':
      // What meets a document's deadline is what the committee received: "received 101 days late, on 17 January 2024".
      if (s.daysLate === null) return `received on ${longDate(s.on)}`;
      return s.daysLate === 0 ? `received on the due date, ${longDate(s.on)}` : `received ${latenessInWords(s.daysLate)}, on ${longDate(s.on)}`;
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
