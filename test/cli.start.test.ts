import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { root } from './support/documents.js';
import { TEST_REDIS_URL, dropPrefix, eventually, uniquePrefix } from './support/redis.js';

/** npm start and rapporteur worker as an operator runs them: real processes, real Redis, SIGTERM to stop. */

let child: ChildProcess | undefined;
let prefix: string | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (prefix) await dropPrefix(prefix);
  child = prefix = undefined;
});

function run(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = '';
  const c = spawn(process.execPath, ['--import', 'tsx', `${root}cli/main.ts`, ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'info', NO_PROXY: '127.0.0.1,localhost', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  c.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  c.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => c.on('exit', (code) => resolve(code)));
  child = c;
  return { child: c, output: () => output, exited };
}

describe('npm start', () => {
  it('serves /healthz with the store, Redis and each door, and stops cleanly on SIGTERM', async () => {
    prefix = uniquePrefix('start');
    const port = 20000 + Math.floor(Math.random() * 20000);
    const started = run(['start'], {
      RAPPORTEUR_DATA_DIR: mkdtempSync(join(tmpdir(), 'rapporteur-start-')),
      RAPPORTEUR_ENV: 'development',
      TEAMS_ENABLED: '1',
      PORT: String(port),
      REDIS_URL: TEST_REDIS_URL,
      RAPPORTEUR_QUEUE_PREFIX: prefix,
      RAPPORTEUR_WATCH: 'on',
    });
    await eventually(() => started.output().includes('"msg":"listening"'), 'the server to listen', 30_000);
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ok: true,
      store: { ok: true, engine: 'sqlite', documents: 2 },
      redis: { ok: true },
      teams: { ok: true, authentication: 'none' },
      watch: { ok: true, failing: [] },
    });
    // Calendar feeds are served on the same server; a token that opens no feed is not found.
    expect((await fetch(`http://127.0.0.1:${port}/calendar/${'0'.repeat(80)}.ics`)).status).toBe(404);
    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
  });

  it('without Redis still answers, and /healthz says what is off', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const started = run(['start'], {
      RAPPORTEUR_DATA_DIR: mkdtempSync(join(tmpdir(), 'rapporteur-start-')),
      RAPPORTEUR_ENV: 'development',
      TEAMS_ENABLED: '1',
      PORT: String(port),
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    await eventually(() => started.output().includes('"msg":"listening"'), 'the server to listen', 30_000);
    expect(started.output()).toContain('Reminders, digests and meeting summaries are off until Redis is back');
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ok: false, store: { ok: true }, redis: { ok: false } });
    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
  });
});

describe('rapporteur worker', () => {
  it('runs the queues alone and stops cleanly on SIGTERM', async () => {
    prefix = uniquePrefix('worker');
    const worker = run(['worker'], { RAPPORTEUR_DATA_DIR: mkdtempSync(join(tmpdir(), 'rapporteur-worker-')), REDIS_URL: TEST_REDIS_URL, RAPPORTEUR_QUEUE_PREFIX: prefix });
    await eventually(() => worker.output().includes('"msg":"worker running"'), 'the worker to start', 30_000);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toContain('worker stopping');
  });

  it('refuses to start without Redis, saying where it looked', async () => {
    const worker = run(['worker'], { RAPPORTEUR_DATA_DIR: mkdtempSync(join(tmpdir(), 'rapporteur-worker-')), REDIS_URL: 'redis://127.0.0.1:1' });
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toMatch(/rapporteur: Redis at REDIS_URL \(redis:\/\/127\.0\.0\.1:1\) does not answer: .*ECONNREFUSED.* \[INVALID_CONFIG\]/);
  });
});
