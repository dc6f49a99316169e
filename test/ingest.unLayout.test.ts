import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../src/documents/parse/index.js';
import type { ParsedDocument } from '../src/documents/schema.js';
import { Ingestor } from '../src/ingest/ingest.js';
import { fixturePath, seedPath } from './support/documents.js';
import { openTestStore, type TestStore } from './support/stores.js';
import { printedFrom, unDocx, unPdf, type PrintedDocument } from './support/unFiles.js';

/**
 * Documents in the layout the UN prints them in, built as PDF and Word files and read back
 * through ingest: what a user asks of them must read as it does from the Markdown.
 */

let t: TestStore;
let ingestor: Ingestor;
beforeAll(async () => {
  t = await openTestStore('sqlite');
  ingestor = new Ingestor(t.store, { allowlist: [], maxBytes: 1, timeoutMs: 1 });
});
afterAll(() => t.cleanup());

const JOB = 'GE.21-14094';

/** The 463rd meeting renumbered as the 464th, whose paragraph 4 cites a footnote printed at the foot of its page. */
function meeting464(): PrintedDocument {
  const text = readFileSync(seedPath('cmw-c-sr-463.md'), 'utf8').replace(/CMW\/C\/SR\.463/g, 'CMW/C/SR.464').replace(/463rd/g, '464th');
  const printed = printedFrom(text, 'CMW/C/SR.464', JOB);
  printed.blocks.find((b) => b.number === 4)!.notes = [
    { mark: '1', text: 'See the report of the Secretary-General on migrant workers in the region, considered by the Committee at its thirty-second session, whose recommendations it recalled in the dialogue (CMW/C/SR.455).' },
  ];
  return printed;
}

async function stored(bytes: Uint8Array, name: string): Promise<{ key: string; doc: ParsedDocument; raw: string }> {
  const result = await ingestor.ingestBytes(bytes, name, `upload:${name}`);
  expect(result.error).toBeUndefined();
  const raw = (await t.store.rawText((await t.store.document(result.key!))!.id))!;
  return { key: result.key!, doc: parseDocument(raw, { name: 'x.txt' }), raw };
}

describe('a summary record printed as the UN prints it (PDF)', () => {
  const seed = parseDocument(readFileSync(seedPath('cmw-c-sr-463.md'), 'utf8'), { name: 'x.md' });

  it('reads "United Nations CMW/C/SR.464" as its symbol, and no running header in paragraph 4 when a page break cuts it', async () => {
    // The first page length that puts a page break, with the footnote above it, inside paragraph 4.
    let pdf = await unPdf(meeting464(), 18);
    for (let lines = 19; !pdf.cut.includes(4) && lines < 60; lines++) pdf = await unPdf(meeting464(), lines);
    expect(pdf.cut).toContain(4);
    const { key, doc } = await stored(pdf.bytes, 'CMW_C_SR.464.pdf');
    expect(key).toBe('CMW/C/SR.464');
    expect(doc).toMatchObject({ kind: 'summary-record', symbol: 'CMW/C/SR.464', meeting: 464, chair: 'Mr. Ünver' });
    expect(doc.paragraphs.map((p) => p.text)).toEqual(seed.paragraphs.map((p) => p.text));
    const four = doc.paragraphs.find((p) => p.number === 4)!.text;
    expect(four).not.toMatch(/CMW\/C\/SR\.464|GE\.21|See the report|¹/);
  });

  it('keeps every paragraph whole wherever the page breaks fall', async () => {
    for (const lines of [23, 34, 47]) {
      const { doc } = await stored((await unPdf(meeting464(), lines)).bytes, `sr-464-${lines}.pdf`);
      expect(doc.paragraphs.map((p) => p.text)).toEqual(seed.paragraphs.map((p) => p.text));
      expect(doc.warnings).toEqual([]);
    }
  });
});

describe('concluding observations whose first line is "United Nations CMW/C/GHA/CO/2"', () => {
  // The Bolivian fixture renamed for Ghana; printed with its symbol only on the first line.
  const text = readFileSync(fixturePath('co-bol-2.md'), 'utf8').replace(/CMW\/C\/BOL\/CO\/2/g, 'CMW/C/GHA/CO/2');
  const markdown = parseDocument(text.replace('CMW/C/GHA/CO/2\n', ''), { name: 'x.md' });

  it.each(['docx', 'pdf'] as const)('ingests from %s with its symbol, State, session and footnote', async (format) => {
    const printed = printedFrom(text, 'CMW/C/GHA/CO/2', JOB);
    const bytes = format === 'docx' ? await unDocx(printed) : (await unPdf(printed, 30)).bytes;
    const { key, doc } = await stored(bytes, `CMW_C_GHA_CO_2.${format}`);
    expect(key).toBe('CMW/C/GHA/CO/2');
    expect(doc).toMatchObject({ kind: 'concluding-observations', symbol: 'CMW/C/GHA/CO/2', country: 'GHA', session: 99, issued: '2037-04-24' });
    expect(doc.paragraphs.map((p) => p.text)).toEqual(markdown.paragraphs.map((p) => p.text));
    expect(doc.footnotes.map((f) => f.text)).toEqual(['Adopted by the Committee at its ninety-ninth session (30 March–17 April 2037).']);
  });
});

describe('a follow-up evaluation in Word, its head a table', () => {
  const source = readFileSync(seedPath('cmw-follow-up-azerbaijan-2026.md'), 'utf8');
  const markdown = parseDocument(source, { name: 'x.md' });
  const readable = (doc: ParsedDocument) => ({
    kind: doc.kind,
    country: doc.country,
    session: doc.session,
    issued: doc.issued,
    followUp: { paragraphs: doc.followUp.paragraphs, evaluations: doc.followUp.evaluations.map(({ lines: _lines, ...e }) => e) },
    deadlines: doc.deadlines,
    paragraphs: doc.paragraphs.map((p) => p.text),
    warnings: doc.warnings,
  });

  it('reads the same grades, assessments, requests and deadlines as the Markdown', async () => {
    const printed = printedFrom(source, 'CMW/C/39/3/Add.1', JOB);
    expect(printed.blocks.find((b) => b.table)?.table).toContainEqual(['Committee\'s evaluation:', '16 [C] [B], 36 [C] [C], 60 [B] [C] [F] and 62 [B] [F]']);
    const { key, doc } = await stored(await unDocx(printed), 'CMW_C_39_3_Add.1.docx');
    expect(key).toBe('CMW/C/39/3/Add.1');
    expect(readable(doc)).toEqual(readable(markdown));
  });

  it('reads its table rows as one line each, label beside value', async () => {
    const { doc, raw } = await stored(await unDocx(printedFrom(source, 'CMW/C/39/3/Add.1', JOB)), 'again.docx');
    expect(raw).toContain('\nFollow-up paragraphs: 16, 36, 60 and 62\n');
    expect(doc.followUp.paragraphs).toEqual([16, 36, 60, 62]);
  });
});
