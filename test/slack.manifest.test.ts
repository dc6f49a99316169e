import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { slackManifest } from '../adapters/slack/manifest.js';
import { BOT_EVENTS, BOT_SCOPES, FIND_SHORTCUT, REMIND_SHORTCUT } from '../adapters/slack/surface.js';
import { ConfigSchema } from '../src/config.js';
import { rapporteur } from './support/cli.js';
import { root } from './support/documents.js';

/** The parts of Slack's app manifest schema (v1) the app uses, with Slack's own limits; unknown keys are refused. */
const url = z.string().regex(/^https:\/\//).max(3000);
const SlackManifest = z.strictObject({
  _metadata: z.strictObject({ major_version: z.literal(1), minor_version: z.number().int() }),
  display_information: z.strictObject({
    name: z.string().min(1).max(35),
    description: z.string().min(1).max(140),
    background_color: z.string().regex(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/),
    long_description: z.string().min(175).max(4000),
  }),
  features: z.strictObject({
    app_home: z.strictObject({ home_tab_enabled: z.boolean(), messages_tab_enabled: z.boolean(), messages_tab_read_only_enabled: z.boolean() }),
    bot_user: z.strictObject({ display_name: z.string().min(1).max(80), always_online: z.boolean() }),
    shortcuts: z.array(z.strictObject({ name: z.string().min(1).max(24), type: z.enum(['message', 'global']), callback_id: z.string().min(1).max(255), description: z.string().min(1).max(150) })).min(1).max(10),
    slash_commands: z
      .array(z.strictObject({ command: z.string().regex(/^\//).min(2).max(32), url: url.optional(), description: z.string().min(1).max(2000), usage_hint: z.string().min(1).max(1000), should_escape: z.boolean() }))
      .min(1)
      .max(50),
    unfurl_domains: z.array(z.string().regex(/^[a-z0-9.-]+$/)).min(1).max(5).optional(),
  }),
  oauth_config: z.strictObject({ redirect_urls: z.array(url).min(1).max(1000).optional(), scopes: z.strictObject({ bot: z.array(z.string().max(50)).max(255) }) }),
  settings: z.strictObject({
    event_subscriptions: z.strictObject({ request_url: url.optional(), bot_events: z.array(z.string().max(50)).max(100) }),
    interactivity: z.strictObject({ is_enabled: z.boolean(), request_url: url.optional() }),
    org_deploy_enabled: z.boolean(),
    socket_mode_enabled: z.boolean(),
    token_rotation_enabled: z.boolean(),
  }),
});
type SlackManifest = z.infer<typeof SlackManifest>;

const committed = JSON.parse(readFileSync(`${root}manifest.json`, 'utf8')) as unknown;

describe('manifest.json', () => {
  it('is a valid Slack app manifest for Socket Mode', () => {
    const manifest = SlackManifest.parse(committed);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.slash_commands[0]!.url).toBeUndefined();
  });

  it('is what the code builds: the default command, the events listened to, the shortcut answered and the scopes they need', () => {
    expect(committed).toEqual(slackManifest({ command: ConfigSchema.shape.SLACK_COMMAND.parse(undefined) }));
    const manifest = committed as SlackManifest;
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(['/tb']);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened', 'app_mention', 'app_uninstalled', 'link_shared', 'message.im', 'tokens_revoked']);
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'message', callback_id: FIND_SHORTCUT.callbackId, name: 'Find in treaty documents' }),
      expect.objectContaining({ type: 'message', callback_id: REMIND_SHORTCUT.callbackId, name: 'Remind me about this' }),
    ]);
    expect(manifest.features.unfurl_domains).toEqual(['documents.un.org', 'docstore.ohchr.org', 'tbinternet.ohchr.org', 'undocs.org']);
    expect(manifest.oauth_config.scopes.bot).toEqual(['app_mentions:read', 'channels:history', 'chat:write', 'commands', 'files:read', 'groups:history', 'im:history', 'links:read', 'links:write', 'mpim:history']);
    // Socket Mode has no address to send installers back to.
    expect(manifest.oauth_config.redirect_urls).toBeUndefined();
    expect(manifest.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
    for (const scope of Object.values(BOT_EVENTS)) if (scope) expect(manifest.oauth_config.scopes.bot).toContain(scope);
  });
});

describe('rapporteur slack-manifest', () => {
  it('prints the Socket Mode manifest, with SLACK_COMMAND as the command', () => {
    const run = rapporteur(['slack-manifest'], { SLACK_COMMAND: '/treaty' });
    expect(run.status).toBe(0);
    const manifest = SlackManifest.parse(JSON.parse(run.stdout));
    expect(manifest.features.slash_commands[0]!.command).toBe('/treaty');
    expect(manifest).toEqual({ ...(committed as SlackManifest), features: { ...(committed as SlackManifest).features, slash_commands: [{ ...(committed as SlackManifest).features.slash_commands[0]!, command: '/treaty' }] } });
  });

  it('with --url prints the HTTP variant, every request URL at /slack/events', () => {
    const run = rapporteur(['slack-manifest', '--url', 'https://rapporteur.example.org/'], { SLACK_COMMAND: '/tb' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const manifest = SlackManifest.parse(JSON.parse(run.stdout));
    const endpoint = 'https://rapporteur.example.org/slack/events';
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.settings.event_subscriptions.request_url).toBe(endpoint);
    expect(manifest.settings.interactivity.request_url).toBe(endpoint);
    expect(manifest.features.slash_commands).toEqual([expect.objectContaining({ command: '/tb', url: endpoint })]);
    expect(manifest.oauth_config.redirect_urls).toEqual(['https://rapporteur.example.org/slack/oauth_redirect']);
  });

  it('refuses a URL Slack would not post to, in one line', () => {
    const run = rapporteur(['slack-manifest', '--url', 'http://rapporteur.example.org']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`rapporteur: --url must be the server's public https:// address, such as https://rapporteur.example.org (got "http://rapporteur.example.org") [INVALID_CONFIG]\n`);
  });

  it('explains itself in --help', () => {
    const run = rapporteur(['slack-manifest', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--url <https-url>');
    expect(run.stdout).toContain('Socket Mode');
    expect(run.stdout).toContain('SLACK_SIGNING_SECRET');
    expect(run.stdout).toContain('SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET');
  });
});
