import type SQLite from 'better-sqlite3';
import { CompiledQuery, SelectQueryNode, type DatabaseConnection, type Driver, type QueryResult, type TransactionSettings } from 'kysely';

/**
 * Kysely's driver for the embedded store, with group commit. Every write on its own (the claim of
 * an incoming event, a conversation's reference, its subject) was a transaction of its own, and
 * a commit costs several times the write: with many turns at once that was most of a turn's
 * time in SQLite. Here the plain writes issued in one turn of the event loop share one
 * transaction: each runs at once (so that every later read, on this one connection, sees it),
 * and its caller hears of it when that transaction has committed, at the end of the loop's turn.
 *
 * Transactions of the store's own (a document's save) take the connection for themselves, as
 * with Kysely's driver: the shared one is committed first, and other queries wait for them.
 * Write transactions take the write lock when they begin (BEGIN IMMEDIATE), so that a second
 * writer (`rapporteur ingest` beside `npm start`) waits its turn under the busy timeout; a
 * deferred BEGIN would read first and fail at once with "database is locked" when it then
 * needed to write after the other writer committed.
 */

/** What the driver needs of better-sqlite3: statements (kept prepared by the caller), and whether a transaction is open. */
export interface SqliteHandle {
  prepare(sql: string): SQLite.Statement;
  readonly inTransaction: boolean;
  close(): void;
}

/** Statements that only change rows: they may share a transaction. Anything else (a pragma, DDL) runs on its own. */
const ROW_WRITE = /^\s*(?:insert|update|delete|replace)\b/i;

interface Waiting {
  result: QueryResult<unknown>;
  resolve(result: QueryResult<unknown>): void;
  reject(error: unknown): void;
}

export class GroupCommitSqliteDriver implements Driver {
  /** The connection in a transaction of its own, and the promise that ends when it ends. */
  private owner: Connection | null = null;
  private ownerDone: Promise<void> = Promise.resolve();
  private endOwner: () => void = () => undefined;
  /** Writes run in the shared transaction, told when it commits; null when none is open. */
  private shared: Waiting[] | null = null;

  constructor(private readonly db: SqliteHandle) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new Connection(this);
  }

  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    while (this.owner) await this.ownerDone;
    this.owner = connection as Connection;
    this.ownerDone = new Promise((resolve) => (this.endOwner = resolve));
    this.commitShared();
    try {
      this.db.prepare('begin immediate').run();
    } catch (error) {
      this.release();
      throw error;
    }
  }

  async commitTransaction(): Promise<void> {
    try {
      this.db.prepare('commit').run();
    } finally {
      // A failed commit leaves the transaction open for Kysely's rollback; a finished one frees the connection.
      if (!this.db.inTransaction) this.release();
    }
  }

  async rollbackTransaction(): Promise<void> {
    try {
      if (this.db.inTransaction) this.db.prepare('rollback').run();
    } finally {
      this.release();
    }
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(raw(`savepoint ${quote(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(raw(`rollback to ${quote(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(raw(`release ${quote(name)}`));
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    this.commitShared();
    this.db.close();
  }

  /** Runs a query for a connection: at once in its own transaction, else after any transaction of another's. */
  async execute(connection: Connection, query: CompiledQuery): Promise<QueryResult<unknown>> {
    while (this.owner && this.owner !== connection) await this.ownerDone;
    const statement = this.db.prepare(query.sql);
    if (this.owner === connection) return run(statement, query.parameters);
    if (ROW_WRITE.test(query.sql)) return this.writeShared(statement, query.parameters);
    // A pragma or a change of schema must not fall inside the shared transaction.
    if (!statement.reader) this.commitShared();
    return run(statement, query.parameters);
  }

  stream(connection: Connection, query: CompiledQuery): AsyncIterableIterator<QueryResult<unknown>> {
    const ready = async () => {
      while (this.owner && this.owner !== connection) await this.ownerDone;
    };
    const db = this.db;
    return (async function* () {
      await ready();
      if (!SelectQueryNode.is(query.query)) throw new Error('the SQLite driver streams select queries only');
      for (const row of db.prepare(query.sql).iterate(...(query.parameters as unknown[]))) yield { rows: [row] };
    })();
  }

  private writeShared(statement: SQLite.Statement, parameters: readonly unknown[]): Promise<QueryResult<unknown>> {
    if (!this.shared) {
      this.db.prepare('begin immediate').run();
      this.shared = [];
      setImmediate(() => this.commitShared());
    }
    let result: QueryResult<unknown>;
    try {
      result = run(statement, parameters);
    } catch (error) {
      // A failed statement is undone on its own; an error that ended the transaction undid every write in it.
      if (!this.db.inTransaction) this.failShared(error);
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => this.shared!.push({ result, resolve, reject }));
  }

  private commitShared(): void {
    const waiting = this.shared;
    if (!waiting) return;
    try {
      this.db.prepare('commit').run();
    } catch (error) {
      this.failShared(error);
      return;
    }
    this.shared = null;
    for (const w of waiting) w.resolve(w.result);
  }

  private failShared(error: unknown): void {
    const waiting = this.shared ?? [];
    this.shared = null;
    if (this.db.inTransaction) this.db.prepare('rollback').run();
    for (const w of waiting) w.reject(error);
  }

  private release(): void {
    this.owner = null;
    this.endOwner();
  }
}

class Connection implements DatabaseConnection {
  constructor(private readonly driver: GroupCommitSqliteDriver) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.driver.execute(this, query) as Promise<QueryResult<R>>;
  }

  streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    return this.driver.stream(this, query) as AsyncIterableIterator<QueryResult<R>>;
  }
}

function run(statement: SQLite.Statement, parameters: readonly unknown[]): QueryResult<unknown> {
  if (statement.reader) return { rows: statement.all(...parameters) };
  const { changes, lastInsertRowid } = statement.run(...parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

const raw = (sql: string): CompiledQuery => CompiledQuery.raw(sql);

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
