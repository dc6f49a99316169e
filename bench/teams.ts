import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import express, { type Request, type Response } from 'express';
import { pino } from 'pino';
import { close, createHttpApp, listen } from '../adapters/http/server.js';
import { ACK_AFTER_MS, startTeamsDoor } from '../adapters/teams/index.js';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { startFakeConnector, type FakeConnector, type Posted } from '../test/support/fakeConnector.js';

/**
 * Teams turn latency: 200 activities posted at once to /api/messages of the real Teams door
 * (development mode, no authentication, the real core over a fresh store with the seeds), and
 * the same to a bare CloudAdapter bot that only echoes, in the same run. Teams' side (the
 * requests, and the Bot Connector the answers are posted to) runs on a worker thread, so that
 * its work does not queue behind the bot's on one event loop. Two figures per activity: the
 * turn, from the POST to the HTTP response Teams waits for, and the answer, from the POST to the
 * answer arriving at the Bot Connector. The door is measured twice: on the issue's question, and
 * on "help", which costs the core little, so that the door's own cost shows apart from the core's.
 * Run with `npm run build && node dist/bench/teams.js`.
 */

process.env.NO_PROXY = '127.0.0.1,localhost';
process.env.no_proxy = '127.0.0.1,localhost';

const CONCURRENT = 200;
const ROUNDS = 5;

interface Target {
  name: string;
  endpoint: string;
  question: string;
}

type ToTeams = { type: 'round'; target: Target; label: string } | { type: 'stop' };
type FromTeams = { type: 'ready' } | ({ type: 'round' } & Round);

interface Round {
  turns: number[];
  answers: number[];
  /** Answers that took so long that the door said "Looking into it" first. */
  acknowledged: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENT });

