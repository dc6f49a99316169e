import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../src/documents/parse/index.js';
import { readLines } from '../src/documents/read/lines.js';
import { normalizeCharacters } from '../src/documents/read/decode.js';
import { MAX_DOCUMENT_BYTES } from '../src/documents/read/decode.js';
import { ParsedDocument } from '../src/documents/schema.js';
import { everyOutputText, fixturePath, parseFile, seedPath } from './support/documents.js';
import { adversarialDocument, textWithReferences } from './support/generate.js';
import { bodySentences, expectedSpeakers, renderRecord, syntheticRecord } from './support/synthetic.js';

const squash = (s: string): string => s.replace(/\s+/g, ' ').toLowerCase().trim();

describe('nothing is lost', () => {
  it('every sentence of a generated record is in a paragraph, a heading or a time, and every speaker is found', () => {
    fc.assert(
      fc.property(syntheticRecord, (record) => {
        const text = renderRecord(record);
        const doc = parseDocument(text, { name: record.style === 'markdown' ? 'record.md' : 'record.txt' });
        expect(doc.kind).toBe('summary-record');
        expect(doc.meeting).toBe(record.meeting);
        const output = everyOutputText(doc);
        for (const sentence of bodySentences(record)) expect(output).toContain(squash(sentence));
        expect(doc.paragraphs.map((p) => p.speaker)).toEqual(expectedSpeakers(record));
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['seed summary record', seedPath('cmw-c-sr-463.md'), /^\*The meeting was called/],
    ['seed follow-up evaluation', seedPath('cmw-follow-up-azerbaijan-2026.md'), /^#### Paragraph 16/],
    ['PDF-text summary record', fixturePath('sr-9001-pdf-text.txt'), /^The meeting was called/],
    ['concluding observations', fixturePath('co-bol-2.md'), /^1\. /],
    ['follow-up evaluation', fixturePath('fu-bol-2039.md'), /^#### Paragraph 5/],
  ])('every body line of the %s reaches the output', (_name, path, bodyStart) => {
    const raw = normalizeCharacters(readFileSync(path, 'utf8'));
    const doc = parseFile(path);
    const output = everyOutputText(doc).concat(
      squash(doc.evaluation?.sections.map((s) => s.recommendation).join(' ') ?? ''),
    );
    const lines = readLines(raw, path.endsWith('.md'));
    const start = lines.findIndex((l) => bodyStart.test(l.raw));
    expect(start).toBeGreaterThan(0);
    for (const line of lines.slice(start)) {
      if (line.blank || line.furniture || line.rule) continue;
      const text = squash(line.text.replace(/^\d{1,4}\.\s*/, '').replace(/^\[[A-Z]\]:.*$/, ''));
      if (text) expect(output).toContain(text);
    }
  });
});

describe('no input crashes the parser', () => {
  it('random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 3000 }), (text) => {
        expect(() => ParsedDocument.parse(parseDocument(text))).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('random lines built from document vocabulary', () => {
    const vocabulary = readFileSync(seedPath('cmw-c-sr-463.md'), 'utf8').split(/\s+/);
    const line = fc.array(fc.constantFrom(...vocabulary, '1.', '(a)', '[C]:', 'Chair:', '**', '#', 'Paragraph', '\\*', 'GE.21-14094'), { maxLength: 30 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), fc.boolean(), (lines, md) => {
        const doc = parseDocument(lines.join('\n'), { name: md ? 'x.md' : 'x.txt' });
        expect(() => ParsedDocument.parse(doc)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });

  it('documents cut off anywhere', () => {
    const texts = [seedPath('cmw-c-sr-463.md'), seedPath('cmw-follow-up-azerbaijan-2026.md'), fixturePath('sr-9001-pdf-text.txt'), fixturePath('co-bol-2.md')].map((p) => [p, readFileSync(p, 'utf8')] as const);
    for (const [path, text] of texts) {
      for (let cut = 0; cut < text.length; cut += 97) {
        expect(() => ParsedDocument.parse(parseDocument(text.slice(0, cut), { name: path }))).not.toThrow();
      }
    }
  });

  it('numeric character references of any number, out of Unicode\'s range included', () => {
    fc.assert(
      fc.property(textWithReferences, fc.boolean(), (text, md) => {
        const doc = ParsedDocument.parse(parseDocument(text, { name: md ? 'x.md' : 'x.txt' }));
        expect(doc.paragraphs.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
    const doc = parseDocument('Summary record of the 5th meeting\n\n1. The Chair said &#1114112; and &#99999999; and &#x110000; but &#65;&#x42;.\n', { name: 'x.md' });
    // A reference that names no character stays as printed; one that does is read.
    expect(doc.paragraphs[0]!.text).toBe('The Chair said &#1114112; and &#99999999; and &#x110000; but AB.');
  });

  it('no repeated pattern stalls it: 20–200 KB of one pattern parse within a generous bound', () => {
    fc.assert(
      fc.property(adversarialDocument, ({ label, text, name }) => {
        const started = performance.now();
        ParsedDocument.parse(parseDocument(text, name ? { name } : {}));
        const seconds = (performance.now() - started) / 1000;
        // A stall guard, not a benchmark: linear parsing takes a small fraction of this.
        expect(seconds, label).toBeLessThan(2);
      }),
      { numRuns: 60 },
    );
  });

  it('binary bytes are unknown, with a warning', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 4096 }), (bytes) => {
        const doc = ParsedDocument.parse(parseDocument(bytes));
        if (bytes.includes(0)) expect(doc.kind).toBe('unknown');
      }),
      { numRuns: 200 },
    );
    const pdfLike = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0, 159, 146, 150, 0, 1, 2, 3])]);
    const doc = parseDocument(pdfLike);
    expect(doc.kind).toBe('unknown');
    expect(doc.warnings[0]).toMatch(/not text/);
  });

  it('an empty file is unknown, with a warning', () => {
    for (const empty of [new Uint8Array(0), '', '\n\n  \n']) {
      const doc = parseDocument(empty);
      expect(doc.kind).toBe('unknown');
      expect(doc.warnings).toEqual(['The document is empty.']);
    }
  });

  it('a file over the size limit is refused with a clear error', () => {
    const huge = new Uint8Array(MAX_DOCUMENT_BYTES + 1).fill(0x61);
    expect(() => parseDocument(huge, { name: 'huge.txt' })).toThrow(/huge\.txt is 10\.0 MiB; documents over 10 MiB are not read/);
  });

  it('a large document just under the limit parses', () => {
    const record = readFileSync(seedPath('cmw-c-sr-463.md'), 'utf8');
    const body = record.slice(record.indexOf('1. **Mr. Safikhanli**'), record.indexOf('*The discussion'));
    let text = record.slice(0, record.indexOf('1. **Mr. Safikhanli**'));
    for (let i = 0; text.length < 4_000_000; i++) text += body.replace(/^(\d+)\./gm, (_m, n: string) => `${Number(n) + i * 19}.`);
    const doc = parseDocument(text, { name: 'long.md' });
    expect(doc.paragraphs.length).toBeGreaterThan(5000);
    expect(doc.interventions[0]!.speaker).toBe('Mr. Safikhanli');
  });
});
