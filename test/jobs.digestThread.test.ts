import { webApi } from '@slack/bolt';
import { CloudAdapter } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { slackSender } from '../adapters/slack/sender.js';
import { botAuthentication } from '../adapters/teams/authentication.js';
import { teamsAuth } from '../adapters/teams/config.js';
import { teamsSender } from '../adapters/teams/sender.js';
import type { Channel } from '../src/domain/conversations.js';
import { startFakeConnector, type FakeConnector } from './support/fakeConnector.js';
import { startFakeSlack, type FakeSlack } from './support/fakeSlack.js';
import { jobsHarness, type JobsHarness } from './support/jobs.js';
import { eventually } from './support/redis.js';
import { slackTraits } from '../adapters/slack/traits.js';

/** A digest as a short parent message with its details in the thread, through the platforms' own SDKs to their local fakes. */

process.env.NO_PROXY = '127.0.0.1,localhost';

let h: JobsHarness | undefined;
let slack: FakeSlack | undefined;
let connector: FakeConnector | undefined;
afterEach(async () => {
  await h?.cleanup();
  await slack?.close();
  await connector?.close();
  h = slack = connector = undefined;
});

// Monday 8 March 2027, 09:00 in Geneva.
const MONDAY = '2027-03-08T08:00:00Z';

/** Follows Azerbaijan with a daily digest, one deadline overdue and one due this week; then runs the digest. */
async function digestFor(harness: JobsHarness, channel: Channel, direct: boolean): Promise<void> {
  await harness.app.store.conversations.follow(channel, 'country', 'AZE', 'UADMIN');
  await harness.app.store.conversations.updateSettings(channel, { digest: { cadence: 'daily', time: '09:00', always: false }, direct, lastDigestAt: new Date(MONDAY).toISOString() });
  const admin = (text: string) => harness.app.core.handle({ platform: 'slack', capabilities: slackTraits.capabilities, userId: 'UADMIN', channelId: 'C-ADMIN', text });
  await admin('deadline add 2027-03-01 Azerbaijan list of issues reply');
  await admin('deadline add 2027-03-11 Azerbaijan NGO report');
  await harness.jobs.queues.digests.add('digest', channel);
}

const slackClient = (fake: FakeSlack) => new webApi.WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });

