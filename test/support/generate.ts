import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { AlignmentType, Document, Footer, Header, Packer, Paragraph, Tab, TextRun } from 'docx';
import { PDFDocument, PDFHexString, StandardFonts } from 'pdf-lib';
import { HEADERS, PATTERNS, adversarialText } from './adversarial.js';
import { seedPath } from './documents.js';

/**
 * The seed summary record CMW/C/SR.463 as the United Nations prints it, rebuilt as PDF
 * (pdf-lib) and Word .docx (docx) files, to test extraction against what the parser expects.
 */

export const SYMBOL = 'CMW/C/SR.463';
const JOB = 'GE.21-14094';

interface Run {
  text: string;
  bold: boolean;
}

/** One printed unit: a header line, a heading or a numbered paragraph. */
interface Unit {
  number: number | null;
  runs: Run[];
}

/** Markdown emphasis and escapes removed; `\*` stays an asterisk. */
function plain(markdown: string): string {
  return markdown
    .replace(/^#+\s*/, '')
    .replace(/\\\*/g, '\u0000')
    .replace(/\*/g, '')
    .replace(/\u0000/g, '*')
    .trim();
}

/** The seed read into printed units, in order, the document symbol printed on top as in a UN PDF. */
function seedUnits(): Unit[] {
  const units: Unit[] = [
    { number: null, runs: [{ text: 'United Nations', bold: false }] },
    { number: null, runs: [{ text: SYMBOL, bold: false }] },
  ];
  const blocks = readFileSync(seedPath('cmw-c-sr-463.md'), 'utf8').split(/\n\s*\n/);
  for (const block of blocks) {
    if (block.trim() === '' || block.trim() === '---') continue;
    // A numbered line, or a hard line break ("  " at the end) before a capital, starts a new printed unit.
    for (const part of block.split(/\n(?=\d+\. )| {2}\n(?=\P{Ll})/u)) {
      const text = part.replace(/ {2}\n/g, ' ').replace(/\n/g, ' ');
      const numbered = /^(\d+)\. \*\*(.+?)\*\*(.*)$/.exec(text);
      const last = units[units.length - 1]!;
      if (numbered) {
        units.push({
          number: Number(numbered[1]),
          runs: [
            { text: numbered[2]!, bold: true },
            { text: numbered[3]!, bold: false },
          ],
        });
      } else if (/^\p{Ll}/u.test(text) && last.number !== null) {
        // The seed keeps a page break of the original inside paragraph 16; a printed paragraph is whole.
        last.runs.push({ text: ` ${plain(text)}`, bold: false });
      } else {
        const unit = /^(\d+)\. (.*)$/.exec(text);
        const number = unit ? Number(unit[1]) : null;
        units.push({ number, runs: [{ text: plain(unit ? unit[2]! : text), bold: false }] });
      }
    }
  }
  return units;
}

/** Each numbered paragraph's text as a reader sees it, without its number. */
export function seedParagraphs(): Map<number, string> {
  return new Map(
    seedUnits()
      .filter((u) => u.number !== null)
      .map((u) => [u.number!, u.runs.map((r) => r.text).join('').replace(/\s+/g, ' ').trim()]),
  );
}

/** Splits runs into lines of at most `width` characters, at spaces, keeping each word's weight. */
function wrap(runs: Run[], width: number): Run[][] {
  // Each word knows whether a space comes before it: ", said" follows a bold name directly.
  const words = runs.flatMap((r) =>
    [...r.text.matchAll(/(\s*)(\S+)/g)].map((m) => ({ text: m[2]!, bold: r.bold, spaced: m[1] !== '' })),
  );
  const lines: Run[][] = [];
  let line: Run[] = [];
  let length = 0;
  for (const word of words) {
    if (line.length > 0 && word.spaced && length + 1 + word.text.length > width) {
      lines.push(line);
      line = [];
      length = 0;
    }
    const previous = line[line.length - 1];
    const text = previous && word.spaced ? ` ${word.text}` : word.text;
    if (previous && previous.bold === word.bold) previous.text += text;
    else line.push({ text, bold: word.bold });
    length += text.length;
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

export interface GeneratedPdf {
  bytes: Uint8Array;
  /** Numbers of the paragraphs that a page break cuts in two. */
  cut: number[];
}

const WIDTH = 90;
const LINES_PER_PAGE = 48;

/**
 * The record as a PDF: Times at 10 points, paragraphs wrapped at a fixed width with their
 * number hanging in the margin, a job number at the foot of every page and the running
 * symbol at the head of every page after the first.
 */
export async function summaryRecordPdf(): Promise<GeneratedPdf> {
  const pdf = await PDFDocument.create();
  const regular = await pdf.embedFont(StandardFonts.TimesRoman);
  const bold = await pdf.embedFont(StandardFonts.TimesRomanBold);
  const size = 10;
  const left = 70;
  const cut = new Set<number>();

  const lines = seedUnits().flatMap((unit) =>
    wrap(unit.runs, WIDTH).map((runs, i) => ({ runs, number: i === 0 ? unit.number : null, of: unit.number })),
  );
  let pageNo = 0;
  for (let start = 0; start < lines.length; start += LINES_PER_PAGE) {
    pageNo++;
    const page = pdf.addPage([595, 842]);
    if (pageNo > 1) page.drawText(SYMBOL, { x: left, y: 800, size: 9, font: regular });
    const body = lines.slice(start, start + LINES_PER_PAGE);
    body.forEach((line, i) => {
      const y = 780 - i * 14;
      if (line.number !== null) page.drawText(`${line.number}.`, { x: left, y, size, font: regular });
      let x = line.number !== null ? left + 28 : left;
      for (const run of line.runs) {
        const font = run.bold ? bold : regular;
        page.drawText(run.text, { x, y, size, font });
        x += font.widthOfTextAtSize(run.text, size);
      }
    });
    page.drawText(pageNo === 1 ? `${JOB} (E)` : `${pageNo} ${JOB}`, { x: left, y: 50, size: 8, font: regular });
    const last = body[body.length - 1];
    const next = lines[start + LINES_PER_PAGE];
    if (last?.of != null && next && next.number === null && next.of === last.of) cut.add(last.of);
  }
  return { bytes: await pdf.save(), cut: [...cut] };
}

/** The record as Word .docx: one Word paragraph per printed unit, speakers in bold, furniture in header and footer. */
export async function summaryRecordDocx(): Promise<Uint8Array> {
  const paragraphs = seedUnits().map(
    (unit) =>
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        children: [
          ...(unit.number !== null ? [new TextRun({ children: [`${unit.number}.`, new Tab()] })] : []),
          ...unit.runs.map((r) => new TextRun({ text: r.text, bold: r.bold })),
        ],
      }),
  );
  const doc = new Document({
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph(SYMBOL)] }) },
        footers: { default: new Footer({ children: [new Paragraph(JOB)] }) },
        children: paragraphs,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/**
 * A PDF that asks for a password to open. pdf-lib cannot encrypt, so this is a one-page
 * PDF with an encryption dictionary whose password check no password passes.
 */
