import { ErrorCode } from '../errors.js';
import type { SymbolSource } from '../ports.js';
import type { DocumentHosts } from './bySymbol.js';
import type { Ingestor } from './ingest.js';

/**
 * The watch's view of fetching by symbol: ODS, then the Treaty Body Database, through the
 * ingestor's own fetch policy. A symbol no host has is "not published"; a refusal to answer
 * (429) carries its wait. Both hosts count as asked, so the watch's limits err on the polite side.
 */
export function symbolSource(ingestor: Ingestor, hosts: DocumentHosts): SymbolSource {
  const ods = new URL(hosts.ods).host;
  const tbdb = new URL(hosts.tbdb).host;
  const asked = [ods, tbdb];
  return {
    hosts: () => asked,
    async check(symbol) {
      const result = await ingestor.ingestSymbol(symbol);
      if (result.status !== 'failed') return { status: 'found', result, asked };
      const code = result.error?.code;
      if (code === ErrorCode.NotPublished || code === ErrorCode.DocumentNotFound) return { status: 'not-published', asked };
      const wait = result.error?.retryAfterSeconds;
      return { status: 'failed', asked, host: ods, error: result.error?.message ?? 'the document hosts failed', retryAfterMs: code === ErrorCode.RateLimited && wait ? wait * 1000 : null };
    },
  };
}
