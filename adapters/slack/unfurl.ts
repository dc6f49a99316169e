import type { App } from '@slack/bolt';
import { symbolFromLink } from '../../src/domain/documentLinks.js';
import { renderUnfurl } from './blockKit.js';
import { answerOnce, installedFor, slackRequest, type SlackContext } from './context.js';

/**
 * Links to the UN's document hosts unfurl (link_shared, chat.unfurl) with what the store knows
 * of the document they name; a link that names no symbol is left to Slack's own preview.
 */

/** Slack sends at most a few links per event; a message pasting dozens gets the first ones. */
const LINKS_AT_ONCE = 5;

interface LinkShared {
  channel: string;
  user: string;
  message_ts: string;
  links: Array<{ url: string; domain: string }>;
  unfurl_id?: string;
  source?: 'composer' | 'conversations_history';
}

export function registerUnfurls(app: App, ctx: SlackContext): void {
  app.event('link_shared', async ({ event, body, client, context }) => {
    const shared = event as unknown as LinkShared;
    answerOnce(ctx, body.event_id, async () => {
      const { workspace } = installedFor(ctx, context);
      const request = slackRequest({ userId: shared.user, channelId: shared.channel, workspace }, '');
      const unfurls: Record<string, { blocks: ReturnType<typeof renderUnfurl> }> = {};
      for (const link of [...new Set(shared.links.map((l) => l.url))].slice(0, LINKS_AT_ONCE)) {
        const symbol = symbolFromLink(link);
        if (symbol) unfurls[link] = { blocks: renderUnfurl(await ctx.core.preview(request, { symbol, link })) };
      }
      if (Object.keys(unfurls).length === 0) return;
      // A link still being written (the composer) is unfurled by its unfurl id; a posted one by its message.
      const where = shared.unfurl_id && shared.source ? { unfurl_id: shared.unfurl_id, source: shared.source } : { channel: shared.channel, ts: shared.message_ts };
      await client.chat.unfurl({ ...where, unfurls } as Parameters<typeof client.chat.unfurl>[0]).catch((error: unknown) => ctx.logger.warn({ err: error, channel: shared.channel }, 'links not unfurled'));
    });
  });
}
