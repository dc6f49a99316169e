import { sql, type Kysely } from 'kysely';
import type { Database } from '../tables.js';
import { searchFilters } from './filters.js';
import { CANDIDATES, type FullTextSearch, type RankedParagraph } from './search.js';

/** SQLite: FTS5 with bm25, kept in step with paragraphs by triggers (migration 0001). */
export function sqliteSearch(db: Kysely<Database>): FullTextSearch {
  return {
    indexColumns: () => ({}),
    async rank(terms, options) {
      const match = terms.map((t) => `"${t}"`).join(options.anyWord ? ' OR ' : ' ');
      const filters = searchFilters(options);
      // Ranked inside the capped candidate set: ranking outside it made FTS5 run the match again per candidate.
      const candidates = filters.any
        ? sql`select f.rowid as id, bm25(paragraphs_fts) as rank from paragraphs_fts f join paragraphs p on p.id = f.rowid join documents d on d.id = p.document_id where paragraphs_fts match ${match} ${filters.sql} limit ${CANDIDATES}`
        : sql`select rowid as id, bm25(paragraphs_fts) as rank from paragraphs_fts where paragraphs_fts match ${match} limit ${CANDIDATES}`;
      return (await sql<RankedParagraph>`select id, rank from (${candidates}) order by rank, id limit ${options.limit}`.execute(db)).rows;
    },
  };
}
