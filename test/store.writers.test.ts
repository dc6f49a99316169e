import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/open.js';
import { root } from './support/documents.js';

/**
 * Two processes writing one SQLite store at once (`rapporteur ingest` while another ingests,
 * as beside `npm start`): every write transaction takes the lock first and waits its turn,
 * so neither fails a document with "database is locked".
 */

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function ingest(dataDir: string, targets: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `${root}cli/main.ts`, 'ingest', ...targets], {
      cwd: root,
      env: { ...process.env, RAPPORTEUR_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

describe('two writers on one SQLite store', () => {
  it('never fail a document: both ingests finish, every document stored', async () => {
    dir = mkdtempSync(join(tmpdir(), 'rapporteur-writers-'));
    // The store exists before either starts, as it does beside a running bot.
    await (await openStore({ dataDir: dir })).close();
    const corpus = (name: string) => `${root}test/corpus/${name}`;
    const [a, b] = await Promise.all([
      ingest(dir, [corpus('summary-records'), corpus('spt')]),
      ingest(dir, [corpus('concluding-observations'), corpus('lists-of-issues'), corpus('follow-up-evaluations'), corpus('follow-up-replies')]),
    ]);
    // Documents of kinds not read yet fail as such; nothing may fail for the store's sake.
    const storeFailures = (out: string) => out.split('\n').filter((l) => /^failed /.test(l) && !l.includes('[NOT_A_DOCUMENT]'));
    expect(storeFailures(a.out)).toEqual([]);
    expect(storeFailures(b.out)).toEqual([]);
    expect(`${a.out}\n${b.out}`).not.toMatch(/database is locked|SQLITE_BUSY/i);
    const store = await openStore({ dataDir: dir });
    try {
      const documents = (await store.counts()).documents;
      const listed = (out: string) => Number(/(\d+) documents?:/.exec(out)?.[1] ?? NaN);
      expect(documents).toBeGreaterThan(0);
      expect(documents).toBeLessThanOrEqual(listed(a.out) + listed(b.out));
    } finally {
      await store.close();
    }
  }, 90_000);
});