function post(endpoint: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(endpoint, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

let sequence = 0;
function activity(serviceUrl: string, text: string, label: string, i: number): Partial<Activity> {
  return {
    type: 'message',
    id: `${1764406800000 + ++sequence}`,
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:bench-user-${i}`, name: `User ${i}`, aadObjectId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` },
    recipient: { id: '28:rapporteur', name: 'Rapporteur' },
    conversation: { id: `a:bench-${label}-${i}`, conversationType: 'personal', isGroup: false, tenantId: 'bench' } as Activity['conversation'],
    text,
    textFormat: 'plain',
    locale: 'en-GB',
  };
}

/** The answer, not the "Looking into it" a slow one gets first: a card from the door, the echo from the bare bot. */
const isAnswer = (p: Posted, a: Partial<Activity>) => p.replyTo === a.id && (Boolean(p.activity.attachments?.length) || p.activity.text === a.text);

/** Posts CONCURRENT activities at once, each in its own personal chat. */
async function round(target: Target, connector: FakeConnector, label: string): Promise<Round> {
  const activities = Array.from({ length: CONCURRENT }, (_, i) => activity(connector.url, target.question, label, i));
  const bodies = activities.map((a) => JSON.stringify(a));
  const answers = activities.map((a) => connector.waitFor((p) => isAnswer(p, a), 120_000));
  const started: number[] = [];
  const turns = await Promise.all(
    bodies.map(async (body, i) => {
      started[i] = performance.now();
      const status = await post(target.endpoint, body);
      if (status !== 200) throw new Error(`${target.name}: HTTP ${status}`);
      return performance.now() - started[i]!;
    }),
  );
  const arrived = await Promise.all(answers);
  const ids = new Set(activities.map((a) => a.id));
  return {
    turns,
    answers: arrived.map((p, i) => p.at - started[i]!),
    acknowledged: connector.posted.filter((p) => ids.has(p.replyTo ?? '') && p.activity.text?.startsWith('Looking into it')).length,
  };
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const figures = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
};

/** Teams' side, on the worker thread: the requests and the Bot Connector. */
async function teamsSide(): Promise<void> {
  const port = parentPort!;
  const connector = await startFakeConnector();
  port.on('message', (message: ToTeams) => {
    if (message.type === 'stop') {
      agent.destroy();
      void connector.close().then(() => port.close());
      return;
    }
    // Earlier rounds' posts are not needed again.
    connector.posted.length = 0;
    void round(message.target, connector, message.label).then((result) => port.postMessage({ type: 'round', ...result } satisfies FromTeams));
  });
  port.postMessage({ type: 'ready' } satisfies FromTeams);
}

async function main(): Promise<void> {
  const worker = new Worker(new URL(import.meta.url));
  const [ready] = (await once(worker, 'message')) as [FromTeams];
  if (ready.type !== 'ready') throw new Error('the Teams side did not start');
  const playRound = async (target: Target, label: string): Promise<Round> => {
    worker.postMessage({ type: 'round', target, label } satisfies ToTeams);
    const [result] = (await once(worker, 'message')) as [FromTeams];
    if (result.type !== 'round') throw new Error('unexpected message from the Teams side');
    return result;
  };

  const dataDir = mkdtempSync(join(tmpdir(), 'rapporteur-bench-teams-'));
  const app = await openApp(loadConfig({ RAPPORTEUR_DATA_DIR: dataDir, RAPPORTEUR_ENV: 'development', TEAMS_ENABLED: '1', LOG_LEVEL: 'silent' }), { logger: pino({ level: 'silent' }) });
  const doorHttp = createHttpApp(async () => ({ ok: true }));
  const door = await startTeamsDoor({ app, http: doorHttp });
  const doorServer = await listen(doorHttp, 0, '127.0.0.1');
  // Rounds reuse the client's kept-alive sockets: a server that closes them idle (Node's default, 5 s) would reset some mid-request.
  doorServer.server.keepAliveTimeout = 120_000;

  // The baseline: botbuilder's own work for a turn that posts one reply, and nothing else.
  const echo = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const echoHttp = express();
  echoHttp.post('/api/messages', express.json(), (req: Request, res: Response) => echo.process(req, res, async (context) => void (await context.sendActivity(context.activity.text))));
  const echoServer = await listen(echoHttp, 0, '127.0.0.1');
  echoServer.server.keepAliveTimeout = 120_000;

  const doorEndpoint = `http://127.0.0.1:${doorServer.port}/api/messages`;
  const targets: Target[] = [
    { name: 'Teams door, “status of para 36 Azerbaijan”', endpoint: doorEndpoint, question: 'status of para 36 Azerbaijan' },
    { name: 'Teams door, “help”', endpoint: doorEndpoint, question: 'help' },
    { name: 'bare CloudAdapter echo bot (baseline)', endpoint: `http://127.0.0.1:${echoServer.port}/api/messages`, question: 'status of para 36 Azerbaijan' },
  ];
  const samples = new Map<string, Round>(targets.map((t) => [t.name, { turns: [], answers: [], acknowledged: 0 }]));
  try {
    for (const [t, target] of targets.entries()) await playRound(target, `warm-${t}`);
    // Alternate, so that every target meets the same state of the machine.
    for (let r = 0; r < ROUNDS; r++) {
      for (const [t, target] of targets.entries()) {
        const result = await playRound(target, `${r}-${t}`);
        const s = samples.get(target.name)!;
        s.turns.push(...result.turns);
        s.answers.push(...result.answers);
        s.acknowledged += result.acknowledged;
      }
    }
  } finally {
    await close(doorServer.server);
    await close(echoServer.server);
    await door.stop();
    await app.close();
    worker.postMessage({ type: 'stop' } satisfies ToTeams);
    await once(worker, 'exit');
    rmSync(dataDir, { recursive: true, force: true });
  }

  console.log(`${CONCURRENT} activities posted at once, each in its own personal chat; ${ROUNDS} rounds per row after a warm-up round, rows alternating.`);
  console.log('Turn: from the POST to /api/messages to its HTTP response. Answer: from the POST to the answer arriving at the Bot Connector.\n');
  console.log('| | turn p50 ms | turn p99 ms | answer p50 ms | answer p99 ms | ratio turn p50 / p99 | ratio answer p50 / p99 |');
  console.log('|---|---|---|---|---|---|---|');
  const rows = targets.map((t) => ({ name: t.name, turn: figures(samples.get(t.name)!.turns), answer: figures(samples.get(t.name)!.answers) }));
  const bare = rows.at(-1)!;
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${r.turn.p50.toFixed(1)} | ${r.turn.p99.toFixed(1)} | ${r.answer.p50.toFixed(1)} | ${r.answer.p99.toFixed(1)} | ` +
        `${ratio(r.turn.p50, bare.turn.p50)} / ${ratio(r.turn.p99, bare.turn.p99)} | ${ratio(r.answer.p50, bare.answer.p50)} / ${ratio(r.answer.p99, bare.answer.p99)} |`,
    );
  }
  const acknowledged = [...samples.values()].reduce((n, s) => n + s.acknowledged, 0);
  console.log(`\nGoal: under 1.5× the bare bot. Answers that took over ${ACK_AFTER_MS} ms and were acknowledged first: ${acknowledged}.`);
}

if (isMainThread) await main();
else await teamsSide();
