import { teamsTraits } from '../adapters/teams/traits.js';
import type { Activity } from 'botbuilder';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixturePath } from './support/documents.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startTeamsDoor } from '../adapters/teams/index.js';
import { createHttpApp } from '../adapters/http/server.js';
import { openApp } from '../src/app.js';
import { reply } from '../src/core/reply.js';
import { DeliveryError } from '../src/delivery.js';
import type { Posted } from './support/fakeConnector.js';
import {
  CHANNEL,
  GROUP,
  PERSONAL,
  USER,
  buttonsOf,
  cardSubmit,
  cardsOf,
  channelMessage,
  groupMessage,
  installed,
  personalMessage,
  startTeamsHarness,
  visibleText,
  type TeamsHarness,
} from './support/fakeTeams.js';

const open: TeamsHarness[] = [];
async function harness(...args: Parameters<typeof startTeamsHarness>): Promise<TeamsHarness> {
  const h = await startTeamsHarness(...args);
  open.push(h);
  return h;
}
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

const repliesTo = (activity: Partial<Activity>) => (p: Posted) => p.replyTo === activity.id;

function expectGradesOfPara36(card: Record<string, unknown>): void {
  expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  const text = visibleText(card);
  expect(text).toContain('Azerbaijan: follow-up on CMW/C/AZE/CO/3, para. 36');
  expect(text).toContain('[C] 36 (a): not implemented.');
  expect(text).toContain('[C] 36 (b)–(e): not implemented.');
  expect(text).toContain('— follow-up evaluation of CMW/C/AZE/CO/3 (2 March 2026), assessment of para. 36 (b)–(e)');
  expect(text).toContain('From the State party: 17 January 2024 (CMW/C/AZE/FCO/3), 101 days late');
}

