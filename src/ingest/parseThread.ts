import { Worker } from 'node:worker_threads';
import { parseDocument, type ParseOptions } from '../documents/parse/index.js';
import type { ParsedDocument } from '../documents/schema.js';
import { ErrorCode, RapporteurError } from '../errors.js';

/**
 * Parses documents on a worker thread, so that a large upload or fetched document does not
 * hold up the bot's event loop (its timers, sockets and other conversations) while it is read.
 * Short documents parse in place: handing them to a thread costs more than it saves.
 */

/** Below this many characters parsing takes a few milliseconds; it stays on the calling thread. */
export const IN_PLACE_CHARS = 64 * 1024;

/** What the worker sends back for one request. */
type Reply = { id: number; doc: ParsedDocument } | { id: number; error: { code: string | null; message: string } };

interface Pending {
  resolve: (doc: ParsedDocument) => void;
  reject: (error: Error) => void;
}

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, Pending>();

function spawn(): Worker {
  // Built, the worker is JavaScript beside this file. Run from source (tests, tsx) it is TypeScript,
  // and the thread first registers tsx's loader to read it.
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./parseWorker.js', import.meta.url));
  const source = new URL('./parseWorker.ts', import.meta.url).href;
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`, { eval: true });
}

function failAll(error: Error): void {
  for (const p of pending.values()) p.reject(error);
  pending.clear();
}

function start(): Worker {
  const w = spawn();
  w.on('message', (reply: Reply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    // Validated on the thread by parseDocument; validating again would hold up this thread.
    if ('doc' in reply) p.resolve(reply.doc);
    else p.reject(reply.error.code ? new RapporteurError(reply.error.code as ErrorCode, reply.error.message) : new Error(reply.error.message));
    if (pending.size === 0) w.unref();
  });
  // A thread that dies (out of memory, say) fails what it held; the next document starts a new one.
  w.on('error', (error) => {
    if (worker === w) worker = null;
    failAll(new RapporteurError(ErrorCode.Internal, `the parser thread failed: ${error.message}`, { cause: error }));
  });
  w.on('exit', (code) => {
    if (worker === w) worker = null;
    if (pending.size > 0) failAll(new RapporteurError(ErrorCode.Internal, `the parser thread stopped (exit code ${code})`));
  });
  w.unref();
  return w;
}

/** `parseDocument` with the same result and errors, on a worker thread for long text. */
export async function parseOffThread(text: string, options: ParseOptions = {}): Promise<ParsedDocument> {
  if (text.length < IN_PLACE_CHARS) return parseDocument(text, options);
  worker ??= start();
  const w = worker;
  const id = nextId++;
  const result = new Promise<ParsedDocument>((resolve, reject) => pending.set(id, { resolve, reject }));
  // Referenced while it works, so that a process waiting only on a parse does not exit under it.
  w.ref();
  w.postMessage({ id, text, options });
  return result;
}

/** Stops the parser thread; a later parse starts another. */
export async function stopParseThread(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}
