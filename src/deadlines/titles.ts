import type { ParsedDocument } from '../documents/schema.js';
import type { Deadline } from './model.js';

/** What a deadline is called in lists and reminders, from the document that sets it. */
export function deadlineTitle(d: Deadline, doc: Pick<ParsedDocument, 'followUp' | 'observations'>): string {
  const paragraphs = doc.followUp.paragraphs;
  switch (d.kind) {
    case 'corrections':
      return `Corrections to ${d.symbol ?? 'the summary record'}`;
    case 'follow-up-reply':
      return `Follow-up information on ${d.symbol ?? 'the concluding observations'}${paragraphs.length ? ` (paragraphs ${paragraphs.join(', ')})` : ''}`;
    case 'next-periodic-report':
      return `Next periodic report${doc.observations?.nextReport?.description ? ` (${doc.observations.nextReport.description})` : ''} after ${d.symbol ?? 'the concluding observations'}`;
  }
}

/** The obligation a document's deadline is about, so that two documents naming it make one deadline. */
export function deadlineKey(d: Pick<Deadline, 'kind' | 'symbol'>): string | null {
  return d.symbol ? `${d.kind}:${d.symbol}` : null;
}
