import { Kysely, Migrator, sql } from 'kysely';
import type { DocumentKind } from '../documents/schema.js';
import { ErrorCode, RapporteurError } from '../errors.js';
import { ConversationReferences } from './conversationReferences.js';
import { Conversations } from './conversations.js';
import { DeadlineRows, type DeadlineFilter, type NewDeadline } from './deadlineRows.js';
import { DocumentReader } from './documentReader.js';
import { DocumentWriter, type SaveDocumentInput, type SaveOutcome } from './documentWriter.js';
import { claimEvent } from './events.js';
import { Installations } from './installations.js';
import { migrations } from './migrations.js';
import { PreparedQueries } from './preparedQueries.js';
import type { DocumentSummary, SearchHit, StoredDeadline, StoredDocument, StoredGrade, StoredIntervention, StoredLegend, StoredParagraph } from './records.js';
import { searchHits } from './search/hits.js';
import { postgresSearch } from './search/postgres.js';
import type { FullTextSearch, SearchOptions } from './search/search.js';
import { sqliteSearch } from './search/sqlite.js';
import { searchTerms, tellingTerms } from './search/terms.js';
import { SpeakerIndex, type SpeakerEntry } from './speakerIndex.js';
import type { Database, Engine } from './tables.js';
import { WatchList } from './watchList.js';

export type { DeadlineFilter, NewDeadline, SaveDocumentInput, SaveOutcome, SearchOptions, SpeakerEntry };

/**
 * The store: one interface over SQLite (embedded) and PostgreSQL, the same schema and queries,
 * each job in a module of its own (writing documents, reading them, search per engine,
 * speakers, deadlines, conversations, event claims, Teams references).
 */
export class Store {
  /** Subscriptions, reminders, digests and the outbox. */
  readonly conversations: Conversations;
  /** What the watch asks the UN's hosts for, and what it has asked of each. */
  readonly watch: WatchList;
  /** Slack installations (one per workspace) and the OAuth states that lead to them. */
  readonly installations: Installations;
  private readonly reader: DocumentReader;
  private readonly writer: DocumentWriter;
  private readonly fullText: FullTextSearch;
  private readonly speakerIndex: SpeakerIndex;
  private readonly deadlineRows: DeadlineRows;
  private readonly references: ConversationReferences;
  private readonly prepared: PreparedQueries;

