import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { close, createHttpApp, listen } from '../../adapters/http/server.js';
import { startSlackDoor, type SlackDoor } from '../../adapters/slack/index.js';
import { openApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { SIGNING_SECRET, startFakeSlack, type FakeSlack } from './fakeSlack.js';

// Local fakes only: a proxy from the environment must not catch these requests.
process.env.NO_PROXY = '127.0.0.1,localhost';

/** The Rapporteur Slack door as `npm start` builds it (real core over a fresh seeded store), talking to a fake Slack. */
export interface SlackDoorHarness {
  fake: FakeSlack;
  app: App;
  door: SlackDoor;
  /** http://127.0.0.1:PORT/slack/events (HTTP mode). */
  eventsUrl: string;
  close(): Promise<void>;
}

export async function openSlackDoor(env: Record<string, string> = {}, fake?: FakeSlack): Promise<SlackDoorHarness> {
  const slack = fake ?? (await startFakeSlack());
  const dataDir = mkdtempSync(join(tmpdir(), 'rapporteur-slack-'));
  const config = loadConfig({
    RAPPORTEUR_DATA_DIR: dataDir,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    RAPPORTEUR_ADMINS: 'slack:U0ADMIN',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const app = await openApp(config, { clock: () => new Date('2026-11-29T09:00:00Z'), logger: pino({ level: 'silent' }) });
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
    if (!fake) await slack.close();
    throw error;
  }
  return {
    fake: slack,
    app,
    door,
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    async close() {
      await close(server);
      await door.stop();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (!fake) await slack.close();
    },
  };
}