describe('Teams door: asking', () => {
  it('answers a personal chat with the grades of para. 36 in an Adaptive Card, as a reply to the question', async () => {
    const h = await harness();
    const question = personalMessage(h.connector.url, 'status of para 36 Azerbaijan');
    const response = await h.send(question);
    expect(response.status).toBe(200);

    const posts = h.connector.into(PERSONAL);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.replyTo).toBe(question.id);
    const [card] = cardsOf(posts);
    expectGradesOfPara36(card!);
    expect(posts[0]!.activity.summary).toBe('Azerbaijan: follow-up on CMW/C/AZE/CO/3, para. 36');
    expect(card!.fallbackText).toContain('“[C] 36 (a): not implemented.');
    // Buttons run commands; Teams answers are never private, so there is no "Share in channel".
    expect(visibleText(card)).toContain('[Show source]');
    expect(visibleText(card)).toContain('[Deadlines]');
    expect(visibleText(card)).not.toContain('Share in channel');
    expect(h.asked).toEqual([{ platform: 'teams', userId: USER.aadObjectId, userName: USER.name, channelId: PERSONAL, direct: true, text: 'status of para 36 Azerbaijan', capabilities: teamsTraits.capabilities }]);
  });

  it('answers in a channel when mentioned, with the mention taken out of the question, in the thread', async () => {
    const h = await harness();
    const question = channelMessage(h.connector.url, 'status of para 36 Azerbaijan');
    expect((await h.send(question)).status).toBe(200);

    const post = await h.connector.waitFor(repliesTo(question));
    expect(post.conversationId).toBe(CHANNEL);
    expectGradesOfPara36(cardsOf([post])[0]!);
    expect(h.asked.map((r) => r.text)).toEqual(['status of para 36 Azerbaijan']);
    expect(await h.app.store.conversation('teams', CHANNEL)).toMatchObject({ name: 'Treaty Bodies › CMW follow-up' });
  });

  it('stays quiet in a channel when it is not mentioned', async () => {
    const h = await harness();
    expect((await h.send(channelMessage(h.connector.url, 'status of para 36 Azerbaijan', { mention: false }))).status).toBe(200);
    expect(h.connector.posted).toEqual([]);
    expect(h.asked).toEqual([]);
  });

  it('answers in a group chat when mentioned, and keeps other people’s mentions as their names', async () => {
    const h = await harness();
    const question = groupMessage(h.connector.url, 'what did <at>Mr. Charef</at> ask?');
    question.entities!.push({ type: 'mention', text: '<at>Mr. Charef</at>', mentioned: { id: '29:someone-else', name: 'Mr. Charef' } });
    await h.send(question);
    const post = await h.connector.waitFor(repliesTo(question));
    expect(post.conversationId).toBe(GROUP);
    expect(h.asked[0]!.text).toBe('what did Mr. Charef ask?');
    expect(visibleText(cardsOf([post])[0])).toContain('Charef');
  });

  it('runs what a button of a card posted before Action.Execute says (Action.Submit), as the person who pressed it', async () => {
    const h = await harness();
    const question = personalMessage(h.connector.url, 'status of para 36 Azerbaijan');
    await h.send(question);
    const [card] = cardsOf(h.connector.into(PERSONAL));
    const deadlines = buttonsOf(card).get('Deadlines');
    expect(deadlines?.data).toEqual({ rapporteur: { kind: 'command', command: 'deadlines AZE' } });

    // Cards already in conversations keep their Action.Submit buttons, which Teams sends as a message with the data as value.
    const press = cardSubmit(h.connector.url, deadlines!.data);
    expect((await h.send(press)).status).toBe(200);
    const post = await h.connector.waitFor(repliesTo(press));
    const text = visibleText(cardsOf([post])[0]);
    expect(text).toContain('Deadlines for Azerbaijan');
    expect(text).toContain('Follow-up information on CMW/C/AZE/CO/3 (paragraphs 16, 36, 60, 62): due 8 October 2023, received 101 days late, on 17 January 2024');
    expect(h.asked[1]).toMatchObject({ text: 'deadlines AZE', userId: USER.aadObjectId });
  });

  it('answers an activity Teams sends again (same id) once, even when the copies arrive together', async () => {
    const h = await harness();
    const question = personalMessage(h.connector.url, 'summary 463');
    const responses = await Promise.all([h.send(question), h.send(question)]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect((await h.send(question)).status).toBe(200);
    expect(h.connector.into(PERSONAL)).toHaveLength(1);
    expect(h.asked).toHaveLength(1);
  });

  it('answers the same message id in two conversations: Teams ids are unique per conversation only', async () => {
    const h = await harness();
    const first = personalMessage(h.connector.url, 'help');
    const second = { ...personalMessage(h.connector.url, 'help', 'a:1ZAnotherPersonalChat'), id: first.id };
    await h.send(first);
    await h.send(second);
    expect(h.connector.posted.map((p) => p.conversationId)).toEqual([PERSONAL, 'a:1ZAnotherPersonalChat']);
  });

  it('acknowledges a slow answer at once and posts the answer in the thread when it is ready, even when stopping', async () => {
    const h = await harness({ coreDelayMs: 400, door: { ackAfterMs: 30 } });
    const question = channelMessage(h.connector.url, 'status of para 36 Azerbaijan');
    const started = performance.now();
    expect((await h.send(question)).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(400);
    const [ack] = h.connector.into(CHANNEL);
    expect(ack!.activity.text).toBe('Looking into it: the answer will follow here in a moment.');

    expect(await h.door.health()).toMatchObject({ ok: true, pendingAnswers: 1 });

    // Stopping waits for answers still on their way.
    await h.door.stop();
    const [, answer] = h.connector.into(CHANNEL);
    expect(answer).toMatchObject({ conversationId: CHANNEL, replyTo: question.id });
    expectGradesOfPara36(cardsOf([answer!])[0]!);
  });

  it('answers 400, without a stack trace, to a body that is not an activity', async () => {
    const h = await harness();
    for (const body of ['{}', '{"type": "message", "text": ', '[1, 2]']) {
      const response = await fetch(h.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(response.status).toBe(400);
      expect(await response.text()).not.toMatch(/at .*\.ts:\d+/);
    }
    expect(h.asked).toEqual([]);
  });

  it('remembers the conversation and says what it does when installed', async () => {
    const h = await harness();
    const install = installed(h.connector.url);
    expect((await h.send(install)).status).toBe(200);
    const stored = await h.app.store.conversation('teams', PERSONAL);
    expect(stored?.reference).toMatchObject({ serviceUrl: h.connector.url, conversation: { id: PERSONAL }, bot: { name: 'Rapporteur' } });
    const [post] = h.connector.into(PERSONAL);
    expect(visibleText(cardsOf([post!])[0])).toContain('Ask Rapporteur about treaty-body documents');
  });
});

describe('Teams door: posting unprompted', () => {
  it('posts from a freshly created adapter, in another App over the same store, with the stored reference', async () => {
    const h = await harness();
    await h.send(personalMessage(h.connector.url, 'help'));

    // As a job process would: its own App over the same data directory, its own CloudAdapter.
    const worker = await openApp(h.app.config, { seed: false });
    try {
      const door = await startTeamsDoor({ app: worker, http: createHttpApp(async () => ({ ok: true })) });
      const reminder = reply('answer', [{ type: 'heading', text: 'Due in 7 days: Azerbaijan' }, { type: 'text', text: 'Next periodic report of Azerbaijan.' }]);
      const sent = await door.sender!.send({ platform: 'teams', channelId: PERSONAL }, reminder);

      const post = h.connector.posted.at(-1)!;
      expect(sent.messageId).toMatch(/^posted-/);
      expect(post).toMatchObject({ conversationId: PERSONAL, replyTo: null });
      expect(visibleText(cardsOf([post])[0])).toContain('Due in 7 days: Azerbaijan');
      await door.stop();
    } finally {
      await worker.close();
    }
  });

  it('posts into a channel thread, as a reply to the activity, when the destination names one', async () => {
    const h = await harness();
    await h.send(channelMessage(h.connector.url, 'help'));
    await h.door.sender!.send({ platform: 'teams', channelId: CHANNEL, threadId: '1764500000000' }, reply('answer', [{ type: 'text', text: 'Digest' }]));
    expect(h.connector.posted.at(-1)).toMatchObject({ conversationId: '19:f0a1b2c3d4e5@thread.tacv2;messageid=1764500000000', replyTo: '1764500000000' });
  });

  it('refuses, for good, to post where the bot has never been', async () => {
    const h = await harness();
    const failure = await h.door.sender!.send({ platform: 'teams', channelId: '19:never-seen@thread.tacv2' }, reply('answer', [{ type: 'text', text: 'x' }])).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect(failure).toMatchObject({ permanent: true, code: 'DELIVERY_FAILED' });
    expect((failure as Error).message).toContain('the bot must be messaged or installed there first');
  });

  it('reports a 429 as worth retrying after the wait Teams asks for, and 403 and 404 as final', async () => {
    const h = await harness();
    await h.send(personalMessage(h.connector.url, 'help'));
    const send = () => h.door.sender!.send({ platform: 'teams', channelId: PERSONAL }, reply('answer', [{ type: 'text', text: 'Reminder' }])).catch((e: unknown) => e as DeliveryError);

    // A fraction of a second, because botbuilder's HTTP client first waits and retries three times itself.
    h.connector.refuse(PERSONAL, { status: 429, headers: { 'Retry-After': '0.02' } });
    const throttled = await send();
    expect(throttled).toMatchObject({ permanent: false, retryAfterMs: 20 });
    expect(h.connector.refused.get(PERSONAL)).toBe(4);

    h.connector.refuse(PERSONAL, { status: 403 });
    expect(await send()).toMatchObject({ permanent: true, message: expect.stringContaining('removed from the conversation') });
    h.connector.refuse(PERSONAL, { status: 404 });
    expect(await send()).toMatchObject({ permanent: true, message: expect.stringContaining('no longer knows the conversation') });

    h.connector.accept(PERSONAL);
    expect((await h.door.sender!.send({ platform: 'teams', channelId: PERSONAL }, reply('answer', [{ type: 'text', text: 'Reminder' }]))).messageId).toMatch(/^posted-/);
  });
});

describe('Teams door: files sent to the bot', () => {
  const FILE_INFO = 'application/vnd.microsoft.teams.file.download.info';
  let files: Server | undefined;
  afterEach(() => files?.close());

  /** A stand-in for the pre-authorised download link Teams gives a bot for a file sent in a personal chat. */
  async function hostFile(bytes: Buffer): Promise<{ url: string; downloads: () => number }> {
    let count = 0;
    files = createServer((_req, res) => {
      count++;
      res.writeHead(200, { 'content-type': 'text/plain' }).end(bytes);
    });
    await new Promise<void>((r) => files!.listen(0, '127.0.0.1', r));
    return { url: `http://127.0.0.1:${(files.address() as AddressInfo).port}/personal/drive/sr-9001.txt?tempauth=x`, downloads: () => count };
  }
  const withFile = (serviceUrl: string, url: string): Partial<Activity> => ({
    ...personalMessage(serviceUrl, ''),
    attachments: [{ contentType: FILE_INFO, name: 'sr-9001.txt', contentUrl: url, content: { downloadUrl: url, uniqueId: 'u1', fileType: 'txt' } }],
  });

  it('stores a file an admin sends in a personal chat, and says what was stored', async () => {
    const hosted = await hostFile(readFileSync(fixturePath('sr-9001-pdf-text.txt')));
    const h = await harness({ env: { RAPPORTEUR_ADMINS: `teams:${USER.aadObjectId}` } });
    expect((await h.send(withFile(h.connector.url, hosted.url))).status).toBe(200);
    const [post] = h.connector.into(PERSONAL);
    expect(JSON.stringify(post!.activity)).toContain(`Stored: CMW/C/SR.9001, requested by ${USER.name}.`);
    expect(await h.app.store.document('CMW/C/SR.9001')).toMatchObject({ kind: 'summary-record' });
    expect(hosted.downloads()).toBe(1);
  });

  it('tells someone who is not an admin who can, without fetching the file', async () => {
    const hosted = await hostFile(Buffer.from('x'));
    const h = await harness();
    await h.send(withFile(h.connector.url, hosted.url));
    const [post] = h.connector.into(PERSONAL);
    expect(JSON.stringify(post!.activity)).toContain('can change deadlines and documents');
    expect(hosted.downloads()).toBe(0);
  });
});