describe('a digest on Slack', () => {
  it('posts the counts, then the details as a reply in that message’s thread (thread_ts)', async () => {
    slack = await startFakeSlack();
    const client = slackClient(slack);
    h = await jobsHarness(MONDAY, { senders: () => new Map([['slack', slackSender(client)]]) });
    await digestFor(h, { platform: 'slack', channelId: 'C0TEAM' }, false);
    const [parent, details] = await slack.waitFor(() => slack!.callsTo('chat.postMessage').length === 2 && slack!.callsTo('chat.postMessage'), 8000);
    expect(parent!.args).toMatchObject({ channel: 'C0TEAM' });
    expect(parent!.args).not.toHaveProperty('thread_ts');
    expect(String(parent!.args.text)).toContain('Digest for 8 March 2027');
    expect(String(parent!.args.text)).toContain('1 overdue · 1 due this week · 0 new documents · 0 changed grades');
    const outbox = await h.app.store.conversations.outbox();
    const parentTs = outbox.find((m) => m.parentId === null)!.messageId!;
    expect(details!.args).toMatchObject({ channel: 'C0TEAM', thread_ts: parentTs });
    expect(String(details!.args.text)).toMatch(/Overdue\n• #\d+ list of issues reply \(Azerbaijan\): due 1 March 2027, overdue by 7 days/);
    expect(String(details!.args.text)).toMatch(/Due this week \(to 14 March 2027\)\n• #\d+ NGO report \(Azerbaijan\): due 11 March 2027, due in 3 days/);
    await eventually(async () => (await h!.app.store.conversations.outbox({ status: 'sent' })).length === 2, 'both recorded as sent');
  });

  it('in a direct message, posts one message with everything', async () => {
    slack = await startFakeSlack();
    const client = slackClient(slack);
    h = await jobsHarness(MONDAY, { senders: () => new Map([['slack', slackSender(client)]]) });
    await digestFor(h, { platform: 'slack', channelId: 'D0ANA' }, true);
    const [only] = await slack.waitFor(() => slack!.callsTo('chat.postMessage').length === 1 && slack!.callsTo('chat.postMessage'), 8000);
    await new Promise((r) => setTimeout(r, 400));
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(only!.args).not.toHaveProperty('thread_ts');
    expect(String(only!.args.text)).toContain('Digest for 8 March 2027');
    expect(String(only!.args.text)).toContain('list of issues reply (Azerbaijan)');
  });

  it('when the parent can never be posted, its thread is not posted either', async () => {
    slack = await startFakeSlack();
    slack.failNext('chat.postMessage', { error: 'channel_not_found' });
    const client = slackClient(slack);
    h = await jobsHarness(MONDAY, { senders: () => new Map([['slack', slackSender(client)]]) });
    await digestFor(h, { platform: 'slack', channelId: 'C0GONE' }, false);
    await eventually(async () => (await h!.app.store.conversations.outbox({ status: 'failed' })).length === 2, 'both messages given up');
    // One attempt at the parent; the other post is the failure report to the admin who set up the follow.
    await slack.waitFor(() => slack!.callsTo('chat.postMessage').length === 2, 5000);
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.callsTo('chat.postMessage').map((c) => c.args.channel)).toEqual(['C0GONE', 'UADMIN']);
    const details = (await h.app.store.conversations.outbox()).find((m) => m.parentId !== null)!;
    expect(details.lastError).toBe('the message it replies to could not be posted');
  });
});

describe('a digest on Teams', () => {
  const teamsHarness = () =>
    jobsHarness(MONDAY, {
      env: { RAPPORTEUR_ENV: 'development', TEAMS_ENABLED: '1' },
      senders: (app) => {
        const auth = teamsAuth(app.config);
        return new Map([['teams', teamsSender(new CloudAdapter(botAuthentication(auth)), auth.appId, app.store)]]);
      },
    });

  it('posts the counts in the channel, then the details as a reply to that activity', async () => {
    connector = await startFakeConnector();
    h = await teamsHarness();
    const conversation = '19:team-channel@thread.tacv2';
    await h.app.store.saveConversation('teams', conversation, { channelId: 'msteams', serviceUrl: connector.url, conversation: { id: conversation, conversationType: 'channel', isGroup: true }, bot: { id: '28:rapporteur', name: 'Rapporteur' } }, 'Treaty team › General');
    await digestFor(h, { platform: 'teams', channelId: conversation }, false);
    const parent = await connector.waitFor((p) => p.conversationId === conversation, 8000);
    const reply = await connector.waitFor((p) => p.replyTo !== null, 8000);
    expect(parent.replyTo).toBeNull();
    expect(JSON.stringify(parent.activity)).toContain('1 overdue · 1 due this week');
    const parentId = (await h.app.store.conversations.outbox()).find((m) => m.parentId === null)!.messageId!;
    expect(reply).toMatchObject({ conversationId: `${conversation};messageid=${parentId}`, replyTo: parentId });
    expect(JSON.stringify(reply.activity)).toContain('list of issues reply (Azerbaijan)');
  });

  it('in a personal chat, posts one message', async () => {
    connector = await startFakeConnector();
    h = await teamsHarness();
    const personal = 'a:1ZPersonalChatWithAna';
    await h.app.store.saveConversation('teams', personal, { channelId: 'msteams', serviceUrl: connector.url, conversation: { id: personal, conversationType: 'personal' }, bot: { id: '28:rapporteur', name: 'Rapporteur' } }, 'personal chat with Ana');
    await digestFor(h, { platform: 'teams', channelId: personal }, true);
    const only = await connector.waitFor((p) => p.conversationId === personal, 8000);
    await new Promise((r) => setTimeout(r, 400));
    expect(connector.posted).toHaveLength(1);
    expect(only.replyTo).toBeNull();
    expect(JSON.stringify(only.activity)).toContain('NGO report (Azerbaijan)');
  });
});
