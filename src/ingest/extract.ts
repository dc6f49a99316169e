import { ErrorCode, RapporteurError } from '../errors.js';
import { assertSize, decodeText } from '../documents/read/decode.js';

export type SourceFormat = 'markdown' | 'text' | 'pdf' | 'docx';

export interface ExtractedText {
  text: string;
  format: SourceFormat;
}

/** The outcome of looking at a file: a format to read it as, or the reason it cannot be read. */
type Detected = { format: SourceFormat } | { refuse: string };

const LEGACY_WORD = 'legacy Word .doc files are not supported; save it as .docx or PDF';
const NOT_PDF = 'it is not a valid PDF';
const NOT_DOCX = 'it is not a valid Word .docx document';

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** A .docx is a ZIP whose (uncompressed) entry names include word/document.xml. */
function zipHasWordDocument(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('word/document.xml', 0, 'latin1');
}

function detect(bytes: Uint8Array, name: string, contentType: string | undefined): Detected {
  // Magic bytes first: a file's name and the server's content type are often wrong.
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { format: 'pdf' }; // %PDF-
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    return zipHasWordDocument(bytes) ? { format: 'docx' } : { refuse: 'it is a ZIP archive, not a Word .docx document' };
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { refuse: LEGACY_WORD }; // OLE2 (.doc)

  const named = formatByName(name, contentType);
  if (named === 'markdown' || named === 'text') return { format: named };
  // Named or served as PDF or Word, but the bytes say otherwise.
  if (named === 'pdf') return { refuse: NOT_PDF };
  if (named === 'docx') return { refuse: NOT_DOCX };
  if (named === 'doc') return { refuse: LEGACY_WORD };
  // Nothing says what it is: read it as text if it is text.
  return { format: 'text' };
}

/** What a file's name or content type says it is, before its bytes are at hand; null when they say nothing known. */
export function formatByName(name: string, contentType: string | undefined): SourceFormat | 'doc' | null {
  const extension = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (extension === 'md' || extension === 'markdown' || type === 'text/markdown') return 'markdown';
  if (extension === 'txt' || type === 'text/plain') return 'text';
  if (extension === 'pdf' || type === 'application/pdf') return 'pdf';
  if (extension === 'docx' || type === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document') return 'docx';
  if (extension === 'doc' || type === 'application/msword') return 'doc';
  return null;
}

function unreadable(name: string, reason: string, cause?: unknown): RapporteurError {
  const options = cause === undefined ? undefined : { cause };
  return new RapporteurError(ErrorCode.FileUnreadable, `cannot read ${name}: ${reason}`, options);
}

/**
 * The text of a document received as bytes: Markdown and plain text decoded, PDF and Word
 * .docx turned into plain text laid out as printed, for `parseDocument` to read.
 */
export async function extractText(bytes: Uint8Array, name: string, contentType?: string): Promise<ExtractedText> {
  assertSize(bytes.byteLength, name);
  const detected = detect(bytes, name, contentType);
  if ('refuse' in detected) throw unreadable(name, detected.refuse);
  const { format } = detected;
  if (format === 'pdf') return { text: await pdfText(bytes, name), format };
  if (format === 'docx') return { text: await docxText(bytes, name), format };
  const decoded = decodeText(bytes, name);
  if (decoded.binary) throw unreadable(name, 'it is not text, PDF or Word .docx');
  return { text: decoded.text, format };
}

/** What line-building needs of a pdfjs text item. */
interface TextItem {
  str: string;
  transform: number[];
  width: number;
  hasEOL: boolean;
}

async function pdfText(bytes: Uint8Array, name: string): Promise<string> {
  // Loaded on first use: pdfjs is large and most commands never read a PDF.
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    // A copy: pdfjs transfers the buffer it is given to its worker, detaching the caller's.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    let pdf;
    try {
      pdf = await task.promise;
    } catch (error) {
      const reason = (error as { name?: string }).name === 'PasswordException' ? 'it is password-protected' : NOT_PDF;
      throw unreadable(name, reason, error);
    }
    const pages: string[] = [];
    try {
      for (let n = 1; n <= pdf.numPages; n++) {
        const content = await (await pdf.getPage(n)).getTextContent();
        pages.push(pageLines(content.items.filter((item) => 'str' in item)).join('\n'));
      }
    } catch (error) {
      throw unreadable(name, 'the PDF is damaged and its text cannot be extracted', error);
    }
    const text = pages.join('\n\n');
    if (text.trim() === '') throw unreadable(name, 'the PDF has no text layer (it may be a scanned image)');
    return text;
  } finally {
    await task.destroy();
  }
}

/**
 * Printed lines from text items in content order, as `pdftotext` gives them: an item on
 * another baseline, or after one pdfjs marks as ending a line, starts a new line; items on
 * one line are joined, with a space where the page shows a gap between them. Where the page
 * leaves more than half a line's space between two lines (between paragraphs, before a
 * heading), an empty line says so.
 */
