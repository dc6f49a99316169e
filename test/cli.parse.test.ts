import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES } from '../src/documents/read/decode.js';
import { rapporteur } from './support/cli.js';
import { fixturePath, root, seedPath } from './support/documents.js';
import { summaryRecordDocx, summaryRecordPdf } from './support/generate.js';

describe('rapporteur parse', () => {
  it('prints the contract JSON for a summary record', () => {
    const run = rapporteur(['parse', seedPath('cmw-c-sr-463.md'), '--json']);
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc).toMatchObject({ kind: 'summary-record', symbol: 'CMW/C/SR.463', committee: 'CMW', country: null, session: 33, meeting: 463, issued: '2021-10-06', held: '2021-10-04', chair: 'Mr. Ünver', warnings: [] });
    expect(doc.paragraphs[0]).toMatchObject({ number: 1, speaker: 'Mr. Safikhanli' });
    expect(doc.interventions[0]).toMatchObject({ speaker: 'Mr. Safikhanli', role: 'Office of the Commissioner for Human Rights (Ombudsman) of Azerbaijan', paragraphs: [1, 2, 3] });
    expect(doc.followUp).toEqual({ paragraphs: [], evaluations: [] });
    expect(doc.deadlines[0]).toMatchObject({ kind: 'corrections', due: '2021-10-13', basis: 'within one week of the date of the record (6 October 2021)' });
  });

  it('prints a readable account without --json', () => {
    const run = rapporteur(['parse', seedPath('cmw-follow-up-azerbaijan-2026.md')]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Follow-up evaluation');
    expect(run.stdout).toContain('[C] 36 (b)–(e): not implemented');
    expect(run.stdout).toContain('met 17 January 2024, 101 days late');
    expect(run.stdout).toMatch(/Warning: Paragraph 60 \(b\) and \(c\) is graded \[C\]/);
  });

  it('exits 0 with kind unknown and a warning for a file that is not a document', () => {
    const run = rapporteur(['parse', fixturePath('not-a-document.txt'), '--json']);
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.kind).toBe('unknown');
    expect(doc.warnings).toHaveLength(1);
  });

  it('exits non-zero with one line on standard error for a file it cannot read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapporteur-'));
    const huge = join(dir, 'huge.txt');
    writeFileSync(huge, Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x61));
    for (const [path, message] of [
      [join(dir, 'missing.md'), /cannot read .*missing\.md: no such file \[FILE_UNREADABLE\]/],
      [dir, /it is a directory/],
      [huge, /huge\.txt is 10\.0 MiB; documents over 10 MiB are not read \[DOCUMENT_TOO_LARGE\]/],
    ] as const) {
      const run = rapporteur(['parse', path, '--json']);
      expect(run.status).not.toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(message);
    }
  });

  it('has help for every command', () => {
    const top = rapporteur(['--help']);
    expect(top.status).toBe(0);
    expect(top.stdout).toContain('parse');
    const parse = rapporteur(['parse', '--help']);
    expect(parse.stdout).toContain('--json');
  });
});

describe('rapporteur parse reads PDF and Word as ingest does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rapporteur-parse-'));

  it('a PDF summary record', async () => {
    const file = join(dir, 'record.pdf');
    writeFileSync(file, (await summaryRecordPdf()).bytes);
    const run = rapporteur(['parse', file, '--json']);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ kind: 'summary-record', symbol: 'CMW/C/SR.463', meeting: 463, held: '2021-10-04' });
  });

  it('a Word .docx summary record, in the readable account too', async () => {
    const file = join(dir, 'record.docx');
    writeFileSync(file, await summaryRecordDocx());
    const run = rapporteur(['parse', file]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Summary record: CMW/C/SR.463');
    expect(run.stdout).toContain('463rd meeting');
  });

  it('a file named .pdf that is not one is refused in one line', () => {
    const file = join(dir, 'fake.pdf');
    writeFileSync(file, 'not really a PDF');
    const run = rapporteur(['parse', file]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('rapporteur: cannot read fake.pdf: it is not a valid PDF [FILE_UNREADABLE]\n');
  });
});

describe('rapporteur --version', () => {
  it('prints the version package.json names', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const run = rapporteur([flag]);
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(`${version}\n`);
    }
  });
});
