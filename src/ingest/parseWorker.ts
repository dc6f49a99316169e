import { parentPort } from 'node:worker_threads';
import { parseDocument, type ParseOptions } from '../documents/parse/index.js';
import { isRapporteurError } from '../errors.js';

/** The worker thread behind `parseOffThread`: one document at a time, in the order sent. */
parentPort?.on('message', ({ id, text, options }: { id: number; text: string; options: ParseOptions }) => {
  try {
    parentPort!.postMessage({ id, doc: parseDocument(text, options) });
  } catch (error) {
    const code = isRapporteurError(error) ? error.code : null;
    parentPort!.postMessage({ id, error: { code, message: error instanceof Error ? error.message : String(error) } });
  }
});
