import type { Kysely } from 'kysely';
import type { CommitteeCode } from '../../domain/committees.js';
import type { DocumentKind } from '../../documents/schema.js';
import type { SearchHit } from '../records.js';
import { rowToParagraph } from '../rows.js';
import type { Database } from '../tables.js';
import type { RankedParagraph } from './search.js';

/** The paragraphs and documents behind ranked ids, in the rank's order. */
export async function searchHits(db: Kysely<Database>, rows: readonly RankedParagraph[]): Promise<SearchHit[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => Number(r.id));
  const found = await db
    .selectFrom('paragraphs as p')
    .innerJoin('documents as d', 'd.id', 'p.document_id')
    .select(['p.id as pid', 'p.document_id', 'p.position', 'p.number', 'p.speaker', 'p.text', 'p.line_from', 'p.line_to', 'd.key', 'd.symbol', 'd.kind', 'd.committee', 'd.country', 'd.meeting', 'd.held', 'd.issued'])
    .where('p.id', 'in', ids)
    .execute();
  const byId = new Map(found.map((r) => [r.pid, r]));
  return rows.flatMap((r) => {
    const p = byId.get(Number(r.id));
    if (!p) return [];
    return [
      {
        rank: Number(r.rank),
        paragraph: rowToParagraph(p),
        document: { id: p.document_id, key: p.key, symbol: p.symbol, kind: p.kind as DocumentKind, committee: p.committee as CommitteeCode | null, country: p.country, meeting: p.meeting, held: p.held, issued: p.issued },
      },
    ];
  });
}
