import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { postgresAnswers } from './postgres.js';

/**
 * The engines the store's contract runs on: SQLite always; PostgreSQL when a server
 * answers at TEST_DATABASE_URL (default: database "test" on 127.0.0.1:5432). Each store
 * gets its own data directory or schema, removed afterwards.
 */

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const postgresAvailable = await postgresAnswers(TEST_DATABASE_URL);

export interface TestStore {
  store: Store;
  cleanup(): Promise<void>;
}

export type EngineName = 'sqlite' | 'postgres';

export const ENGINES: EngineName[] = postgresAvailable ? ['sqlite', 'postgres'] : ['sqlite'];
if (!postgresAvailable && process.env.REQUIRE_POSTGRES) {
  throw new Error(`REQUIRE_POSTGRES is set, but PostgreSQL does not answer at ${TEST_DATABASE_URL}`);
}
if (!postgresAvailable) console.warn(`PostgreSQL not reachable at ${TEST_DATABASE_URL}: store tests run on SQLite only`);

export async function openTestStore(engine: EngineName, now?: () => Date): Promise<TestStore> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'rapporteur-store-'));
    const store = await openStore({ dataDir: dir, ...(now ? { now } : {}) });
    return {
      store,
      cleanup: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const store = await openStore({ databaseUrl: TEST_DATABASE_URL, dataDir: '.', schema, ...(now ? { now } : {}) });
  return {
    store,
    cleanup: async () => {
      await store.close();
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}
