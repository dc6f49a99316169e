import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

/**
 * A local Bot Connector: the service a Teams bot posts its messages to. It records every
 * activity posted to /v3/conversations/{id}/activities (a new message) and
 * /v3/conversations/{id}/activities/{activityId} (a reply; a PUT there edits the message), and can be told to refuse.
 */

export interface Posted {
  /** POST for a new message or a reply, PUT for an edited one. */
  method: 'POST' | 'PUT';
  conversationId: string;
  /** The activity replied to, from the path; null for a new message. */
  replyTo: string | null;
  activity: Partial<Activity>;
  authorization: string | undefined;
  /** performance.now() when it arrived. */
  at: number;
  /** performance.now() when the connector answered; unset while the post is in flight. */
  answeredAt?: number;
}

export interface Refusal {
  status: number;
  headers?: Record<string, string>;
}

export interface FakeConnector {
  /** The serviceUrl to put in activities. */
  url: string;
  posted: Posted[];
  /** Requests that were refused, by conversation. */
  refused: Map<string, number>;
  /** Posts into this conversation get this answer until `accept` is called. */
  refuse(conversationId: string, refusal: Refusal): void;
  accept(conversationId: string): void;
  /** Resolves with the first post (already recorded or still to come) that matches. */
  waitFor(match: (p: Posted) => boolean, timeoutMs?: number): Promise<Posted>;
  /** The posts into a conversation, in order. */
  into(conversationId: string): Posted[];
  close(): Promise<void>;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `latencyMs`: how long a post takes to answer after it is recorded, so that a crash can cut calls off in flight. */
export async function startFakeConnector(options: { latencyMs?: number } = {}): Promise<FakeConnector> {
  const posted: Posted[] = [];
  const refusals = new Map<string, Refusal>();
  const refused = new Map<string, number>();
  const events = new EventEmitter();
  events.setMaxListeners(0);
  let next = 0;

  const server = createServer(async (req, res) => {
    const route = ROUTE.exec((req.url ?? '').split('?')[0] ?? '');
    const text = await body(req);
    if (!route || (req.method !== 'POST' && req.method !== 'PUT')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'NotFound', message: `${req.method} ${req.url}` } }));
      return;
    }
    const conversationId = decodeURIComponent(route[1]!);
    const refusal = refusals.get(conversationId);
    if (refusal) {
      refused.set(conversationId, (refused.get(conversationId) ?? 0) + 1);
      res.writeHead(refusal.status, { 'content-type': 'application/json', ...refusal.headers }).end(JSON.stringify({ error: { code: 'Refused', message: `HTTP ${refusal.status}` } }));
      return;
    }
    const entry: Posted = {
      method: req.method as Posted['method'],
      conversationId,
      replyTo: route[2] ? decodeURIComponent(route[2]) : null,
      activity: JSON.parse(text) as Partial<Activity>,
      authorization: req.headers.authorization,
      at: performance.now(),
    };
    posted.push(entry);
    events.emit('posted', entry);
    res.once('finish', () => (entry.answeredAt = performance.now()));
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `posted-${++next}` }));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    posted,
    refused,
    refuse: (id, refusal) => void refusals.set(id, refusal),
    accept: (id) => void refusals.delete(id),
    into: (id) => posted.filter((p) => p.conversationId === id),
    waitFor(match, timeoutMs = 5000) {
      const found = posted.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          events.off('posted', listener);
          reject(new Error(`the fake Bot Connector received no matching activity within ${timeoutMs} ms (${posted.length} received)`));
        }, timeoutMs);
        const listener = (p: Posted) => {
          if (!match(p)) return;
          clearTimeout(timer);
          events.off('posted', listener);
          resolve(p);
        };
        events.on('posted', listener);
      });
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
