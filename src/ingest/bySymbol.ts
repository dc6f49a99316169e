import { z } from 'zod';
import { formatSymbol, parseSymbol } from '../domain/symbols.js';
import { ErrorCode, RapporteurError, isRapporteurError } from '../errors.js';
import { FetchError, fetchDocument, waitShown, type FetchedDocument, type FetchPolicy } from './fetch.js';

/**
 * A document fetched by its UN symbol: from the UN Official Document System (ODS) first, then
 * from the OHCHR Treaty Body Database (TBDB), whose download page links copies on docstore.
 * What is stored as the document's source is an address built from the symbol, never the
 * docstore link: its `enc` token changes whenever the document is republished.
 */

export const FetchLanguage = z.enum(['en', 'fr', 'es']);
export type FetchLanguage = z.infer<typeof FetchLanguage>;

/** Base addresses of the two document systems, without a final slash. */
export const DocumentHosts = z.object({ ods: z.url(), tbdb: z.url() });
export type DocumentHosts = z.infer<typeof DocumentHosts>;

export const UN_HOSTS: DocumentHosts = { ods: 'https://documents.un.org', tbdb: 'https://tbinternet.ohchr.org' };

export interface SymbolDocument {
  symbol: string;
  bytes: Uint8Array;
  /** A file name made from the symbol, with the extension of what came: "CMW_C_AZE_CO_3.pdf". */
  name: string;
  contentType: string | null;
  /** The symbol's own address on the system that had it, which stays valid across republication. */
  source: string;
}

/** "CMW/C/SR.463", "E/C.12/2021/SR.34": a candidate for a symbol rather than a file path or a word. */
export function looksLikeSymbol(target: string): boolean {
  return /^(?:E\/C\.12|[A-Z]{3,5}(?:\/OP)?)\/[A-Za-z0-9./–-]+$/.test(target.trim()) && !/\.(?:md|markdown|txt|pdf|docx?)$/i.test(target);
}

/**
 * The canonical symbol, or the sentence that says why the input is none. Stricter than reading
 * symbols in running text: a series without a State carries a number ("CMW/C/39/3", "CCPR/C/GC/36"),
 * so "CMW/C/XYZ" is refused rather than asked of the UN's hosts.
 */
export function symbolOf(input: string): string {
  const parsed = parseSymbol(input);
  if (parsed && (parsed.type !== 'other' || parsed.country !== null || parsed.rest.some((s) => /\d/.test(s)))) return formatSymbol(parsed);
  throw new RapporteurError(
    ErrorCode.NotASymbol,
    `“${input.trim()}” is not a UN symbol: a treaty body’s symbols read like CMW/C/AZE/CO/3 (concluding observations), CMW/C/AZE/FCO/3 (a follow-up reply) or CMW/C/SR.463 (a summary record)`,
  );
}

export function odsAddress(hosts: DocumentHosts, symbol: string, language: FetchLanguage, type: 'pdf' | 'doc'): string {
  // ODS wants the slashes of the symbol encoded, and nothing else.
  return `${hosts.ods}/api/symbol/access?s=${symbol.replace(/\//g, '%2F')}&l=${language}&t=${type}`;
}

export function tbdbAddress(hosts: DocumentHosts, symbol: string, language: FetchLanguage): string {
  return `${hosts.tbdb}/_layouts/15/treatybodyexternal/Download.aspx?symbolno=${encodeURIComponent(symbol)}&Lang=${language}`;
}

/** What one host said about a symbol, when it had no file to give. */
type Miss =
  | { host: string; kind: 'empty' | 'no-copy' | 'not-found' }
  | { host: string; kind: 'failed'; reason: string; retryAfterSeconds: number | null; rateLimited: boolean };

type Shape = { format: 'pdf' | 'docx' } | { empty: true } | { wrong: string };

