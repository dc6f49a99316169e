/**
 * What the Slack app is made of: the manifest is built from these constants and the listeners
 * are registered from them, so the app Slack installs and the code that answers agree.
 */

/** Where Slack posts commands, events and interactions in HTTP mode. */
export const EVENTS_PATH = '/slack/events';

/** A distributed app: where an install starts (a link with a state) and where Slack sends the installer back. */
export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

/** Button action ids start with the action's kind; the rest is the Reply's own action id. */
export const ACTION_PREFIX = { command: 'command:', share: 'share:' } as const;

export const FIND_SHORTCUT = {
  callbackId: 'find_in_treaty_documents',
  name: 'Find in treaty documents',
  description: 'Search the committee documents for the words of this message',
} as const;

export const REMIND_SHORTCUT = {
  callbackId: 'remind_me_about_this',
  name: 'Remind me about this',
  description: 'A reminder of this message, on a day and at a time you pick',
} as const;

/** The reminder modal, and the button that opens it where Slack gave no trigger to open it at once. */
export const REMIND_MODAL = 'remind_modal';
export const REMIND_FORM_ACTION = 'remind-form';

/** The UN's document hosts: links to them unfurl with what the store knows. */
export const UNFURL_DOMAINS = ['documents.un.org', 'docstore.ohchr.org', 'tbinternet.ohchr.org', 'undocs.org'] as const;

/** Bot events the app subscribes to, each with the scope Slack requires for it (null: none). */
export const BOT_EVENTS = {
  app_mention: 'app_mentions:read',
  'message.im': 'im:history',
  app_home_opened: null,
  link_shared: 'links:read',
  app_uninstalled: null,
  tokens_revoked: null,
} as const satisfies Record<string, string | null>;

/** Web API methods the code calls with the bot token, each with the scope it needs (null: none). */
export const WEB_API_METHODS = {
  'auth.test': null,
  'chat.postMessage': 'chat:write',
  'chat.unfurl': 'links:write',
  'views.publish': null,
  'views.open': null,
} as const satisfies Record<string, string | null>;

/**
 * Finding a reminder already posted before a crash (conversations.history and .replies, by
 * the outbox id in its metadata) reads the history of each kind of conversation it posts in.
 */
export const HISTORY_SCOPES = ['channels:history', 'groups:history', 'im:history', 'mpim:history'] as const;

/** Downloading a file shared with the bot (its url_private) needs this scope. */
export const FILE_DOWNLOAD_SCOPE = 'files:read';

/** The bot scopes: slash commands, file downloads, plus whatever the events and methods above need. */
export const BOT_SCOPES: readonly string[] = [
  ...new Set(['commands', FILE_DOWNLOAD_SCOPE, ...Object.values(BOT_EVENTS), ...Object.values(WEB_API_METHODS), ...HISTORY_SCOPES].filter((s): s is string => s !== null)),
].sort();
