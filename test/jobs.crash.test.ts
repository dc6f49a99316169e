import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { deadlineReminder } from '../src/core/notices.js';
import { startFakeConnector, type FakeConnector } from './support/fakeConnector.js';
import { startFakeSlack, SIGNING_SECRET, type FakeSlack } from './support/fakeSlack.js';
import { silent } from './support/jobs.js';
import { TEST_REDIS_URL, dropPrefix, eventually, uniquePrefix } from './support/redis.js';
import { startWorkerProcess, type WorkerProcess } from './support/workerProcess.js';

/**
 * A worker killed with SIGKILL in the middle of a burst of reminders, then started again:
 * every reminder arrives, none twice on Slack (the outbox id in each message's metadata is
 * looked for before posting again), and on Teams no more twice than calls were in flight.
 */

process.env.NO_PROXY = '127.0.0.1,localhost';

const PER_PLATFORM = 100;
const slackChannels = Array.from({ length: PER_PLATFORM }, (_, i) => `C${String(i).padStart(3, '0')}`);
const teamsConversations = Array.from({ length: PER_PLATFORM }, (_, i) => `19:conv-${i}@thread.tacv2`);

let dir: string;
let app: App;
let slack: FakeSlack;
let connector: FakeConnector;
let prefix: string;
const workers: WorkerProcess[] = [];

afterAll(async () => {
  for (const w of workers) await w.stop();
  await app?.close();
  await slack?.close();
  await connector?.close();
  if (prefix) await dropPrefix(prefix);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a worker killed with SIGKILL mid-burst', () => {
  it('delivers all 200 reminders after a restart: none twice on Slack, on Teams no more twice than were in flight', async () => {
    dir = mkdtempSync(join(tmpdir(), 'rapporteur-crash-'));
    // Each post takes a quarter of a second to answer: dozens are in flight when the worker dies.
    slack = await startFakeSlack();
    slack.postLatencyMs = 250;
    connector = await startFakeConnector({ latencyMs: 250 });
    prefix = uniquePrefix('crash');
    app = await openApp(loadConfig({ RAPPORTEUR_DATA_DIR: dir, LOG_LEVEL: 'silent' }), { logger: silent, seed: false });
    const deadline = await app.store.addDeadline({ title: 'next periodic report', due: '2027-03-01', country: 'AZE', committee: null, symbol: null, createdBy: 'test' });
    for (const id of teamsConversations) {
      await app.store.saveConversation('teams', id, { channelId: 'msteams', serviceUrl: connector.url, conversation: { id, conversationType: 'channel', isGroup: true }, bot: { id: '28:rapporteur', name: 'Rapporteur' } });
    }
    const content = deadlineReminder(deadline, '2027-03-01');
    // Slack and Teams in turn, so that both have calls in flight.
    await app.store.conversations.enqueueMany(
      slackChannels.flatMap((channelId, i) => [
        { key: `reminder:${deadline.id}:b0:slack:${channelId}`, destination: { platform: 'slack' as const, channelId }, payload: content },
        { key: `reminder:${deadline.id}:b0:teams:${teamsConversations[i]}`, destination: { platform: 'teams' as const, channelId: teamsConversations[i]! }, payload: content },
      ]),
    );

    const env = {
      RAPPORTEUR_DATA_DIR: dir,
      REDIS_URL: TEST_REDIS_URL,
      RAPPORTEUR_QUEUE_PREFIX: prefix,
      RAPPORTEUR_JOB_LOCK_MS: '2000',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      TEAMS_ENABLED: '1',
      RAPPORTEUR_ENV: 'development',
    };
    const arrived = () => slack.callsTo('chat.postMessage').length + connector.posted.length;
    const first = startWorkerProcess(env);
    workers.push(first);
    await eventually(() => arrived() >= 100, `the burst to be under way (${first.stderr()})`, 30_000);
    const killedAt = { wall: Date.now(), perf: performance.now() };
    await first.kill9();

    const slackInFlight = slack.callsTo('chat.postMessage').filter((c) => c.at <= killedAt.wall && !(c.answeredAt !== undefined && c.answeredAt <= killedAt.wall)).length;
    const teamsInFlight = connector.posted.filter((p) => p.at <= killedAt.perf && !(p.answeredAt !== undefined && p.answeredAt <= killedAt.perf)).length;
    const beforeKill = { slack: slack.callsTo('chat.postMessage').length, teams: connector.posted.length };
    // What the crash left uncertain: the messages marked as being sent and not yet as sent, at most the calls in flight.
    const uncertain = await app.store.conversations.outbox({ status: 'sending' });
    const uncertainTeams = uncertain.filter((m) => m.destination.platform === 'teams').length;
    expect(uncertain.length).toBeLessThanOrEqual(64);
    expect(beforeKill.slack + beforeKill.teams).toBeLessThan(2 * PER_PLATFORM);
    expect(slackInFlight + teamsInFlight).toBeGreaterThan(0);
    expect(uncertain.length).toBeGreaterThanOrEqual(slackInFlight + teamsInFlight);

    const second = startWorkerProcess(env);
    workers.push(second);
    const everyone = () => slackChannels.every((c) => slack.postedIn(c).length > 0) && teamsConversations.every((c) => connector.into(c).length > 0);
    await eventually(everyone, `every reminder to arrive after the restart (${second.stderr()})`, 40_000);
    await eventually(async () => (await app.store.conversations.pendingOutbox()).length === 0, 'the outbox to be settled', 10_000);
    // Long enough for the dead worker's locks to expire and its stalled jobs to be run again.
    await new Promise((resolve) => setTimeout(resolve, 3000));

    const slackDoubled = slackChannels.filter((c) => slack.postedIn(c).length > 1).length;
    const teamsDoubled = teamsConversations.filter((c) => connector.into(c).length > 1).length;
    console.info(
      `kill -9 after ${beforeKill.slack} Slack and ${beforeKill.teams} Teams posts; unanswered at the fakes: Slack ${slackInFlight}, Teams ${teamsInFlight}; ` +
        `left "sending" in the store: ${uncertain.length} (Teams ${uncertainTeams}); ` +
        `lost: 0 of ${2 * PER_PLATFORM}; doubled: Slack ${slackDoubled}, Teams ${teamsDoubled}; Slack look-ups: ${slack.callsTo('conversations.history').length}`,
    );
    expect(slackDoubled).toBe(0);
    // Answered by the fake but not yet recorded when the worker died is still in flight for the worker.
    expect(teamsDoubled).toBeLessThanOrEqual(uncertainTeams);
    expect((await app.store.conversations.outbox({ status: 'sent' })).length).toBe(2 * PER_PLATFORM);
    // The store has each message's own Slack ts, found again where the answer was cut off.
    const slackRows = (await app.store.conversations.outbox({ status: 'sent' })).filter((m) => m.destination.platform === 'slack');
    for (const row of slackRows) expect(row.messageId).toBe(slack.postedIn(row.destination.channelId)[0]!.ts);
  }, 60_000);
});
