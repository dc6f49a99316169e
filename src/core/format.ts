import { DateTime } from 'luxon';
import { dateIn, formatLongDate, type IsoDate } from '../domain/dates.js';
import { formatLabels } from '../documents/parse/references.js';
import type { DocumentKind } from '../documents/schema.js';
import type { DocumentSummary, StoredDocument } from '../store/records.js';
import type { Citation } from './reply.js';

/** Today's date in the given time zone, as ISO. */
export function today(clock: () => Date, timeZone: string): IsoDate {
  return dateIn(clock(), timeZone);
}

/** A moment as a person in that zone reads it: "Wednesday 2 December 2026 at 09:00". */
export function localDateTime(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).setLocale('en-GB').toFormat("cccc d LLLL yyyy 'at' HH:mm");
}

export const longDate = (iso: IsoDate | null | undefined): string => (iso ? formatLongDate(iso) : 'no date');

/** What a user may quote for a document: its symbol, or a description for one printed without. */
export function documentLabel(doc: Pick<StoredDocument, 'symbol' | 'key' | 'kind' | 'issued'>): string {
  if (doc.symbol) return doc.symbol;
  if (doc.kind === 'follow-up-evaluation') {
    const of = doc.key.replace(/ evaluation \d{4}-\d{2}-\d{2}$/, '');
    return `follow-up evaluation of ${of}${doc.issued ? ` (${formatLongDate(doc.issued)})` : ''}`;
  }
  return doc.key;
}

export function paragraphsLabel(numbers: readonly number[]): string | null {
  if (numbers.length === 0) return null;
  const sorted = [...numbers].sort((a, b) => a - b);
  const contiguous = sorted.every((n, i) => i === 0 || n === sorted[i - 1]! + 1);
  if (sorted.length === 1) return `para. ${sorted[0]}`;
  return contiguous ? `paras. ${sorted[0]}–${sorted.at(-1)}` : `paras. ${sorted.join(', ')}`;
}

export function cite(doc: Pick<DocumentSummary, 'symbol' | 'key' | 'kind' | 'issued'>, where: string | null): Citation {
  return { source: documentLabel(doc), where, documentKey: doc.key };
}

/** "para. 36 (b)–(e)"; a deeper level follows its item: "para. 36 (c) (ii)". */
export function refLabel(paragraph: number, subparagraphs: readonly string[], nested: readonly string[] = []): string {
  const deeper = nested.map((n) => ` (${n})`).join('');
  return subparagraphs.length ? `para. ${paragraph} ${formatLabels(subparagraphs)}${deeper}` : `para. ${paragraph}`;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? word : many}`;
}

/** Where a clause ends, strongest first: a cut there leaves no phrase half-said. */
const CLAUSE_ENDS = /([;:](?=\s))|(\s[–—-]\s)|(,(?=\s+(?:and|but|or|which|who|where|while|whether|how|what|why|when|including|in particular|as well as|such as|notably)\b))|(,(?=\s))/g;

/**
 * Shortens text to at most `max` characters at the last clause boundary that keeps most of it,
 * else at a word boundary, and marks the cut with "…".
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const from = Math.floor(max * 0.5);
  // The last boundary of each strength in the second half: one pass over it.
  const last: Array<number | undefined> = [];
  for (const m of room.slice(from).matchAll(CLAUSE_ENDS)) {
    const strength = m.slice(1).findIndex((g) => g !== undefined);
    last[strength] = from + m.index;
  }
  const at = last.find((i) => i !== undefined);
  if (at !== undefined) return `${room.slice(0, at).trimEnd()} …`;
  return `${room.slice(0, Math.max(room.lastIndexOf(' '), max * 0.6)).replace(/[\s,;:]+$/, '')}…`;
}

/** A document kind as answers name it. */
export const KIND_NAMES: Record<DocumentKind, string> = {
  'summary-record': 'Summary record',
  'concluding-observations': 'Concluding observations',
  'follow-up-evaluation': 'Follow-up evaluation',
  'follow-up-reply': 'Follow-up reply',
  'list-of-issues': 'List of issues',
  unknown: 'Document',
};
