import type { Door } from '../adapters/door.js';
import { close, createHttpApp, listen } from '../adapters/http/server.js';
import { runRepl } from '../adapters/console/repl.js';
import { startSlackDoor } from '../adapters/slack/index.js';
import { startTeamsDoor } from '../adapters/teams/index.js';
import { openApp, type App } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';

export const slackConfigured = (c: Config): boolean => Boolean(c.SLACK_BOT_TOKEN && (c.SLACK_SIGNING_SECRET || c.SLACK_APP_TOKEN));
export const teamsConfigured = (c: Config): boolean => Boolean(c.MICROSOFT_APP_ID || c.TEAMS_ENABLED);

async function health(app: App, doors: readonly Door[]): Promise<{ ok: boolean } & Record<string, unknown>> {
  const store = await app.store.counts().then(
    (counts) => ({ ok: true, engine: app.store.engine, ...counts }),
    (error: Error) => ({ ok: false, engine: app.store.engine, error: error.message }),
  );
  const parts: Record<string, Record<string, unknown>> = { store };
  for (const door of doors) parts[door.name] = await door.health().catch((error: Error) => ({ ok: false, error: error.message }));
  return { ok: Object.values(parts).every((p) => p.ok !== false), ...parts };
}

/** `npm start`: every door whose variables are set, on one HTTP server; with none, the console. */
export async function start(): Promise<void> {
  const config = loadConfig();
  const app = await openApp(config);
  const doors: Door[] = [];
  const http = createHttpApp(() => health(app, doors));
  const ctx = { app, http };
  if (slackConfigured(config)) doors.push(await startSlackDoor(ctx));
  if (teamsConfigured(config)) doors.push(await startTeamsDoor(ctx));
  void ctx;

  if (doors.length === 0) {
    try {
      await runRepl(app.core, { dataDir: config.RAPPORTEUR_DATA_DIR });
    } finally {
      await app.close();
    }
    return;
  }

  const { server, port } = await listen(http, config.PORT);
  app.logger.info({ port, doors: doors.map((d) => d.name) }, 'listening');
  const shutdown = async (signal: string) => {
    app.logger.info({ signal }, 'shutting down');
    await close(server);
    for (const door of doors) await door.stop().catch((error: Error) => app.logger.error({ err: error, door: door.name }, 'door did not stop cleanly'));
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
