import { readFileSync } from 'node:fs';
import { fixturePath } from './support/documents.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../adapters/slack/blockKit.js';
import { slackManifest } from '../adapters/slack/manifest.js';
import { WEB_API_METHODS } from '../adapters/slack/surface.js';
import { deadlineReminder } from '../src/core/notices.js';
import { reply, type Block } from '../src/core/reply.js';
import { DeliveryError } from '../src/delivery.js';
import {
  ANA,
  BOT,
  buttonPress,
  eventCallback,
  messageShortcut,
  postSigned,
  slashCommand,
  startFakeSlack,
  viewSubmission,
  type ApiCall,
  type ResponsePost,
} from './support/fakeSlack.js';
import { openSlackDoor, type SlackDoorHarness } from './support/fakeSlackDoor.js';

/**
 * The Slack door over HTTP, as Slack reaches it: signed requests to /slack/events on the shared
 * server, answers through response_url and the Web API of a local fake Slack.
 */

let h: SlackDoorHarness;
beforeAll(async () => {
  h = await openSlackDoor();
});
afterAll(async () => h?.close());

type Button = { action_id: string; value?: string; text: { text: string } };

/** Everything a message shows, in order. */
function shown(message: { blocks?: unknown }): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) k === 'text' && typeof x === 'string' ? out.push(x) : walk(x);
  };
  walk(message.blocks);
  return out.join('\n');
}

function buttons(message: { blocks?: unknown }): Button[] {
  return ((message.blocks ?? []) as Array<{ type: string; elements?: Button[] }>).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));
}

async function ask(text: string): Promise<{ url: string; answer: ResponsePost['body'] }> {
  const url = h.fake.responseUrl();
  const res = await postSigned(h.eventsUrl, slashCommand(text, { responseUrl: url }));
  expect(res.status).toBe(200);
  const [first] = await h.fake.waitFor(() => h.fake.responsesTo(url).length > 0 && h.fake.responsesTo(url));
  return { url, answer: first!.body };
}

const postsTo = (channel: string): ApiCall[] => h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);

function expectGrades(text: string): void {
  expect(text).toContain('> [C] 36 (a): not implemented.');
  expect(text).toContain('> [C] 36 (b)–(e): not implemented.');
  expect(text).toContain('follow-up evaluation of CMW/C/AZE/CO/3 (2 March 2026), assessment of para. 36 (a)');
  expect(text).toContain('From the State party*\n17 January 2024 (CMW/C/AZE/FCO/3), 101 days late');
}

