import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/**
 * A Redis server of a test's own, without persistence: it can be wiped (FLUSHALL), stopped
 * and started again empty without touching the shared Redis other tests use.
 */
export interface PrivateRedis {
  url: string;
  flushAll(): Promise<void>;
  /** Cuts every client's connection (CLIENT KILL): they reconnect as after a network blip. */
  killClients(): Promise<void>;
  /** SIGKILL: Redis is down until `start`. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty (a restart without persistence); running already, nothing. */
  start(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const running = () => child !== null && child.exitCode === null && child.signalCode === null;
  const start = async () => {
    if (running()) return;
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const until = Date.now() + 5000;
    for (;;) {
      const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        if ((await probe.ping()) === 'PONG') return;
      } catch {
        if (Date.now() > until) throw new Error(`redis-server did not start on port ${port}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        probe.disconnect();
      }
    }
  };
  await start();
  return {
    url,
    start,
    async flushAll() {
      const client = new Redis(url);
      await client.flushall();
      client.disconnect();
    },
    async killClients() {
      const client = new Redis(url);
      await client.call('CLIENT', 'KILL', 'TYPE', 'normal');
      client.disconnect();
    },
    async stop() {
      // Stopped already (killed by a signal, exitCode stays null): no 'exit' is coming.
      if (!running()) return;
      const server = child!;
      const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
      server.kill('SIGKILL');
      await exited;
    },
  };
}
