import { findDates } from '../../domain/dates.js';
import type { Block } from '../read/blocks.js';
import type { ParsedDocument } from '../schema.js';
import { BodyCollector } from './common.js';
import { readNumberedBody } from './concludingObservations.js';
import type { DocumentHeader } from './header.js';

/**
 * The State party's follow-up reply (".../FCO/3"): numbered paragraphs answering the
 * follow-up paragraphs, and the date it was received ("[Date received: 17 January 2024]").
 */
export function parseFollowUpReply(blocks: readonly Block[], header: DocumentHeader): Partial<ParsedDocument> {
  const body = new BodyCollector();
  const paragraphs = readNumberedBody(blocks, body).map((n) => n.paragraph);
  const receivedText = [...blocks.map((b) => b.text)].find((t) => /date received/i.test(t)) ?? '';
  const receivedDate = findDates(receivedText.slice(receivedText.search(/date received/i)))[0]?.iso ?? null;
  const warnings: string[] = [];
  if (!receivedDate) warnings.push('The date the reply was received ("Date received: ...") was not found.');
  return {
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
    ...(receivedDate && !header.issued ? { issued: receivedDate } : {}),
  };
}
