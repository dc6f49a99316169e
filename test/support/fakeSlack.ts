import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Slack: the Web API (what Bolt's WebClient calls, at SLACK_API_URL)
 * and response_url, on 127.0.0.1. It records every call, and can be told to fail the next
 * calls to a method with a Slack error or an HTTP 429, as Slack does.
 */

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  token: string | null;
  /** What the fake answered: "ok", a Slack error name, or "http_429". */
  outcome: string;
  /** Date.now() when the call arrived. */
  at: number;
  /** Date.now() when the fake answered; unset while the call is in flight. */
  answeredAt?: number;
}

/** A message in a conversation, as conversations.history returns it. */
export interface SlackMessage {
  channel: string;
  ts: string;
  text: string;
  threadTs?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export interface ResponsePost {
  /** The id in the response_url, one per command, button press or shortcut. */
  id: string;
  body: Record<string, unknown>;
  /** When it arrived (performance.now()). */
  at: number;
}

/** `afterPosting`: the message is posted, then the answer is a 500 (Slack failing after the write). */
export type Failure = { error: string; needed?: string } | { status: 429; retryAfter: number } | { status: 500; afterPosting?: boolean };

export const BOT = { userId: 'UBOT', botId: 'BBOT', teamId: 'T0TREATY' };

/** A workspace the app can be installed in: what oauth.v2.access grants there, and who auth.test says its token is. */
export interface Workspace {
  teamId: string;
  teamName: string;
  enterpriseId?: string;
  /** An org-wide install: the installation is the enterprise's, with no team. */
  enterpriseInstall?: boolean;
  botUserId: string;
  botId: string;
  botToken: string;
  installer: string;
}

/** The distributed app as Slack knows it (Basic Information). */
export const OAUTH_APP = { clientId: '1234567890.0987654321', clientSecret: 'test-client-secret-abcdef', appId: 'A0RAPPORTEUR' };

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The WebClient sends form fields, with objects and arrays as JSON. */
function parseForm(body: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    out[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return out;
}

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponsePost[] = [];
  /** Where apps.connections.open sends the Socket Mode client. */
  socketUrl: string | null = null;
  /** Files shared in events, served at their url_private_download to a request with a bot token. */
  private readonly files = new Map<string, { bytes: Uint8Array; mimetype: string }>();
  /** Every download of a shared file: its id and the token it came with. */
  readonly downloads: Array<{ id: string; token: string | null }> = [];
  private readonly failures = new Map<string, Failure[]>();
  /** Every failure until a time (Date.now()), by method. */
  private readonly failingUntil = new Map<string, { until: number; failure: Failure }>();
  /** What the bot posted, by conversation, oldest first. */
  readonly messages = new Map<string, SlackMessage[]>();
  /** How long chat.postMessage takes to answer, after the message is posted: calls in flight for a crash to cut off. */
  postLatencyMs = 0;
  /** Authorization codes Slack would hand an installer on its consent page, each good once. */
  private readonly codes = new Map<string, Workspace>();
  /** Tokens Slack knows, with the workspace they act in; any other token acts as BOT (the single-workspace token). */
  private readonly tokens = new Map<string, Workspace>();
  private readonly revoked = new Set<string>();
  private readonly expired = new Set<string>();
  private readonly server = createServer((req, res) => void this.handle(req, res));
  private port = 0;
  private ts = 1_764_400_000;
  private responseIds = 0;

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A fresh response_url, as Slack puts in each command, button press and shortcut. */
  responseUrl(): string {
    return `http://127.0.0.1:${this.port}/respond/${++this.responseIds}`;
  }

  /** Slack refuses a response_url after 30 minutes or five uses, with a 404. */
  expire(responseUrl: string): void {
    this.expired.add(responseUrl.slice(responseUrl.lastIndexOf('/') + 1));
  }

  /** A file as a message or mention event carries it; `size` may claim other than the bytes. */
  shareFile(name: string, bytes: Uint8Array, mimetype: string, size = bytes.byteLength): Record<string, unknown> {
    const id = `F${String(this.files.size + 1).padStart(8, '0')}`;
    this.files.set(id, { bytes, mimetype });
    return { id, name, size, mimetype, url_private_download: `http://127.0.0.1:${this.port}/files-pri/${BOT.teamId}-${id}/download/${encodeURIComponent(name)}` };
  }

  /** An installer consents in `workspace`: the code Slack sends to the redirect URL. */
  consent(workspace: Workspace): string {
    const code = `code-${workspace.teamId}-${this.codes.size + 1}`;
    this.codes.set(code, workspace);
    return code;
  }

  /** Slack stops taking a token (the app was uninstalled, or its token revoked). */
  revoke(token: string): void {
    this.revoked.add(token);
  }

  failNext(method: string, failure: Failure, times = 1): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...Array.from({ length: times }, () => failure)]);
  }

  /** Fails every call to a method for `ms` from now. */
  failFor(method: string, failure: Failure, ms: number): void {
    this.failingUntil.set(method, { until: Date.now() + ms, failure });
  }

  /** The messages posted into a conversation (threads included), oldest first. */
  postedIn(channel: string): SlackMessage[] {
    return this.messages.get(channel) ?? [];
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  responsesTo(url: string): ResponsePost[] {
    const id = url.slice(url.lastIndexOf('/') + 1);
    return this.responses.filter((r) => r.id === id);
  }

  /** Waits (briefly) until `find` returns something: answers are sent after the ack. */
  async waitFor<T>(find: () => T | undefined | false, timeoutMs = 3000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found) return found;
      if (Date.now() > until) throw new Error(`the fake Slack did not see what was expected within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrived = Date.now();
    const body = await readBody(req);
    const url = req.url ?? '';
    const download = /^\/files-pri\/[A-Z0-9]+-(F\d+)\//.exec(url);
    if (download) {
      const auth = req.headers.authorization;
      const token = auth?.startsWith('Bearer ') ? auth.slice(7) : null;
      this.downloads.push({ id: download[1]!, token });
      const file = this.files.get(download[1]!);
      // Without a token Slack answers with its sign-in page, as it does for a missing files:read scope.
      if (!token) res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Sign in</body></html>');
      else if (!file) res.writeHead(404, { 'content-type': 'text/plain' }).end('file_not_found');
      else res.writeHead(200, { 'content-type': file.mimetype }).end(file.bytes);
      return;
    }
    if (url.startsWith('/respond/')) {
      if (this.expired.has(url.slice('/respond/'.length))) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('expired_url');
        return;
      }
      this.responses.push({ id: url.slice('/respond/'.length), body: JSON.parse(body) as Record<string, unknown>, at: performance.now() });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const method = url.replace(/^\/api\//, '').split('?')[0] ?? '';
    const auth = req.headers.authorization;
    const call: ApiCall = { method, args: parseForm(body), token: auth?.startsWith('Bearer ') ? auth.slice(7) : null, outcome: 'ok', at: arrived };
    this.calls.push(call);
    const failing = this.failingUntil.get(method);
    const failure = this.failures.get(method)?.shift() ?? (failing && failing.until > arrived ? failing.failure : undefined);
    res.once('finish', () => (call.answeredAt = Date.now()));
    if (failure && 'status' in failure && failure.status === 500) {
      if (failure.afterPosting) this.result(method, call.args, call.token);
      call.outcome = failure.afterPosting ? 'posted_then_http_500' : 'http_500';
      res.writeHead(500, { 'content-type': 'text/plain' }).end('internal server error');
      return;
    }
    if (failure && 'status' in failure) {
      call.outcome = 'http_429';
      res.writeHead(429, { 'retry-after': String(failure.retryAfter), 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const refusal = failure ? failure.error : this.refusal(method, call);
    if (refusal) {
      call.outcome = refusal;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, ...(failure ?? {}), error: refusal }));
      return;
    }
    const result = this.result(method, call.args, call.token);
    if (method === 'chat.postMessage' && this.postLatencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.postLatencyMs));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, ...result }));
  }

  /** conversations.history (top-level messages) and .replies (a thread), newest first, from `oldest`, a page at a time. */
  private history(args: Record<string, unknown>, thread: string | null): Record<string, unknown> {
    const oldest = Number(args.oldest ?? 0);
    const limit = Number(args.limit ?? 100);
    const offset = Number(args.cursor ?? 0);
    const all = this.postedIn(String(args.channel))
      .filter((m) => (thread ? m.threadTs === thread || m.ts === thread : !m.threadTs) && Number(m.ts) >= oldest)
      .reverse();
    const page = all.slice(offset, offset + limit).map((m) => ({
      type: 'message',
      user: BOT.userId,
      bot_id: BOT.botId,
      ts: m.ts,
      text: m.text,
      ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
      // Slack leaves metadata out unless asked for it.
      ...(m.metadata && args.include_all_metadata !== undefined && String(args.include_all_metadata) !== 'false' ? { metadata: m.metadata } : {}),
    }));
    const more = offset + limit < all.length;
    return { messages: page, has_more: more, response_metadata: { next_cursor: more ? String(offset + limit) : '' } };
  }

  /** What Slack itself refuses: a revoked token, a code used twice, a modal or unfurl it would not show. */
  private refusal(method: string, call: ApiCall): string | null {
    if (call.token && this.revoked.has(call.token)) return 'token_revoked';
    const { args } = call;
    if (method === 'oauth.v2.access') {
      if (args.client_id !== OAUTH_APP.clientId || args.client_secret !== OAUTH_APP.clientSecret) return 'invalid_client';
      return this.codes.has(String(args.code)) ? null : 'invalid_code';
    }
    if (method === 'views.open') {
      const view = args.view as { type?: string; title?: { text?: string }; blocks?: unknown[] } | undefined;
      if (!args.trigger_id) return 'invalid_trigger_id';
      if (view?.type !== 'modal' || !view.title?.text || view.title.text.length > 24 || (view.blocks?.length ?? 0) > 100) return 'invalid_arguments';
    }
    if (method === 'chat.unfurl') {
      if (!args.unfurls || typeof args.unfurls !== 'object') return 'invalid_unfurls_format';
      if (!(args.channel && args.ts) && !(args.unfurl_id && args.source)) return 'cannot_find_message';
    }
    return null;
  }

  private result(method: string, args: Record<string, unknown>, token: string | null): Record<string, unknown> {
    switch (method) {
      case 'auth.test': {
        const ws = token ? this.tokens.get(token) : undefined;
        if (!ws) return { url: 'https://treaty-bodies.slack.com/', team: 'Treaty bodies', user: 'rapporteur', team_id: BOT.teamId, user_id: BOT.userId, bot_id: BOT.botId };
        return {
          url: `https://${ws.teamId.toLowerCase()}.slack.com/`,
          team: ws.teamName,
          user: 'rapporteur',
          team_id: ws.teamId,
          user_id: ws.botUserId,
          bot_id: ws.botId,
          ...(ws.enterpriseId ? { enterprise_id: ws.enterpriseId, is_enterprise_install: ws.enterpriseInstall === true } : {}),
        };
      }
      case 'oauth.v2.access': {
        const ws = this.codes.get(String(args.code))!;
        this.codes.delete(String(args.code));
        this.tokens.set(ws.botToken, ws);
        return {
          app_id: OAUTH_APP.appId,
          authed_user: { id: ws.installer },
          scope: String(args.scope ?? 'commands,chat:write'),
          token_type: 'bot',
          access_token: ws.botToken,
          bot_user_id: ws.botUserId,
          team: ws.enterpriseInstall ? null : { id: ws.teamId, name: ws.teamName },
          enterprise: ws.enterpriseId ? { id: ws.enterpriseId, name: `${ws.teamName} Grid` } : null,
          is_enterprise_install: ws.enterpriseInstall === true,
        };
      }
      case 'views.open':
        return { view: { id: `V${String(this.calls.length).padStart(8, '0')}`, ...(args.view as object), hash: `${Date.now()}.hash` } };
      case 'apps.connections.open':
        return { url: this.socketUrl };
      case 'chat.postMessage': {
        const ts = `${++this.ts}.000100`;
        const channel = String(args.channel);
        const message: SlackMessage = {
          channel,
          ts,
          text: String(args.text ?? ''),
          ...(args.thread_ts ? { threadTs: String(args.thread_ts) } : {}),
          ...(args.metadata ? { metadata: args.metadata as SlackMessage['metadata'] & object } : {}),
        };
        this.messages.set(channel, [...this.postedIn(channel), message]);
        return { channel, ts, message: { text: args.text, ts } };
      }
      case 'conversations.history':
        return this.history(args, null);
      case 'conversations.replies':
        return this.history(args, String(args.ts));
      case 'views.publish':
        return { view: { id: 'VHOME', type: 'home' } };
      default:
        return {};
    }
  }
}

