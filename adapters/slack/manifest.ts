import { ConfigSchema } from '../../src/config.js';
import { ErrorCode, RapporteurError } from '../../src/errors.js';
import { BOT_EVENTS, BOT_SCOPES, EVENTS_PATH, FIND_SHORTCUT, REDIRECT_PATH, REMIND_SHORTCUT, UNFURL_DOMAINS } from './surface.js';

/**
 * The Slack app manifest, built from what the code uses (surface.ts). `manifest.json` at the
 * repository root is this for Socket Mode with the default command; a test keeps them equal.
 */

export interface ManifestOptions {
  /** The slash command (SLACK_COMMAND). */
  command: string;
  /**
   * HTTP mode: the public https:// address of the server; Slack posts to <url>/slack/events and
   * sends installers back to <url>/slack/oauth_redirect (a distributed app). Without it, Socket Mode.
   */
  url?: string;
}

const DESCRIPTION = 'Answers from UN treaty-body documents: follow-up grades, meetings, speakers, deadlines.';
const LONG_DESCRIPTION = [
  'Rapporteur reads the documents of the UN human-rights treaty bodies (summary records of meetings, concluding observations, follow-up evaluations) and answers questions about them in Slack.',
  'Ask "status of para 36 Azerbaijan" for the committee’s follow-up grades, "summary 463" for what happened at a meeting, "what did Mr. Charef ask?" for a speaker’s interventions, or "deadlines Azerbaijan" for what is due and overdue.',
  'Every answer names its source document and paragraph; where the documents do not say, Rapporteur says so.',
].join('\n\n');

export function slackManifest(options: ManifestOptions): Record<string, unknown> {
  const base = options.url?.replace(/\/+$/, '');
  const endpoint = base ? `${base}${EVENTS_PATH}` : undefined;
  const at = endpoint ? { url: endpoint } : {};
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: { name: 'Rapporteur', description: DESCRIPTION, background_color: '#1d3c6e', long_description: LONG_DESCRIPTION },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: 'Rapporteur', always_online: true },
      shortcuts: [FIND_SHORTCUT, REMIND_SHORTCUT].map((s) => ({ name: s.name, type: 'message', callback_id: s.callbackId, description: s.description })),
      slash_commands: [
        {
          command: options.command,
          ...at,
          description: 'Ask Rapporteur about treaty-body documents',
          usage_hint: 'status of para 36 Azerbaijan · summary 463 · deadlines · help',
          should_escape: false,
        },
      ],
      unfurl_domains: [...UNFURL_DOMAINS],
    },
    oauth_config: { ...(base ? { redirect_urls: [`${base}${REDIRECT_PATH}`] } : {}), scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: { ...(endpoint ? { request_url: endpoint } : {}), bot_events: Object.keys(BOT_EVENTS).sort() },
      interactivity: { is_enabled: true, ...(endpoint ? { request_url: endpoint } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: !endpoint,
      token_rotation_enabled: false,
    },
  };
}

/** `rapporteur slack-manifest [--url https://HOST]`: the manifest to paste at api.slack.com/apps. */
export function printSlackManifest(options: { url?: string }, env: NodeJS.ProcessEnv = process.env): void {
  if (options.url !== undefined && !/^https:\/\/[^\s/]+/.test(options.url)) {
    throw new RapporteurError(ErrorCode.InvalidConfig, `--url must be the server's public https:// address, such as https://rapporteur.example.org (got "${options.url}")`);
  }
  const command = ConfigSchema.shape.SLACK_COMMAND.safeParse(env.SLACK_COMMAND);
  if (!command.success) throw new RapporteurError(ErrorCode.InvalidConfig, `invalid configuration: SLACK_COMMAND: ${command.error.issues[0]?.message ?? 'invalid'}`);
  process.stdout.write(`${JSON.stringify(slackManifest({ command: command.data, ...(options.url ? { url: options.url } : {}) }), null, 2)}\n`);
}
