import type { Context, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Core } from '../../src/core/core.js';
import type { Reply } from '../../src/core/reply.js';
import type { Request } from '../../src/core/request.js';
import type { Store } from '../../src/store/store.js';
import { publishHome } from './home.js';
import { workspaceKey } from './oauth.js';
import { slackTraits } from './traits.js';
import type { WorkQueue } from './queue.js';

/** What the listeners share. */
export interface SlackContext {
  core: Core;
  store: Store;
  logger: Logger;
  queue: WorkQueue;
  /** The slash command, as in the manifest (SLACK_COMMAND). */
  command: string;
  /** One workspace with SLACK_BOT_TOKEN: who the bot is there (auth.test). Null for a distributed app, where each request's installation says. */
  single: { workspace: string; botUserId: string; token: string } | null;
}

/** Where a request came from and who the bot is there: the one workspace, or the installation Bolt authorized the request with. */
export interface Installed {
  workspace: string | undefined;
  botUserId: string | undefined;
  /** The bot token of that workspace, to download files shared with the bot. */
  token: string | undefined;
}

export function installedFor(ctx: SlackContext, context: Context): Installed {
  if (ctx.single) return ctx.single;
  return { workspace: workspaceKey(context), botUserId: context.botUserId, token: context.botToken };
}

export function slackRequest(who: { userId: string; userName?: string | undefined; channelId: string; workspace?: string | undefined }, text: string): Request {
  return {
    platform: 'slack',
    userId: who.userId,
    ...(who.userName ? { userName: who.userName } : {}),
    channelId: who.channelId,
    ...(who.workspace ? { workspace: who.workspace } : {}),
    // Slack's direct-message conversations have ids that begin with D.
    direct: who.channelId.startsWith('D'),
    text,
    capabilities: slackTraits.capabilities,
  };
}

/**
 * Runs `work` after the ack, once per delivery id: Slack retries events it thinks were
 * missed and Socket Mode redelivers envelopes, and each is answered once. Without an id
 * there is nothing to tell a redelivery by, and the work runs.
 */
export function answerOnce(ctx: SlackContext, deliveryId: string | undefined, work: () => Promise<void>): void {
  ctx.queue.run(async () => {
    const first = deliveryId
      ? await ctx.core.firstDelivery('slack', deliveryId).catch((error: unknown) => {
          // Better a rare second answer than silence when the store cannot record the claim.
          ctx.logger.error({ err: error, deliveryId }, 'could not record the delivery; answering anyway');
          return true;
        })
      : true;
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