export async function startFakeSlack(): Promise<FakeSlack> {
  return new FakeSlack().start();
}

// ── Requests as Slack signs them ─────────────────────────────────────────────

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

/** Slack's v0 signature: HMAC-SHA256 of "v0:<timestamp>:<body>" with the signing secret. */
export function signature(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface PostOptions {
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  secret?: string;
  headers?: Record<string, string>;
}

export interface SlackBody {
  body: string;
  contentType: string;
}

export async function postSigned(url: string, { body, contentType }: SlackBody, options: PostOptions = {}): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature(body, timestamp, options.secret),
      ...options.headers,
    },
    body,
  });
}

let triggers = 0;
export const triggerId = (): string => `${Date.now()}.${++triggers}.trigger`;

export interface Person {
  id: string;
  name: string;
}
export const ANA: Person = { id: 'U0ANA', name: 'ana' };

export function slashCommand(
  text: string,
  options: { responseUrl: string; triggerId?: string | null; user?: Person; channel?: string; command?: string; team?: string; enterprise?: string },
): SlackBody & { payload: Record<string, string> } {
  const user = options.user ?? ANA;
  const payload: Record<string, string> = {
    token: 'verification-token',
    team_id: options.team ?? BOT.teamId,
    team_domain: 'treaty-bodies',
    channel_id: options.channel ?? 'C0CMW',
    channel_name: 'cmw-follow-up',
    user_id: user.id,
    user_name: user.name,
    command: options.command ?? '/tb',
    text,
    api_app_id: 'A0RAPPORTEUR',
    // An org-wide install: the enterprise's, whichever of its workspaces the command comes from.
    is_enterprise_install: options.enterprise ? 'true' : 'false',
    ...(options.enterprise ? { enterprise_id: options.enterprise } : {}),
    response_url: options.responseUrl,
    trigger_id: options.triggerId === null ? '' : (options.triggerId ?? triggerId()),
  };
  // Some clients and gateways send no trigger id at all.
  if (options.triggerId === null) delete payload.trigger_id;
  return { payload, body: new URLSearchParams(payload).toString(), contentType: 'application/x-www-form-urlencoded' };
}