  constructor(
    readonly db: Kysely<Database>,
    readonly engine: Engine,
    private readonly now: () => Date = () => new Date(),
    /** The engine's own check of its files (SQLite's quick_check): what is wrong, or nothing. */
    private readonly integrityCheck: () => string[] = () => [],
  ) {
    this.conversations = new Conversations(db, now);
    this.watch = new WatchList(db, now);
    this.installations = new Installations(db, now);
    this.fullText = engine === 'postgres' ? postgresSearch(db) : sqliteSearch(db);
    this.reader = new DocumentReader(db);
    this.writer = new DocumentWriter(db, this.fullText, now);
    this.speakerIndex = new SpeakerIndex(db);
    this.deadlineRows = new DeadlineRows(db, now);
    this.references = new ConversationReferences(db, now);
    this.prepared = new PreparedQueries(db);
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

  private checked: { at: number; problems: string[] } | null = null;

  /**
   * Whether the store's files are sound, for /healthz: SQLite's quick_check reads every page,
   * so it runs at most every ten minutes (and at start, in openStore); a failure is kept.
   */
  integrity(): string[] {
    const now = Date.now();
    if (!this.checked || (this.checked.problems.length === 0 && now - this.checked.at > 10 * 60_000)) this.checked = { at: now, problems: this.integrityCheck() };
    return this.checked.problems;
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

  // Writing documents

  /** Stores one parsed document in one transaction: the same text twice is stored once; a reissue replaces the old version. */
  async saveDocument(input: SaveDocumentInput): Promise<SaveOutcome> {
    const outcome = await this.writer.save(input);
    if (outcome.status !== 'unchanged') this.speakerIndex.invalidate();
    return outcome;
  }

  // Reading documents

  paragraphs(documentId: number): Promise<StoredParagraph[]> {
    return this.reader.paragraphs(documentId);
  }

  /** A document by its symbol or key; the symbol as a user types it is normalized first. */
  document(keyOrSymbol: string): Promise<StoredDocument | null> {
    return this.reader.document(keyOrSymbol);
  }

  rawText(id: number): Promise<string | null> {
    return this.reader.rawText(id);
  }

  versions(key: string): Promise<Array<{ version: number; replacedAt: string; changes: string; source: string }>> {
    return this.reader.versions(key);
  }

  listDocuments(filter: { country?: string; committee?: string; kind?: DocumentKind; limit?: number } = {}): Promise<DocumentSummary[]> {
    return this.reader.listDocuments(filter);
  }

  /** Documents stored since an instant, about any of the given State parties or committees. */
  documentsSince(since: string, about: { countries: readonly string[]; committees: readonly string[] }): Promise<DocumentSummary[]> {
    return this.reader.documentsSince(since, about);
  }

  /** The evaluation of a State party by a committee issued before another: to see which grades changed. */
  evaluationBefore(country: string, issued: string, committee?: string | null): Promise<StoredDocument | null> {
    return this.reader.evaluationBefore(country, issued, committee);
  }

  /** The newest follow-up evaluation grading a State party (its own addendum, a report on several, a CAT list of issues). */
  latestEvaluation(country: string, committee?: string): Promise<StoredDocument | null> {
    return this.reader.latestEvaluation(country, committee);
  }

  /** Summary records of a meeting number (several committees may share one). */
  meetings(meeting: number, committee?: string): Promise<StoredDocument[]> {
    return this.reader.meetings(meeting, committee);
  }

  /** The newest document of a kind about a State party. */
  latest(kind: DocumentKind, country: string, committee?: string): Promise<StoredDocument | null> {
    return this.reader.latest(kind, country, committee);
  }

  grades(documentId: number): Promise<StoredGrade[]> {
    return this.reader.grades(documentId);
  }

  /** The grade legend in force for a committee at a date. */
  legend(committee: string, at: string | null): Promise<StoredLegend | null> {
    return this.reader.legend(committee, at);
  }

  interventions(documentId: number): Promise<StoredIntervention[]> {
    return this.reader.interventions(documentId);
  }

  /** A speaker's interventions, newest meeting first, by exact key or by surname. */
  interventionsBy(who: { keys?: string[]; surname?: string }, options: { documentIds?: number[]; limit: number }): Promise<Array<StoredIntervention & { document: DocumentSummary }>> {
    return this.reader.interventionsBy(who, options);
  }

  /** Paragraphs of a document by printed number (or position when unnumbered). */
  paragraphsByNumber(documentId: number, numbers: number[]): Promise<StoredParagraph[]> {
    return this.reader.paragraphsByNumber(documentId, numbers);
  }

  paragraphsByNumbers(refs: ReadonlyArray<{ documentId: number; numbers: number[] }>): Promise<StoredParagraph[][]> {
    return this.reader.paragraphsByNumbers(refs);
  }

  /** Summary records a person chaired, newest first: their words are recorded as "The Chair". */
  chairedBy(key: string, limit: number): Promise<DocumentSummary[]> {
    return this.reader.chairedBy(key, limit);
  }

  /** Everyone who has spoken or chaired, for matching names a user types. */
  speakers(): Promise<SpeakerEntry[]> {
    return this.speakerIndex.speakers();
  }

  /**
   * Full-text search over paragraphs in every language stored, best first; each word of the
   * query is searched as text, function words ("of", "des", "del") only when nothing else is asked.
   */
  async search(query: string, options: SearchOptions): Promise<SearchHit[]> {
    const terms = tellingTerms(searchTerms(query));
    if (terms.length === 0) return [];
    return searchHits(this.db, await this.fullText.rank(terms, options));
  }

  // Deadlines

  deadlines(filter: DeadlineFilter = {}): Promise<StoredDeadline[]> {
    return this.deadlineRows.list(filter);
  }

  addDeadline(input: NewDeadline): Promise<StoredDeadline> {
    return this.deadlineRows.add(input);
  }

  deadline(id: number): Promise<StoredDeadline | null> {
    return this.deadlineRows.get(id);
  }

  markDeadlineMet(symbol: string, kind: string, met: string): Promise<StoredDeadline[]> {
    return this.deadlineRows.markMet(symbol, kind, met);
  }

  /** Removes a deadline a person added; those that come from documents stay. */
  removeDeadline(id: number): Promise<boolean> {
    return this.deadlineRows.remove(id);
  }

  // Doors

  /** True the first time an incoming event's key is seen, false for a redelivery. */
  claimEvent(key: string): Promise<boolean> {
    return claimEvent(this.db, this.prepared, key, this.now());
  }

  /** Remembers how to reach a conversation later (Teams needs its reference to post unprompted). */
  saveConversation(platform: string, conversationId: string, reference: unknown, name: string | null = null): Promise<void> {
    return this.references.save(platform, conversationId, reference, name);
  }

  conversation(platform: string, conversationId: string): Promise<{ reference: unknown; name: string | null; updatedAt: string } | null> {
    return this.references.get(platform, conversationId);
  }
}
