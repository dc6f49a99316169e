import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openStore, SQLITE_FILE } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';

// The embedded store commits the writes of many turns together: a write it has told of must already be in the file.
let dir: string;
let store: Store;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rapporteur-commit-'));
  store = await openStore({ dataDir: dir });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('has every claim it answered in the file, where another process reads it', async () => {
  const other = new SQLite(join(dir, SQLITE_FILE), { readonly: true });
  try {
    const claimed = await Promise.all(Array.from({ length: 20 }, (_, i) => store.claimEvent(`teams:e${i}`)));
    expect(claimed.every(Boolean)).toBe(true);
    expect(other.prepare("select count(*) as n from seen_events where key like 'teams:e%'").get()).toEqual({ n: 20 });
    // A change of schema or a pragma between writes is not swallowed by a transaction left open.
    await store.saveConversation('teams', 'a:1', { v: 1 });
    expect(store.integrity()).toEqual([]);
    expect(other.prepare("select count(*) as n from conversations where conversation_id = 'a:1'").get()).toEqual({ n: 1 });
  } finally {
    other.close();
  }
});
