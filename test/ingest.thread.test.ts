import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../src/documents/parse/index.js';
import { Ingestor } from '../src/ingest/ingest.js';
import { IN_PLACE_CHARS, parseOffThread, stopParseThread } from '../src/ingest/parseThread.js';
import type { Store } from '../src/store/store.js';
import { seedPath } from './support/documents.js';
import { openTestStore, type TestStore } from './support/stores.js';

/** The seed record with its body repeated, renumbered, to about `chars` characters. */
function longRecord(chars: number): string {
  const record = readFileSync(seedPath('cmw-c-sr-463.md'), 'utf8');
  const start = record.indexOf('1. **Mr. Safikhanli**');
  const body = record.slice(start, record.indexOf('*The discussion'));
  const parts = [record.slice(0, start)];
  let length = parts[0]!.length;
  for (let i = 0; length < chars; i++) {
    const part = body.replace(/^(\d+)\./gm, (_m, n: string) => `${Number(n) + i * 19}.`);
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}

let t: TestStore;
beforeAll(async () => {
  t = await openTestStore('sqlite');
});
afterAll(async () => {
  await stopParseThread();
  await t.cleanup();
});

describe('parsing off the event loop', () => {
  it('gives the same document as parsing in place, short or long', async () => {
    for (const text of [readFileSync(seedPath('cmw-c-sr-463.md'), 'utf8'), longRecord(IN_PLACE_CHARS * 4)]) {
      expect(await parseOffThread(text, { name: 'record.md' })).toEqual(parseDocument(text, { name: 'record.md' }));
    }
  });

  it('a large document is ingested while a timer on the main thread keeps ticking', async () => {
    const text = longRecord(6_000_000);
    const started = performance.now();
    const inPlace = parseDocument(text, { name: 'long.md' });
    const inPlaceMs = performance.now() - started;
    const bound = 150;
    // Parsing in place holds the thread longer than the bound: otherwise this test could not fail.
    expect(inPlaceMs).toBeGreaterThan(bound);

    // Gaps between ticks are counted up to when the store is reached: saving is not parsing.
    let savingAt = Infinity;
    const store = new Proxy(t.store, {
      get(target, key, receiver) {
        if (key === 'saveDocument') savingAt = Math.min(savingAt, performance.now());
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Store;
    let last = performance.now();
    let longestGap = 0;
    const tick = (): void => {
      const now = performance.now();
      if (last < savingAt) longestGap = Math.max(longestGap, Math.min(now, savingAt) - last);
      last = now;
    };
    const timer = setInterval(tick, 5);
    try {
      const result = await new Ingestor(store, { allowlist: [], maxBytes: 1, timeoutMs: 1 }).ingestBytes(Buffer.from(text), 'long.md', 'upload:long.md');
      expect(result).toMatchObject({ status: 'created', kind: 'summary-record', symbol: inPlace.symbol });
    } finally {
      clearInterval(timer);
      tick();
    }
    expect(savingAt).toBeLessThan(Infinity);
    expect(longestGap).toBeLessThan(bound);
  });

  it('a parse under way when the thread stops fails with a clear error, and the next parse starts a new thread', async () => {
    const text = longRecord(1_000_000);
    const parsing = parseOffThread(text, { name: 'long.md' });
    await stopParseThread();
    await expect(parsing).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/parser thread stopped/) });
    expect((await parseOffThread(text, { name: 'long.md' })).kind).toBe('summary-record');
  });
});
