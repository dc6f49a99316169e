import { sql, type Kysely } from 'kysely';
import type { Database } from '../tables.js';
import { searchFilters } from './filters.js';
import { CANDIDATES, type FullTextSearch, type RankedParagraph } from './search.js';
import { wordForms } from './terms.js';

/**
 * The FTS5 query for the terms: each word in any of its singular and plural forms, since the
 * tokenizer folds accents and case alike in every language but stems none ("niños" finds
 * "niño"; PostgreSQL's per-language stemmers do this there). The tokenizer keeps "œ" a letter
 * of its own, so "oeuvre" is also searched as written with it.
 */
export function ftsMatch(terms: readonly string[], anyWord: boolean): string {
  const word = (t: string) => {
    const forms = wordForms(t)
      .flatMap((f) => (/oe|ae/.test(f) ? [f, f.replace(/oe/g, 'œ').replace(/ae/g, 'æ')] : [f]))
      .map((f) => `"${f}"`);
    return forms.length > 1 ? `(${forms.join(' OR ')})` : forms[0]!;
  };
  return terms.map(word).join(anyWord ? ' OR ' : ' AND ');
}

/** SQLite: FTS5 with bm25, kept in step with paragraphs by triggers (migration 0001). */
export function sqliteSearch(db: Kysely<Database>): FullTextSearch {
  return {
    indexColumns: () => ({}),
    async rank(terms, options) {
      const match = ftsMatch(terms, options.anyWord ?? false);
      const filters = searchFilters(options);
      // Ranked inside the capped candidate set: ranking outside it made FTS5 run the match again per candidate.
      const candidates = filters.any
        ? sql`select f.rowid as id, bm25(paragraphs_fts) as rank from paragraphs_fts f join paragraphs p on p.id = f.rowid join documents d on d.id = p.document_id where paragraphs_fts match ${match} ${filters.sql} limit ${CANDIDATES}`
        : sql`select rowid as id, bm25(paragraphs_fts) as rank from paragraphs_fts where paragraphs_fts match ${match} limit ${CANDIDATES}`;
      return (await sql<RankedParagraph>`select id, rank from (${candidates}) order by rank, id limit ${options.limit}`.execute(db)).rows;
    },
  };
}
