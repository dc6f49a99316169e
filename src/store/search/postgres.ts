import { sql, type Kysely } from 'kysely';
import type { Database } from '../tables.js';
import { searchFilters } from './filters.js';
import { CANDIDATES, type FullTextSearch, type RankedParagraph } from './search.js';
import { foldAccents } from './terms.js';

/** PostgreSQL: a tsvector per paragraph with a GIN index, queried with websearch_to_tsquery. */
export function postgresSearch(db: Kysely<Database>): FullTextSearch {
  return {
    indexColumns: (text) => ({ tsv: sql`to_tsvector('english', ${foldAccents(text)})` }),
    async rank(terms, options) {
      const text = terms.join(options.anyWord ? ' or ' : ' ');
      const filters = searchFilters(options);
      return (
        await sql<RankedParagraph>`select c.id, ts_rank(p.tsv, q) as rank
          from (select p.id from paragraphs p join documents d on d.id = p.document_id
                where p.tsv @@ websearch_to_tsquery('english', ${text}) ${filters.sql} limit ${CANDIDATES}) c
          join paragraphs p on p.id = c.id, websearch_to_tsquery('english', ${text}) q
          order by rank desc, c.id limit ${options.limit}`.execute(db)
      ).rows;
    },
  };
}
