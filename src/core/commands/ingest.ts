import { MAX_DOCUMENT_BYTES } from '../../documents/read/decode.js';
import { ErrorCode } from '../../errors.js';
import { formatByName } from '../../ingest/extract.js';
import type { ArgsOf } from '../commandSchemas.js';
import { channelOf, type CoreContext } from '../context.js';
import { ingestResultNotice } from '../notices.js';
import { reply, type Reply } from '../reply.js';

/** "ingest https://...": admins add a document from a UN link; the result is posted where they asked. */
export async function ingestLink(args: ArgsOf<'ingest'>, ctx: CoreContext): Promise<Reply> {
  if (ctx.jobs) {
    await ctx.jobs.ingestInBackground({ url: args.url, requestedBy: requester(ctx), replyTo: channelOf(ctx) });
    return reply('answer', [{ type: 'text', text: `Reading ${args.url}. I will post the result here.` }]);
  }
  if (!ctx.ingestNow) return reply('error', [{ type: 'text', text: 'Documents cannot be read here right now.' }], ErrorCode.Internal);
  const result = await ctx.ingestNow.ingestUrl(args.url);
  if (result.status === 'failed') {
    return reply('error', [{ type: 'text', text: `Could not read ${args.url}: ${result.error?.message}.` }, { type: 'context', text: `Error code ${result.error?.code}.` }], result.error?.code);
  }
  return reply('answer', [{ type: 'text', text: `${result.key}: ${result.status}${result.version && result.version > 1 ? ` (version ${result.version}${result.changes ? `: ${result.changes}` : ''})` : ''}.` }]);
}

/** A file someone shared with the bot, as its door describes it; fetched only when it will be read. */
export interface SharedFile {
  name: string;
  /** As the platform reports it, when it does. */
  size: number | null;
  contentType?: string;
  download(): Promise<Uint8Array>;
}

/** A document shared in chat: admins' files are read into the store; everyone else is told who can. */
export async function ingestSharedFile(file: SharedFile, ctx: CoreContext, refusal: () => Reply): Promise<Reply> {
  if (!ctx.isAdmin) return refusal();
  const format = formatByName(file.name, file.contentType);
  if (format === null || format === 'doc') {
    return reply('refusal', [{ type: 'text', text: `${file.name} is not a format Rapporteur reads: share a PDF, a Word .docx, or a text or Markdown file.` }], ErrorCode.NotADocument);
  }
  if (file.size !== null && file.size > MAX_DOCUMENT_BYTES) {
    return reply('refusal', [{ type: 'text', text: `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MiB; Rapporteur reads documents of up to 10 MiB.` }], ErrorCode.DocumentTooLarge);
  }
  let bytes: Uint8Array;
  try {
    bytes = await file.download();
  } catch (error) {
    return reply('error', [{ type: 'text', text: `Could not fetch ${file.name} from the chat platform: ${(error as Error).message}. Nothing was stored; please share it again.` }], ErrorCode.FetchFailed);
  }
  const who = requester(ctx);
  if (ctx.jobs) {
    await ctx.jobs.ingestInBackground({
      file: { name: file.name, base64: Buffer.from(bytes).toString('base64'), ...(file.contentType ? { contentType: file.contentType } : {}) },
      requestedBy: who,
      replyTo: channelOf(ctx),
    });
    return reply('answer', [{ type: 'text', text: `Reading ${file.name}. I will post here what was stored.` }]);
  }
  if (!ctx.ingestNow) return reply('error', [{ type: 'text', text: 'Documents cannot be read here right now.' }], ErrorCode.Internal);
  return ingestResultNotice(await ctx.ingestNow.ingestBytes(bytes, file.name, `upload:${file.name}`, file.contentType), file.name, who);
}

function requester(ctx: CoreContext): string {
  return ctx.request.userName ?? ctx.request.userId;
}
