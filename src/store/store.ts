import { createHash } from 'node:crypto';
import { Kysely, Migrator, sql, type Transaction } from 'kysely';
import type { CommitteeCode } from '../domain/committees.js';
import { normalizeSymbol, parseSymbol } from '../domain/symbols.js';
import { speakerKey } from '../documents/parse/speakers.js';
import type { Deadline, DocumentKind, ParsedDocument } from '../documents/schema.js';
import { ErrorCode, RapporteurError } from '../errors.js';
import { migrations } from './migrations.js';
import { Conversations } from './conversations.js';
import type {
  DocumentDetails,
  DocumentSummary,
  SearchHit,
  StoredDeadline,
  StoredDocument,
  StoredGrade,
  StoredLegend,
  StoredIntervention,
  StoredParagraph,
  StoredRecommendation,
} from './records.js';
import type { Database, Engine } from './tables.js';
import { DOCUMENT_COLUMNS, parseJson, rowToDeadline, rowToDocument, rowToParagraph } from './rows.js';

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

export interface NewDeadline {
  title: string;
  due: string;
  country: string | null;
  committee: string | null;
  symbol: string | null;
  createdBy: string;
}

export interface DeadlineFilter {
  country?: string;
  committee?: string;
  symbol?: string;
  /** Only those due on or before this date. */
  dueBy?: string;
  /** Only those not yet met. */
  open?: boolean;
}

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

export interface SpeakerEntry {
  key: string;
  name: string;
  interventions: number;
}

/** How many matches of a common word are ranked at most: ranking all of them is what costs. */
const CANDIDATES = 2000;
const SPEAKER_CACHE_MS = 60_000;

/** Words of a user's search, each searched as text: no quotes, operators or wildcards reach the engine. */
export function searchTerms(query: string): string[] {
  return (foldAccents(query).match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 16);
}

/** "Ünver" and "Unver" search alike on both engines. */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '');
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

/** The obligation a document's deadline is about, so that two documents naming it make one row. */
function deadlineKey(d: Deadline): string | null {
  return d.symbol ? `${d.kind}:${d.symbol}` : null;
}

