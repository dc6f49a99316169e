import type { Selectable } from 'kysely';
import type { CommitteeCode } from '../domain/committees.js';
import type { Language } from '../documents/language.js';
import type { DocumentKind } from '../documents/schema.js';
import type { DocumentDetails, StoredDeadline, StoredDocument, StoredParagraph } from './records.js';
import type { DeadlinesTable, DocumentsTable, ParagraphsTable } from './tables.js';

/** Rows as the database returns them, read into the records the store hands out. */

export const parseJson = <T>(text: string): T => JSON.parse(text) as T;

/** Every column of a document but its raw text, which only "Show source" reads (and it is large). */
export const DOCUMENT_COLUMNS = [
  'id', 'key', 'symbol', 'kind', 'committee', 'country', 'session', 'meeting', 'issued', 'held', 'title', 'chair',
  'language', 'source', 'version', 'ingested_at', 'details', 'warnings',
] as const;

export type DocumentRow = Pick<Selectable<DocumentsTable>, (typeof DOCUMENT_COLUMNS)[number]>;

/** A document's columns but its details: enough to tell which version of it a row is. */
export const DOCUMENT_HEAD_COLUMNS = DOCUMENT_COLUMNS.filter((c) => c !== 'details') as Array<Exclude<(typeof DOCUMENT_COLUMNS)[number], 'details'>>;

export type DocumentHeadRow = Omit<DocumentRow, 'details'>;

/** Read details once per document version: answers read the same few documents over and over. */
const detailsCache = new Map<string, DocumentDetails>();

const versionKey = (row: DocumentHeadRow): string => `${row.key}\u0000${row.version}\u0000${row.ingested_at}`;

/** The details of a document version already read, if they are. */
export const knownDetails = (row: DocumentHeadRow): DocumentDetails | undefined => detailsCache.get(versionKey(row));

function details(row: DocumentHeadRow, text: string): DocumentDetails {
  const key = versionKey(row);
  let parsed = detailsCache.get(key);
  if (!parsed) {
    parsed = parseJson<DocumentDetails>(text);
    if (detailsCache.size >= 500) detailsCache.delete(detailsCache.keys().next().value!);
    detailsCache.set(key, parsed);
  }
  return parsed;
}

export function rowToDocument(row: DocumentRow): StoredDocument {
  return headToDocument(row, details(row, row.details));
}

export function headToDocument(row: DocumentHeadRow, details: DocumentDetails): StoredDocument {
  return {
    id: row.id,
    key: row.key,
    symbol: row.symbol,
    kind: row.kind as DocumentKind,
    committee: row.committee as CommitteeCode | null,
    country: row.country,
    session: row.session,
    meeting: row.meeting,
    issued: row.issued,
    held: row.held,
    title: row.title,
    chair: row.chair,
    language: row.language as Language | null,
    source: row.source,
    version: row.version,
    ingestedAt: row.ingested_at,
    details,
    warnings: parseJson<string[]>(row.warnings),
  };
}

export function rowToDeadline(row: Selectable<DeadlinesTable>): StoredDeadline {
  return {
    id: row.id,
    key: row.key,
    documentId: row.document_id,
    symbol: row.symbol,
    committee: row.committee,
    country: row.country,
    kind: row.kind as StoredDeadline['kind'],
    title: row.title,
    due: row.due,
    basis: row.basis,
    derived: row.derived === 1,
    met: row.met,
    daysLate: row.days_late,
    source: row.source as StoredDeadline['source'],
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}


/** A paragraph's columns but PostgreSQL's search vector, which is large and never read back. */
export const PARAGRAPH_COLUMNS = ['document_id', 'position', 'number', 'speaker', 'text', 'line_from', 'line_to'] as const;

export function rowToParagraph(r: Pick<Selectable<ParagraphsTable>, 'document_id' | 'position' | 'number' | 'speaker' | 'text' | 'line_from' | 'line_to'>): StoredParagraph {
  return { documentId: r.document_id, position: r.position, number: r.number, speaker: r.speaker, text: r.text, lines: [r.line_from, r.line_to] };
}
