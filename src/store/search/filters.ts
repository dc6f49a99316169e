import { sql, type RawBuilder } from 'kysely';
import type { SearchOptions } from './search.js';

/** The search filters as SQL on paragraphs `p` joined to documents `d`, the same on both engines. */
export function searchFilters(options: SearchOptions): { sql: RawBuilder<unknown>; any: boolean } {
  const parts = [
    options.country ? sql`and d.country = ${options.country}` : null,
    options.committee ? sql`and d.committee = ${options.committee}` : null,
    options.kind ? sql`and d.kind = ${options.kind}` : null,
    options.spoken ? sql`and p.speaker is not null` : null,
  ].filter((p): p is RawBuilder<unknown> => p !== null);
  return { sql: parts.length ? sql.join(parts, sql` `) : sql``, any: parts.length > 0 };
}
