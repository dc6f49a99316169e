import { MAX_DOCUMENT_BYTES } from '../src/documents/read/decode.js';

/** Fetching a file a chat platform holds for the bot: within the document size limit and a time limit. */

const DOWNLOAD_TIMEOUT_MS = 30_000;

/** Reads at most `limit` bytes of a response, refusing a longer one without reading it all. */
async function readCapped(response: Response, limit: number): Promise<Uint8Array> {
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw new Error(`it is over ${limit / 1024 / 1024} MiB`);
    }
    parts.push(value);
  }
  return Buffer.concat(parts);
}

/** The file at `url`; a web page where a file was expected means the platform refused, and `hint` says why it may have. */
export async function download(url: string, headers: Record<string, string>, platform: string, hint: string): Promise<Uint8Array> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS), redirect: 'follow' });
  if (!response.ok) throw new Error(`${platform} answered ${response.status}`);
  if (/text\/html/.test(response.headers.get('content-type') ?? '')) throw new Error(`${platform} sent a web page instead of the file (${hint})`);
  return readCapped(response, MAX_DOCUMENT_BYTES);
}
