import type { Door } from '../adapters/door.js';
import { consoleSender } from '../adapters/console/sender.js';
import { runRepl } from '../adapters/console/repl.js';
import { addCalendarRoute } from '../adapters/http/calendar.js';
import { close, createHttpApp, listen } from '../adapters/http/server.js';
import { configuredPlatforms } from '../adapters/platforms.js';
import { Jobs } from '../jobs/jobs.js';
import { openApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { quietLogger } from '../src/logger.js';
import type { Platform } from '../src/domain/conversations.js';
import type { Sender } from '../src/delivery.js';
import { FAILING_AFTER } from '../src/watch/politeness.js';

/** What /healthz answers: the store, Redis and each door, none of them waited on for long. */
export async function health(app: App, doors: readonly Door[], jobs: Jobs | null): Promise<{ ok: boolean } & Record<string, unknown>> {
  const problems = app.store.integrity();
  const store = problems.length
    ? { ok: false, engine: app.store.engine, error: `the store is damaged: ${problems.slice(0, 3).join('; ')}` }
    : await app.store.counts().then(
        (counts) => ({ ok: true, engine: app.store.engine, ...counts }),
        (error: Error) => ({ ok: false, engine: app.store.engine, error: error.message }),
      );
  const parts: Record<string, Record<string, unknown>> = { store, redis: jobs ? await jobs.health() : { ok: false, error: 'not connected: reminders, digests and summaries are off' } };
  for (const door of doors) parts[door.name] = await door.health().catch((error: Error) => ({ ok: false, error: error.message }));
  if (app.config.RAPPORTEUR_WATCH === 'on') parts.watch = await watchHealth(app);
  return { ok: Object.values(parts).every((p) => p.ok !== false), ...parts };
}

/**
 * The watch's hosts: one that keeps failing is named, but the bot itself is still up, so it
 * does not turn /healthz into a 503 (a load balancer would restart a bot the UN's hosts fail).
 */
async function watchHealth(app: App): Promise<Record<string, unknown>> {
  const hosts = await app.store.watch.hosts();
  const failing = hosts.filter((h) => h.failures >= FAILING_AFTER).map((h) => ({ host: h.host, failures: h.failures, lastError: h.lastError, pausedUntil: h.pausedUntil }));
  return { ok: true, watched: (await app.store.watch.items()).length, failing };
}

/** The queues, when Redis answers; without it questions are still answered, and the store keeps every schedule for later. */
async function startJobs(app: App, senders: Map<Platform, Sender>): Promise<Jobs | null> {
  try {
    const jobs = await Jobs.start({
      app,
      senders,
      redisUrl: app.config.REDIS_URL,
      prefix: app.config.RAPPORTEUR_QUEUE_PREFIX,
      workers: app.config.RAPPORTEUR_WORKERS === 'on',
      lockMs: app.config.RAPPORTEUR_JOB_LOCK_MS,
    });
    app.setJobs(jobs);
    return jobs;
  } catch (error) {
    app.logger.warn(`${(error as Error).message}. Reminders, digests and meeting summaries are off until Redis is back and Rapporteur restarts; questions are answered as usual.`);
    return null;
  }
}

/** `npm start`: every door whose variables are set, on one HTTP server, with the queue workers; with no door, the console. */
export async function start(): Promise<void> {
  const config = loadConfig();
  // At a terminal, log lines would be mixed into the conversation: only warnings, unless LOG_LEVEL asks.
  const platforms = configuredPlatforms(config);
  const consoleOnly = platforms.length === 0;
  const app = await openApp(config, consoleOnly ? { logger: quietLogger(config.LOG_LEVEL) } : {});
  const doors: Door[] = [];
  let jobs: Jobs | null = null;
  const http = createHttpApp(() => health(app, doors, jobs));
  addCalendarRoute(http, app.core);
  const ctx = { app, http };
  for (const platform of platforms) doors.push(await platform.startDoor(ctx));
  const senders = new Map<Platform, Sender>(doors.flatMap((d) => (d.sender ? [[d.sender.traits.name, d.sender] as const] : [])));

  if (doors.length === 0) {
    // The console's own reminders and digests print between its answers.
    senders.set('console', consoleSender((text) => process.stdout.write(text), Boolean(process.stdout.isTTY)));
    jobs = await startJobs(app, senders);
    try {
      await runRepl(app.core, { dataDir: config.RAPPORTEUR_DATA_DIR });
    } finally {
      await jobs?.stop();
      await app.close();
    }
    return;
  }

  jobs = await startJobs(app, senders);
  const { server, port } = await listen(http, config.PORT);
  app.logger.info({ port, doors: doors.map((d) => d.name), workers: jobs ? config.RAPPORTEUR_WORKERS : 'off' }, 'listening');
  const shutdown = async (signal: string) => {
    app.logger.info({ signal }, 'shutting down: finishing the jobs in hand');
    await close(server);
    await jobs?.stop();
    for (const door of doors) await door.stop().catch((error: Error) => app.logger.error({ err: error, door: door.name }, 'door did not stop cleanly'));
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