function pageLines(items: readonly TextItem[]): string[] {
  const raised = superscripts(items);
  const lines: string[] = [];
  let line = '';
  let baseline: number | null = null;
  let size = 0; // the largest font size on the line, so that a raised footnote mark stays on it
  let end = 0;
  let low = Number.POSITIVE_INFINITY; // the line's lowest baseline: a raised mark is not the line's
  const above = { baseline: Number.NaN, size: 0 }; // the last line finished, NaN before the first
  const finish = (): void => {
    if (line.trim() !== '') {
      lines.push(line.trim());
      above.baseline = low;
      above.size = size;
    }
    low = Number.POSITIVE_INFINITY;
    line = '';
    baseline = null;
    size = 0;
  };
  for (const [i, item] of items.entries()) {
    const [, , c = 0, d = 0, x = 0, y = 0] = item.transform;
    const itemSize = Math.hypot(c, d) || 1; // the font size is the vertical scale of the transform
    if (item.str !== '') {
      if (baseline !== null && Math.abs(y - baseline) > Math.max(size, itemSize) / 2) finish();
      if (baseline === null) {
        baseline = y;
        if (above.baseline - y > above.size * 1.5 && lines[lines.length - 1] !== '') lines.push('');
      } else if (x - end > itemSize * 0.15 && !/\s$/.test(line) && !/^\s/.test(item.str)) line += ' ';
      low = Math.min(low, y);
      line += raised.has(i) ? [...item.str.trim()].map((ch) => SUPERSCRIPT[ch] ?? ch).join('') : item.str;
      size = Math.max(size, itemSize);
      end = x + item.width;
    }
    if (item.hasEOL) finish();
  }
  finish();
  return lines;
}

const SUPERSCRIPT: Record<string, string> = { 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

/**
 * The items that are footnote marks: a number or asterisks set smaller than the text beside
 * them and above its baseline. They become superscript digits, which the reader knows for
 * footnote marks, so that "the law¹" is not read as "the law1" nor "¹ See" as a paragraph.
 */
function superscripts(items: readonly TextItem[]): Set<number> {
  const raised = new Set<number>();
  const sizeOf = (item: TextItem): number => Math.hypot(item.transform[2] ?? 0, item.transform[3] ?? 0) || 1;
  items.forEach((item, i) => {
    if (!/^\s*(?:\d{1,3}|\*{1,3})\s*$/.test(item.str)) return;
    const blank = (n: TextItem | undefined): boolean => n !== undefined && n.str.trim() === '';
    let before = i - 1;
    while (blank(items[before])) before--;
    let after = i + 1;
    while (blank(items[after])) after++;
    const neighbours = [items[before], items[after]].filter((n): n is TextItem => n !== undefined);
    const y = item.transform[5] ?? 0;
    if (neighbours.some((n) => sizeOf(item) < sizeOf(n) * 0.8 && y > (n.transform[5] ?? 0) + 1 && y - (n.transform[5] ?? 0) < sizeOf(n))) raised.add(i);
  });
  return raised;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: '\u00a0' };

/**
 * Word's HTML (as mammoth writes it) as the plain text of a printed page: a paragraph a block,
 * a table row one line with its cells side by side (the label beside its value, as printed),
 * footnotes after the body, each marked with its number in superscript as a PDF prints it.
 */
export function wordHtmlText(html: string): string {
  const notes: string[] = [];
  const body = html
    // The footnotes and endnotes mammoth lists at the end; their references in the text are marks.
    .replace(/<li id="(?:foot|end)note-[^"]*">([\s\S]*?)<\/li>/g, (_m, note: string) => {
      notes.push(note.replace(/<a href="#(?:foot|end)note-ref-[^"]*">.*?<\/a>/g, ''));
      return '';
    })
    .replace(/<sup><a href="#(?:foot|end)note-[^"]*" id="(?:foot|end)note-ref-[^"]*">\[\d+\]<\/a><\/sup>/g, '');
  const text = (fragment: string): string =>
    fragment
      .replace(/<tr>([\s\S]*?)<\/tr>/g, (_m, row: string) => `${[...row.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => c[1]!.replace(/<\/p>\s*<p>/g, ' ').replace(/<\/?p>/g, '').trim()).join(' ')}\n\n`)
      .replace(/<br\s*\/?>/g, '\n')
      .replace(/<\/(?:p|h[1-6]|li)>/g, '\n\n')
      .replace(/<[^>]+>/g, '')
      .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_m, name: string) => ENTITIES[name]!)
      .replace(/\n{3,}/g, '\n\n');
  const footnotes = notes.map((note, i) => `${[...String(i + 1)].map((d) => SUPERSCRIPT[d]).join('')} ${text(note).replace(/\s+/g, ' ').trim()}`);
  return [text(body).trim(), ...footnotes].join('\n\n') + '\n';
}

async function docxText(bytes: Uint8Array, name: string): Promise<string> {
  const { default: mammoth } = await import('mammoth');
  try {
    // Headers and footers are left out; images are not needed, so none is copied into the HTML.
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
    );
    return wordHtmlText(result.value);
  } catch (error) {
    throw unreadable(name, NOT_DOCX, error);
  }
}