/** What the bytes are, whatever the server says: its content types are not to be trusted. */
function shapeOf(bytes: Uint8Array, contentType: string | null, expected: string): Shape {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1');
  if (head.trim() === '') return { empty: true };
  if (head.startsWith('%PDF-')) return { format: 'pdf' };
  if (head.startsWith('PK\u0003\u0004')) return { format: 'docx' };
  if (head.startsWith('\u00d0\u00cf\u0011\u00e0')) return { wrong: 'an old Word .doc file, which Rapporteur cannot read' };
  if (/^\s*</.test(head.replace(/^\u00ef\u00bb\u00bf/, '')) || /html/i.test(contentType ?? '')) return { wrong: `a web page where ${expected} was expected` };
  return { wrong: `a file that is neither PDF nor Word where ${expected} was expected` };
}

function hostOf(address: string): string {
  return new URL(address).host;
}

/** A fetch's failure as a miss; a document too large or an address refused is no miss, it ends the search. */
function missOf(host: string, error: unknown): Miss {
  if (isRapporteurError(error) && (error.code === ErrorCode.DocumentTooLarge || error.code === ErrorCode.UrlRefused)) throw error;
  if (error instanceof FetchError && error.status === 404) return { host, kind: 'not-found' };
  if (error instanceof FetchError) {
    return { host, kind: 'failed', reason: error.reason, retryAfterSeconds: error.retryAfterSeconds, rateLimited: error.code === ErrorCode.RateLimited };
  }
  if (isRapporteurError(error)) return { host, kind: 'failed', reason: error.message, retryAfterSeconds: null, rateLimited: false };
  throw error;
}

function found(symbol: string, fetched: FetchedDocument, format: 'pdf' | 'docx', source: string): SymbolDocument {
  return { symbol, bytes: fetched.bytes, name: `${symbol.replace(/\//g, '_')}.${format}`, contentType: fetched.contentType, source };
}

/** ODS: the PDF, else the Word file; a 200 with nothing in it means the symbol is not published yet. */
async function fromOds(symbol: string, hosts: DocumentHosts, policy: FetchPolicy, language: FetchLanguage): Promise<SymbolDocument | Miss> {
  const host = hostOf(hosts.ods);
  let last: Miss = { host, kind: 'empty' };
  for (const type of ['pdf', 'doc'] as const) {
    const address = odsAddress(hosts, symbol, language, type);
    let fetched: FetchedDocument;
    try {
      fetched = await fetchDocument(address, policy);
    } catch (error) {
      return missOf(host, error);
    }
    const shape = shapeOf(fetched.bytes, fetched.contentType, type === 'pdf' ? 'a PDF' : 'a Word file');
    if ('empty' in shape) return { host, kind: 'empty' };
    if ('format' in shape) return found(symbol, fetched, shape.format, address);
    last = { host, kind: 'failed', reason: `it sent ${shape.wrong}`, retryAfterSeconds: null, rateLimited: false };
  }
  return last;
}

/** The docstore links of a TBDB download page, PDF before Word, the requested language's row first. */
export function downloadLinks(html: string, pageAddress: string, language: FetchLanguage): string[] {
  const names = { en: /\bEnglish\b/i, fr: /\b(?:French|Fran[cç]ais)\b/i, es: /\b(?:Spanish|Espa[nñ]ol)\b/i }[language];
  const text = (row: string): string => row.replace(/<[^>]*>/g, ' ');
  const rows = html.split(/<tr\b/i).filter((r) => /FilesHandler\.ashx/i.test(r));
  // A page with a row per language gives this language's row only; a page without rows, every link.
  const byLanguage = rows.some((r) => /\b(?:English|French|Français|Spanish|Español|Arabic|Chinese|Russian)\b/i.test(text(r)));
  const scope = rows.find((r) => names.test(text(r))) ?? (byLanguage ? '' : html);
  const links: Array<{ href: string; word: boolean }> = [];
  for (const m of scope.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/gi)) {
    const href = /\bhref\s*=\s*["']([^"']+)["']/i.exec(m[1]!)?.[1]?.replace(/&amp;/g, '&');
    if (!href || !/FilesHandler\.ashx\?(?:.*&)?enc=/i.test(href)) continue;
    let address: string;
    try {
      address = new URL(href, pageAddress).href;
    } catch {
      continue;
    }
    links.push({ href: address, word: /\bword\b|\.docx?\b|msword/i.test(`${m[1]} ${m[2]}`) });
  }
  return [...new Set([...links.filter((l) => !l.word), ...links.filter((l) => l.word)].map((l) => l.href))];
}

