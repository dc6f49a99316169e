import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { assertSize } from '../documents/read/decode.js';
import type { DocumentKind } from '../documents/schema.js';
import { ErrorCode, RapporteurError, isRapporteurError } from '../errors.js';
import type { Store } from '../store/store.js';
import { UN_HOSTS, fetchBySymbol, looksLikeSymbol, type DocumentHosts, type FetchLanguage } from './bySymbol.js';
import { extractText } from './extract.js';
import { fetchDocument, FetchError, type FetchPolicy } from './fetch.js';
import { parseOffThread } from './parseThread.js';

/** What became of one file, URL or upload. */
export interface IngestResult {
  source: string;
  status: 'created' | 'unchanged' | 'replaced' | 'failed';
  key?: string;
  symbol?: string | null;
  kind?: DocumentKind;
  version?: number;
  changes?: string | null;
  warnings: string[];
  error?: { code: ErrorCode; message: string; /** When a host answered 429 and said how long to wait. */ retryAfterSeconds?: number };
}

/** How documents are fetched: the fetch policy, and where documents are found by symbol. */
export type IngestPolicy = FetchPolicy & { hosts?: DocumentHosts };

const READABLE = new Set(['.md', '.markdown', '.txt', '.pdf', '.docx']);

export function isUrl(target: string): boolean {
  return /^https?:\/\//i.test(target);
}

/**
 * Reads documents into the store. Each document is one transaction: a failure leaves the
 * store as it was and reports which document and why; it never stops the others.
 */
export class Ingestor {
  constructor(
    private readonly store: Store,
    private readonly policy: IngestPolicy,
    /** Told of every document stored, e.g. to announce a new meeting record to its followers. */
    private readonly onStored: (result: IngestResult) => Promise<void> = async () => undefined,
  ) {}

  async ingestBytes(bytes: Uint8Array, name: string, source: string, contentType?: string): Promise<IngestResult> {
    try {
      assertSize(bytes.byteLength, name);
      const extracted = await extractText(bytes, name, contentType);
      const parseName = extracted.format === 'markdown' ? name : `${basename(name, extname(name))}.txt`;
      const parsed = await parseOffThread(extracted.text, { name: parseName });
      if (parsed.kind === 'unknown') {
        throw new RapporteurError(ErrorCode.NotADocument, `${name} is not a document Rapporteur reads: ${parsed.warnings[0] ?? 'its kind was not recognised'}`);
      }
      const saved = await this.store.saveDocument({ parsed, rawText: extracted.text, source });
      const result: IngestResult = { source, status: saved.status, key: saved.key, symbol: parsed.symbol, kind: parsed.kind, version: saved.version, changes: saved.changes, warnings: parsed.warnings };
      await this.onStored(result);
      return result;
    } catch (error) {
      return failure(source, error);
    }
  }

  async ingestFile(path: string): Promise<IngestResult> {
    try {
      const info = await stat(path);
      assertSize(info.size, path);
      return await this.ingestBytes(await readFile(path), basename(path), path);
    } catch (error) {
      return failure(path, error);
    }
  }

  async ingestUrl(url: string): Promise<IngestResult> {
    try {
      const fetched = await fetchDocument(url, this.policy);
      return await this.ingestBytes(fetched.bytes, fetched.name, fetched.url, fetched.contentType ?? undefined);
    } catch (error) {
      return failure(url, error);
    }
  }

  /** A document by its UN symbol, from the UN's document systems; the symbol's own address is its source. */
  async ingestSymbol(symbol: string, language: FetchLanguage = 'en'): Promise<IngestResult> {
    try {
      const fetched = await fetchBySymbol(symbol, this.policy.hosts ?? UN_HOSTS, this.policy, language);
      return await this.ingestBytes(fetched.bytes, fetched.name, fetched.source, fetched.contentType ?? undefined);
    } catch (error) {
      return failure(symbol, error);
    }
  }

  /** A URL, a UN symbol (unless a file of that name exists), or a file. */
  async ingest(target: string, language: FetchLanguage = 'en'): Promise<IngestResult> {
    if (isUrl(target)) return this.ingestUrl(target);
    if (looksLikeSymbol(target) && !(await stat(target).catch(() => null))) return this.ingestSymbol(target, language);
    return this.ingestFile(target);
  }
}

function failure(source: string, error: unknown): IngestResult {
  if (isRapporteurError(error)) {
    const wait = error instanceof FetchError && error.retryAfterSeconds !== null ? { retryAfterSeconds: error.retryAfterSeconds } : {};
    return { source, status: 'failed', warnings: [], error: { code: error.code, message: error.message, ...wait } };
  }
  const code = (error as NodeJS.ErrnoException).code === 'ENOENT' ? ErrorCode.FileUnreadable : ErrorCode.StoreFailed;
  const message = code === ErrorCode.FileUnreadable ? `cannot read ${source}: no such file` : `could not store ${source}: ${(error as Error).message}`;
  return { source, status: 'failed', warnings: [], error: { code, message } };
}

/** Files and URLs to read: directories are walked for documents Rapporteur can read, in name order. */
export async function expandTargets(targets: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const target of targets) {
    if (isUrl(target)) {
      out.push(target);
      continue;
    }
    const info = await stat(target).catch(() => null);
    if (info?.isDirectory()) {
      const entries = await readdir(target, { recursive: true, withFileTypes: true });
      const files = entries
        .filter((e) => e.isFile() && READABLE.has(extname(e.name).toLowerCase()) && !/^readme/i.test(e.name))
        .map((e) => join(e.parentPath, e.name))
        .sort();
      out.push(...files);
    } else out.push(target);
  }
  return out;
}

/** An empty store starts with the seed documents. Returns what was read, or null when the store was not empty. */
export async function seedIfEmpty(store: Store, ingestor: Ingestor, seedsDir: string): Promise<IngestResult[] | null> {
  if (!(await store.isEmpty())) return null;
  const files = await expandTargets([seedsDir]);
  const results: IngestResult[] = [];
  for (const file of files) results.push(await ingestor.ingestFile(file));
  return results;
}
