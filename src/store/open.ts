import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type Dialect } from 'kysely';
import { ErrorCode, RapporteurError } from '../errors.js';
import { GroupCommitSqliteDriver, type SqliteHandle } from './sqliteDriver.js';
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

function cachingStatements(database: SQLite.Database): SqliteHandle {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    get inTransaction() {
      return database.inTransaction;
    },
    prepare(query: string): SQLite.Statement {
      let statement = cache.get(query);
      if (!statement) {
        statement = database.prepare(query);
        if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
        cache.set(query, statement);
      }
      return statement;
    },
  };
}

/** SQLite's dialect with the store's own driver (group commit, transactions that take the write lock at once). */
function sqliteDialect(handle: SqliteHandle): Dialect {
  return {
    createDriver: () => new GroupCommitSqliteDriver(handle),
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createAdapter: () => new SqliteAdapter(),
    createIntrospector: (db) => new SqliteIntrospector(db),
  };
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
  return { db: new Kysely<Database>({ dialect: sqliteDialect(cachingStatements(database)) }), check };
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
