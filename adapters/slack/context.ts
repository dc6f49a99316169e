import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Core } from '../../src/core/core.js';
import type { Reply } from '../../src/core/reply.js';
import type { Request } from '../../src/core/request.js';
import { publishHome } from './home.js';
import { slackTraits } from './traits.js';
import type { WorkQueue } from './queue.js';

/** What the listeners share. */
export interface SlackContext {
  core: Core;
  logger: Logger;
  queue: WorkQueue;
  /** The slash command, as in the manifest (SLACK_COMMAND). */
  command: string;
  botUserId: string;
  /** The bot token, to download files shared with the bot. */
  token: string;
}

export function slackRequest(who: { userId: string; userName?: string | undefined; channelId: string }, text: string): Request {
  // Slack's direct-message conversations have ids that begin with D.
  return { platform: 'slack', userId: who.userId, ...(who.userName ? { userName: who.userName } : {}), channelId: who.channelId, direct: who.channelId.startsWith('D'), text, capabilities: slackTraits.capabilities };
}

/**
 * Runs `work` after the ack, once per delivery id: Slack retries events it thinks were
 * missed and Socket Mode redelivers envelopes, and each is answered once.
 */
export function answerOnce(ctx: SlackContext, deliveryId: string, work: () => Promise<void>): void {
  ctx.queue.run(async () => {
    const first = await ctx.core.firstDelivery('slack', deliveryId).catch((error: unknown) => {
      // Better a rare second answer than silence when the store cannot record the claim.
      ctx.logger.error({ err: error, deliveryId }, 'could not record the delivery; answering anyway');
      return true;
    });
    if (!first) {
      ctx.logger.debug({ deliveryId }, 'redelivered; answered already');
      return;
    }
    await work();
  });
}

/** After a command that changed what the App Home shows, the person sees the change there too. */
export async function refreshHomeAfter(ctx: SlackContext, client: webApi.WebClient, request: Request, answer: Reply): Promise<void> {
  if (!answer.effects?.includes('home-changed')) return;
  await publishHome(client, ctx.core, request).catch((error: unknown) => ctx.logger.warn({ err: error, userId: request.userId }, 'App Home not republished'));
}
