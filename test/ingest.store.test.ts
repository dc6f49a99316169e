import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ingestor } from '../src/ingest/ingest.js';
import { fixturePath } from './support/documents.js';
import { summaryRecordDocx } from './support/generate.js';
import { openTestStore, type TestStore } from './support/stores.js';

let server: Server;
let base: string;
let t: TestStore;

beforeAll(async () => {
  const docx = await summaryRecordDocx();
  server = createServer((req, res) => {
    if (req.url === '/co.md') res.end(readFileSync(fixturePath('co-bol-2.md')));
    else if (req.url === '/sr.docx') res.writeHead(200, { 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }).end(docx);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t = await openTestStore('sqlite');
});
afterAll(async () => {
  server.close();
  await t.cleanup();
});

describe('documents from a link', () => {
  it('stores a document from an allowed host, Word included, and says what it was', async () => {
    const ingestor = new Ingestor(t.store, { allowlist: [new URL(base).host], maxBytes: 1_000_000, timeoutMs: 5000 });
    const co = await ingestor.ingestUrl(`${base}/co.md`);
    expect(co).toMatchObject({ status: 'created', key: 'CMW/C/BOL/CO/2', kind: 'concluding-observations', source: `${base}/co.md` });
    const sr = await ingestor.ingestUrl(`${base}/sr.docx`);
    expect(sr).toMatchObject({ status: 'created', key: 'CMW/C/SR.463', kind: 'summary-record' });
    expect((await t.store.interventions((await t.store.document('CMW/C/SR.463'))!.id)).map((i) => i.speaker)[0]).toBe('Mr. Safikhanli');
  });

  it('reports a refused or missing link as a failure, storing nothing', async () => {
    const before = await t.store.counts();
    const strict = new Ingestor(t.store, { allowlist: ['documents.un.org'], maxBytes: 1_000_000, timeoutMs: 5000 });
    expect(await strict.ingestUrl(`${base}/co.md`)).toMatchObject({ status: 'failed', error: { code: 'URL_REFUSED' } });
    const open = new Ingestor(t.store, { allowlist: [new URL(base).host], maxBytes: 1_000_000, timeoutMs: 5000 });
    expect(await open.ingestUrl(`${base}/missing.pdf`)).toMatchObject({ status: 'failed', error: { code: 'FETCH_FAILED', message: expect.stringContaining('404') } });
    expect(await t.store.counts()).toEqual(before);
  });
});
