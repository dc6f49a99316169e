import {
  AlignmentType,
  Document,
  Footer,
  FootnoteReferenceRun,
  Header,
  Packer,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { PDFDocument, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';

/**
 * Any document as the United Nations prints it, as PDF (pdf-lib) and Word .docx (docx): a
 * first line "United Nations" with the symbol on the same line, a running header with the
 * symbol and a page number on every later page, the job number ("GE.21-14094 (E)") at the foot
 * of every page, footnotes at the foot of the page that cites them, and label–value tables.
 */

export interface PrintedBlock {
  /** The text as a reader sees it, without its paragraph number. */
  text: string;
  number: number | null;
  /** Footnotes cited at the end of the block's first printed line, printed at the foot of that page. */
  notes?: Array<{ mark: string; text: string }>;
  /** The mark of a numbered footnote the Markdown cites in this block ("<sup>1</sup>"). */
  cites?: string;
  /** A table of label and value cells, one row a line (the follow-up evaluations' head). */
  table?: string[][];
}

export interface PrintedDocument {
  symbol: string;
  /** "GE.21-14094" */
  job: string;
  blocks: PrintedBlock[];
}

/** Markdown mark-up removed; an escaped asterisk stays an asterisk (a footnote mark). */
function plain(markdown: string): string {
  return markdown
    .replace(/^#+\s*/, '')
    .replace(/\\\*/g, '\u0000')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<sup>[^<]*<\/sup>/g, '')
    .replace(/\*/g, '')
    .replace(/\u0000/g, '*')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A Markdown or text document of the repository as printed blocks: a numbered line starts a
 * paragraph, a hard line break starts a line, "\*" lines are footnotes of the block before,
 * runs of "*Label:* value" lines are a table.
 */
export function printedFrom(text: string, symbol: string, job: string): PrintedDocument {
  const blocks: PrintedBlock[] = [];
  const markdown = /^#{1,6}\s|\*\*|\\\*/m.test(text);
  for (const raw of text.split(/\n\s*\n/)) {
    if (raw.trim() === '' || /^-{3,}$/.test(raw.trim()) || /^SOURCE: /.test(raw)) continue;
    const parts = markdown ? raw.split(/\n(?=\d+\. )| {2}\n/) : [raw];
    for (const part of parts) {
      if (markdown && /^\s*(?:\\\*|<sup>)/.test(part)) {
        for (const line of part.split('\n')) {
          const note = /^\s*(?:(\\\*(?:\\\*)*)|<sup>(\w+)<\/sup>)\s*(.*)$/.exec(line);
          if (!note) continue;
          const mark = note[1]?.replace(/\\/g, '') ?? note[2]!;
          // The block that cites it: its asterisk printed in the text, or its number in <sup>.
          const owner = [...blocks].reverse().find((b) => (note[1] ? b.text.includes(mark) : b.cites === mark));
          if (owner) (owner.notes ??= []).push({ mark, text: plain(note[3]!) });
        }
        continue;
      }
      const row = markdown ? /^\*([^*]+:)\*\s*(.*)$/.exec(part.trim()) : null;
      const last = blocks[blocks.length - 1];
      if (row) {
        const cells = [row[1]!, plain(row[2]!)];
        if (last?.table) last.table.push(cells);
        else blocks.push({ text: '', number: null, table: [cells] });
        continue;
      }
      const line = markdown ? plain(part) : part.replace(/\s+/g, ' ').trim();
      // The symbol is printed once, on the first line beside "United Nations".
      if (line === '' || line === symbol) continue;
      const numbered = /^(\d{1,3})\.\s*(.*)$/.exec(line);
      const cites = /<sup>(\w+)<\/sup>/.exec(part)?.[1];
      blocks.push({ ...(numbered ? { number: Number(numbered[1]), text: numbered[2]! } : { number: null, text: line }), ...(cites ? { cites } : {}) });
    }
  }
  return { symbol, job, blocks };
}

const PAGE = { width: 595, height: 842, left: 70, right: 525, top: 780, foot: 40 };
const BODY = { size: 10, leading: 12 };
const NOTE = { size: 8, leading: 10 };
const INDENT = 28;

/** Characters the standard fonts cannot print become their letters without accents, else "?". */
function printable(font: PDFFont, text: string): string {
  const known = new Set(font.getCharacterSet());
  return [...text]
    .map((ch) => (known.has(ch.codePointAt(0)!) ? ch : [...ch.normalize('NFD')].filter((c) => known.has(c.codePointAt(0)!)).join('') || '?'))
    .join('');
}

function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

interface PrintedLine {
  text: string;
  x: number;
  /** A second column (a table's value). */
  value?: { text: string; x: number };
  of: PrintedBlock;
  first: boolean;
  number: number | null;
}

export interface GeneratedPdf {
  bytes: Uint8Array;
  /** Numbers of the paragraphs a page break cuts in two. */
  cut: number[];
  pages: number;
}

/** The document as a UN PDF; `linesPerPage` sets where the page breaks fall. */
export async function unPdf(doc: PrintedDocument, linesPerPage = 50): Promise<GeneratedPdf> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.TimesRoman);
  const bold = await pdf.embedFont(StandardFonts.TimesRomanBold);
  const width = PAGE.right - PAGE.left - INDENT;
  const lines: PrintedLine[] = doc.blocks.flatMap((block) => {
    if (block.table) {
      return block.table.map((cells, i) => ({ text: printable(font, cells[0]!), x: PAGE.left, value: { text: printable(font, cells.slice(1).join(' ')), x: PAGE.left + 200 }, of: block, first: i === 0, number: null }));
    }
    return wrap(font, BODY.size, printable(font, block.text), width).map((text, i) => ({ text, x: PAGE.left + (block.number !== null ? INDENT : 0), of: block, first: i === 0, number: i === 0 ? block.number : null }));
  });
  const cut = new Set<number>();
  let page: PDFPage | null = null;
  let pages = 0;
  let y = 0;
  const bottom = Math.max(PAGE.top - linesPerPage * BODY.leading, PAGE.foot + 20);
  let notes: Array<{ mark: string; lines: string[] }> = [];
  const finishPage = (): void => {
    if (!page) return;
    // Footnotes at the foot, their mark raised and smaller, above the job number.
    let at = PAGE.foot + 20 + notes.reduce((n, note) => n + note.lines.length, 0) * NOTE.leading;
    for (const note of notes) {
      page.drawText(note.mark, { x: PAGE.left, y: at + 3, size: 6, font });
      for (const text of note.lines) {
        page.drawText(text, { x: PAGE.left + 8, y: at, size: NOTE.size, font });
        at -= NOTE.leading;
      }
    }
    const foot = pages === 1 ? `${doc.job} (E)` : pages % 2 === 0 ? `${pages} ${doc.job}` : `${doc.job} ${pages}`;
    page.drawText(foot, { x: PAGE.left, y: PAGE.foot, size: 8, font });
    notes = [];
  };
  lines.forEach((line, i) => {
    // Paragraphs are set 6 points apart, as the UN's templates set them.
    if (line.first && page) y -= 6;
    const notesHeight = notes.reduce((n, note) => n + note.lines.length, 0) * NOTE.leading + (notes.length ? 12 : 0);
    if (!page || y < bottom + notesHeight) {
      finishPage();
      page = pdf.addPage([PAGE.width, PAGE.height]);
      pages++;
      y = PAGE.top;
      if (pages === 1) {
        // "United Nations" and the symbol share the first line, the symbol larger and to the right.
        page.drawText('United Nations', { x: PAGE.left, y: 810, size: 10, font: bold });
        page.drawText(doc.symbol, { x: PAGE.right - bold.widthOfTextAtSize(doc.symbol, 14), y: 810, size: 14, font: bold });
      } else {
        page.drawText(doc.symbol, { x: pages % 2 === 0 ? PAGE.left : PAGE.right - font.widthOfTextAtSize(doc.symbol, 9), y: 810, size: 9, font });
      }
      const previous = lines[i - 1];
      if (previous && previous.of === line.of && !line.first && line.of.number !== null) cut.add(line.of.number);
    }
    const p = page!;
    if (line.number !== null) p.drawText(`${line.number}.`, { x: PAGE.left, y, size: BODY.size, font });
    p.drawText(line.text, { x: line.x, y, size: BODY.size, font });
    if (line.value) p.drawText(line.value.text, { x: line.value.x, y, size: BODY.size, font });
    if (line.first && line.of.notes) {
      for (const note of line.of.notes) {
        // A mark the text does not print itself is raised after the line's last word.
        if (!line.of.text.includes(note.mark)) p.drawText(note.mark, { x: line.x + font.widthOfTextAtSize(line.text, BODY.size), y: y + 4, size: 6, font });
      }
      notes.push(...line.of.notes.map((note) => ({ mark: note.mark, lines: wrap(font, NOTE.size, printable(font, note.text), PAGE.right - PAGE.left - 8) })));
    }
    y -= BODY.leading;
  });
  finishPage();
  return { bytes: await pdf.save(), cut: [...cut], pages };
}

/** The document as Word .docx: symbol and job number in the page header and footer, footnotes as Word footnotes, tables as tables. */
export async function unDocx(doc: PrintedDocument): Promise<Uint8Array> {
  const footnotes: Record<number, { children: Paragraph[] }> = {};
  let nextNote = 1;
  const children: Array<Paragraph | Table> = [
    new Paragraph({ children: [new TextRun({ text: 'United Nations', bold: true }), new TextRun({ children: [new Tab()] }), new TextRun({ text: doc.symbol, bold: true, size: 28 })] }),
  ];
  for (const block of doc.blocks) {
    if (block.table) {
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: block.table.map((cells) => new TableRow({ children: cells.map((cell) => new TableCell({ children: [new Paragraph(cell)] })) })),
        }),
      );
      continue;
    }
    const refs = (block.notes ?? []).map((note) => {
      const id = nextNote++;
      footnotes[id] = { children: [new Paragraph(note.text)] };
      return new FootnoteReferenceRun(id);
    });
    children.push(
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        children: [...(block.number !== null ? [new TextRun({ children: [`${block.number}.`, new Tab()] })] : []), new TextRun(block.text), ...refs],
      }),
    );
  }
  const document = new Document({
    footnotes,
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph(doc.symbol)] }) },
        footers: { default: new Footer({ children: [new Paragraph(`${doc.job} (E)`)] }) },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
