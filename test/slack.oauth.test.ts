import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Jobs } from '../jobs/jobs.js';
import { reply } from '../src/core/reply.js';
import { DeliveryError } from '../src/delivery.js';
import { eventCallback, OAUTH_APP, postSigned, slashCommand, type Workspace } from './support/fakeSlack.js';
import { openDistributedSlackDoor, type SlackDoorHarness } from './support/fakeSlackDoor.js';
import { dropPrefix, eventually, TEST_REDIS_URL, uniquePrefix } from './support/redis.js';
import { ENGINES } from './support/stores.js';

/**
 * A distributed Slack app, as Slack and an installer reach it: the install link, the OAuth
 * redirect (code exchanged at the fake's oauth.v2.access), Bolt's installations in the store on
 * each engine, and requests from two workspaces that must never meet.
 */

const AAA: Workspace = { teamId: 'T0AAA', teamName: 'Geneva secretariat', botUserId: 'U0BOTA', botId: 'B0BOTA', botToken: 'xoxb-aaa-token', installer: 'U0INSTA' };
const BBB: Workspace = { teamId: 'T0BBB', teamName: 'NGO coalition', botUserId: 'U0BOTB', botId: 'B0BOTB', botToken: 'xoxb-bbb-token', installer: 'U0INSTB' };

interface Started {
  state: string;
  cookie: string;
  location: URL;
}

