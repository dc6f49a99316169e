import { mkdtempSync, openSync, rmSync, statSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode, RapporteurError } from '../src/errors.js';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openStore, SQLITE_FILE } from '../src/store/open.js';
import { rapporteur } from './support/cli.js';
import { silent } from './support/jobs.js';

/** A damaged SQLite page is found when the store opens: a clear error, never "Something went wrong" on every question. */

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A store with the seed documents, then pages in the middle of its file overwritten, as a failing disk leaves them. */
async function damagedStore(): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'rapporteur-damaged-'));
  const app = await openApp(loadConfig({ RAPPORTEUR_DATA_DIR: dir, LOG_LEVEL: 'silent' }), { logger: silent });
  expect((await app.store.counts()).documents).toBeGreaterThan(0);
  await app.close();
  const file = join(dir, SQLITE_FILE);
  const pages = statSync(file).size / 4096;
  const fd = openSync(file, 'r+');
  const garbage = Buffer.alloc(4096 * 4, 0xa5);
  writeSync(fd, garbage, 0, garbage.length, Math.floor(pages / 2) * 4096);
  closeSync(fd);
  return dir;
}

describe('a damaged store', () => {
  it('does not open: the error names the file and says what to do', async () => {
    const at = await damagedStore();
    const opened = openStore({ dataDir: at });
    await expect(opened).rejects.toBeInstanceOf(RapporteurError);
    await expect(opened).rejects.toMatchObject({ code: ErrorCode.StoreFailed, message: expect.stringContaining('is damaged (SQLite quick_check') });
    await expect(opened).rejects.toMatchObject({ message: expect.stringContaining('Restore it from a backup') });
  });

  it('`rapporteur ask` fails with that error and a non-zero exit, not an answer', async () => {
    const at = await damagedStore();
    const run = rapporteur(['ask', 'deadlines Azerbaijan'], { RAPPORTEUR_DATA_DIR: at, LOG_LEVEL: 'silent' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('is damaged');
    expect(run.stderr).toContain('[STORE_FAILED]');
    expect(run.stdout).not.toContain('Something went wrong');
  });
});
