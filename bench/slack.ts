import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { App, ExpressReceiver } from '@slack/bolt';
import express from 'express';
import { pino } from 'pino';
import { close, createHttpApp, listen } from '../adapters/http/server.js';
import { startSlackDoor } from '../adapters/slack/index.js';
import { boltLogger } from '../adapters/slack/logger.js';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { BOT, SIGNING_SECRET, signature, slashCommand, startFakeSlack, type FakeSlack } from '../test/support/fakeSlack.js';

/**
 * Slack ack latency: 200 signed slash commands posted at once to /slack/events of the real
 * Slack door (HTTP receiver on the shared server, the real core over a fresh store with the
 * seeds, answers through response_url to a local fake Slack), and the same to a bare Bolt app
 * that only acks, in the same run. Ack latency is from the POST to Slack's HTTP response;
 * Slack allows 3,000 ms. The requests come from a worker thread, which also plays Slack's side
 * (the fake Web API and response_url), so that Slack's work does not queue behind ours on one
 * event loop. Run with `npm run build && node dist/bench/slack.js`.
 */

process.env.NO_PROXY = '127.0.0.1,localhost';
process.env.no_proxy = '127.0.0.1,localhost';

const CONCURRENT = 200;
const ROUNDS = 5;
const QUESTION = 'status of para 36 Azerbaijan';

interface Target {
  name: string;
  endpoint: string;
  /** The door answers every command through response_url; the bare app does not. */
  answers: boolean;
}

type ToSlack = { type: 'round'; target: Target };
type FromSlack = { type: 'ready'; apiUrl: string } | ({ type: 'round' } & Round);

interface Round {
  acks: number[];
  answers: number[];
}

// node:http with kept-alive sockets: fetch's own overhead would be most of what is measured.
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENT });

