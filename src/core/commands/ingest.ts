import type { ArgsOf } from '../commandSchemas.js';
import type { CoreContext } from '../context.js';
import { reply, type Reply } from '../reply.js';

/** "ingest https://...": admins add a document from a UN link; the result is posted where they asked. */
export async function ingestLink(args: ArgsOf<'ingest'>, ctx: CoreContext): Promise<Reply> {
  if (ctx.jobs) {
    await ctx.jobs.ingestInBackground({ url: args.url, requestedBy: ctx.request.userName ?? ctx.request.userId, replyTo: { platform: ctx.request.platform, channelId: ctx.request.channelId } });
    return reply('answer', [{ type: 'text', text: `Reading ${args.url}. I will post the result here.` }]);
  }
  if (!ctx.ingestNow) return reply('error', [{ type: 'text', text: 'Documents cannot be read here right now.' }], 'INTERNAL');
  const result = await ctx.ingestNow(args.url);
  if (result.status === 'failed') {
    return reply('error', [{ type: 'text', text: `Could not read ${args.url}: ${result.error?.message}.` }, { type: 'context', text: `Error code ${result.error?.code}.` }], result.error?.code);
  }
  return reply('answer', [{ type: 'text', text: `${result.key}: ${result.status}${result.version && result.version > 1 ? ` (version ${result.version}${result.changes ? `: ${result.changes}` : ''})` : ''}.` }]);
}