/** TBDB: its download page, then each copy it links, until one is a PDF or Word file. */
async function fromTbdb(symbol: string, hosts: DocumentHosts, policy: FetchPolicy, language: FetchLanguage): Promise<SymbolDocument | Miss> {
  const page = tbdbAddress(hosts, symbol, language);
  const host = hostOf(page);
  let html: string;
  try {
    const fetched = await fetchDocument(page, policy);
    html = Buffer.from(fetched.bytes).toString('utf8');
  } catch (error) {
    return missOf(host, error);
  }
  if (!/<html|<a\b|<table/i.test(html)) return { host, kind: 'failed', reason: 'its download page was not a web page', retryAfterSeconds: null, rateLimited: false };
  const links = downloadLinks(html, page, language);
  if (links.length === 0) return { host, kind: 'no-copy' };
  let last: Miss = { host, kind: 'no-copy' };
  for (const link of links) {
    const linkHost = hostOf(link);
    let fetched: FetchedDocument;
    try {
      fetched = await fetchDocument(link, policy);
    } catch (error) {
      last = missOf(linkHost, error);
      continue;
    }
    const shape = shapeOf(fetched.bytes, fetched.contentType, 'a PDF or Word file');
    if ('format' in shape) return found(symbol, fetched, shape.format, page);
    last = 'empty' in shape ? { host: linkHost, kind: 'empty' } : { host: linkHost, kind: 'failed', reason: `it sent ${shape.wrong}`, retryAfterSeconds: null, rateLimited: false };
  }
  return last;
}

function said(miss: Miss): string {
  switch (miss.kind) {
    case 'empty':
      return `${miss.host} has no file for it yet`;
    case 'no-copy':
      return `${miss.host} lists no copy of it`;
    case 'not-found':
      return `${miss.host} answered 404 (not found)`;
    case 'failed':
      return `${miss.host}: ${miss.reason}`;
  }
}

/** One sentence for what the hosts said, with the code a user can quote. */
function noDocument(symbol: string, misses: Miss[]): RapporteurError {
  const details = misses.map(said).join('; ');
  const limited = misses.filter((m): m is Extract<Miss, { kind: 'failed' }> => m.kind === 'failed' && m.rateLimited);
  if (limited.length > 0) {
    const wait = Math.max(...limited.map((m) => m.retryAfterSeconds ?? 0));
    const when = wait > 0 ? `in ${waitShown(wait)}, as ${limited.map((m) => m.host).join(' and ')} ${limited.length > 1 ? 'ask' : 'asks'}` : 'later';
    const message = `${symbol} could not be fetched now: the document hosts are receiving too many requests (${details}); try again ${when}`;
    return new FetchError(ErrorCode.RateLimited, message, details, 429, wait > 0 ? wait : null);
  }
  if (misses.some((m) => m.kind === 'empty' || m.kind === 'no-copy')) {
    return new RapporteurError(ErrorCode.NotPublished, `${symbol} is not published yet (${details}); try again once it is`);
  }
  if (misses.some((m) => m.kind === 'not-found')) {
    return new RapporteurError(ErrorCode.DocumentNotFound, `${symbol} was not found (${details}); check the symbol`);
  }
  return new RapporteurError(ErrorCode.FetchFailed, `${symbol} could not be fetched: the document hosts could not be reached (${details}); try again later`);
}

/**
 * The document a symbol names, from ODS or else TBDB, within the fetch policy's limits. Throws a
 * RapporteurError whose sentence says what each host answered when neither has a file.
 */
export async function fetchBySymbol(input: string, hosts: DocumentHosts, policy: FetchPolicy, language: FetchLanguage = 'en'): Promise<SymbolDocument> {
  const symbol = symbolOf(input);
  const misses: Miss[] = [];
  for (const source of [fromOds, fromTbdb]) {
    const outcome = await source(symbol, hosts, policy, language);
    if ('bytes' in outcome) return outcome;
    misses.push(outcome);
  }
  throw noDocument(symbol, misses);
}