export async function passwordProtectedPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage().drawText('Confidential', { x: 50, y: 700 });
  const context = pdf.context;
  const check = PDFHexString.of('ab'.repeat(32));
  context.trailerInfo.Encrypt = context.register(context.obj({ Filter: 'Standard', V: 1, R: 2, O: check, U: check, P: -4 }));
  context.trailerInfo.ID = context.obj([PDFHexString.of('00'.repeat(16)), PDFHexString.of('00'.repeat(16))]);
  return pdf.save({ useObjectStreams: false });
}

/** A PDF with a page but no text on it, as a scan without OCR gives. */
export async function textlessPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage().drawRectangle({ x: 50, y: 50, width: 200, height: 300 });
  return pdf.save();
}

/** A document of one repeated pattern under a header that routes it to a kind's parser, 20–200 KB, Markdown or text. */
export const adversarialDocument = fc.record({
  pattern: fc.constantFrom(...PATTERNS),
  header: fc.constantFrom(...Object.keys(HEADERS)),
  chars: fc.integer({ min: 20_000, max: 200_000 }),
  name: fc.constantFrom('x.md', 'x.txt', undefined),
}).map(({ pattern, header, chars, name }) => ({ label: `${pattern.name} under the ${header} header`, text: adversarialText(pattern, HEADERS[header]!, chars), name }));

/** A numeric character reference, decimal or hexadecimal, naming any number: in Unicode's range or far beyond it. */
export const characterReference = fc
  .tuple(fc.oneof(fc.integer({ min: 0, max: 0x10ffff }), fc.integer({ min: 0x110000, max: 2 ** 40 }), fc.constantFrom(0xd800, 0xdfff, 0x10ffff, 0x110000)), fc.boolean())
  .map(([code, hex]) => ({ code, text: hex ? `&#x${code.toString(16)};` : `&#${code};` }));

/** Ordinary Markdown text with character references set between its words. */
export const textWithReferences = fc
  .array(fc.oneof(fc.constantFrom('The', 'Committee', 'notes', 'that', 'Mr.', 'Ünver', '1.', '**said**', '&amp;'), characterReference.map((r) => r.text)), { minLength: 1, maxLength: 40 })
  .map((words) => `Summary record of the 5th meeting\n\n1. The Chair said ${words.join(' ')}.\n`);