function deadlineTitle(d: Deadline, doc: ParsedDocument): string {
  const paragraphs = doc.followUp.paragraphs;
  switch (d.kind) {
    case 'corrections':
      return `Corrections to ${d.symbol ?? 'the summary record'}`;
    case 'follow-up-reply':
      return `Follow-up information on ${d.symbol ?? 'the concluding observations'}${paragraphs.length ? ` (paragraphs ${paragraphs.join(', ')})` : ''}`;
    case 'next-periodic-report':
      return `Next periodic report${doc.observations?.nextReport?.description ? ` (${doc.observations.nextReport.description})` : ''} after ${d.symbol ?? 'the concluding observations'}`;
  }
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

/** The store: one interface over SQLite (embedded) and PostgreSQL, the same schema and queries. */
export class Store {
  private speakerCache: { at: number; entries: SpeakerEntry[] } | null = null;
  private speakerLoad: Promise<SpeakerEntry[]> | null = null;
  /** Subscriptions, reminders, digests and the outbox. */
  readonly conversations: Conversations;

  constructor(
    readonly db: Kysely<Database>,
    readonly engine: Engine,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.conversations = new Conversations(db, now);
  }

  async migrate(): Promise<void> {
    // Kysely looks for its bookkeeping tables in every schema unless told which one: name ours,
    // or another schema's tables (a second deployment, a test run) would be taken for ours.
    const schema =
      this.engine === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(this.db)).rows[0]?.schema : undefined;
    const migrator = new Migrator({ db: this.db, provider: migrations(this.engine), ...(schema ? { migrationTableSchema: schema } : {}) });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'a migration';
      throw new RapporteurError(ErrorCode.StoreFailed, `the store could not be prepared (${failed}): ${(error as Error).message}`, { cause: error });
    }
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  async isEmpty(): Promise<boolean> {
    const row = await this.db.selectFrom('documents').select('id').limit(1).executeTakeFirst();
    return row === undefined;
  }

  async counts(): Promise<{ documents: number; paragraphs: number; deadlines: number }> {
    const count = async (table: 'documents' | 'paragraphs' | 'deadlines') =>
      Number((await this.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return { documents: await count('documents'), paragraphs: await count('paragraphs'), deadlines: await count('deadlines') };
  }

  /** Stores one parsed document in one transaction: the same text twice is stored once; a reissue replaces the old version. */
  async saveDocument(input: SaveDocumentInput): Promise<SaveOutcome> {
    const { parsed } = input;
    const key = documentKey(parsed);
    if (!key) {
      throw new RapporteurError(ErrorCode.NotADocument, 'the document has no symbol and nothing else that identifies it');
    }
    const hash = contentHash(input.rawText);
    const outcome = await this.db.transaction().execute(async (trx) => {
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
        const before = await this.paragraphsIn(trx, existing.id);
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
        await this.countSpeakers(trx, previous, -1);
        for (const table of ['paragraphs', 'interventions', 'recommendations', 'grades', 'legends'] as const) {
          await trx.deleteFrom(table).where('document_id', '=', existing.id).execute();
        }
        await trx.updateTable('documents').set({ ...row, version }).where('id', '=', existing.id).execute();
        id = existing.id;
      } else {
        const inserted = await trx.insertInto('documents').values({ ...row, version }).returning('id').executeTakeFirstOrThrow();
        id = inserted.id;
      }
      await this.insertChildren(trx, id, parsed);
      await this.upsertDocumentDeadlines(trx, id, parsed, now);
      return { status: existing ? ('replaced' as const) : ('created' as const), key, id, version, changes };
    });
    if (outcome.status !== 'unchanged') this.speakerCache = null;
    return outcome;
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
      ...(this.engine === 'postgres' ? { tsv: sql`to_tsvector('english', ${foldAccents(p.text)})` } : {}),
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
    await this.countSpeakers(trx, interventions.map((v) => ({ key: v.speaker_key, name: v.speaker })), 1);

    const recommendations = (doc.observations?.recommendations ?? []).map((r) => {
      const paragraph = doc.paragraphs.find((p) => p.number === r.paragraph);
      return {
        document_id: documentId,
        paragraph: r.paragraph,
        subject: r.subject,
        text: paragraph?.text ?? '',
        subparagraphs: json(paragraph?.subparagraphs ?? []),
      };
    });
    for (const slice of chunks(recommendations, 5)) await trx.insertInto('recommendations').values(slice).execute();

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

  /** Keeps the speakers table's counts in step with the interventions stored. */
  private async countSpeakers(trx: Transaction<Database>, spoken: ReadonlyArray<{ key: string; name: string }>, sign: 1 | -1): Promise<void> {
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

  /**
   * Deadlines a document sets or reports on. The printed date wins over a derived one;
   * a later document saying the reply arrived records when, without moving the date.
   */
  private async upsertDocumentDeadlines(trx: Transaction<Database>, documentId: number, doc: ParsedDocument, now: string): Promise<void> {
    for (const d of doc.deadlines) {
      const key = deadlineKey(d);
      const symbolCountry = d.symbol ? parseSymbol(d.symbol)?.country ?? null : null;
      const existing = key ? await trx.selectFrom('deadlines').selectAll().where('key', '=', key).executeTakeFirst() : undefined;
      if (existing) {
        const keepDate = existing.derived === 0 && d.derived;
        const due = keepDate ? existing.due : d.due;
        const met = d.met ?? existing.met;
        const daysLate = met ? Math.round((Date.parse(met) - Date.parse(due)) / 86_400_000) : null;
        await trx
          .updateTable('deadlines')
          .set({
            due,
            basis: keepDate ? existing.basis : d.basis,
            derived: keepDate ? 0 : d.derived ? 1 : 0,
            document_id: keepDate ? existing.document_id : documentId,
            title: keepDate ? existing.title : deadlineTitle(d, doc),
            met,
            days_late: daysLate,
          })
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
          country: doc.country ?? symbolCountry,
          kind: d.kind,
          title: deadlineTitle(d, doc),
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

  private async paragraphsIn(db: Kysely<Database> | Transaction<Database>, documentId: number): Promise<StoredParagraph[]> {
    const rows = await db.selectFrom('paragraphs').selectAll().where('document_id', '=', documentId).orderBy('position').execute();
    return rows.map(rowToParagraph);
  }

  async paragraphs(documentId: number): Promise<StoredParagraph[]> {
    return this.paragraphsIn(this.db, documentId);
  }

  /** A document by its symbol or key; the symbol as a user types it is normalized first. */
  async document(keyOrSymbol: string): Promise<StoredDocument | null> {
    const wanted = normalizeSymbol(keyOrSymbol) ?? keyOrSymbol;
    const row = await this.db.selectFrom('documents').select(DOCUMENT_COLUMNS).where('key', '=', wanted).executeTakeFirst();
    return row ? rowToDocument(row) : null;
  }

  async documentById(id: number): Promise<StoredDocument | null> {
    const row = await this.db.selectFrom('documents').select(DOCUMENT_COLUMNS).where('id', '=', id).executeTakeFirst();
    return row ? rowToDocument(row) : null;
  }

  async rawText(id: number): Promise<string | null> {
    const row = await this.db.selectFrom('documents').select('raw_text').where('id', '=', id).executeTakeFirst();
    return row?.raw_text ?? null;
  }

  async versions(key: string): Promise<Array<{ version: number; replacedAt: string; changes: string; source: string }>> {
    const rows = await this.db.selectFrom('document_versions').selectAll().where('document_key', '=', key).orderBy('version').execute();
    return rows.map((r) => ({ version: r.version, replacedAt: r.replaced_at, changes: r.changes, source: r.source }));
  }

  async listDocuments(filter: { country?: string; committee?: string; kind?: DocumentKind; limit?: number } = {}): Promise<DocumentSummary[]> {
    let q = this.db
      .selectFrom('documents')
      .select(['id', 'key', 'symbol', 'kind', 'committee', 'country', 'session', 'meeting', 'issued', 'held', 'title', 'version']);
    if (filter.country) q = q.where('country', '=', filter.country);
    if (filter.committee) q = q.where('committee', '=', filter.committee);
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    const rows = await q.orderBy('issued', 'desc').orderBy('id', 'desc').limit(filter.limit ?? 50).execute();
    return rows.map((r) => ({ ...r, kind: r.kind as DocumentKind }));
  }

  /** Documents stored since an instant, about any of the given State parties or committees. */
  async documentsSince(since: string, about: { countries: readonly string[]; committees: readonly string[] }): Promise<DocumentSummary[]> {
    if (about.countries.length === 0 && about.committees.length === 0) return [];
    const rows = await this.db
      .selectFrom('documents')
      .select(['id', 'key', 'symbol', 'kind', 'committee', 'country', 'session', 'meeting', 'issued', 'held', 'title', 'version'])
      .where('ingested_at', '>', since)
      .where((eb) =>
        eb.or([
          ...(about.countries.length ? [eb('country', 'in', [...about.countries])] : []),
          // A report on several States parties reaches those who follow any of them.
          ...(about.countries.length ? [eb('id', 'in', eb.selectFrom('grades').select('document_id').where('country', 'in', [...about.countries]))] : []),
          ...(about.committees.length ? [eb('committee', 'in', [...about.committees])] : []),
        ]),
      )
      .orderBy('ingested_at')
      .limit(50)
      .execute();
    return rows.map((r) => ({ ...r, kind: r.kind as DocumentKind }));
  }

  /** The evaluation of a State party by a committee issued before another: to see which grades changed. */
  async evaluationBefore(country: string, issued: string, committee?: string | null): Promise<StoredDocument | null> {
    let q = this.db
      .selectFrom('documents')
      .select(DOCUMENT_COLUMNS)
      .where('kind', '=', 'follow-up-evaluation')
      .where((eb) => eb.or([eb('country', '=', country), eb('id', 'in', eb.selectFrom('grades').select('document_id').where('country', '=', country))]))
      .where('issued', '<', issued);
    if (committee) q = q.where('committee', '=', committee);
    const row = await q.orderBy('issued', 'desc').limit(1).executeTakeFirst();
    return row ? rowToDocument(row) : null;
  }

  /**
   * The newest follow-up evaluation grading a State party: its own addendum, a report that covers
   * several, or a list of issues that assesses the follow-up in words (CAT).
   */
  async latestEvaluation(country: string, committee?: string): Promise<StoredDocument | null> {
    let q = this.db
      .selectFrom('documents')
      .select(DOCUMENT_COLUMNS)
      .where((eb) =>
        eb.or([
          eb('kind', '=', 'follow-up-evaluation'),
          eb.and([eb('kind', '=', 'list-of-issues'), eb('id', 'in', eb.selectFrom('grades').select('document_id'))]),
        ]),
      )
      .where((eb) => eb.or([eb('country', '=', country), eb('id', 'in', eb.selectFrom('grades').select('document_id').where('country', '=', country))]));
    if (committee) q = q.where('committee', '=', committee);
    const row = await q.orderBy('issued', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row ? rowToDocument(row) : null;
  }

  /** Summary records of a meeting number (several committees may share one). */
  async meetings(meeting: number, committee?: string): Promise<StoredDocument[]> {
    let q = this.db.selectFrom('documents').select(DOCUMENT_COLUMNS).where('kind', '=', 'summary-record').where('meeting', '=', meeting);
    if (committee) q = q.where('committee', '=', committee);
    return (await q.orderBy('held', 'desc').execute()).map(rowToDocument);
  }

  /** The newest document of a kind about a State party. */
  async latest(kind: DocumentKind, country: string, committee?: string): Promise<StoredDocument | null> {
    let q = this.db.selectFrom('documents').select(DOCUMENT_COLUMNS).where('kind', '=', kind).where('country', '=', country);
    if (committee) q = q.where('committee', '=', committee);
    const row = await q.orderBy('issued', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row ? rowToDocument(row) : null;
  }

  async grades(documentId: number): Promise<StoredGrade[]> {
    const rows = await this.db.selectFrom('grades').selectAll().where('document_id', '=', documentId).orderBy('position').execute();
    return rows.map((r) => ({
      documentId: r.document_id,
      committee: r.committee,
      country: r.country,
      coSymbol: r.co_symbol,
      position: r.position,
      paragraph: r.paragraph,
      subparagraphs: parseJson<string[]>(r.subparagraphs),
      grade: r.grade,
      assessment: r.assessment,
      stated: parseJson<string[]>(r.stated),
      requests: parseJson<string[]>(r.requests),
      text: r.text,
      lines: [r.line_from, r.line_to],
      source: r.source,
    }));
  }

  /**
   * The grade legend in force for a committee at a date: the one printed by the newest report
   * issued on or before it, else the oldest one after it. Empty when no report printed one.
   */
  async legend(committee: string, at: string | null): Promise<StoredLegend | null> {
    const pick = async (before: boolean) => {
      let q = this.db.selectFrom('legends').innerJoin('documents as d', 'd.id', 'legends.document_id').select(['legends.document_id', 'legends.issued', 'd.symbol', 'd.key']).where('legends.committee', '=', committee);
      if (at) q = before ? q.where('legends.issued', '<=', at) : q.where('legends.issued', '>', at);
      return q.orderBy('legends.issued', before ? 'desc' : 'asc').orderBy('legends.document_id', 'desc').limit(1).executeTakeFirst();
    };
    const found = (await pick(true)) ?? (at ? await pick(false) : undefined);
    if (!found) return null;
    const rows = await this.db.selectFrom('legends').select(['letter', 'label', 'meaning']).where('document_id', '=', found.document_id).orderBy('position').execute();
    return { source: found.symbol ?? found.key, issued: found.issued, entries: rows };
  }

  async recommendation(documentId: number, paragraph: number): Promise<StoredRecommendation | null> {
    const r = await this.db.selectFrom('recommendations').selectAll().where('document_id', '=', documentId).where('paragraph', '=', paragraph).executeTakeFirst();
    return r ? { documentId: r.document_id, paragraph: r.paragraph, subject: r.subject, text: r.text, subparagraphs: parseJson(r.subparagraphs) } : null;
  }

  async interventions(documentId: number): Promise<StoredIntervention[]> {
    const rows = await this.db.selectFrom('interventions').selectAll().where('document_id', '=', documentId).orderBy('position').execute();
    return rows.map((r) => ({ documentId: r.document_id, position: r.position, speaker: r.speaker, speakerKey: r.speaker_key, role: r.role, phrase: r.phrase, paragraphs: parseJson<number[]>(r.paragraphs) }));
  }

  /** A speaker's interventions, newest meeting first, by exact key or by surname. */
  async interventionsBy(
    who: { keys?: string[]; surname?: string },
    options: { documentIds?: number[]; limit: number },
  ): Promise<Array<StoredIntervention & { document: DocumentSummary }>> {
    let q = this.db
      .selectFrom('interventions as i')
      .innerJoin('documents as d', 'd.id', 'i.document_id')
      .select([
        'i.document_id', 'i.position', 'i.speaker', 'i.speaker_key', 'i.role', 'i.phrase', 'i.paragraphs',
        'd.id', 'd.key', 'd.symbol', 'd.kind', 'd.committee', 'd.country', 'd.session', 'd.meeting', 'd.issued', 'd.held', 'd.title', 'd.version',
      ]);
    if (who.keys?.length) q = q.where('i.speaker_key', 'in', who.keys);
    else if (who.surname) q = q.where('i.speaker_surname', '=', who.surname);
    else return [];
    if (options.documentIds) {
      if (options.documentIds.length === 0) return [];
      q = q.where('i.document_id', 'in', options.documentIds);
    }
    const rows = await q.orderBy('i.held', 'desc').orderBy('i.document_id', 'desc').orderBy('i.position').limit(options.limit).execute();
    return rows.map((r) => ({
      documentId: r.document_id,
      position: r.position,
      speaker: r.speaker,
      speakerKey: r.speaker_key,
      role: r.role,
      phrase: r.phrase,
      paragraphs: parseJson<number[]>(r.paragraphs),
      document: { id: r.id, key: r.key, symbol: r.symbol, kind: r.kind as DocumentKind, committee: r.committee, country: r.country, session: r.session, meeting: r.meeting, issued: r.issued, held: r.held, title: r.title, version: r.version },
    }));
  }

  /** Paragraphs of a document by printed number (or position when unnumbered). */
  async paragraphsByNumber(documentId: number, numbers: number[]): Promise<StoredParagraph[]> {
    if (numbers.length === 0) return [];
    const rows = await this.db
      .selectFrom('paragraphs')
      .selectAll()
      .where('document_id', '=', documentId)
      .where((eb) => eb.or([eb('number', 'in', numbers), eb.and([eb('number', 'is', null), eb('position', 'in', numbers)])]))
      .orderBy('position')
      .execute();
    return rows.map(rowToParagraph);
  }

  /** Everyone who has spoken or chaired, for matching names a user types; cached briefly, refreshed on writes. */
  async speakers(): Promise<SpeakerEntry[]> {
    const now = Date.now();
    if (this.speakerCache && now - this.speakerCache.at < SPEAKER_CACHE_MS) return this.speakerCache.entries;
    // One read for everyone who asks while it runs.
    this.speakerLoad ??= this.loadSpeakers().finally(() => {
      this.speakerLoad = null;
    });
    return this.speakerLoad;
  }

  private async loadSpeakers(): Promise<SpeakerEntry[]> {
    const rows = await this.db.selectFrom('speakers').selectAll().execute();
    const chairs = await this.db.selectFrom('documents').select(['chair_key', 'chair']).where('chair_key', 'is not', null).distinct().execute();
    const entries = rows.map((r) => ({ key: r.key, name: r.name, interventions: Number(r.interventions) }));
    const known = new Set(entries.map((e) => e.key));
    for (const c of chairs) {
      if (c.chair_key && !known.has(c.chair_key)) {
        known.add(c.chair_key);
        entries.push({ key: c.chair_key, name: String(c.chair), interventions: 0 });
      }
    }
    this.speakerCache = { at: Date.now(), entries };
    return entries;
  }

  /** Summary records a person chaired, newest first: their words are recorded as "The Chair". */
  async chairedBy(key: string, limit: number): Promise<DocumentSummary[]> {
    const rows = await this.db
      .selectFrom('documents')
      .select(['id', 'key', 'symbol', 'kind', 'committee', 'country', 'session', 'meeting', 'issued', 'held', 'title', 'version'])
      .where('chair_key', '=', key)
      .orderBy('held', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, kind: r.kind as DocumentKind }));
  }

  /** Full-text search over paragraphs, best first; each word of the query is searched as text. */
  async search(query: string, options: SearchOptions): Promise<SearchHit[]> {
    const terms = searchTerms(query);
    if (terms.length === 0) return [];
    const filters = [
      options.country ? sql`and d.country = ${options.country}` : sql``,
      options.committee ? sql`and d.committee = ${options.committee}` : sql``,
      options.kind ? sql`and d.kind = ${options.kind}` : sql``,
      options.spoken ? sql`and p.speaker is not null` : sql``,
    ];
    const filtered = Boolean(options.country || options.committee || options.kind || options.spoken);
    type Row = { id: number; rank: number };
    let rows: Row[];
    if (this.engine === 'sqlite') {
      const match = terms.map((t) => `"${t}"`).join(options.anyWord ? ' OR ' : ' ');
      // Ranked inside the capped candidate set: ranking outside it made FTS5 run the match again per candidate.
      const candidates = filtered
        ? sql`select f.rowid as id, bm25(paragraphs_fts) as rank from paragraphs_fts f join paragraphs p on p.id = f.rowid join documents d on d.id = p.document_id where paragraphs_fts match ${match} ${sql.join(filters, sql` `)} limit ${CANDIDATES}`
        : sql`select rowid as id, bm25(paragraphs_fts) as rank from paragraphs_fts where paragraphs_fts match ${match} limit ${CANDIDATES}`;
      rows = (await sql<Row>`select id, rank from (${candidates}) order by rank, id limit ${options.limit}`.execute(this.db)).rows;
    } else {
      const text = terms.join(options.anyWord ? ' or ' : ' ');
      rows = (
        await sql<Row>`select c.id, ts_rank(p.tsv, q) as rank
          from (select p.id from paragraphs p join documents d on d.id = p.document_id
                where p.tsv @@ websearch_to_tsquery('english', ${text}) ${sql.join(filters, sql` `)} limit ${CANDIDATES}) c
          join paragraphs p on p.id = c.id, websearch_to_tsquery('english', ${text}) q
          order by rank desc, c.id limit ${options.limit}`.execute(this.db)
      ).rows;
    }
    if (rows.length === 0) return [];
    const ids = rows.map((r) => Number(r.id));
    const found = await this.db
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

  async deadlines(filter: DeadlineFilter = {}): Promise<StoredDeadline[]> {
    let q = this.db.selectFrom('deadlines').selectAll();
    if (filter.country) q = q.where('country', '=', filter.country);
    if (filter.committee) q = q.where('committee', '=', filter.committee);
    if (filter.symbol) q = q.where('symbol', '=', filter.symbol);
    if (filter.dueBy) q = q.where('due', '<=', filter.dueBy);
    if (filter.open) q = q.where('met', 'is', null);
    return (await q.orderBy('due').orderBy('id').limit(500).execute()).map(rowToDeadline);
  }

  async addDeadline(input: NewDeadline): Promise<StoredDeadline> {
    const row = await this.db
      .insertInto('deadlines')
      .values({
        key: null,
        document_id: null,
        symbol: input.symbol,
        committee: input.committee,
        country: input.country,
        kind: 'custom',
        title: input.title,
        due: input.due,
        basis: `added by ${input.createdBy}`,
        derived: 0,
        met: null,
        days_late: null,
        source: 'person',
        created_by: input.createdBy,
        created_at: this.now().toISOString(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return rowToDeadline(row);
  }

  async deadline(id: number): Promise<StoredDeadline | null> {
    const row = await this.db.selectFrom('deadlines').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? rowToDeadline(row) : null;
  }

  /**
   * Claims an incoming event: true the first time its key is seen, false for a redelivery.
   * Held in the store so that several instances answer a retried event once between them.
   */
  async claimEvent(key: string): Promise<boolean> {
    const now = this.now();
    const result = await this.db
      .insertInto('seen_events')
      .values({ key, seen_at: now.toISOString() })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    // Platforms redeliver within minutes; a day of keys is plenty.
    if (Math.random() < 0.01) {
      await this.db.deleteFrom('seen_events').where('seen_at', '<', new Date(now.getTime() - 86_400_000).toISOString()).execute();
    }
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  /** Remembers how to reach a conversation later (Teams needs its reference to post unprompted). */
  async saveConversation(platform: string, conversationId: string, reference: unknown, name: string | null = null): Promise<void> {
    const row = { platform, conversation_id: conversationId, name, reference: json(reference), updated_at: this.now().toISOString() };
    await this.db
      .insertInto('conversations')
      .values(row)
      .onConflict((oc) => oc.columns(['platform', 'conversation_id']).doUpdateSet({ reference: row.reference, name: (eb) => eb.fn.coalesce(eb.ref('excluded.name'), eb.ref('conversations.name')), updated_at: row.updated_at }))
      .execute();
  }

  async conversation(platform: string, conversationId: string): Promise<{ reference: unknown; name: string | null; updatedAt: string } | null> {
    const row = await this.db.selectFrom('conversations').selectAll().where('platform', '=', platform).where('conversation_id', '=', conversationId).executeTakeFirst();
    return row ? { reference: parseJson<unknown>(row.reference), name: row.name, updatedAt: row.updated_at } : null;
  }

  /** Removes a deadline a person added; those that come from documents stay. */
  async removeDeadline(id: number): Promise<boolean> {
    const result = await this.db.deleteFrom('deadlines').where('id', '=', id).where('source', '=', 'person').executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