async function startInstall(h: SlackDoorHarness): Promise<Started> {
  const res = await fetch(`${h.baseUrl}/slack/install`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location')!);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { state: location.searchParams.get('state')!, cookie, location };
}

function redirect(h: SlackDoorHarness, started: Pick<Started, 'state' | 'cookie'>, code: string): Promise<Response> {
  return fetch(`${h.baseUrl}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(started.state)}`, { headers: { cookie: started.cookie }, redirect: 'manual' });
}

async function install(h: SlackDoorHarness, ws: Workspace): Promise<Response> {
  return redirect(h, await startInstall(h), h.fake.consent(ws));
}

describe.each(ENGINES)('a Slack app installed in many workspaces (%s)', (engine) => {
  let h: SlackDoorHarness;
  const logs: Array<Record<string, unknown>> = [];
  beforeAll(async () => {
    const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
    h = await openDistributedSlackDoor({ engine, logger });
  });
  afterAll(async () => h?.close());

  const ask = async (ws: Workspace, text: string, channel = 'C0SHARED') => {
    const url = h.fake.responseUrl();
    expect((await postSigned(h.eventsUrl, slashCommand(text, { responseUrl: url, team: ws.teamId, channel }))).status).toBe(200);
    return url;
  };
  const answerTo = async (url: string) => JSON.stringify((await h.fake.waitFor(() => h.fake.responsesTo(url)[0]))!.body);
  const callsWith = (token: string) => h.fake.calls.filter((c) => c.token === token);

  it('the install link goes to Slack with the client id, the scopes and a state, and sets the state in a cookie', async () => {
    const { location, state, cookie } = await startInstall(h);
    expect(location.origin + location.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(location.searchParams.get('client_id')).toBe(OAUTH_APP.clientId);
    expect(location.searchParams.get('scope')?.split(',')).toEqual(expect.arrayContaining(['commands', 'chat:write', 'links:read', 'links:write']));
    expect(state).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(cookie).toBe(`slack-app-oauth-state=${state}`);
  });

  it('the redirect exchanges the code through oauth.v2.access and keeps the installation in the store', async () => {
    const res = await install(h, AAA);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Rapporteur is installed in Geneva secretariat');
    const exchange = h.fake.callsTo('oauth.v2.access').at(-1)!;
    expect(exchange.args).toMatchObject({ client_id: OAUTH_APP.clientId, client_secret: OAUTH_APP.clientSecret });
    expect(h.fake.callsTo('auth.test').at(-1)!.token).toBe(AAA.botToken);
    const stored = await h.app.store.installations.get('T0AAA');
    expect(stored).toMatchObject({ workspace: 'T0AAA', teamId: 'T0AAA', enterpriseId: null, isEnterpriseInstall: false, botUserId: 'U0BOTA' });
    expect(stored!.installation).toMatchObject({ team: { id: 'T0AAA' }, bot: { token: AAA.botToken, userId: 'U0BOTA' }, appId: OAUTH_APP.appId });
    expect((await install(h, BBB)).status).toBe(200);
    expect(await h.app.store.installations.workspaces()).toEqual(['T0AAA', 'T0BBB']);
    expect(await h.door.health()).toEqual({ ok: true, mode: 'http', distributed: true, workspaces: 2 });
  });

  it('a forged, replayed, expired or cookieless state is refused with 400 and never reaches oauth.v2.access', async () => {
    const exchanges = () => h.fake.callsTo('oauth.v2.access').length;
    const before = exchanges();
    const genuine = await startInstall(h);
    const [nonce] = genuine.state.split('.');
    const forged = `${nonce}.${Buffer.from('not the signature, not at all').toString('base64url')}`;
    const refused = [
      await redirect(h, { state: forged, cookie: `slack-app-oauth-state=${forged}` }, h.fake.consent(AAA)),
      await redirect(h, { state: genuine.state, cookie: '' }, h.fake.consent(AAA)),
      await redirect(h, { state: 'made.up', cookie: 'slack-app-oauth-state=made.up' }, h.fake.consent(AAA)),
    ];
    for (const res of refused) {
      expect(res.status).toBe(400);
      const page = await res.text();
      expect(page).toContain('This install link is not valid any more');
      expect(page).toContain('INSTALL_REFUSED');
      expect(page).not.toMatch(/\n\s+at |127\.0\.0\.1/);
    }
    expect(exchanges()).toBe(before);

    // Used once, a state is gone: the same redirect again is refused.
    expect((await redirect(h, genuine, h.fake.consent(AAA))).status).toBe(200);
    expect(exchanges()).toBe(before + 1);
    expect((await redirect(h, genuine, h.fake.consent(AAA))).status).toBe(400);
    expect(exchanges()).toBe(before + 1);

    // Older than ten minutes: refused.
    const old = await startInstall(h);
    await h.app.store.db.updateTable('slack_oauth_states').set({ issued_at: new Date(Date.now() - 11 * 60_000).toISOString() }).execute();
    expect((await redirect(h, old, h.fake.consent(AAA))).status).toBe(400);
    expect(exchanges()).toBe(before + 1);
  });

  it('an org-wide install is kept as the enterprise’s, and answers commands from any of its workspaces', async () => {
    const grid: Workspace = { teamId: 'T0GRIDA', teamName: 'Treaty bodies', enterpriseId: 'E0GRID', enterpriseInstall: true, botUserId: 'U0BOTE', botId: 'B0BOTE', botToken: 'xoxb-grid-token', installer: 'U0INSTE' };
    expect((await install(h, grid)).status).toBe(200);
    expect(await h.app.store.installations.get('E0GRID')).toMatchObject({ workspace: 'E0GRID', teamId: null, enterpriseId: 'E0GRID', isEnterpriseInstall: true });
    const url = h.fake.responseUrl();
    await postSigned(h.eventsUrl, slashCommand('follow CRC', { responseUrl: url, team: 'T0GRIDB', enterprise: 'E0GRID', channel: 'C0GRID' }));
    expect(await answerTo(url)).toContain('now follows CRC');
    expect((await h.app.store.conversations.subscriptions({ platform: 'slack', channelId: 'C0GRID', workspace: 'E0GRID' })).map((s) => s.value)).toEqual(['CRC']);
    await h.app.store.conversations.unfollow({ platform: 'slack', channelId: 'C0GRID', workspace: 'E0GRID' }, 'committee', 'CRC');
    await h.app.store.installations.remove('E0GRID');
  });

  it('a code Slack refuses is a page that says so, not a trace', async () => {
    const res = await redirect(h, await startInstall(h), 'code-never-issued');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Slack refused to complete the installation (invalid_code)');
  });

  it('two workspaces never see each other’s follows or answers, even in a channel id they share', async () => {
    expect(await answerTo(await ask(AAA, 'follow Azerbaijan'))).toContain('now follows Azerbaijan');
    expect(await answerTo(await ask(BBB, 'follow CMW'))).toContain('now follows CMW');
    const inAAA = await answerTo(await ask(AAA, 'following'));
    const inBBB = await answerTo(await ask(BBB, 'following'));
    expect(inAAA).toContain('Azerbaijan');
    expect(inAAA).not.toContain('CMW');
    expect(inBBB).toContain('CMW');
    expect(inBBB).not.toContain('Azerbaijan');
    expect((await h.app.store.conversations.subscriptions()).map((s) => [s.workspace, s.channelId, s.value])).toEqual([
      ['T0AAA', 'C0SHARED', 'AZE'],
      ['T0BBB', 'C0SHARED', 'CMW'],
    ]);

    // A mention is answered with the token of the workspace it came from, naming that workspace's bot.
    for (const ws of [AAA, BBB]) {
      const event = { type: 'app_mention', user: 'U0ASKER', text: `<@${ws.botUserId}> help`, ts: '1764400100.000100', channel: `C0MENTION${ws.teamId}` };
      await postSigned(h.eventsUrl, eventCallback(event, `Ev0MENTION${ws.teamId}`, { team: ws.teamId }));
      const post = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').find((c) => c.args.channel === event.channel));
      expect(post.token).toBe(ws.botToken);
      expect(JSON.stringify(post.args.blocks)).toContain('Ask Rapporteur about treaty-body documents');
    }
  });

  it('a workspace that never installed the app is answered nothing', async () => {
    const url = await ask({ ...AAA, teamId: 'T0NEVER' }, 'help');
    // An answer to a later command is in by the time any answer to this one would be.
    await answerTo(await ask(AAA, 'help'));
    expect(h.fake.responsesTo(url)).toHaveLength(0);
  });

  it('a message left uncertain in one workspace is looked for in that workspace’s history, with its token, and posted once', async () => {
    const prefix = uniquePrefix('slackws');
    const jobs = await Jobs.start({ app: h.app, senders: new Map([['slack', h.door.sender!]]), redisUrl: TEST_REDIS_URL, prefix, logger: pino({ level: 'silent' }), retryDelayMs: 50, paceMs: { slack: 0 } });
    try {
      // Slack posts it, then answers 500: the outbox cannot tell whether it is there.
      h.fake.failNext('chat.postMessage', { status: 500, afterPosting: true });
      const message = await h.app.store.conversations.enqueue('digest:slack:C0UNSURE:2026-11-28', { platform: 'slack', channelId: 'C0UNSURE', workspace: 'T0BBB' }, reply('answer', [{ type: 'text', text: 'Digest: one overdue.' }]));
      await jobs.outboxAdded([message.id]);
      await eventually(async () => (await h.app.store.conversations.outboxMessage(message.id))!.status === 'sent', 'the digest settled as sent');
      const lookups = h.fake.callsTo('conversations.history').filter((c) => c.args.channel === 'C0UNSURE');
      expect(lookups.length).toBeGreaterThan(0);
      expect(new Set(lookups.map((c) => c.token))).toEqual(new Set([BBB.botToken]));
      const posts = h.fake.postedIn('C0UNSURE').filter((m) => m.metadata?.event_payload.outbox_id === message.id);
      expect(posts).toHaveLength(1);
    } finally {
      await jobs.stop();
      await dropPrefix(prefix);
    }
  });

  it('jobs post each workspace’s messages with its own token; an uninstalled workspace gets no delivery, and the log says so', async () => {
    const prefix = uniquePrefix('slackws');
    const jobs = await Jobs.start({ app: h.app, senders: new Map([['slack', h.door.sender!]]), redisUrl: TEST_REDIS_URL, prefix, logger: pino({ level: 'silent' }), retryDelayMs: 50, paceMs: { slack: 0 } });
    try {
      const notice = reply('answer', [{ type: 'text', text: 'Digest: nothing overdue.' }]);
      const send = async (ws: string, key: string) => {
        const message = await h.app.store.conversations.enqueue(key, { platform: 'slack', channelId: 'C0SHARED', workspace: ws }, notice);
        await jobs.outboxAdded([message.id]);
        return message.id;
      };
      const status = async (id: number) => (await h.app.store.conversations.outboxMessage(id))!.status;
      const [a1, b1] = [await send('T0AAA', 'digest:slack:C0SHARED:2026-11-29'), await send('T0BBB', 'digest:slack:C0SHARED:2026-11-29')];
      expect(a1).not.toBe(b1);
      await eventually(async () => (await status(a1)) === 'sent' && (await status(b1)) === 'sent', 'both digests sent');
      const posted = h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0SHARED');
      expect(posted.map((c) => c.token).sort()).toEqual([AAA.botToken, BBB.botToken]);

      // BBB removes the app: Slack sends app_uninstalled (and stops taking its token).
      const pending = await h.app.store.conversations.enqueue('summary:held-back', { platform: 'slack', channelId: 'C0SHARED', workspace: 'T0BBB' }, notice);
      h.fake.revoke(BBB.botToken);
      const uninstalled = eventCallback({ type: 'app_uninstalled', event_ts: '1764400900.000100' }, 'Ev0UNINSTALLB', { team: 'T0BBB', authorizations: false });
      expect((await postSigned(h.eventsUrl, uninstalled)).status).toBe(200);
      await eventually(async () => (await h.app.store.installations.get('T0BBB')) === null, 'the installation removed');
      expect(await status(pending.id)).toBe('failed');
      expect((await h.app.store.conversations.subscriptions()).map((s) => s.workspace)).toEqual(['T0AAA']);
      const line = await eventually(() => logs.find((l) => l.workspace === 'T0BBB' && String(l.msg).includes('uninstalled')), 'the log line');
      expect(line).toMatchObject({ level: 40, tokensRemoved: true, follows: 1, messages: 1 });
      expect(String(line.msg)).toContain('nothing more is delivered there');

      const callsBefore = callsWith(BBB.botToken).length;
      const [a2, b2] = [await send('T0AAA', 'digest:slack:C0SHARED:2026-11-30'), await send('T0BBB', 'digest:slack:C0SHARED:2026-11-30')];
      await eventually(async () => (await status(a2)) === 'sent' && (await status(b2)) === 'failed', 'AAA delivered, BBB not');
      expect((await h.app.store.conversations.outboxMessage(b2))!.lastError).toContain('Rapporteur is not installed in Slack workspace T0BBB');
      expect(callsWith(BBB.botToken)).toHaveLength(callsBefore);

      // A command from the uninstalled workspace is not answered.
      const url = await ask(BBB, 'following');
      await answerTo(await ask(AAA, 'help'));
      expect(h.fake.responsesTo(url)).toHaveLength(0);
    } finally {
      await jobs.stop();
      await dropPrefix(prefix);
    }
  });

  it('tokens_revoked for the bot removes the installation and stops deliveries, keeping the follows for a reinstall', async () => {
    const revoked = eventCallback({ type: 'tokens_revoked', tokens: { bot: [AAA.botUserId] }, event_ts: '1764401000.000100' }, 'Ev0REVOKEA', { team: 'T0AAA', authorizations: false });
    await postSigned(h.eventsUrl, revoked);
    await eventually(async () => (await h.app.store.installations.get('T0AAA')) === null, 'the installation removed');
    const failure = await h.door.sender!.send({ platform: 'slack', channelId: 'C0SHARED', workspace: 'T0AAA' }, reply('answer', [{ type: 'text', text: 'hello' }])).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect(failure).toMatchObject({ permanent: true });
    expect((await h.app.store.conversations.subscriptions()).map((s) => [s.workspace, s.value])).toEqual([['T0AAA', 'AZE']]);
    expect(logs.some((l) => l.workspace === 'T0AAA' && String(l.msg).includes('revoked'))).toBe(true);

    // Installed again, the workspace finds what it followed.
    expect((await install(h, { ...AAA, botToken: 'xoxb-aaa-second' })).status).toBe(200);
    expect(await answerTo(await ask(AAA, 'following'))).toContain('Azerbaijan');
  });
});
