import type { App, webApi } from '@slack/bolt';
import type { Reply } from '../../src/core/reply.js';
import { answerOnce, installedFor, refreshHomeAfter, slackRequest, type Installed, type SlackContext } from './context.js';
import { postMessage } from './deliver.js';
import { explain } from './errors.js';
import { sharedFiles, type SlackFile } from './files.js';
import { publishHome } from './home.js';
import { plainFromSlack, questionFromMention } from './mrkdwn.js';

/** Answers in a conversation as the bot; when Slack refuses, tells the asker why in a direct message. */
async function answerIn(ctx: SlackContext, client: webApi.WebClient, where: { channel: string; threadTs?: string }, userId: string, answer: Reply): Promise<void> {
  try {
    await postMessage(client, where, answer);
  } catch (error) {
    ctx.logger.warn({ err: error, channel: where.channel }, 'answer not posted');
    await postMessage(client, { channel: userId }, explain(error)).catch((dmError: unknown) => ctx.logger.error({ err: dmError, userId }, 'could not tell the asker either'));
  }
}

/** Each file shared with the bot gets its own answer: stored (for admins), or who can. */
async function answerFiles(
  ctx: SlackContext,
  client: webApi.WebClient,
  files: readonly SlackFile[] | undefined,
  who: { userId: string; channelId: string; workspace: string | undefined },
  where: { channel: string; threadTs?: string },
  token: string | undefined,
): Promise<boolean> {
  const shared = token ? sharedFiles(files, token) : [];
  for (const file of shared) {
    const request = slackRequest(who, '');
    await answerIn(ctx, client, where, who.userId, await ctx.core.receiveFile(request, file));
  }
  return shared.length > 0;
}

/** @Rapporteur in a channel or thread (answered in the thread), direct messages, files shared with either, and the App Home. */
export function registerEvents(app: App, ctx: SlackContext): void {
  app.event('app_mention', async ({ event, body, client, context }) => {
    const userId = event.user;
    if (!userId) return;
    const installed: Installed = installedFor(ctx, context);
    const { workspace } = installed;
    answerOnce(ctx, body.event_id, async () => {
      const where = { channel: event.channel, threadTs: event.thread_ts ?? event.ts };
      const files = (event as { files?: SlackFile[] }).files;
      // Words that come with a file are about the file, not a question.
      if (await answerFiles(ctx, client, files, { userId, channelId: event.channel, workspace }, where, installed.token)) return;
      const request = slackRequest({ userId, channelId: event.channel, workspace }, questionFromMention(event.text, installed.botUserId ?? ''));
      const answer = await ctx.core.handle(request);
      await answerIn(ctx, client, where, userId, answer);
      await refreshHomeAfter(ctx, client, request, answer);
    });
  });

  app.event('message', async ({ event, body, client, context }) => {
    // Only what a person writes or shares in a direct message: not edits, joins or other bots.
    if ((event.subtype !== undefined && event.subtype !== 'file_share') || event.channel_type !== 'im' || ('bot_id' in event && event.bot_id)) return;
    const installed = installedFor(ctx, context);
    const { workspace } = installed;
    answerOnce(ctx, body.event_id, async () => {
      const where = { channel: event.channel, ...(event.thread_ts ? { threadTs: event.thread_ts } : {}) };
      const shared = await answerFiles(ctx, client, (event as { files?: SlackFile[] }).files, { userId: event.user, channelId: event.channel, workspace }, where, installed.token);
      if (shared) return;
      const request = slackRequest({ userId: event.user, channelId: event.channel, workspace }, plainFromSlack(event.text ?? ''));
      const answer = await ctx.core.handle(request);
      await answerIn(ctx, client, where, event.user, answer);
      await refreshHomeAfter(ctx, client, request, answer);
    });
  });

  app.event('app_home_opened', async ({ event, body, client, context }) => {
    if (event.tab !== 'home') return;
    const { workspace } = installedFor(ctx, context);
    answerOnce(ctx, body.event_id, () => publishHome(client, ctx.core, { userId: event.user, channelId: event.channel, workspace }));
  });
}
