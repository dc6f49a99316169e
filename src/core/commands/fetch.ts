import { ErrorCode, isRapporteurError } from '../../errors.js';
import { symbolOf } from '../../ingest/bySymbol.js';
import type { ArgsOf } from '../commandSchemas.js';
import { channelOf, type CoreContext } from '../context.js';
import { ingestResultNotice } from '../notices.js';
import { reply, type Reply } from '../reply.js';

/** "fetch CMW/C/AZE/CO/3": admins add a document by its symbol, from ODS or else the Treaty Body Database. */
export async function fetchSymbol(args: ArgsOf<'fetch'>, ctx: CoreContext): Promise<Reply> {
  let symbol: string;
  try {
    symbol = symbolOf(args.symbol);
  } catch (error) {
    // Said at once, not after a trip through the queue: nothing would be fetched.
    if (!isRapporteurError(error)) throw error;
    return reply('refusal', [{ type: 'text', text: `${error.message}.` }], error.code);
  }
  const who = ctx.request.userName ?? ctx.request.userId;
  if (ctx.jobs) {
    await ctx.jobs.ingestInBackground({ symbol, requestedBy: who, replyTo: channelOf(ctx) });
    return reply('answer', [{ type: 'text', text: `Fetching ${symbol} from the UN’s document systems. I will post the result here.` }]);
  }
  if (!ctx.ingestNow) return reply('error', [{ type: 'text', text: 'Documents cannot be fetched here right now.' }], ErrorCode.Internal);
  return ingestResultNotice(await ctx.ingestNow.ingestSymbol(symbol), symbol, who);
}
