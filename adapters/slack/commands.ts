import type { App } from '@slack/bolt';
import { answerOnce, refreshHomeAfter, slackRequest, type SlackContext } from './context.js';
import { answerPrivately } from './deliver.js';

/** The slash command (/tb): acknowledged at once, answered privately with a "Share in channel" button. */
export function registerSlashCommand(app: App, ctx: SlackContext): void {
  app.command(ctx.command, async ({ command, ack, respond, client }) => {
    await ack();
    answerOnce(ctx, command.trigger_id, async () => {
      const request = slackRequest({ userId: command.user_id, userName: command.user_name, channelId: command.channel_id }, command.text.trim());
      const answer = await ctx.core.handle(request);
      await answerPrivately(client, respond, command.user_id, answer, request.text);
      await refreshHomeAfter(ctx, client, request, answer);
    });
  });
}
