import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { parseSymbol } from '../domain/symbols.js';
import { mergeDeadline } from '../deadlines/merge.js';
import { deadlineKey, deadlineTitle } from '../deadlines/titles.js';
import { speakerKey } from '../documents/parse/speakers.js';
import type { ParsedDocument } from '../documents/schema.js';
import { ErrorCode, RapporteurError } from '../errors.js';
import type { DocumentDetails, StoredParagraph } from './records.js';
import { PARAGRAPH_COLUMNS, rowToParagraph } from './rows.js';
import type { FullTextSearch } from './search/search.js';
import type { Database } from './tables.js';

/** Writing a parsed document: one transaction, the same text stored once, a reissue replacing the old version. */

export interface SaveDocumentInput {
  parsed: ParsedDocument;
  rawText: string;
  /** Where it came from: a path, a URL, "seed:..." or "upload:...". */
  source: string;
}

export interface SaveOutcome {
  status: 'created' | 'unchanged' | 'replaced';
  key: string;
  id: number;
  version: number;
  /** For a replaced document: what changed, in words. */
  changes: string | null;
}

const json = (value: unknown): string => JSON.stringify(value);

export function documentKey(doc: ParsedDocument): string | null {
  if (doc.symbol) return doc.symbol;
  if (doc.kind === 'follow-up-evaluation') {
    const evaluated = doc.evaluation?.evaluated.symbol ?? [doc.committee, doc.country].filter(Boolean).join('/');
    if (evaluated && doc.issued) return `${evaluated} evaluation ${doc.issued}`;
  }
  return null;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What a reissue changed: paragraphs added, removed or reworded. */
function describeChanges(before: StoredParagraph[], after: ParsedDocument['paragraphs']): string {
  const label = (p: { number: number | null }, i: number) => String(p.number ?? i + 1);
  const old = new Map(before.map((p, i) => [label(p, i), p.text]));
  const now = new Map(after.map((p, i) => [label(p, i), p.text]));
  const changed = [...now].filter(([k, t]) => old.has(k) && old.get(k) !== t).map(([k]) => k);
  const added = [...now.keys()].filter((k) => !old.has(k));
  const removed = [...old.keys()].filter((k) => !now.has(k));
  const parts = [
    changed.length ? `paragraph${changed.length > 1 ? 's' : ''} ${changed.join(', ')} changed` : '',
    added.length ? `${added.length} added` : '',
    removed.length ? `${removed.length} removed` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'heading or layout changes only';
}

/** SQLite allows 32,766 bound values per statement and PostgreSQL 65,535: insert in slices. */
function chunks<T>(rows: T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(30_000 / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export class DocumentWriter {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly search: FullTextSearch,
    private readonly now: () => Date,
  ) {}

  async save(input: SaveDocumentInput): Promise<SaveOutcome> {
    const { parsed } = input;
    const key = documentKey(parsed);
    if (!key) {
      throw new RapporteurError(ErrorCode.NotADocument, 'the document has no symbol and nothing else that identifies it');
    }
    const hash = contentHash(input.rawText);
    return this.db.transaction().execute(async (trx) => {
      // The raw text is not needed to compare: its hash is.
      const existing = await trx.selectFrom('documents').select(['id', 'content_hash', 'version', 'source', 'ingested_at']).where('key', '=', key).executeTakeFirst();
      if (existing && existing.content_hash === hash) {
        return { status: 'unchanged' as const, key, id: existing.id, version: existing.version, changes: null };
      }
      const now = this.now().toISOString();
      const row = {
        key,
        symbol: parsed.symbol,
        kind: parsed.kind,
        committee: parsed.committee,
        country: parsed.country,
        session: parsed.session,
        meeting: parsed.meeting,
        issued: parsed.issued,
        held: parsed.held,
        title: parsed.title,
        chair: parsed.chair,
        chair_key: parsed.chair ? speakerKey(parsed.chair) : null,
        language: parsed.language,
        source: input.source,
        content_hash: hash,
        raw_text: input.rawText,
        details: json({
          title: parsed.title,
          meeting: parsed.meetingDetails,
          observations: parsed.observations,
          evaluation: parsed.evaluation,
          headings: parsed.headings,
          footnotes: parsed.footnotes,
          followUpParagraphs: parsed.followUp.paragraphs,
        } satisfies DocumentDetails),
        warnings: json(parsed.warnings),
        ingested_at: now,
      };
      let id: number;
      let version = 1;
      let changes: string | null = null;
      if (existing) {
        const before = (await trx.selectFrom('paragraphs').select(PARAGRAPH_COLUMNS).where('document_id', '=', existing.id).orderBy('position').execute()).map(rowToParagraph);
        changes = describeChanges(before, parsed.paragraphs);
        version = existing.version + 1;
        await trx
          .insertInto('document_versions')
          .values({
            document_key: key,
            version: existing.version,
            content_hash: existing.content_hash,
            source: existing.source,
            ingested_at: existing.ingested_at,
            replaced_at: now,
            changes,
          })
          .execute();
        const previous = await trx.selectFrom('interventions').select(['speaker_key as key', 'speaker as name']).where('document_id', '=', existing.id).execute();
        await countSpeakers(trx, previous, -1);
        for (const table of ['paragraphs', 'interventions', 'grades', 'legends'] as const) {
          await trx.deleteFrom(table).where('document_id', '=', existing.id).execute();
        }
        await trx.updateTable('documents').set({ ...row, version }).where('id', '=', existing.id).execute();
        id = existing.id;
      } else {
        const inserted = await trx.insertInto('documents').values({ ...row, version }).returning('id').executeTakeFirstOrThrow();
        id = inserted.id;
      }
      await this.insertChildren(trx, id, parsed);
      await saveDocumentDeadlines(trx, id, parsed, now);
      return { status: existing ? ('replaced' as const) : ('created' as const), key, id, version, changes };
    });
  }

  private async insertChildren(trx: Transaction<Database>, documentId: number, doc: ParsedDocument): Promise<void> {
    const paragraphs = doc.paragraphs.map((p, i) => ({
      document_id: documentId,
      position: i + 1,
      number: p.number,
      speaker: p.speaker,
      speaker_key: p.speaker ? speakerKey(p.speaker) : null,
      text: p.text,
      line_from: p.lines[0],
      line_to: p.lines[1],
      ...this.search.indexColumns(p.text, doc.language),
    }));
    for (const slice of chunks(paragraphs, 9)) await trx.insertInto('paragraphs').values(slice).execute();

    const interventions = doc.interventions.map((v, i) => {
      const key = speakerKey(v.speaker);
      return {
        document_id: documentId,
        position: i + 1,
        speaker: v.speaker,
        speaker_key: key,
        speaker_surname: key.split(' ').at(-1) ?? key,
        role: v.role,
        phrase: v.phrase,
        paragraphs: json(v.paragraphs),
        held: doc.held,
      };
    });
    for (const slice of chunks(interventions, 9)) await trx.insertInto('interventions').values(slice).execute();
    await countSpeakers(trx, interventions.map((v) => ({ key: v.speaker_key, name: v.speaker })), 1);

    const coSymbol = doc.evaluation?.evaluated.symbol ?? null;
    const grades = doc.followUp.evaluations.map((g, i) => ({
      document_id: documentId,
      committee: doc.committee,
      country: g.country ?? doc.country,
      co_symbol: coSymbol,
      position: i + 1,
      paragraph: g.paragraph,
      subparagraphs: json(g.subparagraphs),
      grade: g.grade,
      assessment: g.assessment,
      stated: json(g.stated),
      requests: json(g.requests),
      text: g.text,
      line_from: g.lines[0],
      line_to: g.lines[1],
      source: g.source ?? null,
    }));
    for (const slice of chunks(grades, 14)) await trx.insertInto('grades').values(slice).execute();
    const legend = (doc.evaluation?.legend ?? []).map((e, i) => ({
      document_id: documentId,
      committee: doc.committee,
      issued: doc.issued,
      position: i + 1,
      letter: e.letter,
      label: e.label,
      meaning: e.meaning,
    }));
    for (const slice of chunks(legend, 40)) await trx.insertInto('legends').values(slice).execute();
  }
}

/** Keeps the speakers table's counts in step with the interventions stored. */
async function countSpeakers(trx: Transaction<Database>, spoken: ReadonlyArray<{ key: string; name: string }>, sign: 1 | -1): Promise<void> {
  const counts = new Map<string, { name: string; n: number }>();
  for (const s of spoken) counts.set(s.key, { name: s.name, n: (counts.get(s.key)?.n ?? 0) + 1 });
  for (const [key, { name, n }] of counts) {
    await trx
      .insertInto('speakers')
      .values({ key, name, interventions: sign * n })
      .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ interventions: eb('speakers.interventions', '+', sign * n), ...(sign > 0 ? { name } : {}) })))
      .execute();
  }
  if (sign < 0) await trx.deleteFrom('speakers').where('interventions', '<=', 0).execute();
}

