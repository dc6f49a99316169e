import type { RawBuilder } from 'kysely';
import type { DocumentKind } from '../../documents/schema.js';

/**
 * Full-text search over paragraphs: the one place each engine has its own SQL, one module
 * per dialect behind this interface.
 */

export interface SearchOptions {
  limit: number;
  country?: string;
  committee?: string;
  kind?: DocumentKind;
  /** Only paragraphs someone spoke. */
  spoken?: boolean;
  /** Match any of the words rather than all of them. */
  anyWord?: boolean;
}

/** A matching paragraph's id and its rank (lower is better on SQLite, higher on PostgreSQL; the order is the engine's). */
export interface RankedParagraph {
  id: number;
  rank: number;
}

export interface FullTextSearch {
  /**
   * Columns to store with a new paragraph so that it can be found (PostgreSQL's tsvector in the
   * document's language); none where triggers keep the index.
   */
  indexColumns(text: string, language: string | null): Record<string, RawBuilder<unknown>>;
  /** The best matches of the terms, best first, within the filters. */
  rank(terms: readonly string[], options: SearchOptions): Promise<RankedParagraph[]>;
}

/** How many matches of a common word are ranked at most: ranking all of them is what costs. */
export const CANDIDATES = 2000;
