import { setTimeout as delay } from 'node:timers/promises';
import { App, ExpressReceiver, SocketModeReceiver, webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../../src/config.js';
import { ErrorCode, RapporteurError } from '../../src/errors.js';
import type { Store } from '../../src/store/store.js';
import type { Door, DoorContext } from '../door.js';
import { workspaceClients } from './clients.js';
import { registerSlashCommand } from './commands.js';
import type { SlackContext } from './context.js';
import { slackFailure } from './errors.js';
import { registerEvents } from './events.js';
import { publishHome } from './home.js';
import { refuseFutureTimestamps } from './http.js';
import { registerInteractivity } from './interactivity.js';
import { registerLifecycle } from './lifecycle.js';
import { boltLogger } from './logger.js';
import { oauthPages, slackInstallationStore, slackStateStore, STATE_SECONDS, workspaceKey } from './oauth.js';
import { WorkQueue } from './queue.js';
import { registerRemindModal } from './remindModal.js';
import { slackSender } from './sender.js';
import { BOT_SCOPES, EVENTS_PATH, INSTALL_PATH, REDIRECT_PATH } from './surface.js';
import { clientOptions } from './transport.js';
import { registerUnfurls } from './unfurl.js';

export interface SlackDoorOptions {
  /**
   * Web API retries (p-retry options). The default gives up within seconds, not the client's
   * 30 minutes: a person is waiting, and the outbox retries deliveries itself.
   */
  retryConfig?: webApi.RetryOptions;
  /** How long start waits for the Socket Mode connection before going on without it. */
  connectTimeoutMs?: number;
}

export interface SlackDoor extends Door {
  /** Publishes a person's App Home again, for jobs that change what it shows (in their workspace, for a distributed app). */
  republishHome(userId: string, workspace?: string): Promise<void>;
}

const DEFAULT_RETRIES: webApi.RetryOptions = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2000 };
const REQUEST_TIMEOUT_MS = 10_000;
/** Answers prepared at once; more wait their turn (SQLite work is synchronous). */
const ANSWERS_AT_ONCE = 4;
const AUTH_CHECK_EVERY_MS = 60_000;
const STOP_GRACE_MS = 5_000;

/** Who the bot is, asked once at start so that Bolt need not (it would, unchecked, in its constructor). */
async function identify(client: webApi.WebClient, apiUrl: string): Promise<{ botId: string; botUserId: string; workspace: string }> {
  let result: webApi.AuthTestResponse;
  try {
    result = await client.auth.test();
  } catch (error) {
    const { code } = slackFailure(error);
    const message = code === 'unreachable' ? `the Slack Web API at ${apiUrl} did not answer (SLACK_API_URL)` : `Slack refused SLACK_BOT_TOKEN (${code})`;
    throw new RapporteurError(ErrorCode.InvalidConfig, message, { cause: error });
  }
  if (!result.bot_id || !result.user_id) throw new RapporteurError(ErrorCode.InvalidConfig, 'SLACK_BOT_TOKEN is not a bot token (one starting xoxb-)');
  const workspace = workspaceKey({ teamId: result.team_id, enterpriseId: result.enterprise_id, isEnterpriseInstall: result.is_enterprise_install });
  if (!workspace) throw new RapporteurError(ErrorCode.InvalidConfig, 'Slack did not say which workspace SLACK_BOT_TOKEN belongs to');
  return { botId: result.bot_id, botUserId: result.user_id, workspace };
}

/** HTTP mode: /slack/events on the shared server, every request's signature checked. */
function mountHttp(http: Express, signingSecret: string, logger: BoltLogger): ExpressReceiver {
  http.use(EVENTS_PATH, refuseFutureTimestamps());
  return new ExpressReceiver({ signingSecret, app: http, endpoints: EVENTS_PATH, logger, signatureVerification: true, processBeforeResponse: false });
}

