import type { App, BlockAction, ButtonAction, MessageShortcut } from '@slack/bolt';
import { reply } from '../../src/core/reply.js';
import { answerOnce, installedFor, refreshHomeAfter, slackRequest, type SlackContext } from './context.js';
import { answerPrivately, postMessage } from './deliver.js';
import { explain } from './errors.js';
import { clipWords, plainFromSlack } from './mrkdwn.js';
import { ACTION_PREFIX, FIND_SHORTCUT } from './surface.js';

/** How much of a message the shortcut searches for: enough words to find it, few enough to rank well. */
const SHORTCUT_SEARCH_CHARS = 200;

const startsWith = (prefix: string) => new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

/** Buttons from a Reply's actions, and the message shortcut "Find in treaty documents". */
export function registerInteractivity(app: App, ctx: SlackContext): void {
  // "Show source", "Deadlines", later "Snooze" / "Done": run the button's command as the person who pressed it.
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: startsWith(ACTION_PREFIX.command) }, async ({ ack, body, action, respond, client, context }) => {
    await ack();
    const { workspace } = installedFor(ctx, context);
    answerOnce(ctx, body.trigger_id, async () => {
      const request = slackRequest({ userId: body.user.id, userName: body.user.username, channelId: body.channel?.id ?? body.user.id, workspace }, action.value ?? '');
      const answer = await ctx.core.handle(request);
      await answerPrivately(client, body.response_url ? respond : null, body.user.id, answer, request.text);
      await refreshHomeAfter(ctx, client, request, answer);
    });
  });

  // "Share in channel": ask again and post the answer for everyone, naming who shared it.
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: startsWith(ACTION_PREFIX.share) }, async ({ ack, body, action, respond, client, context }) => {
    await ack();
    const channel = body.channel?.id;
    if (!channel) return;
    const { workspace } = installedFor(ctx, context);
    answerOnce(ctx, body.trigger_id, async () => {
      const answer = await ctx.core.handle(slackRequest({ userId: body.user.id, userName: body.user.username, channelId: channel, workspace }, action.value ?? ''));
      try {
        await postMessage(client, { channel }, answer, { sharedBy: body.user.id });
      } catch (error) {
        ctx.logger.warn({ err: error, channel }, 'answer not shared');
        await answerPrivately(client, body.response_url ? respond : null, body.user.id, explain(error));
        return;
      }
      // The private copy has done its work once the answer is in the channel.
      if (body.response_url) await respond({ delete_original: true }).catch((error: unknown) => ctx.logger.debug({ err: error }, 'private answer not removed'));
    });
  });

  app.shortcut<MessageShortcut>({ type: 'message_action', callback_id: FIND_SHORTCUT.callbackId }, async ({ ack, shortcut, respond, client, context }) => {
    await ack();
    const { workspace } = installedFor(ctx, context);
    answerOnce(ctx, shortcut.trigger_id, async () => {
      const words = clipWords(plainFromSlack(shortcut.message.text ?? ''), SHORTCUT_SEARCH_CHARS);
      if (!words) {
        await answerPrivately(client, respond, shortcut.user.id, reply('not-found', [{ type: 'text', text: 'That message has no text to search the treaty documents for.' }]));
        return;
      }
      const request = slackRequest({ userId: shortcut.user.id, userName: shortcut.user.username ?? shortcut.user.name, channelId: shortcut.channel.id, workspace }, `search ${words}`);
      await answerPrivately(client, respond, shortcut.user.id, await ctx.core.handle(request), request.text);
    });
  });
}
