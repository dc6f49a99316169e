import type { webApi } from '@slack/bolt';
import { Agent, request, type Dispatcher } from 'undici';

/**
 * How Rapporteur's Slack clients reach the Web API: the `fetch` the Web API client takes for
 * transport, over one pool of kept-alive connections per process. The client's default, the
 * global `fetch`, wraps every answer in WHATWG streams and objects the client reads once; for a
 * burst of reminders that was half the CPU of a post (bench/jobs). Slack's answers are small
 * JSON bodies, read whole.
 */

type FetchResponse = Awaited<ReturnType<webApi.FetchFunction>>;
type RequestInit = Parameters<webApi.FetchFunction>[1];

/** Connections kept to one host: as many as the outbox sends at once. */
const CONNECTIONS = 64;

let pool: Agent | null = null;

class SlackResponse implements FetchResponse {
  readonly ok: boolean;
  readonly statusText = '';
  readonly headers: FetchResponse['headers'];

  constructor(
    readonly url: string,
    readonly status: number,
    raw: Record<string, string | string[] | undefined>,
    private readonly body: Buffer,
  ) {
    this.ok = status >= 200 && status < 300;
    const value = (v: string | string[] | undefined) => (v === undefined ? null : Array.isArray(v) ? v.join(', ') : v);
    this.headers = {
      get: (name) => value(raw[name.toLowerCase()]),
      entries: () => Object.entries(raw).flatMap(([k, v]) => (v === undefined ? [] : [[k, value(v)!] as [string, string]])),
    };
  }

  async text(): Promise<string> {
    return this.body.toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body.toString('utf8'));
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return new Uint8Array(this.body).buffer;
  }
}

/** The transport for a Web API client's `fetch` option; a multipart upload goes through the global `fetch`, which builds its form. */
export const slackFetch: webApi.FetchFunction = async (input, init: RequestInit = {}) => {
  const url = String(input);
  if (init.body !== undefined && typeof init.body !== 'string') return fetch(url, init);
  pool ??= new Agent({ connections: CONNECTIONS, keepAliveTimeout: 30_000 });
  // No redirects are followed: the client asks for none ('error'), and a 3xx is not a Web API answer.
  const answer = await request(url, { method: (init.method ?? 'GET') as Dispatcher.HttpMethod, headers: init.headers ?? {}, body: init.body ?? null, signal: init.signal ?? null, dispatcher: pool });
  const body = Buffer.from(await answer.body.arrayBuffer());
  return new SlackResponse(url, answer.statusCode, answer.headers, body);
};

/** A Web API client's options as Rapporteur sets them: its base URL, retries, the outbox's own handling of rate limits, a timeout, and the transport. */
export function clientOptions(apiUrl: string | undefined, retryConfig: webApi.RetryOptions, timeout: number): webApi.WebClientOptions {
  // The client appends the method name to the base URL as it is.
  return { ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}), retryConfig, rejectRateLimitedCalls: true, timeout, fetch: slackFetch };
}