/**
 * A distributed app: /slack/install hands out a link with a state, /slack/oauth_redirect checks
 * it and exchanges the code (oauth.v2.access at SLACK_API_URL), and each installation is kept in
 * the store, from which Bolt authorizes every request and the jobs post.
 */
function mountDistributed(http: Express, config: Config, store: Store, logger: Logger, bolt: BoltLogger, options: webApi.WebClientOptions): ExpressReceiver {
  http.use(EVENTS_PATH, refuseFutureTimestamps());
  const pages = oauthPages(logger);
  return new ExpressReceiver({
    signingSecret: config.SLACK_SIGNING_SECRET ?? '',
    app: http,
    endpoints: EVENTS_PATH,
    logger: bolt,
    signatureVerification: true,
    processBeforeResponse: false,
    clientId: config.SLACK_CLIENT_ID,
    clientSecret: config.SLACK_CLIENT_SECRET,
    scopes: [...BOT_SCOPES],
    installationStore: slackInstallationStore(store.installations),
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      // The install link goes straight to Slack's consent page: there is nothing to read first.
      directInstall: true,
      stateStore: slackStateStore(store.installations, config.SLACK_STATE_SECRET ?? ''),
      stateCookieExpirationSeconds: STATE_SECONDS,
      clientOptions: options,
      callbackOptions: { success: pages.success, failure: pages.failure },
    },
  });
}

/** Whether the bot token still works, asked at most once a minute so /healthz stays cheap. */
function authCheck(client: webApi.WebClient): () => Promise<string> {
  let last: { at: number; result: string } | null = null;
  return async () => {
    if (last && Date.now() - last.at < AUTH_CHECK_EVERY_MS) return last.result;
    const result = await client.auth.test().then(
      () => 'ok',
      (error: unknown) => slackFailure(error).code,
    );
    last = { at: Date.now(), result };
    return result;
  };
}

/**
 * The Slack door: Socket Mode when SLACK_APP_TOKEN is set (no public URL needed), otherwise
 * HTTP on the shared server with SLACK_SIGNING_SECRET; with SLACK_CLIENT_ID, a distributed app
 * installed in many workspaces (HTTP only), each with its own token.
 */
