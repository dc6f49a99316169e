import iconv from 'iconv-lite';
import { ErrorCode, RapporteurError } from '../../errors.js';

/**
 * Documents above this size are refused: the longest treaty-body documents are a few
 * hundred kilobytes of text, and the parser holds a document in memory several times over.
 */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export interface DecodedText {
  text: string;
  /** The bytes did not look like text (NUL bytes, control characters, invalid encoding). */
  binary: boolean;
}

export function assertSize(byteLength: number, name: string): void {
  if (byteLength > MAX_DOCUMENT_BYTES) {
    const mib = (byteLength / 1024 / 1024).toFixed(1);
    throw new RapporteurError(
      ErrorCode.DocumentTooLarge,
      `${name} is ${mib} MiB; documents over ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB are not read`,
    );
  }
}

/** Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252. */
export function decodeText(bytes: Uint8Array, name = 'the document'): DecodedText {
  assertSize(bytes.byteLength, name);
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      // Node's own TextDecoder reads "windows-1252" as Latin-1, losing curly quotes and dashes.
      text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'win1252');
    }
  }
  return { text, binary: looksBinary(text) };
}

function looksBinary(text: string): boolean {
  if (text.length === 0) return false;
  const sample = text.slice(0, 64 * 1024);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) control++;
  }
  return control / sample.length > 0.02;
}

/**
 * Characters that PDF and Word extraction leave behind, made plain: non-breaking and
 * thin spaces, non-breaking hyphens, soft hyphens, zero-width marks, ligatures.
 */
const REPLACEMENTS: Record<string, string> = {
  '\f': '\n',
  // Line and paragraph separators end lines: "." in a regex does not match them.
  '\u2028': '\n',
  '\u2029': '\n',
  '\u2010': '-',
  '\u2011': '-',
  '\ufb00': 'ff',
  '\ufb01': 'fi',
  '\ufb02': 'fl',
  '\ufb03': 'ffi',
  '\ufb04': 'ffl',
};
const SPACE = /[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]/;
const ODD_CHARACTER =
  /[\f\u2028\u2029\u00a0\u2000-\u200a\u202f\u205f\u3000\t\u2010\u2011\u00ad\u200b-\u200d\u2060\ufeff\ufb00-\ufb04\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;

export function normalizeCharacters(text: string): string {
  const unixLines = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  // One pass: spaces become spaces, hyphens hyphens, ligatures letters; invisible marks go.
  return unixLines.replace(ODD_CHARACTER, (ch) => REPLACEMENTS[ch] ?? (SPACE.test(ch) ? ' ' : ''));
}