/** Keeps the deadlines a document sets or reports on; two documents about one obligation merge (src/deadlines/merge.ts). */
async function saveDocumentDeadlines(trx: Transaction<Database>, documentId: number, doc: ParsedDocument, now: string): Promise<void> {
  for (const d of doc.deadlines) {
    const key = deadlineKey(d);
    const title = deadlineTitle(d, doc);
    const existing = key ? await trx.selectFrom('deadlines').selectAll().where('key', '=', key).executeTakeFirst() : undefined;
    if (existing) {
      const merged = mergeDeadline(
        { due: existing.due, basis: existing.basis, derived: existing.derived === 1, documentId: existing.document_id, title: existing.title, met: existing.met },
        d,
        { documentId, title },
      );
      await trx
        .updateTable('deadlines')
        .set({ due: merged.due, basis: merged.basis, derived: merged.derived ? 1 : 0, document_id: merged.documentId, title: merged.title, met: merged.met, days_late: merged.daysLate })
        .where('id', '=', existing.id)
        .execute();
      continue;
    }
    await trx
      .insertInto('deadlines')
      .values({
        key,
        document_id: documentId,
        symbol: d.symbol,
        committee: doc.committee,
        country: doc.country ?? (d.symbol ? parseSymbol(d.symbol)?.country ?? null : null),
        kind: d.kind,
        title,
        due: d.due,
        basis: d.basis,
        derived: d.derived ? 1 : 0,
        met: d.met,
        days_late: d.daysLate,
        source: 'document',
        created_by: null,
        created_at: now,
      })
      .execute();
  }
}
