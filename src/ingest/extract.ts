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
 * one line are joined, with a space where the page shows a gap between them.
 */
function pageLines(items: readonly TextItem[]): string[] {
  const lines: string[] = [];
  let line = '';
  let baseline: number | null = null;
  let size = 0; // the largest font size on the line, so that a raised footnote mark stays on it
  let end = 0;
  const finish = (): void => {
    if (line.trim() !== '') lines.push(line.trim());
    line = '';
    baseline = null;
    size = 0;
  };
  for (const item of items) {
    const [, , c = 0, d = 0, x = 0, y = 0] = item.transform;
    const itemSize = Math.hypot(c, d) || 1; // the font size is the vertical scale of the transform
    if (item.str !== '') {
      if (baseline !== null && Math.abs(y - baseline) > Math.max(size, itemSize) / 2) finish();
      if (baseline === null) baseline = y;
      else if (x - end > itemSize * 0.15 && !/\s$/.test(line) && !/^\s/.test(item.str)) line += ' ';
      line += item.str;
      size = Math.max(size, itemSize);
      end = x + item.width;
    }
    if (item.hasEOL) finish();
  }
  finish();
  return lines;
}

async function docxText(bytes: Uint8Array, name: string): Promise<string> {
  const { default: mammoth } = await import('mammoth');
  try {
    // Paragraphs come out separated by a blank line; headers, footers and footnotes are left out.
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    return result.value;
  } catch (error) {
    throw unreadable(name, NOT_DOCX, error);
  }
}