export async function startSlackDoor(ctx: DoorContext, options: SlackDoorOptions = {}): Promise<SlackDoor> {
  const { config, store } = ctx.app;
  const token = config.SLACK_BOT_TOKEN;
  const appToken = config.SLACK_APP_TOKEN;
  const signingSecret = config.SLACK_SIGNING_SECRET;
  const distributed = Boolean(config.SLACK_CLIENT_ID);
  if (distributed ? !signingSecret : !token || (!appToken && !signingSecret)) {
    throw new RapporteurError(
      ErrorCode.InvalidConfig,
      distributed
        ? 'a distributed Slack app needs SLACK_SIGNING_SECRET: it takes events and installs over HTTP'
        : 'the Slack door needs SLACK_BOT_TOKEN and either SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP), or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET to be installed in many workspaces',
    );
  }
  const mode = appToken && !distributed ? 'socket' : 'http';
  const logger = ctx.app.logger.child({ door: 'slack', mode, ...(distributed ? { distributed } : {}) });
  const bolt = boltLogger(logger);
  const retries = options.retryConfig ?? DEFAULT_RETRIES;
  const apiUrl = config.SLACK_API_URL ?? 'https://slack.com/api/';
  const webOptions = clientOptions(config.SLACK_API_URL, retries, REQUEST_TIMEOUT_MS);

  const identity = token && !distributed ? await identify(new webApi.WebClient(token, webOptions), apiUrl) : null;
  if (identity) {
    // Rows written before workspaces were kept (or by the console for Slack) are this workspace's.
    const adopted = await store.conversations.adoptWorkspace('slack', identity.workspace);
    if (adopted) logger.info({ workspace: identity.workspace, rows: adopted }, 'rows from before workspaces were kept now belong to this workspace');
  }
  const receiver = distributed
    ? mountDistributed(ctx.http, config, store, logger, bolt, webOptions)
    : appToken
      ? new SocketModeReceiver({ appToken, logger: bolt, installerOptions: { clientOptions: webOptions } })
      : mountHttp(ctx.http, signingSecret ?? '', bolt);
  const app = identity
    ? new App({ token, botId: identity.botId, botUserId: identity.botUserId, receiver, logger: bolt, clientOptions: webOptions, convoStore: false })
    : new App({ receiver, logger: bolt, clientOptions: webOptions, convoStore: false });
  app.error(async (error) => {
    logger.error({ err: error }, 'Slack listener failed');
  });

  const queue = new WorkQueue(ANSWERS_AT_ONCE, (error) => logger.error({ err: error }, 'Slack answer failed'));
  const slack: SlackContext = {
    core: ctx.app.core,
    store,
    logger,
    queue,
    command: config.SLACK_COMMAND,
    single: identity && token ? { workspace: identity.workspace, botUserId: identity.botUserId, token } : null,
  };
  registerSlashCommand(app, slack);
  registerEvents(app, slack);
  registerInteractivity(app, slack);
  registerRemindModal(app, slack);
  registerUnfurls(app, slack);
  registerLifecycle(app, slack);

  let connected = mode === 'http';
  if (receiver instanceof SocketModeReceiver) {
    receiver.client.on('connected', () => (connected = true));
    receiver.client.on('reconnecting', () => (connected = false));
    receiver.client.on('disconnected', () => (connected = false));
    const timeout = options.connectTimeoutMs ?? 30_000;
    const started = app.start().then(
      () => 'connected' as const,
      (error: unknown) => {
        throw new RapporteurError(ErrorCode.InvalidConfig, `Slack refused the Socket Mode connection (${slackFailure(error).code}); check SLACK_APP_TOKEN`, { cause: error });
      },
    );
    // Behind a slow proxy the connection may take a while: go on, keep trying, and say so in /healthz.
    if ((await Promise.race([started, delay(timeout, 'waiting' as const, { ref: false })])) === 'waiting') {
      logger.warn({ timeoutMs: timeout }, 'Socket Mode not connected yet; still trying');
      started.catch((error: unknown) => logger.error({ err: error }, 'Socket Mode did not connect'));
    }
  }
  logger.info({ botUserId: identity?.botUserId, workspace: identity?.workspace, command: config.SLACK_COMMAND }, distributed ? `Slack door open for installs at ${INSTALL_PATH}` : 'Slack door open');

  // No retries inside the sender's clients: a retried post after a timeout may post twice; the outbox retries, looking first.
  const sending = clientOptions(config.SLACK_API_URL, { retries: 0 }, REQUEST_TIMEOUT_MS);
  const clientFor = identity ? async () => app.client : workspaceClients(store.installations, webOptions);
  const senderClients = token && identity ? new webApi.WebClient(token, sending) : workspaceClients(store.installations, sending);
  const auth = token && identity ? authCheck(new webApi.WebClient(token, clientOptions(config.SLACK_API_URL, { retries: 0 }, 3000))) : null;
  return {
    name: 'slack',
    sender: slackSender(senderClients),
    async health() {
      if (!auth) return { ok: true, mode, distributed: true, workspaces: (await store.installations.workspaces()).length };
      const authResult = await auth();
      return { ok: authResult === 'ok' && connected, mode, auth: authResult, ...(mode === 'socket' ? { connected } : {}) };
    },
    async republishHome(userId, workspace) {
      const client = await clientFor({ platform: 'slack', channelId: userId, ...(workspace ? { workspace } : {}) });
      await publishHome(client, ctx.app.core, { userId, workspace: workspace ?? identity?.workspace });
    },
    async stop() {
      if (mode === 'socket') await app.stop();
      await Promise.race([queue.drain(), delay(STOP_GRACE_MS, undefined, { ref: false })]);
    },
  };
}