describe('each door answers "status of para 36 Azerbaijan" with the grades', () => {
  it('the slash command acks at once, then answers privately with a Share button and a plain fallback', async () => {
    const url = h.fake.responseUrl();
    const started = Date.now();
    const res = await postSigned(h.eventsUrl, slashCommand('status of para 36 Azerbaijan', { responseUrl: url }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(Date.now() - started).toBeLessThan(1000);
    const [answer] = await h.fake.waitFor(() => h.fake.responsesTo(url).length > 0 && h.fake.responsesTo(url));
    expect(answer!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expectGrades(shown(answer!.body));
    expect(answer!.body.text).toMatch(/^Azerbaijan: follow-up on CMW\/C\/AZE\/CO\/3, para\. 36\n\n.*“\[C\] 36 \(a\): not implemented\./s);
    expect(buttons(answer!.body).map((b) => [b.action_id, b.text.text, b.value])).toEqual([
      ['command:show-source', 'Show source', 'source CMW/C/AZE/CO/3 evaluation 2026-03-02 lines 86-96'],
      ['command:deadlines', 'Deadlines', 'deadlines AZE'],
      ['share:share', 'Share in channel', 'status of para 36 Azerbaijan'],
    ]);
  });

  it('a mention in a channel is answered in a thread under it, for everyone', async () => {
    const event = { type: 'app_mention', user: ANA.id, text: `<@${BOT.userId}> status of para 36 Azerbaijan`, ts: '1764400100.000100', channel: 'C0MENTION' };
    expect((await postSigned(h.eventsUrl, eventCallback(event, 'Ev0MENTION1'))).status).toBe(200);
    const [post] = await h.fake.waitFor(() => postsTo('C0MENTION').length > 0 && postsTo('C0MENTION'));
    expect(post!.args.thread_ts).toBe('1764400100.000100');
    expectGrades(shown(post!.args));
    expect(String(post!.args.text)).toContain('[C] 36 (a): not implemented.');
    expect(buttons(post!.args).map((b) => b.action_id)).toEqual(['command:show-source', 'command:deadlines']);

    const inThread = { ...event, ts: '1764400100.000300', thread_ts: '1764400050.000100', channel: 'C0THREAD' };
    await postSigned(h.eventsUrl, eventCallback(inThread, 'Ev0MENTION2'));
    const [reply] = await h.fake.waitFor(() => postsTo('C0THREAD').length > 0 && postsTo('C0THREAD'));
    expect(reply!.args.thread_ts).toBe('1764400050.000100');
  });

  it('a direct message is answered in the conversation; edits and bots’ messages are not', async () => {
    const dm = { type: 'message', channel: 'D0ANA', channel_type: 'im', user: ANA.id, text: 'status of para 36 Azerbaijan', ts: '1764400200.000100' };
    await postSigned(h.eventsUrl, eventCallback({ ...dm, user: BOT.userId, bot_id: BOT.botId, text: 'an answer of mine' }, 'Ev0DMBOT'));
    await postSigned(h.eventsUrl, eventCallback({ ...dm, subtype: 'message_changed', text: 'status Azerbaijan' }, 'Ev0DMEDIT'));
    await postSigned(h.eventsUrl, eventCallback(dm, 'Ev0DM'));
    const [post] = await h.fake.waitFor(() => postsTo('D0ANA').length > 0 && postsTo('D0ANA'));
    expect(post!.args.thread_ts).toBeUndefined();
    expectGrades(shown(post!.args));
    expect(postsTo('D0ANA')).toHaveLength(1);
  });
});

describe('requests Slack did not sign', () => {
  it('a forged signature, a stale or future timestamp and missing headers get 401 and reach nobody', async () => {
    const before = { calls: h.fake.calls.length, responses: h.fake.responses.length };
    const now = Math.floor(Date.now() / 1000);
    const command = () => slashCommand('status of para 36 Azerbaijan', { responseUrl: h.fake.responseUrl() });
    expect((await postSigned(h.eventsUrl, command(), { secret: 'not-the-signing-secret' })).status).toBe(401);
    expect((await postSigned(h.eventsUrl, command(), { timestamp: now - 6 * 60 })).status).toBe(401);
    expect((await postSigned(h.eventsUrl, command(), { timestamp: now + 10 * 60 })).status).toBe(401);
    const unsigned = command();
    expect((await fetch(h.eventsUrl, { method: 'POST', headers: { 'content-type': unsigned.contentType }, body: unsigned.body })).status).toBe(401);
    const mention = eventCallback({ type: 'app_mention', user: ANA.id, text: `<@${BOT.userId}> help`, ts: '1.1', channel: 'C0FORGED' }, 'Ev0FORGED');
    expect((await postSigned(h.eventsUrl, mention, { secret: 'not-the-signing-secret' })).status).toBe(401);
    // A genuine request after them is answered: had the others got through, they would have been answered first.
    await ask('help');
    expect(h.fake.calls.length).toBe(before.calls);
    expect(h.fake.responses.length).toBe(before.responses + 1);
  });
});

describe('buttons do what they say', () => {
  it('Show source and Deadlines run their command for the person who pressed, privately', async () => {
    const { answer } = await ask('status of para 36 Azerbaijan');
    const [source, deadlines] = buttons(answer);
    const url = h.fake.responseUrl();
    expect((await postSigned(h.eventsUrl, buttonPress(source!, { responseUrl: url }))).status).toBe(200);
    const [shownSource] = await h.fake.waitFor(() => h.fake.responsesTo(url).length > 0 && h.fake.responsesTo(url));
    expect(shownSource!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(shown(shownSource!.body)).toContain('The Committee is concerned about reports of more than 6,300 migrants being detained in 2023');
    expect(shown(shownSource!.body)).toContain('follow-up evaluation of CMW/C/AZE/CO/3 (2 March 2026), lines 86–96');

    const url2 = h.fake.responseUrl();
    await postSigned(h.eventsUrl, buttonPress(deadlines!, { responseUrl: url2 }));
    const [due] = await h.fake.waitFor(() => h.fake.responsesTo(url2).length > 0 && h.fake.responsesTo(url2));
    expect(shown(due!.body)).toContain('Deadlines for Azerbaijan');
    expect(shown(due!.body)).toContain('received 101 days late, on 17 January 2024');
  });

  it('Snooze and Done on a reminder posted by the Sender act on that deadline for the channel', async () => {
    const [deadline] = await h.app.store.deadlines({});
    await h.door.sender!.send({ platform: 'slack', channelId: 'C0REMIND' }, deadlineReminder(deadline!, '2026-11-29'));
    const [reminder] = postsTo('C0REMIND');
    const [snoozeDay, snoozeWeek, done] = buttons(reminder!.args);
    expect([snoozeDay, snoozeWeek, done].map((b) => b!.text.text)).toEqual(['Snooze 1 day', 'Snooze 1 week', 'Done']);
    const url = h.fake.responseUrl();
    await postSigned(h.eventsUrl, buttonPress(snoozeWeek!, { responseUrl: url, channel: 'C0REMIND' }));
    const [snoozed] = await h.fake.waitFor(() => h.fake.responsesTo(url).length > 0 && h.fake.responsesTo(url));
    expect(shown(snoozed!.body)).toContain(`Snoozed “${deadline!.title}” here for 7 days`);
    const url2 = h.fake.responseUrl();
    await postSigned(h.eventsUrl, buttonPress(done!, { responseUrl: url2, channel: 'C0REMIND' }));
    const [marked] = await h.fake.waitFor(() => h.fake.responsesTo(url2).length > 0 && h.fake.responsesTo(url2));
    expect(shown(marked!.body)).toContain(`Marked “${deadline!.title}”`);
    expect(shown(marked!.body)).toContain('done here, by ana');
  });

  it('a button pressed after its response_url expired answers in the direct message with the bot', async () => {
    const { answer } = await ask('status of para 36 Azerbaijan');
    const url = h.fake.responseUrl();
    h.fake.expire(url);
    await postSigned(h.eventsUrl, buttonPress(buttons(answer)[1]!, { responseUrl: url, user: { id: 'U0LATE', name: 'late' } }));
    const [dm] = await h.fake.waitFor(() => postsTo('U0LATE').length > 0 && postsTo('U0LATE'));
    expect(shown(dm!.args)).toContain('Deadlines for Azerbaijan');
  });

  it('Share in channel posts the answer for everyone, names who shared it, and removes the private copy', async () => {
    const { answer } = await ask('status of para 36 Azerbaijan');
    const share = buttons(answer).find((b) => b.action_id.startsWith('share:'))!;
    const url = h.fake.responseUrl();
    await postSigned(h.eventsUrl, buttonPress(share, { responseUrl: url, channel: 'C0SHARE' }));
    const [post] = await h.fake.waitFor(() => postsTo('C0SHARE').length > 0 && postsTo('C0SHARE'));
    expect((post!.args.blocks as unknown[])[0]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: `Shared by <@${ANA.id}>` }] });
    expectGrades(shown(post!.args));
    expect(buttons(post!.args).some((b) => b.action_id.startsWith('share:'))).toBe(false);
    const [removed] = await h.fake.waitFor(() => h.fake.responsesTo(url).length > 0 && h.fake.responsesTo(url));
    expect(removed!.body).toEqual({ delete_original: true });
  });
});

describe('App Home', () => {
  it('publishes the overview when opened, and not for the Messages tab', async () => {
    await postSigned(h.eventsUrl, eventCallback({ type: 'app_home_opened', user: 'U0MSG', channel: 'D0MSG', tab: 'messages', event_ts: '1764400300.000100' }, 'Ev0HOMEMSG'));
    await postSigned(h.eventsUrl, eventCallback({ type: 'app_home_opened', user: ANA.id, channel: 'D0ANA', tab: 'home', event_ts: '1764400300.000200' }, 'Ev0HOME'));
    const [published] = await h.fake.waitFor(() => h.fake.callsTo('views.publish').length > 0 && h.fake.callsTo('views.publish'));
    expect(published!.args.user_id).toBe(ANA.id);
    const view = published!.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    expect(view.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Rapporteur', emoji: false } });
    expect(shown(view)).toContain('As of 29 November 2026 (Europe/Zurich).');
    expect(buttons(view).map((b) => b.action_id)).toEqual(expect.arrayContaining(['command:home-deadlines', 'command:home-help']));
    expect(h.fake.callsTo('views.publish').filter((c) => c.args.user_id === 'U0MSG')).toHaveLength(0);
  });

  it('a button in the App Home answers in the direct message with the bot', async () => {
    await postSigned(h.eventsUrl, buttonPress({ action_id: 'command:home-help', value: 'help' }, { inHome: true, user: { id: 'U0HOME', name: 'hana' } }));
    const [post] = await h.fake.waitFor(() => postsTo('U0HOME').length > 0 && postsTo('U0HOME'));
    expect(shown(post!.args)).toContain('Ask Rapporteur about treaty-body documents');
  });

  it('is republished after a command that changes it, and on request for jobs', async () => {
    const publishedFor = (user: string) => h.fake.callsTo('views.publish').filter((c) => c.args.user_id === user);
    const url = h.fake.responseUrl();
    await postSigned(h.eventsUrl, slashCommand('follow Azerbaijan', { responseUrl: url, user: { id: 'U0FOLLOW', name: 'fola' } }));
    await h.fake.waitFor(() => publishedFor('U0FOLLOW').length > 0);
    expect(shown(h.fake.responsesTo(url)[0]!.body)).toContain('now follows Azerbaijan');
    await h.door.republishHome('U0JOBS');
    expect(publishedFor('U0JOBS')).toHaveLength(1);
  });
});

describe('limits and redelivery', () => {
  it('a long answer is split into messages within Slack’s limits, in order', async () => {
    const blocks: Block[] = [{ type: 'heading', text: `Digest: ${'many new records '.repeat(12)}` }];
    for (let i = 1; i <= 70; i++) blocks.push({ type: 'quote', text: `Paragraph ${i}. ${'The Committee recommends that the State party ensure access to remedies. '.repeat(8)}`, cite: { source: 'CMW/C/SR.463', where: `para. ${i}`, documentKey: 'CMW/C/SR.463' } });
    const sent = await h.door.sender!.send({ platform: 'slack', channelId: 'C0DIGEST' }, reply('answer', blocks));
    const posts = postsTo('C0DIGEST');
    expect(posts.length).toBeGreaterThan(2);
    expect(sent.messageId).toMatch(/^\d+\.\d+$/);
    let last = 0;
    for (const p of posts) {
      const slackBlocks = p.args.blocks as Array<{ type: string; text?: { text: string } }>;
      expect(slackBlocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
      for (const b of slackBlocks) {
        if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
        if (b.type === 'header') expect(b.text!.text.length).toBeLessThanOrEqual(LIMITS.headerText);
      }
      expect(String(p.args.text).length).toBeGreaterThan(0);
      const paras = [...shown(p.args).matchAll(/para\. (\d+)/g)].map((m) => Number(m[1]));
      expect(paras[0]).toBeGreaterThan(last);
      last = paras.at(-1)!;
    }
    expect(last).toBe(70);
  });

  it('a redelivered event and a resent command are answered once', async () => {
    const event = { type: 'app_mention', user: ANA.id, text: `<@${BOT.userId}> help`, ts: '1764400400.000100', channel: 'C0RETRY' };
    expect((await postSigned(h.eventsUrl, eventCallback(event, 'Ev0RETRY'))).status).toBe(200);
    const retry = await postSigned(h.eventsUrl, eventCallback(event, 'Ev0RETRY'), { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    const url = h.fake.responseUrl();
    const command = slashCommand('help', { responseUrl: url, triggerId: 'resent.trigger' });
    await postSigned(h.eventsUrl, command);
    await postSigned(h.eventsUrl, command);
    // A later event, answered after the others (answers go in order): by then any second answer would be in.
    await postSigned(h.eventsUrl, eventCallback({ ...event, channel: 'C0AFTER', ts: '1764400400.000200' }, 'Ev0AFTER'));
    await h.fake.waitFor(() => postsTo('C0AFTER').length > 0);
    expect(postsTo('C0RETRY')).toHaveLength(1);
    expect(h.fake.responsesTo(url)).toHaveLength(1);
  });
});

describe('errors reach the person as a sentence and a code', () => {
  const noTrace = (text: string) => expect(text).not.toMatch(/\n\s+at |Error:|WebAPI/);

  it('Share in a channel the bot is not in says to invite it', async () => {
    const { answer } = await ask('status of para 36 Azerbaijan');
    h.fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    const url = h.fake.responseUrl();
    await postSigned(h.eventsUrl, buttonPress(buttons(answer).find((b) => b.action_id.startsWith('share:'))!, { responseUrl: url, channel: 'C0PRIVATE' }));
    const [told] = await h.fake.waitFor(() => h.fake.responsesTo(url).length > 0 && h.fake.responsesTo(url));
    expect(told!.body.response_type).toBe('ephemeral');
    expect(shown(told!.body)).toBe('I’m not a member of this channel, so I can’t post in it. Invite me with /invite @Rapporteur, then try again.\nError code SLACK_NOT_IN_CHANNEL.');
    noTrace(String(told!.body.text));
  });

  it('a mention Slack will not let me answer is explained in a direct message', async () => {
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    await postSigned(h.eventsUrl, eventCallback({ type: 'app_mention', user: 'U0BUSY', text: `<@${BOT.userId}> help`, ts: '1764400500.000100', channel: 'C0BUSY' }, 'Ev0BUSY'));
    const [dm] = await h.fake.waitFor(() => postsTo('U0BUSY').length > 0 && postsTo('U0BUSY'));
    expect(shown(dm!.args)).toBe('Slack asked me to slow down. Please try again in 7 seconds.\nError code SLACK_RATELIMITED.');

    h.fake.failNext('chat.postMessage', { error: 'missing_scope', needed: 'chat:write.public' });
    await postSigned(h.eventsUrl, eventCallback({ type: 'app_mention', user: 'U0SCOPE', text: `<@${BOT.userId}> help`, ts: '1764400500.000200', channel: 'C0SCOPE' }, 'Ev0SCOPE'));
    const [scope] = await h.fake.waitFor(() => postsTo('U0SCOPE').length > 0 && postsTo('U0SCOPE'));
    expect(shown(scope!.args)).toContain('lacks a permission it needs (chat:write.public). A workspace admin can update the app from its manifest');
    expect(shown(scope!.args)).toContain('Error code SLACK_MISSING_SCOPE.');
    noTrace(shown(scope!.args));
  });

  it('the Sender reports Slack’s refusals as DeliveryError: permanent or not, with Slack’s wait', async () => {
    const send = () => h.door.sender!.send({ platform: 'slack', channelId: 'C0OUTBOX' }, reply('answer', [{ type: 'text', text: 'Reminder: follow-up report due tomorrow.' }]));
    for (const error of ['channel_not_found', 'not_in_channel', 'is_archived', 'account_inactive', 'invalid_auth', 'token_revoked', 'missing_scope']) {
      h.fake.failNext('chat.postMessage', { error });
      await expect(send()).rejects.toMatchObject({ name: 'DeliveryError', permanent: true, retryAfterMs: null, message: `Slack did not take the message: ${error}` });
    }
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 30 });
    await expect(send()).rejects.toMatchObject({ permanent: false, retryAfterMs: 30_000 });
    h.fake.failNext('chat.postMessage', { error: 'internal_error' });
    const failure = await send().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect(failure).toMatchObject({ permanent: false, retryAfterMs: null, code: 'DELIVERY_FAILED' });
    expect((await send()).messageId).toMatch(/^\d+\.\d+$/);
  });
});

describe('the message shortcut "Find in treaty documents"', () => {
  it('searches the message’s words and answers privately', async () => {
    const url = h.fake.responseUrl();
    await postSigned(h.eventsUrl, messageShortcut('detention of children &amp; asylum-seekers', { responseUrl: url }));
    const [found] = await h.fake.waitFor(() => h.fake.responsesTo(url).length > 0 && h.fake.responsesTo(url));
    expect(found!.body.response_type).toBe('ephemeral');
    expect(shown(found!.body)).toContain('“detention of children asylum seekers” in the documents');
    expect(shown(found!.body)).toContain('Immediately cease migration detention of children');
    expect(buttons(found!.body).find((b) => b.action_id.startsWith('share:'))?.value).toBe('search detention of children & asylum-seekers');
  });

  it('searches at most the first 200 characters, and says so when a message has no words', async () => {
    const url = h.fake.responseUrl();
    await postSigned(h.eventsUrl, messageShortcut(`<@U0BEN> ${'detention '.repeat(60)}`, { responseUrl: url }));
    const [answer] = await h.fake.waitFor(() => h.fake.responsesTo(url).length > 0 && h.fake.responsesTo(url));
    const share = buttons(answer!.body).find((b) => b.action_id.startsWith('share:'));
    expect(share?.value?.length).toBeLessThanOrEqual('search '.length + 200);
    const empty = h.fake.responseUrl();
    await postSigned(h.eventsUrl, messageShortcut('<@U0BEN>', { responseUrl: empty }));
    const [none] = await h.fake.waitFor(() => h.fake.responsesTo(empty).length > 0 && h.fake.responsesTo(empty));
    expect(shown(none!.body)).toBe('That message has no text to search the treaty documents for.');
  });
});

describe('links to UN documents unfurl with what the store knows', () => {
  const SR = 'https://undocs.org/en/CMW/C/SR.463';
  const CO = 'https://tbinternet.ohchr.org/_layouts/15/treatybodyexternal/Download.aspx?symbolno=CMW%2fC%2fAZE%2fCO%2f3&Lang=en';
  const ABSENT = 'https://documents.un.org/api/symbol/access?s=CCPR/C/FRA/CO/6&l=en&t=pdf';
  const HANDLE = 'https://docstore.ohchr.org/SelfServices/FilesHandler.ashx?enc=6QkG1d%2fPPRiCAqhKb7yhs';
  const linkShared = (links: string[], extra: Record<string, unknown> = {}, id = 'Ev0LINKS') =>
    eventCallback({ type: 'link_shared', channel: 'C0LINKS', user: ANA.id, message_ts: '1764400700.000100', links: links.map((url) => ({ url, domain: new URL(url).hostname })), ...extra }, id);

  it('a meeting record shows its date, chair and speakers; concluding observations not held show their evaluation and an offer to fetch', async () => {
    await postSigned(h.eventsUrl, linkShared([SR, CO, ABSENT, HANDLE]));
    const [call] = await h.fake.waitFor(() => h.fake.callsTo('chat.unfurl').length > 0 && h.fake.callsTo('chat.unfurl'));
    expect(call!.args).toMatchObject({ channel: 'C0LINKS', ts: '1764400700.000100' });
    const unfurls = call!.args.unfurls as Record<string, { blocks: unknown[] }>;
    // The link that names no symbol is left to Slack's own preview.
    expect(Object.keys(unfurls).sort()).toEqual([SR, CO, ABSENT].sort());
    const sr = shown(unfurls[SR]!);
    expect(sr).toContain('*CMW/C/SR.463: Summary record (partial) of the 463rd meeting*');
    expect(sr).toContain('Summary record · CMW · held 4 October 2021');
    expect(sr).toContain('Chair: Mr. Ünver.');
    expect(sr).toMatch(/Speakers: .*Mr\. Safikhanli/);
    expect(buttons(unfurls[SR]!).map((b) => b.value)).toEqual(['summary CMW/C/SR.463']);
    const co = shown(unfurls[CO]!);
    expect(co).toContain('CMW/C/AZE/CO/3 is not in Rapporteur’s store yet. An admin can fetch it.');
    expect(co).toContain('Follow-up evaluated on 2 March 2026: ');
    expect(co).toContain('36 (a) [C]');
    expect(buttons(unfurls[CO]!).map((b) => [b.text.text, b.value])).toEqual([['Fetch it', `ingest ${CO}`]]);
    expect(shown(unfurls[ABSENT]!)).toContain('CCPR/C/FRA/CO/6 is not in Rapporteur’s store yet.');
    for (const unfurl of Object.values(unfurls)) {
      expect(unfurl.blocks.length).toBeLessThanOrEqual(LIMITS.unfurlBlocks);
      expect(shown(unfurl).length).toBeLessThanOrEqual(LIMITS.unfurlChars);
      expect(unfurl.blocks.every((b) => (b as { type: string }).type !== 'header' && (b as { type: string }).type !== 'table')).toBe(true);
    }
  });

  it('a link in a message being written unfurls by its unfurl id; a message of other links is left alone', async () => {
    const before = h.fake.callsTo('chat.unfurl').length;
    await postSigned(h.eventsUrl, linkShared([HANDLE, 'https://undocs.org/en/A/HRC/52/1'], {}, 'Ev0NOSYMBOL'));
    await postSigned(h.eventsUrl, linkShared([SR], { unfurl_id: 'Uxxx.composer', source: 'composer', message_ts: 'Uxxx.composer', channel: 'COMPOSER' }, 'Ev0COMPOSER'));
    const call = await h.fake.waitFor(() => h.fake.callsTo('chat.unfurl').length > before && h.fake.callsTo('chat.unfurl').at(-1));
    expect(call.args).toMatchObject({ unfurl_id: 'Uxxx.composer', source: 'composer' });
    expect(call.args.channel).toBeUndefined();
    expect(h.fake.callsTo('chat.unfurl')).toHaveLength(before + 1);
  });
});

describe('reminders picked on a calendar', () => {
  type View = { id: string; callback_id: string; private_metadata: string; blocks: Array<{ block_id?: string; type: string; element?: Record<string, unknown>; elements?: Array<{ text: string }> }> };
  const opened = () => h.fake.callsTo('views.open');
  const submit = (view: View, date: string, time: string, about: string, user = ANA) =>
    postSigned(h.eventsUrl, viewSubmission(view, { when_date: { value: { type: 'datepicker', selected_date: date } }, when_time: { value: { type: 'timepicker', selected_time: time } }, about: { value: { type: 'plain_text_input', value: about } } }, { user }));

  it('"Remind me about this" opens a modal with a date, a time and the conversation’s zone; submitting sets the reminder', async () => {
    await ask('time zone America/New_York');
    const before = opened().length;
    await postSigned(h.eventsUrl, messageShortcut('Check the <@U0BEN> reply on para 36 &amp; the FCO', { responseUrl: h.fake.responseUrl(), callbackId: 'remind_me_about_this' }));
    const call = await h.fake.waitFor(() => opened().length > before && opened().at(-1));
    const view = call.args.view as View;
    expect(call.args.trigger_id).toMatch(/\.trigger$/);
    expect(view.callback_id).toBe('remind_modal');
    const [day, time, about, note] = view.blocks;
    expect(day!.element).toMatchObject({ type: 'datepicker', initial_date: '2026-11-30' });
    expect(time!.element).toMatchObject({ type: 'timepicker', initial_time: '09:00', timezone: 'America/New_York' });
    expect(about!.element).toMatchObject({ type: 'plain_text_input', initial_value: 'Check the reply on para 36 & the FCO' });
    expect(note!.elements![0]!.text).toContain('America/New_York');

    const res = await submit({ ...view, id: 'V0REMIND1' }, '2026-12-03', '14:30', 'Check the FCO reply on para 36');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const [dm] = await h.fake.waitFor(() => postsTo(ANA.id).filter((p) => shown(p.args).includes('I will remind you')).length > 0 && postsTo(ANA.id).filter((p) => shown(p.args).includes('I will remind you')));
    expect(shown(dm!.args)).toContain('I will remind you on Thursday 3 December 2026 at 14:30 (America/New_York): Check the FCO reply on para 36.');
    const [stored] = (await h.app.store.conversations.reminders({ status: 'pending' })).filter((r) => r.text === 'Check the FCO reply on para 36');
    expect(stored).toMatchObject({ channelId: ANA.id, workspace: BOT.teamId, dueAt: '2026-12-03T19:30:00.000Z' });
  });

  it('a time already past is refused in the modal itself, and nothing is set', async () => {
    const view: View = { id: 'V0PAST', callback_id: 'remind_modal', private_metadata: JSON.stringify({ channel: 'C0CMW', who: 'me', zone: 'Europe/Zurich' }), blocks: [] };
    const count = (await h.app.store.conversations.reminders({})).length;
    const res = await submit(view, '2026-11-01', '09:00', 'too late');
    expect(await res.json()).toEqual({ response_action: 'errors', errors: { when_date: expect.stringContaining('has passed; give a time to come') } });
    const empty = await submit(view, '2026-12-01', '09:00', '   ');
    expect(await empty.json()).toEqual({ response_action: 'errors', errors: { about: 'Say what to be reminded of.' } });
    expect((await h.app.store.conversations.reminders({})).length).toBe(count);
  });

  it('"remind us to ..." with no date opens the same modal for the channel; a mention offers a button that does', async () => {
    const before = opened().length;
    const url = h.fake.responseUrl();
    await postSigned(h.eventsUrl, slashCommand('remind us to check the FCO reply', { responseUrl: url, channel: 'C0TEAM' }));
    const call = await h.fake.waitFor(() => opened().length > before && opened().at(-1));
    const view = call.args.view as View;
    expect(JSON.parse(view.private_metadata)).toEqual({ channel: 'C0TEAM', who: 'us', zone: 'Europe/Zurich' });
    expect(view.blocks[2]!.element).toMatchObject({ initial_value: 'check the FCO reply' });
    expect(h.fake.responsesTo(url)).toHaveLength(0);
    await submit({ ...view, id: 'V0TEAM' }, '2026-12-07', '08:15', 'check the FCO reply');
    await h.fake.waitFor(() => postsTo(ANA.id).some((p) => shown(p.args).includes('I will remind this conversation on Monday 7 December 2026 at 08:15 (Europe/Zurich): check the FCO reply.')));
    expect((await h.app.store.conversations.reminders({ channel: { platform: 'slack', channelId: 'C0TEAM', workspace: BOT.teamId } }))[0]).toMatchObject({ text: 'check the FCO reply', status: 'pending' });

    await postSigned(h.eventsUrl, eventCallback({ type: 'app_mention', user: ANA.id, text: `<@${BOT.userId}> remind me to read the list of issues`, ts: '1764400800.000100', channel: 'C0ASKWHEN' }, 'Ev0ASKWHEN'));
    const [post] = await h.fake.waitFor(() => postsTo('C0ASKWHEN').length > 0 && postsTo('C0ASKWHEN'));
    expect(shown(post!.args)).toContain('When? Say it as');
    const pick = buttons(post!.args).find((b) => b.action_id === 'remind-form')!;
    expect(pick.text.text).toBe('Pick a date');
    const pressed = opened().length;
    await postSigned(h.eventsUrl, buttonPress(pick, { channel: 'C0ASKWHEN' }));
    const fromButton = await h.fake.waitFor(() => opened().length > pressed && opened().at(-1));
    expect((fromButton.args.view as View).blocks[2]!.element).toMatchObject({ initial_value: 'read the list of issues' });
  });
});

describe('status overviews and deadline lists as tables', () => {
  type Table = { type: 'table'; rows: Array<Array<{ type: string; text: string }>> };
  const tables = (message: { blocks?: unknown }) => ((message.blocks ?? []) as Array<{ type: string }>).filter((b): b is Table => b.type === 'table');

  it('deadlines read as one table (overdue and coming up together), with the list kept as the text fallback', async () => {
    const { answer } = await ask('deadlines Azerbaijan all');
    const [table, ...more] = tables(answer);
    expect(more).toHaveLength(0);
    expect(table!.rows[0]!.map((c) => c.text)).toEqual(['#', 'Deadline', 'Due', 'Standing', 'From']);
    const standing = table!.rows.slice(1).map((r) => r[3]!.text);
    expect(standing.some((s) => s.startsWith('received'))).toBe(true);
    expect(table!.rows.length).toBeLessThanOrEqual(LIMITS.tableRows);
    expect(table!.rows.every((r) => r.every((c) => c.type === 'raw_text' && c.text.length > 0))).toBe(true);
    expect(String(answer.text)).toContain('received 101 days late, on 17 January 2024');
  });

  it('a status overview is a table of paragraphs and grades', async () => {
    const { answer } = await ask('status Azerbaijan');
    const [table] = tables(answer);
    expect(table!.rows[0]!.map((c) => c.text)).toEqual(['Para.', 'Subject', 'Grades']);
    expect(table!.rows.find((r) => r[0]!.text === '36')![2]!.text).toContain('[C]');
  });

  it('more rows than a table takes stay a list', async () => {
    const items = Array.from({ length: 120 }, (_, i) => ({ text: `#${i} a deadline` }));
    const many = reply('answer', [{ type: 'list', title: 'Coming up', items, table: { columns: ['#', 'Deadline'], rows: items.map((_, i) => [String(i), 'a deadline']) } }]);
    const sent = await h.door.sender!.send({ platform: 'slack', channelId: 'C0MANYROWS' }, many);
    expect(sent.messageId).not.toBeNull();
    const posts = postsTo('C0MANYROWS');
    expect(posts.flatMap((p) => tables(p.args))).toHaveLength(0);
    expect(posts.map((p) => shown(p.args)).join('\n')).toContain('#119 a deadline');
  });
});

describe('commands without a trigger id', () => {
  it('five distinct commands with no trigger id are each answered once', async () => {
    const urls = Array.from({ length: 5 }, () => h.fake.responseUrl());
    const commands = ['help', 'summary 463', 'deadlines', 'status Azerbaijan', 'documents'];
    for (const [i, text] of commands.entries()) await postSigned(h.eventsUrl, slashCommand(text, { responseUrl: urls[i]!, triggerId: null }));
    // The same command sent twice (its response_url the same) is still one command.
    await postSigned(h.eventsUrl, slashCommand('help', { responseUrl: urls[0]!, triggerId: null }));
    await h.fake.waitFor(() => urls.every((u) => h.fake.responsesTo(u).length > 0), 5000);
    await ask('help');
    expect(urls.map((u) => h.fake.responsesTo(u).length)).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('health and start', () => {
  it('reports the mode and whether Slack accepts the token', async () => {
    expect(await h.door.health()).toEqual({ ok: true, mode: 'http', auth: 'ok' });
  });

  it('refuses to start with a token Slack rejects, naming the variable', async () => {
    const fake = await startFakeSlack();
    try {
      fake.failNext('auth.test', { error: 'invalid_auth' });
      await expect(openSlackDoor({}, fake)).rejects.toThrow('Slack refused SLACK_BOT_TOKEN (invalid_auth)');
    } finally {
      await fake.close();
    }
  });

  it('calls only Web API methods whose scopes the manifest asks for', () => {
    const granted = new Set((slackManifest({ command: '/tb' }) as { oauth_config: { scopes: { bot: string[] } } }).oauth_config.scopes.bot);
    const methods = new Set(h.fake.calls.map((c) => c.method));
    expect([...methods].sort()).toEqual(Object.keys(WEB_API_METHODS).sort());
    for (const method of methods) {
      const scope = WEB_API_METHODS[method as keyof typeof WEB_API_METHODS];
      if (scope) expect(granted).toContain(scope);
    }
    expect(h.fake.calls.every((c) => c.token === 'xoxb-test-token')).toBe(true);
  });
});

describe('documents shared with the bot', () => {
  const ADMIN = 'U0ADMIN';
  const record = () => readFileSync(fixturePath('sr-9001-pdf-text.txt'));
  const share = (user: string, files: Array<Record<string, unknown>>, event: string, channel = `D0${user}`) =>
    postSigned(h.eventsUrl, eventCallback({ type: 'message', subtype: 'file_share', channel, channel_type: 'im', user, text: '', files, ts: '1764400300.000100' }, event));

  it('an admin’s file in a direct message is downloaded with the bot token, read and stored, and the answer says what was stored', async () => {
    const file = h.fake.shareFile('sr-9001.txt', record(), 'text/plain');
    await share(ADMIN, [file], 'Ev0FILE1');
    const [post] = await h.fake.waitFor(() => postsTo(`D0${ADMIN}`).length > 0 && postsTo(`D0${ADMIN}`), 10_000);
    expect(shown(post!.args)).toBe('Stored: CMW/C/SR.9001, requested by U0ADMIN.');
    expect(h.fake.downloads.at(-1)).toEqual({ id: file.id, token: 'xoxb-test-token' });
    expect(await h.app.store.document('CMW/C/SR.9001')).toMatchObject({ kind: 'summary-record', meeting: 9001 });
  });

  it('someone who is not an admin is told who can, and the file is never downloaded', async () => {
    const before = h.fake.downloads.length;
    await share(ANA.id, [h.fake.shareFile('co.txt', record(), 'text/plain')], 'Ev0FILE2');
    const [post] = await h.fake.waitFor(() => postsTo(`D0${ANA.id}`).length > 0 && postsTo(`D0${ANA.id}`));
    expect(shown(post!.args)).toContain('Only the admins named in Rapporteur’s configuration (U0ADMIN) can change deadlines and documents.');
    expect(h.fake.downloads.length).toBe(before);
  });

  it('a file over 10 MiB or in a format it does not read is refused before download, with what it reads', async () => {
    const before = h.fake.downloads.length;
    await share(ADMIN, [h.fake.shareFile('huge.pdf', new Uint8Array(10), 'application/pdf', 12 * 1024 * 1024), h.fake.shareFile('photo.png', new Uint8Array(10), 'image/png')], 'Ev0FILE3', 'D0ADMIN2');
    const posts = await h.fake.waitFor(() => postsTo('D0ADMIN2').length >= 2 && postsTo('D0ADMIN2'));
    expect(posts.map((p) => shown(p.args))).toEqual([
      'huge.pdf is 12.0 MiB; Rapporteur reads documents of up to 10 MiB.',
      'photo.png is not a format Rapporteur reads: share a PDF, a Word .docx, or a text or Markdown file.',
    ]);
    expect(h.fake.downloads.length).toBe(before);
  });
});
