import { setTimeout as delay } from 'node:timers/promises';
import { App, ExpressReceiver, SocketModeReceiver, webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { Express } from 'express';
import { ErrorCode, RapporteurError } from '../../src/errors.js';
import type { Door, DoorContext } from '../door.js';
import { registerSlashCommand } from './commands.js';
import type { SlackContext } from './context.js';
import { slackFailure } from './errors.js';
import { registerEvents } from './events.js';
import { publishHome } from './home.js';
import { refuseFutureTimestamps } from './http.js';
import { registerInteractivity } from './interactivity.js';
import { boltLogger } from './logger.js';
import { WorkQueue } from './queue.js';
import { slackSender } from './sender.js';
import { EVENTS_PATH } from './surface.js';

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
  /** Publishes a person's App Home again, for jobs that change what it shows. */
  republishHome(userId: string): Promise<void>;
}

const DEFAULT_RETRIES: webApi.RetryOptions = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2000 };
const REQUEST_TIMEOUT_MS = 10_000;
/** Answers prepared at once; more wait their turn (SQLite work is synchronous). */
const ANSWERS_AT_ONCE = 4;
const AUTH_CHECK_EVERY_MS = 60_000;
const STOP_GRACE_MS = 5_000;

function clientOptions(apiUrl: string | undefined, retryConfig: webApi.RetryOptions, timeout: number): webApi.WebClientOptions {
  // The client appends the method name to the base URL as it is.
  return { ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}), retryConfig, rejectRateLimitedCalls: true, timeout };
}

/** Who the bot is, asked once at start so that Bolt need not (it would, unchecked, in its constructor). */
async function identify(client: webApi.WebClient, apiUrl: string): Promise<{ botId: string; botUserId: string }> {
  let result: webApi.AuthTestResponse;
  try {
    result = await client.auth.test();
  } catch (error) {
    const { code } = slackFailure(error);
    const message = code === 'unreachable' ? `the Slack Web API at ${apiUrl} did not answer (SLACK_API_URL)` : `Slack refused SLACK_BOT_TOKEN (${code})`;
    throw new RapporteurError(ErrorCode.InvalidConfig, message, { cause: error });
  }
  if (!result.bot_id || !result.user_id) throw new RapporteurError(ErrorCode.InvalidConfig, 'SLACK_BOT_TOKEN is not a bot token (one starting xoxb-)');
  return { botId: result.bot_id, botUserId: result.user_id };
}

/** HTTP mode: /slack/events on the shared server, every request's signature checked. */
function mountHttp(http: Express, signingSecret: string, logger: BoltLogger): ExpressReceiver {
  http.use(EVENTS_PATH, refuseFutureTimestamps());
  return new ExpressReceiver({ signingSecret, app: http, endpoints: EVENTS_PATH, logger, signatureVerification: true, processBeforeResponse: false });
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
 * HTTP on the shared server with SLACK_SIGNING_SECRET.
 */
export async function startSlackDoor(ctx: DoorContext, options: SlackDoorOptions = {}): Promise<SlackDoor> {
  const { config } = ctx.app;
  const token = config.SLACK_BOT_TOKEN;
  const appToken = config.SLACK_APP_TOKEN;
  const signingSecret = config.SLACK_SIGNING_SECRET;
  if (!token || (!appToken && !signingSecret)) {
    throw new RapporteurError(ErrorCode.InvalidConfig, 'the Slack door needs SLACK_BOT_TOKEN and either SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP)');
  }
  const mode = appToken ? 'socket' : 'http';
  const logger = ctx.app.logger.child({ door: 'slack', mode });
  const bolt = boltLogger(logger);
  const retries = options.retryConfig ?? DEFAULT_RETRIES;
  const apiUrl = config.SLACK_API_URL ?? 'https://slack.com/api/';

  const identity = await identify(new webApi.WebClient(token, clientOptions(config.SLACK_API_URL, retries, REQUEST_TIMEOUT_MS)), apiUrl);
  const receiver = appToken
    ? new SocketModeReceiver({ appToken, logger: bolt, installerOptions: { clientOptions: clientOptions(config.SLACK_API_URL, retries, REQUEST_TIMEOUT_MS) } })
    : mountHttp(ctx.http, signingSecret ?? '', bolt);
  const app = new App({ token, ...identity, receiver, logger: bolt, clientOptions: clientOptions(config.SLACK_API_URL, retries, REQUEST_TIMEOUT_MS), convoStore: false });
  app.error(async (error) => {
    logger.error({ err: error }, 'Slack listener failed');
  });

  const queue = new WorkQueue(ANSWERS_AT_ONCE, (error) => logger.error({ err: error }, 'Slack answer failed'));
  const slack: SlackContext = { core: ctx.app.core, logger, queue, command: config.SLACK_COMMAND, botUserId: identity.botUserId, token };
  registerSlashCommand(app, slack);
  registerEvents(app, slack);
  registerInteractivity(app, slack);

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
  logger.info({ botUserId: identity.botUserId, command: config.SLACK_COMMAND }, 'Slack door open');

  const auth = authCheck(new webApi.WebClient(token, clientOptions(config.SLACK_API_URL, { retries: 0 }, 3000)));
  return {
    name: 'slack',
    // No retries inside the client: a retried post after a timeout may post twice; the outbox retries, looking first.
    sender: slackSender(new webApi.WebClient(token, clientOptions(config.SLACK_API_URL, { retries: 0 }, REQUEST_TIMEOUT_MS))),
    async health() {
      const authResult = await auth();
      return { ok: authResult === 'ok' && connected, mode, auth: authResult, ...(mode === 'socket' ? { connected } : {}) };
    },
    republishHome: (userId) => publishHome(app.client, ctx.app.core, { userId }),
    async stop() {
      if (mode === 'socket') await app.stop();
      await Promise.race([queue.drain(), delay(STOP_GRACE_MS, undefined, { ref: false })]);
    },
  };
}