export function eventCallback(event: Record<string, unknown>, eventId: string, options: { team?: string; authorizations?: boolean } = {}): SlackBody & { payload: Record<string, unknown> } {
  const team = options.team ?? BOT.teamId;
  const payload = {
    token: 'verification-token',
    team_id: team,
    api_app_id: 'A0RAPPORTEUR',
    event: { event_ts: String(event.ts ?? '1764400000.000200'), ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: 1_764_400_000,
    // app_uninstalled and tokens_revoked come with no authorizations: there is no token left.
    ...(options.authorizations === false ? {} : { authorizations: [{ team_id: team, user_id: BOT.userId, is_bot: true, is_enterprise_install: false }] }),
  };
  return { payload, body: JSON.stringify(payload), contentType: 'application/json' };
}

/** Interactivity (buttons, shortcuts) arrives as a form with one field, `payload`, holding JSON. */
export function interaction(payload: Record<string, unknown>): SlackBody {
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' };
}

export function buttonPress(button: { action_id: string; value?: string; text?: unknown }, where: { responseUrl?: string; channel?: string; user?: Person; inHome?: boolean; team?: string }): SlackBody {
  const user = where.user ?? ANA;
  const team = where.team ?? BOT.teamId;
  return interaction({
    type: 'block_actions',
    user: { id: user.id, username: user.name, name: user.name, team_id: team },
    api_app_id: 'A0RAPPORTEUR',
    token: 'verification-token',
    container: where.inHome ? { type: 'view', view_id: 'VHOME' } : { type: 'message', message_ts: '1764400000.000300', channel_id: where.channel ?? 'C0CMW', is_ephemeral: true },
    trigger_id: triggerId(),
    team: { id: team, domain: 'treaty-bodies' },
    ...(where.inHome ? { view: { id: 'VHOME', type: 'home', blocks: [] } } : { channel: { id: where.channel ?? 'C0CMW', name: 'cmw-follow-up' } }),
    ...(where.responseUrl ? { response_url: where.responseUrl } : {}),
    actions: [{ ...button, block_id: 'b1', type: 'button', action_ts: '1764400001.000400' }],
  });
}

export function messageShortcut(text: string, where: { responseUrl: string; channel?: string; user?: Person; callbackId?: string; team?: string }): SlackBody {
  const user = where.user ?? ANA;
  const team = where.team ?? BOT.teamId;
  return interaction({
    type: 'message_action',
    callback_id: where.callbackId ?? 'find_in_treaty_documents',
    trigger_id: triggerId(),
    message_ts: '1764400000.000500',
    response_url: where.responseUrl,
    message: { type: 'message', user: 'U0BEN', ts: '1764400000.000500', text },
    user: { id: user.id, name: user.name, username: user.name, team_id: team },
    channel: { id: where.channel ?? 'C0CMW', name: 'cmw-follow-up' },
    team: { id: team, domain: 'treaty-bodies' },
    token: 'verification-token',
    action_ts: '1764400001.000600',
  });
}

/** A modal submitted (view_submission): the values as Slack sends them, by block and action id. */
export function viewSubmission(view: { id: string; hash?: string; callback_id: string; private_metadata: string }, values: Record<string, Record<string, unknown>>, where: { user?: Person; team?: string } = {}): SlackBody {
  const user = where.user ?? ANA;
  const team = where.team ?? BOT.teamId;
  return interaction({
    type: 'view_submission',
    team: { id: team, domain: 'treaty-bodies' },
    user: { id: user.id, username: user.name, name: user.name, team_id: team },
    api_app_id: 'A0RAPPORTEUR',
    token: 'verification-token',
    trigger_id: triggerId(),
    view: { ...view, hash: view.hash ?? '1764400000.hash', type: 'modal', team_id: team, app_id: 'A0RAPPORTEUR', bot_id: BOT.botId, blocks: [], state: { values } },
    response_urls: [],
    is_enterprise_install: false,
  });
}
