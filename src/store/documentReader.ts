import { sql, type Kysely } from 'kysely';
import { normalizeSymbol } from '../domain/symbols.js';
import type { DocumentKind } from '../documents/schema.js';
import type { DocumentSummary, StoredDocument, StoredGrade, StoredIntervention, StoredLegend, StoredParagraph } from './records.js';
import { DOCUMENT_COLUMNS, DOCUMENT_HEAD_COLUMNS, headToDocument, knownDetails, parseJson, rowToDocument, PARAGRAPH_COLUMNS, rowToParagraph, type DocumentHeadRow } from './rows.js';
import { PreparedQueries } from './preparedQueries.js';
import type { Database } from './tables.js';

/** The read projections the commands answer from: documents, their paragraphs, grades, legends and interventions. */
export class DocumentReader {
  /** The reads every status answer makes, compiled once. */
  private readonly prepared: PreparedQueries;

  constructor(private readonly db: Kysely<Database>) {
    this.prepared = new PreparedQueries(db);
  }

  async paragraphs(documentId: number): Promise<StoredParagraph[]> {
    const rows = await this.db.selectFrom('paragraphs').select(PARAGRAPH_COLUMNS).where('document_id', '=', documentId).orderBy('position').execute();
    return rows.map(rowToParagraph);
  }

  /** A document by its symbol or key; the symbol as a user types it is normalized first. */
  async document(keyOrSymbol: string): Promise<StoredDocument | null> {
    const wanted = normalizeSymbol(keyOrSymbol) ?? keyOrSymbol;
    const { rows } = await this.prepared.run('document head', { key: wanted }, (v) => this.db.selectFrom('documents').select(DOCUMENT_HEAD_COLUMNS).where('key', '=', v.key));
    return this.withDetails(rows[0]);
  }

  /**
   * A document from its row without details: the details of a version read before are parsed
   * already, and only a version not seen yet reads them (they are the row's largest part).
   */
  private async withDetails(row: DocumentHeadRow | undefined): Promise<StoredDocument | null> {
    if (!row) return null;
    const known = knownDetails(row);
    if (known) return headToDocument(row, known);
    const { rows } = await this.prepared.run('details', { id: row.id, version: row.version, ingestedAt: row.ingested_at }, (v) =>
      this.db.selectFrom('documents').select(DOCUMENT_COLUMNS).where('id', '=', v.id).where('version', '=', v.version).where('ingested_at', '=', v.ingestedAt),
    );
    if (rows[0]) return rowToDocument(rows[0]);
    // Replaced between the two reads: the version there now, whole.
    const now = await this.db.selectFrom('documents').select(DOCUMENT_COLUMNS).where('key', '=', row.key).executeTakeFirst();
    return now ? rowToDocument(now) : null;
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
    const { rows } = await this.prepared.run(committee ? 'latestEvaluation head committee' : 'latestEvaluation head', { country, committee: committee ?? null }, (v) => {
      let q = this.db
        .selectFrom('documents')
        .select(DOCUMENT_HEAD_COLUMNS)
        .where((eb) =>
          eb.or([
            eb('kind', '=', 'follow-up-evaluation'),
            eb.and([eb('kind', '=', 'list-of-issues'), eb('id', 'in', eb.selectFrom('grades').select('document_id'))]),
          ]),
        )
        .where((eb) => eb.or([eb('country', '=', v.country), eb('id', 'in', eb.selectFrom('grades').select('document_id').where('country', '=', v.country))]));
      if (committee) q = q.where('committee', '=', v.committee);
      return q.orderBy('issued', 'desc').orderBy('id', 'desc').limit(1);
    });
    return this.withDetails(rows[0]);
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
    const { rows } = await this.prepared.run('grades', { documentId }, (v) => this.db.selectFrom('grades').selectAll().where('document_id', '=', v.documentId).orderBy('position'));
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
   * A legend printed in French or Spanish gives way to an English one of the same scale (every
   * letter it prints means the same there): answers are in English, and the scale is the same.
   */
  async legend(committee: string, at: string | null): Promise<StoredLegend | null> {
    const base = (c: string) =>
      this.db
        .selectFrom('legends')
        .innerJoin('documents as d', 'd.id', 'legends.document_id')
        .select(['legends.document_id', 'legends.issued', 'd.symbol', 'd.key', 'd.language'])
        .where('legends.committee', '=', c);
    // The newest on or before the date, else the oldest after it: one query, with the ones on or before it first.
    const pick = async () => {
      const { rows } = await this.prepared.run(at ? 'legend at' : 'legend', { committee, at }, (v) => {
        const q = base(v.committee);
        if (!at) return q.orderBy('legends.issued', 'desc').orderBy('legends.document_id', 'desc').limit(1);
        const before = sql<boolean>`${sql.ref('legends.issued')} <= ${v.at}`;
        return q
          .where('legends.issued', 'is not', null)
          .orderBy(sql`case when ${before} then 0 else 1 end`)
          .orderBy(sql`case when ${before} then ${sql.ref('legends.issued')} end`, 'desc')
          .orderBy('legends.issued', 'asc')
          .orderBy('legends.document_id', 'desc')
          .limit(1);
      });
      return rows[0];
    };
    const entries = async (documentId: number) =>
      (await this.prepared.run('legend entries', { documentId }, (v) => this.db.selectFrom('legends').select(['letter', 'label', 'meaning']).where('document_id', '=', v.documentId).orderBy('position'))).rows;
    let found = await pick();
    if (!found) return null;
    let rows = await entries(found.document_id);
    if (found.language !== null && found.language !== 'en') {
      const english = await base(committee).where('d.language', '=', 'en').groupBy(['legends.document_id', 'legends.issued', 'd.symbol', 'd.key', 'd.language']).orderBy('legends.issued', 'desc').execute();
      for (const candidate of english) {
        const theirs = await entries(candidate.document_id);
        const meaning = new Map(theirs.map((e) => [e.letter, e.meaning]));
        if (rows.every((e) => meaning.has(e.letter) && meaning.get(e.letter) === e.meaning)) {
          found = candidate;
          rows = theirs;
          break;
        }
      }
    }
    return { source: found.symbol ?? found.key, issued: found.issued, entries: rows };
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
      .select(PARAGRAPH_COLUMNS)
      .where('document_id', '=', documentId)
      .where((eb) => eb.or([eb('number', 'in', numbers), eb.and([eb('number', 'is', null), eb('position', 'in', numbers)])]))
      .orderBy('position')
      .execute();
    return rows.map(rowToParagraph);
  }

  /** The paragraphs of several documents at once, in the order asked: one query for a speaker's interventions across records. */
  async paragraphsByNumbers(refs: ReadonlyArray<{ documentId: number; numbers: number[] }>): Promise<StoredParagraph[][]> {
    const wanted = refs.filter((r) => r.numbers.length > 0);
    if (wanted.length === 0) return refs.map(() => []);
    const ids = [...new Set(wanted.map((r) => r.documentId))];
    const numbers = [...new Set(wanted.flatMap((r) => r.numbers))];
    const rows = await this.db
      .selectFrom('paragraphs')
      .select(PARAGRAPH_COLUMNS)
      .where('document_id', 'in', ids)
      .where((eb) => eb.or([eb('number', 'in', numbers), eb.and([eb('number', 'is', null), eb('position', 'in', numbers)])]))
      .orderBy('document_id')
      .orderBy('position')
      .execute();
    const found = rows.map(rowToParagraph);
    return refs.map((r) => {
      const own = new Set(r.numbers);
      return found.filter((p) => p.documentId === r.documentId && own.has(p.number ?? p.position));
    });
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
}
