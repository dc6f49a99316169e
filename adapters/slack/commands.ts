import { createHash } from 'node:crypto';
import type { App, SlashCommand } from '@slack/bolt';
import { answerOnce, installedFor, refreshHomeAfter, slackRequest, type SlackContext } from './context.js';
import { answerPrivately } from './deliver.js';
import { openRemindModal, wantsRemindForm } from './remindModal.js';

/**
 * What tells one command from another: its trigger id, or where there is none (some clients
 * and gateways send none) its response_url, which Slack makes for each command alone.
 */
export function commandDeliveryId(command: Pick<SlashCommand, 'trigger_id' | 'response_url'>): string | undefined {
  if (command.trigger_id) return command.trigger_id;
  return command.response_url ? `command:${createHash('sha256').update(command.response_url).digest('hex').slice(0, 32)}` : undefined;
}

/** The slash command (/tb): acknowledged at once, answered privately with a "Share in channel" button. */
export function registerSlashCommand(app: App, ctx: SlackContext): void {
  app.command(ctx.command, async ({ command, ack, respond, client, context }) => {
    await ack();
    answerOnce(ctx, commandDeliveryId(command), async () => {
      const { workspace } = installedFor(ctx, context);
      const request = slackRequest({ userId: command.user_id, userName: command.user_name, channelId: command.channel_id, workspace }, command.text.trim());
      const answer = await ctx.core.handle(request);
      // "remind me to ..." with no date: the date picker, where Slack lets one open.
      if (command.trigger_id && wantsRemindForm(answer)) {
        const opened = await openRemindModal(ctx, client, command.trigger_id, request, answer);
        if (opened) return;
      }
      await answerPrivately(client, respond, command.user_id, answer, request.text);
      await refreshHomeAfter(ctx, client, request, answer);
    });
  });
}
