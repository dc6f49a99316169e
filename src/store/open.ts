import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
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

function openSqlite(dataDir: string): Kysely<Database> {
  const dir = resolve(dataDir);
  try {
    mkdirSync(dir, { recursive: true });
    const database = new SQLite(join(dir, SQLITE_FILE));
    // WAL lets readers in other processes (a worker, `rapporteur ask`) read while one writes.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(database) }) });
  } catch (error) {
    throw new RapporteurError(ErrorCode.StoreFailed, `cannot open the store in ${dir}: ${(error as Error).message}`, { cause: error });
  }
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
  const store = url
    ? new Store(await openPostgres(url, location.schema), 'postgres', location.now)
    : new Store(openSqlite(location.dataDir), 'sqlite', location.now);
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