/** Resolves with the status once the response has started: the ack. */
function post(endpoint: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(endpoint, { method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Posts CONCURRENT signed commands at once; each one's ack latency, and for the door its answer latency. */
async function round(target: Target, slack: FakeSlack): Promise<Round> {
  const timestamp = Math.floor(Date.now() / 1000);
  // Signed before the clock starts: signing is Slack's work, not ours.
  const requests = Array.from({ length: CONCURRENT }, () => {
    const responseUrl = slack.responseUrl();
    const command = slashCommand(QUESTION, { responseUrl });
    return { id: responseUrl.slice(responseUrl.lastIndexOf('/') + 1), body: command.body, signature: signature(command.body, timestamp), started: 0, acked: 0 };
  });
  const already = slack.responses.length;
  await Promise.all(
    requests.map(async (r) => {
      r.started = performance.now();
      const status = await post(target.endpoint, r.body, { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': r.signature });
      r.acked = performance.now();
      if (status !== 200) throw new Error(`${target.name}: HTTP ${status}`);
    }),
  );
  if (!target.answers) return { acks: requests.map((r) => r.acked - r.started), answers: [] };
  await slack.waitFor(() => slack.responses.length >= already + CONCURRENT, 120_000);
  const arrived = new Map(slack.responses.slice(already).map((p) => [p.id, p.at]));
  return { acks: requests.map((r) => r.acked - r.started), answers: requests.map((r) => arrived.get(r.id)! - r.started) };
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const figures = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1)! };
};

/** Slack's side, on the worker thread: the fake Web API and response_url, and the requests. */
async function slackSide(): Promise<void> {
  const port = parentPort!;
  const slack = await startFakeSlack();
  port.on('message', (message: ToSlack) => {
    // A failed round ends the worker with its error, which the main thread's wait then throws.
    void round(message.target, slack).then((result) => port.postMessage({ type: 'round', ...result } satisfies FromSlack));
  });
  port.postMessage({ type: 'ready', apiUrl: slack.apiUrl } satisfies FromSlack);
}

async function main(): Promise<void> {
  const worker = new Worker(new URL(import.meta.url));
  const [ready] = (await once(worker, 'message')) as [FromSlack];
  if (ready.type !== 'ready') throw new Error('the Slack side did not start');
  const playRound = async (target: Target): Promise<Round> => {
    worker.postMessage({ type: 'round', target } satisfies ToSlack);
    const [result] = (await once(worker, 'message')) as [FromSlack];
    if (result.type !== 'round') throw new Error('unexpected message from the Slack side');
    return result;
  };
  const silent = pino({ level: 'silent' });
  const dataDir = mkdtempSync(join(tmpdir(), 'rapporteur-bench-slack-'));
  const app = await openApp(
    loadConfig({ RAPPORTEUR_DATA_DIR: dataDir, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: ready.apiUrl, LOG_LEVEL: 'silent' }),
    { logger: silent },
  );
  const doorHttp = createHttpApp(async () => ({ ok: true }));
  const door = await startSlackDoor({ app, http: doorHttp });
  const doorServer = await listen(doorHttp, 0, '127.0.0.1');

  // The baseline: Bolt's own overhead (signature, parsing, dispatch) and nothing else.
  const bareHttp = express();
  const bare = new App({
    token: 'xoxb-bench',
    botId: BOT.botId,
    botUserId: BOT.userId,
    logger: boltLogger(silent),
    receiver: new ExpressReceiver({ signingSecret: SIGNING_SECRET, app: bareHttp, logger: boltLogger(silent) }),
  });
  bare.command('/tb', async ({ ack }) => {
    await ack();
  });
  const bareServer = await listen(bareHttp, 0, '127.0.0.1');

  const targets: Target[] = [
    { name: 'Rapporteur Slack door (ack, then core, store, Block Kit, respond)', endpoint: `http://127.0.0.1:${doorServer.port}/slack/events`, answers: true },
    { name: 'bare Bolt app that only acks (baseline)', endpoint: `http://127.0.0.1:${bareServer.port}/slack/events`, answers: false },
  ];
  const samples = new Map<string, Round>(targets.map((t) => [t.name, { acks: [], answers: [] }]));
  try {
    for (const target of targets) await playRound(target);
    // Alternate, so that both meet the same state of the machine.
    for (let r = 0; r < ROUNDS; r++) {
      for (const target of targets) {
        const result = await playRound(target);
        samples.get(target.name)!.acks.push(...result.acks);
        samples.get(target.name)!.answers.push(...result.answers);
      }
    }
  } finally {
    await close(doorServer.server);
    await close(bareServer.server);
    await door.stop();
    await app.close();
    await worker.terminate();
    rmSync(dataDir, { recursive: true, force: true });
  }

  console.log(`${CONCURRENT} signed slash commands posted at once, ${ROUNDS} rounds per app after a warm-up round; “${QUESTION}”.`);
  console.log('Ack latency: from the POST to /slack/events to its HTTP response (Slack allows 3,000 ms).\n');
  console.log('| app | ack p50 ms | ack p99 ms | ack max ms |');
  console.log('|---|---|---|---|');
  const [doorAcks, bareAcks] = targets.map((t) => {
    const f = figures(samples.get(t.name)!.acks);
    console.log(`| ${t.name} | ${f.p50.toFixed(1)} | ${f.p99.toFixed(1)} | ${f.max.toFixed(1)} |`);
    return f;
  }) as [ReturnType<typeof figures>, ReturnType<typeof figures>];
  const answers = figures(samples.get(targets[0]!.name)!.answers);
  console.log(`\nRatio to the bare app: ack p50 ${(doorAcks.p50 / bareAcks.p50).toFixed(2)}×, ack p99 ${(doorAcks.p99 / bareAcks.p99).toFixed(2)}× (goals: p99 under 100 ms, ratio under 1.5×).`);
  console.log(`Door answers (POST to the answer at response_url): p50 ${answers.p50.toFixed(0)} ms, p99 ${answers.p99.toFixed(0)} ms, max ${answers.max.toFixed(0)} ms.`);
}

if (isMainThread) await main();
else await slackSide();
