import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDatabase, type SqliteDialectConfig, type SqliteStatement } from 'kysely';
import { ErrorCode, RapporteurError } from '../errors.js';
import { Store } from './store.js';
import type { Database } from './tables.js';

export interface StoreLocation {
  /** PostgreSQL when set; otherwise the embedded SQLite file in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** PostgreSQL schema to use (tests give each run its own). */
  schema?: string;
  now?: () => Date;
}

export const SQLITE_FILE = 'rapporteur.sqlite';

/** Prepared statements kept for reuse: Kysely prepares each query anew, which costs more than running it. */
const STATEMENT_CACHE = 500;

function cachingStatements(database: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => database.close(),
    prepare(query: string): SqliteStatement {
      let statement = cache.get(query);
      if (!statement) {
        statement = database.prepare(query) as unknown as SqliteStatement;
        if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
        cache.set(query, statement);
      }
      return statement;
    },
  };
}

/**
 * Write transactions take the write lock when they begin (BEGIN IMMEDIATE), so a second
 * writer (`rapporteur ingest` beside `npm start`) waits its turn under the busy timeout. A
 * deferred BEGIN reads first and fails at once with "database is locked" when it then
 * needs to write after the other writer committed.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

/** How long a writer waits for another's transaction before giving up: a large document takes a second or two. */
const BUSY_TIMEOUT_MS = 30_000;

/** SQLite's own check of the file's pages: "ok", or what is wrong (a damaged page, a broken index). */
export function sqliteIntegrity(database: SQLite.Database): string[] {
  const rows = database.pragma('quick_check') as Array<{ quick_check: string }>;
  return rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
}

function damaged(file: string, problems: string[]): RapporteurError {
  const shown = problems.slice(0, 3).join('; ');
  return new RapporteurError(
    ErrorCode.StoreFailed,
    `the store ${file} is damaged (SQLite quick_check: ${shown}${problems.length > 3 ? `; and ${problems.length - 3} more` : ''}). Restore it from a backup, or move it away and ingest the documents again`,
  );
}

function openSqlite(dataDir: string): { db: Kysely<Database>; check: () => string[] } {
  const dir = resolve(dataDir);
  const file = join(dir, SQLITE_FILE);
  let database: SQLite.Database;
  try {
    mkdirSync(dir, { recursive: true });
    database = new SQLite(file);
    // WAL lets readers in other processes (a worker, `rapporteur ask`) read while one writes.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_CORRUPT' || (error as { code?: string }).code === 'SQLITE_NOTADB') throw damaged(file, [(error as Error).message]);
    throw new RapporteurError(ErrorCode.StoreFailed, `cannot open the store in ${dir}: ${(error as Error).message}`, { cause: error });
  }
  const check = () => {
    try {
      return sqliteIntegrity(database);
    } catch (error) {
      return [(error as Error).message];
    }
  };
  // A damaged page would otherwise surface as "Something went wrong" on every question.
  const problems = check();
  if (problems.length) {
    database.close();
    throw damaged(file, problems);
  }
  return { db: new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: cachingStatements(database) }) }), check };
}

/** pg is loaded only when a server is configured: the embedded store never pays for it. */
async function openPostgres(url: string, schema: string | undefined): Promise<Kysely<Database>> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Opens the store and brings its schema up to date. */
export async function openStore(location: StoreLocation): Promise<Store> {
  const url = location.databaseUrl;
  const sqlite = url ? null : openSqlite(location.dataDir);
  const store = sqlite ? new Store(sqlite.db, 'sqlite', location.now, sqlite.check) : new Store(await openPostgres(url!, location.schema), 'postgres', location.now);
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => undefined);
    if (error instanceof RapporteurError) throw error;
    const where = url ? 'the PostgreSQL server in DATABASE_URL' : `the store in ${location.dataDir}`;
    throw new RapporteurError(ErrorCode.StoreFailed, `cannot use ${where}: ${(error as Error).message}`, { cause: error });
  }
  return store;
}
