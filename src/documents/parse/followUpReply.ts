import { findDates, type IsoDate } from '../../domain/dates.js';
import type { Block } from '../read/blocks.js';
import type { ParsedDocument } from '../schema.js';
import { BodyCollector } from './common.js';
import { readNumberedBody } from './concludingObservations.js';
import { headFallbacks } from './headFallbacks.js';
import type { DocumentHeader } from './header.js';

/**
 * "[Date received: 17 January 2024]", "[Received: 5 March 2004]", "[Date de réception : 17 janvier 2024]",
 * "[Fecha de recepción: 17 de enero de 2024]", or a date alone in brackets under the title ("[17 March 2003]").
 */
const RECEIVED = /\[\s*(?:date\s+(?:of\s+)?received|received(?:\s+on)?|date\s+de\s+réception|reçue?s?(?:\s+le)?|fecha\s+de\s+recepción|recibid[oa]s?(?:\s+el)?)\s*:?\s*([^\]]{6,40})\]/iu;
const BRACKETED_DATE = /^\[\s*([^\]]{6,30})\]$/;

/** The day the reply was received, from the first blocks of the document. */
export function receivedDate(blocks: readonly Block[]): IsoDate | null {
  for (const b of blocks.slice(0, 40)) {
    const labelled = RECEIVED.exec(b.text);
    const alone = labelled ? null : BRACKETED_DATE.exec(b.text.trim());
    const date = findDates((labelled ?? alone)?.[1] ?? '')[0];
    if (date) return date.iso;
  }
  return null;
}

/**
 * The State party's follow-up reply (".../FCO/3", or an addendum ".../CO/6/Add.1" titled
 * "Comments by the Government of ..."): numbered paragraphs answering the follow-up
 * paragraphs, and the date it was received.
 */
export function parseFollowUpReply(blocks: readonly Block[], header: DocumentHeader): Partial<ParsedDocument> {
  const body = new BodyCollector();
  const paragraphs = readNumberedBody(blocks, body).map((n) => n.paragraph);
  const received = receivedDate(blocks);
  const warnings: string[] = [];
  if (!received) warnings.push('The date the reply was received ("Date received: ...", "Date de réception : ...", "Fecha de recepción: ...") was not found.');
  const head = headFallbacks(blocks, header, ['follow-up-reply', 'concluding-observations']);
  const issued = header.issued ?? head.issued ?? received;
  return {
    ...head,
    paragraphs,
    headings: body.headings,
    footnotes: body.footnotes,
    held: null,
    warnings,
    deadlines: [],
    evaluation: null,
    observations: null,
    meetingDetails: null,
    followUp: { paragraphs: [], evaluations: [] },
    ...(issued ? { issued } : {}),
  };
}
