import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';

/**
 * The one HTTP server every HTTP door shares: /slack/events, /api/messages and /healthz.
 * `health` reports the store, Redis and each door; 503 when any part is down.
 */
export function createHttpApp(health: () => Promise<{ ok: boolean } & Record<string, unknown>>): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', async (_req, res) => {
    try {
      const status = await health();
      res.status(status.ok ? 200 : 503).json(status);
    } catch (error) {
      res.status(503).json({ ok: false, error: (error as Error).message });
    }
  });
  return app;
}

export async function listen(app: Express, port: number, host = '0.0.0.0'): Promise<{ server: Server; port: number }> {
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return { server, port: (server.address() as AddressInfo).port };
}

export async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
