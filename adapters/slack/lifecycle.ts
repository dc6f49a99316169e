import type { App, Installation } from '@slack/bolt';
import { answerOnce, installedFor, type SlackContext } from './context.js';

/**
 * A workspace removes the app (app_uninstalled) or revokes its tokens (tokens_revoked): the
 * tokens go, nothing more is delivered there, and the log says so. Bolt runs these without
 * authorizing them: there is no token left to authorize with.
 */
export function registerLifecycle(app: App, ctx: SlackContext): void {
  app.event('app_uninstalled', async ({ body, context }) => {
    answerOnce(ctx, body.event_id, async () => {
      const { workspace } = installedFor(ctx, context);
      if (!workspace) return;
      const removed = ctx.single ? false : await ctx.store.installations.remove(workspace);
      const dropped = await ctx.store.conversations.closeWorkspace('slack', workspace, 'Rapporteur was uninstalled from this Slack workspace', { forget: true });
      ctx.logger.warn(
        { workspace, tokensRemoved: removed, ...dropped },
        ctx.single
          ? 'Slack workspace uninstalled Rapporteur: SLACK_BOT_TOKEN no longer works; its follows, digests, calendar feeds and pending reminders are dropped and nothing more is delivered there'
          : 'Slack workspace uninstalled Rapporteur: its tokens are removed, its follows, digests, calendar feeds and pending reminders dropped, and nothing more is delivered there',
      );
    });
  });

  app.event('tokens_revoked', async ({ event, body, context }) => {
    answerOnce(ctx, body.event_id, async () => {
      const { workspace } = installedFor(ctx, context);
      if (!workspace) return;
      const bots = event.tokens.bot ?? [];
      const users = event.tokens.oauth ?? [];
      const record = ctx.single ? null : await ctx.store.installations.get(workspace);
      const installation = record?.installation as Installation | undefined;
      if (bots.length > 0) {
        if (record) await ctx.store.installations.remove(workspace);
        // Follows stay: a reinstall picks them up again; what is pending cannot be sent.
        const dropped = await ctx.store.conversations.closeWorkspace('slack', workspace, 'Rapporteur’s bot token was revoked in this Slack workspace', { forget: false });
        ctx.logger.warn({ workspace, bots, pendingMessagesDropped: dropped.messages }, 'Slack revoked Rapporteur’s bot token in a workspace: its tokens are removed and nothing more is delivered there until it is installed again');
      } else if (record && installation && installation.user.id && users.includes(installation.user.id) && installation.user.token) {
        await ctx.store.installations.save({ ...record, installation: { ...installation, user: { id: installation.user.id, scopes: installation.user.scopes, token: undefined } } });
        ctx.logger.info({ workspace, users }, 'Slack revoked the installer’s user token; the bot token stays');
      }
    });
  });
}
