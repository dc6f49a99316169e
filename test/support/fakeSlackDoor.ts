import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino, type Logger } from 'pino';
import { close, createHttpApp, listen } from '../../adapters/http/server.js';
import { startSlackDoor, type SlackDoor } from '../../adapters/slack/index.js';
import { openApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { OAUTH_APP, SIGNING_SECRET, startFakeSlack, type FakeSlack } from './fakeSlack.js';
import { TEST_DATABASE_URL, type EngineName } from './stores.js';

// Local fakes only: a proxy from the environment must not catch these requests.
process.env.NO_PROXY = '127.0.0.1,localhost';

/** The Rapporteur Slack door as `npm start` builds it (real core over a fresh seeded store), talking to a fake Slack. */
export interface SlackDoorHarness {
  fake: FakeSlack;
  app: App;
  door: SlackDoor;
  /** http://127.0.0.1:PORT/slack/events (HTTP mode). */
  eventsUrl: string;
  /** http://127.0.0.1:PORT, for the install pages. */
  baseUrl: string;
  close(): Promise<void>;
}

export interface DoorOptions {
  /** The store's engine: PostgreSQL gets a schema of its own, dropped on close. */
  engine?: EngineName;
  logger?: Logger;
}

async function postgresSchema(): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `s_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const query = async (text: string) => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    await client.query(text);
    await client.end();
  };
  await query(`create schema ${schema}`);
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), drop: () => query(`drop schema ${schema} cascade`) };
}

/** A distributed app (OAuth, many workspaces) as `npm start` builds it with SLACK_CLIENT_ID, talking to a fake Slack. */
export function openDistributedSlackDoor(options: DoorOptions = {}, env: Record<string, string> = {}, fake?: FakeSlack): Promise<SlackDoorHarness> {
  return openSlackDoor(
    {
      SLACK_BOT_TOKEN: '',
      SLACK_CLIENT_ID: OAUTH_APP.clientId,
      SLACK_CLIENT_SECRET: OAUTH_APP.clientSecret,
      SLACK_STATE_SECRET: 'test-state-secret-0123456789abcdef-0123',
      ...env,
    },
    fake,
    options,
  );
}

export async function openSlackDoor(env: Record<string, string> = {}, fake?: FakeSlack, options: DoorOptions = {}): Promise<SlackDoorHarness> {
  const slack = fake ?? (await startFakeSlack());
  const dataDir = mkdtempSync(join(tmpdir(), 'rapporteur-slack-'));
  const postgres = options.engine === 'postgres' ? await postgresSchema() : null;
  const config = loadConfig({
    RAPPORTEUR_DATA_DIR: dataDir,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    RAPPORTEUR_ADMINS: 'slack:U0ADMIN',
    LOG_LEVEL: 'silent',
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    ...env,
  });
  const app = await openApp(config, { clock: () => new Date('2026-11-29T09:00:00Z'), logger: options.logger ?? pino({ level: 'silent' }) });
  const http = createHttpApp(async () => ({ ok: true }));
  let door: SlackDoor;
  let server: Server;
  let port: number;
  try {
    door = await startSlackDoor({ app, http }, { retryConfig: { retries: 0 }, connectTimeoutMs: 3000 });
    ({ server, port } = await listen(http, 0, '127.0.0.1'));
  } catch (error) {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
    await postgres?.drop();
    if (!fake) await slack.close();
    throw error;
  }
  return {
    fake: slack,
    app,
    door,
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await close(server);
      await door.stop();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
      await postgres?.drop();
      if (!fake) await slack.close();
    },
  };
}
