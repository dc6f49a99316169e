import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Language } from '../../documents/language.js';
import type { Database } from '../tables.js';
import { searchFilters } from './filters.js';
import { CANDIDATES, type FullTextSearch, type RankedParagraph } from './search.js';
import { foldAccents } from './terms.js';

/** PostgreSQL's text search configurations for the languages read; any other, or none known, is indexed word for word. */
const CONFIGS = { en: 'english', fr: 'french', es: 'spanish' } as const satisfies Partial<Record<Language, string>>;
export type TextSearchConfig = (typeof CONFIGS)[keyof typeof CONFIGS] | 'simple';
const ALL_CONFIGS: readonly TextSearchConfig[] = [...Object.values(CONFIGS), 'simple'];

/** The configuration a document's paragraphs are indexed with: stemming and stop words of its language. */
export function textSearchConfig(language: string | null): TextSearchConfig {
  return CONFIGS[language as keyof typeof CONFIGS] ?? 'simple';
}

/** A paragraph's search vector, from its text with accents folded, as SQLite's tokenizer folds them. */
export function searchVector(config: TextSearchConfig, text: string): RawBuilder<unknown> {
  return sql`to_tsvector(${sql.lit(config)}::regconfig, ${foldAccents(text)})`;
}

/**
 * PostgreSQL: a tsvector per paragraph in its document's language, with a GIN index. A query's
 * language is not known, so it is read in every configuration: the index finds paragraphs
 * matching any reading, and each paragraph is then held to the reading in its own language
 * ("enfants" is 'enfant' for French paragraphs, as their vectors have it).
 */
export function postgresSearch(db: Kysely<Database>): FullTextSearch {
  return {
    indexColumns: (text, language) => {
      const config = textSearchConfig(language);
      return { tsv: searchVector(config, text), ts_config: sql`${sql.lit(config)}::regconfig` };
    },
    async rank(terms, options) {
      const text = terms.join(options.anyWord ? ' or ' : ' ');
      const query = (config: TextSearchConfig) => sql`websearch_to_tsquery(${sql.lit(config)}::regconfig, ${text})`;
      const anyReading = sql.join(ALL_CONFIGS.map(query), sql` || `);
      const ownReading = sql`case p.ts_config ${sql.join(
        ALL_CONFIGS.map((c) => sql`when ${sql.lit(c)}::regconfig then ${query(c)}`),
        sql` `,
      )} end`;
      const filters = searchFilters(options);
      return (
        await sql<RankedParagraph>`select c.id, c.rank from (
            select p.id, ts_rank(p.tsv, ${ownReading}) as rank from paragraphs p join documents d on d.id = p.document_id
            where p.tsv @@ (${anyReading}) and p.tsv @@ ${ownReading} ${filters.sql} limit ${CANDIDATES}) c
          order by c.rank desc, c.id limit ${options.limit}`.execute(db)
      ).rows;
    },
  };
}
