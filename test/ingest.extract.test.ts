import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../src/documents/parse/index.js';
import { MAX_DOCUMENT_BYTES } from '../src/documents/read/decode.js';
import type { ParsedDocument } from '../src/documents/schema.js';
import { ErrorCode, RapporteurError } from '../src/errors.js';
import { extractText, type ExtractedText } from '../src/ingest/extract.js';
import { SEED_463_INTERVENTIONS, everyOutputText, interventionSummary, seedPath } from './support/documents.js';
import { passwordProtectedPdf, seedParagraphs, summaryRecordDocx, summaryRecordPdf, textlessPdf } from './support/generate.js';


/** What a user relies on in the 463rd meeting, whatever file it came in. */
function expectMeeting463(doc: ParsedDocument): void {
  expect(doc).toMatchObject({ kind: 'summary-record', symbol: 'CMW/C/SR.463', committee: 'CMW', meeting: 463, chair: 'Mr. Ünver' });
  expect(doc.paragraphs.map((p) => p.number)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
  expect(interventionSummary(doc)).toEqual(SEED_463_INTERVENTIONS);
  // Word for word as in the seed: nothing lost, nothing added between the lines.
  const seed = seedParagraphs();
  for (const p of doc.paragraphs) expect(p.text).toBe(seed.get(p.number!));
  expect(doc.warnings).toEqual([]);
}

async function failure(promise: Promise<unknown>): Promise<RapporteurError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RapporteurError);
  return error as RapporteurError;
}

describe('a summary record printed as PDF', () => {
  let cut: number[];
  let extracted: ExtractedText;
  let doc: ParsedDocument;
  beforeAll(async () => {
    const pdf = await summaryRecordPdf();
    cut = pdf.cut;
    extracted = await extractText(pdf.bytes, 'CMW_C_SR.463.pdf', 'application/pdf');
    doc = parseDocument(extracted.text, { name: 'x.txt' });
  });

  it('reads as the 463rd meeting, chaired by Mr. Ünver, with every paragraph and speaker', () => {
    expect(extracted.format).toBe('pdf');
    expectMeeting463(doc);
  });

  it('gives one line per printed line, the paragraph number apart from the text, pages apart', () => {
    const lines = extracted.text.split('\n');
    expect(lines).toContain('Chair: Mr. Ünver');
    expect(lines).toContain('1. Mr. Safikhanli (Office of the Commissioner for Human Rights (Ombudsman) of Azerbaijan),');
    expect(extracted.text).toContain('\n2 GE.21-14094\n\nCMW/C/SR.463\n');
  });

  it('mends the paragraphs a page break cuts, leaving out the running header and job number', () => {
    expect(cut.length).toBeGreaterThan(0);
    for (const number of cut) {
      const paragraph = doc.paragraphs.find((p) => p.number === number)!;
      expect(paragraph.text).toBe(seedParagraphs().get(number));
      expect(paragraph.text).not.toMatch(/CMW\/C\/SR|GE\.21/);
    }
    expect(everyOutputText(doc)).not.toContain('ge.21-14094');
  });
});

describe('a summary record written in Word (.docx)', () => {
  let extracted: ExtractedText;
  beforeAll(async () => {
    extracted = await extractText(await summaryRecordDocx(), 'CMW_C_SR.463.docx');
  });

  it('reads as the 463rd meeting, chaired by Mr. Ünver, with every paragraph and speaker', () => {
    expect(extracted.format).toBe('docx');
    expectMeeting463(parseDocument(extracted.text, { name: 'x.txt' }));
  });

  it('leaves out the page header and footer', () => {
    expect(extracted.text.match(/CMW\/C\/SR\.463/g)).toHaveLength(1); // the symbol printed in the body
    expect(extracted.text).not.toContain('GE.21-14094');
  });
});

describe('text files', () => {
  it('reads Markdown as it is', async () => {
    const bytes = readFileSync(seedPath('cmw-c-sr-463.md'));
    const extracted = await extractText(bytes, 'cmw-c-sr-463.md');
    expect(extracted).toEqual({ format: 'markdown', text: bytes.toString('utf8') });
  });

  it('reads Windows-1252 text with no name to go by', async () => {
    const bytes = Uint8Array.from([...Buffer.from('Chair: Mr. '), 0xdc, ...Buffer.from('nver '), 0x96, ...Buffer.from(' Geneva')]);
    expect(await extractText(bytes, 'upload')).toEqual({ format: 'text', text: 'Chair: Mr. Ünver – Geneva' });
  });
});

describe('files that cannot be read', () => {
  it('refuses a legacy Word .doc and says what to do', async () => {
    const error = await failure(extractText(Buffer.from('not a zip, an old Word file'), 'report.doc'));
    expect(error.code).toBe(ErrorCode.FileUnreadable);
    expect(error.message).toBe('cannot read report.doc: legacy Word .doc files are not supported; save it as .docx or PDF');
    // Recognized by its bytes too, whatever its name.
    const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect((await failure(extractText(ole, 'report'))).message).toContain('legacy Word .doc files are not supported');
  });

  it('refuses a corrupt PDF, keeping what the PDF reader said as the cause', async () => {
    const error = await failure(extractText(Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> broken'), 'report.pdf'));
    expect(error).toMatchObject({ code: ErrorCode.FileUnreadable, message: 'cannot read report.pdf: it is not a valid PDF' });
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('refuses a file named .pdf that is something else (a web page)', async () => {
    const error = await failure(extractText(Buffer.from('<!doctype html><title>Not found</title>'), 'report.pdf'));
    expect(error.message).toBe('cannot read report.pdf: it is not a valid PDF');
  });

  it('refuses a password-protected PDF', async () => {
    const error = await failure(extractText(await passwordProtectedPdf(), 'secret.pdf'));
    expect(error).toMatchObject({ code: ErrorCode.FileUnreadable, message: 'cannot read secret.pdf: it is password-protected' });
  });

  it('refuses a PDF without text', async () => {
    const error = await failure(extractText(await textlessPdf(), 'scan.pdf'));
    expect(error.message).toBe('cannot read scan.pdf: the PDF has no text layer (it may be a scanned image)');
  });

  it('refuses a ZIP archive that is not a Word document', async () => {
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...Buffer.from('xl/workbook.xml')]);
    expect((await failure(extractText(zip, 'report.docx'))).message).toBe(
      'cannot read report.docx: it is a ZIP archive, not a Word .docx document',
    );
  });

  it('refuses binary data that is neither PDF nor Word', async () => {
    const error = await failure(extractText(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0, 1, 2, 3]), 'notes.txt'));
    expect(error.message).toBe('cannot read notes.txt: it is not text, PDF or Word .docx');
  });

  it('refuses a file over the size limit before reading it', async () => {
    const big = new Uint8Array(MAX_DOCUMENT_BYTES + 1);
    big.set(Buffer.from('%PDF-1.7\n'));
    const error = await failure(extractText(big, 'huge.pdf'));
    expect(error.code).toBe(ErrorCode.DocumentTooLarge);
    expect(error.message).toBe('huge.pdf is 10.0 MiB; documents over 10 MiB are not read');
  });
});
