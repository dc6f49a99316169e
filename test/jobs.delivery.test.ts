import { webApi } from '@slack/bolt';
import { CloudAdapter } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { slackSender } from '../adapters/slack/sender.js';
import { botAuthentication } from '../adapters/teams/authentication.js';
import { teamsAuth } from '../adapters/teams/config.js';
import { teamsSender } from '../adapters/teams/sender.js';
import { startFakeConnector, type FakeConnector } from './support/fakeConnector.js';
import { startFakeSlack, type FakeSlack } from './support/fakeSlack.js';
import { jobsHarness, type JobsHarness } from './support/jobs.js';
import { slackTraits } from '../adapters/slack/traits.js';

/** Reminders through the platforms' own SDKs, to the local fakes of their APIs. */

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

// 08:59:59.6 in Geneva on the due date: the day's reminder is 400 ms away.
const NOW = '2027-03-01T07:59:59.600Z';

async function followAndAdd(harness: JobsHarness, platform: 'slack' | 'teams', channelId: string): Promise<void> {
  await harness.app.store.conversations.follow({ platform, channelId }, 'country', 'AZE', 'UADMIN');
  await harness.app.store.conversations.updateSettings({ platform, channelId }, { reminderDays: [0] });
  await harness.app.core.handle({ platform: 'slack', capabilities: slackTraits.capabilities, userId: 'UADMIN', channelId: 'C-ADMIN', text: 'deadline add 2027-03-01 Azerbaijan next periodic report' });
}

describe('a reminder due in a moment', () => {
  it('reaches the Slack Web API (chat.postMessage), with its buttons', async () => {
    slack = await startFakeSlack();
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
    h = await jobsHarness(NOW, { senders: () => new Map([['slack', slackSender(client)]]) });
    await followAndAdd(h, 'slack', 'C0TEAM');
    const [call] = await slack.waitFor(() => slack!.callsTo('chat.postMessage').length > 0 && slack!.callsTo('chat.postMessage'), 5000);
    expect(call!.args.channel).toBe('C0TEAM');
    expect(String(call!.args.text)).toContain('Reminder: next periodic report');
    expect(JSON.stringify(call!.args.blocks)).toContain('Snooze 1 week');
  });

  it('after a 500 and a 429 with Retry-After, Slack gets it once', async () => {
    slack = await startFakeSlack();
    slack.failNext('chat.postMessage', { status: 500 });
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
    h = await jobsHarness(NOW, { senders: () => new Map([['slack', slackSender(client)]]) });
    await followAndAdd(h, 'slack', 'C0TEAM');
    await slack.waitFor(() => slack!.callsTo('chat.postMessage').filter((c) => c.outcome === 'ok').length > 0, 8000);
    const calls = slack.callsTo('chat.postMessage');
    expect(calls.map((c) => c.outcome)).toEqual(['http_500', 'http_429', 'ok']);
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.callsTo('chat.postMessage')).toHaveLength(3);
    expect((await h.app.store.conversations.outbox())[0]).toMatchObject({ status: 'sent' });
  });

  it('reaches the Bot Connector from a stored Teams conversation reference', async () => {
    connector = await startFakeConnector();
    const conversation = '19:team-channel@thread.tacv2';
    h = await jobsHarness(NOW, {
      env: { RAPPORTEUR_ENV: 'development', TEAMS_ENABLED: '1' },
      senders: (app) => {
        const auth = teamsAuth(app.config);
        return new Map([['teams', teamsSender(new CloudAdapter(botAuthentication(auth)), auth.appId, app.store)]]);
      },
    });
    await h.app.store.saveConversation(
      'teams',
      conversation,
      { channelId: 'msteams', serviceUrl: connector.url, conversation: { id: conversation, conversationType: 'channel', isGroup: true }, bot: { id: '28:rapporteur', name: 'Rapporteur' } },
      'Treaty team › General',
    );
    await followAndAdd(h, 'teams', conversation);
    const posted = await connector.waitFor((p) => p.conversationId === conversation, 5000);
    const card = posted.activity.attachments?.[0]?.content as { body?: unknown[] } | undefined;
    expect(JSON.stringify(card)).toContain('Reminder: next periodic report');
    expect(JSON.stringify(card)).toContain('Snooze 1 week');
  });
});
