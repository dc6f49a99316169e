import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANA, BOT, eventCallback, slashCommand, startFakeSlack, type FakeSlack } from './support/fakeSlack.js';
import { openSlackDoor, type SlackDoorHarness } from './support/fakeSlackDoor.js';
import { startFakeSlackSocket, type FakeSlackSocket } from './support/fakeSlackSocket.js';

/**
 * Socket Mode, for organisations behind a firewall: the door dials out (apps.connections.open
 * on the fake Web API, then a WebSocket to the fake socket server) and nothing listens for Slack.
 */

let fake: FakeSlack;
let socket: FakeSlackSocket;
let h: SlackDoorHarness;

beforeAll(async () => {
  fake = await startFakeSlack();
  socket = await startFakeSlackSocket();
  fake.socketUrl = socket.url;
  h = await openSlackDoor({ SLACK_APP_TOKEN: 'xapp-1-test-app-token' }, fake);
});
afterAll(async () => {
  await h?.close();
  await socket?.close();
  await fake?.close();
});

const acksOf = (envelopeId: string) => socket.received.filter((m) => m.envelope_id === envelopeId);

describe('Socket Mode', () => {
  it('connects with the app token and reports it', async () => {
    expect(fake.callsTo('apps.connections.open').map((c) => c.token)).toEqual(['xapp-1-test-app-token']);
    expect(socket.connections).toBe(1);
    expect(await h.door.health()).toEqual({ ok: true, mode: 'socket', auth: 'ok', connected: true });
  });

  it('acks a slash command envelope at once and answers "status of para 36 Azerbaijan" through response_url', async () => {
    const url = fake.responseUrl();
    const started = Date.now();
    socket.send({ envelope_id: 'env-status', type: 'slash_commands', payload: slashCommand('status of para 36 Azerbaijan', { responseUrl: url }).payload, accepts_response_payload: true });
    const [ack] = await fake.waitFor(() => acksOf('env-status').length > 0 && acksOf('env-status'));
    expect(ack).toEqual({ envelope_id: 'env-status', payload: {} });
    expect(Date.now() - started).toBeLessThan(1000);
    const [answer] = await fake.waitFor(() => fake.responsesTo(url).length > 0 && fake.responsesTo(url));
    expect(answer!.body.response_type).toBe('ephemeral');
    const text = JSON.stringify(answer!.body.blocks);
    expect(text).toContain('> [C] 36 (a): not implemented.');
    expect(text).toContain('> [C] 36 (b)–(e): not implemented.');
  });

  it('a redelivered envelope is acked again and answered once; a mention is answered in its thread', async () => {
    const mention = eventCallback({ type: 'app_mention', user: ANA.id, text: `<@${BOT.userId}> status of para 36 Azerbaijan`, ts: '1764400600.000100', channel: 'C0SOCKET' }, 'Ev0SOCKET');
    const envelope = { envelope_id: 'env-mention', type: 'events_api', payload: mention.payload, accepts_response_payload: false, retry_attempt: 0, retry_reason: '' };
    socket.send(envelope);
    socket.send({ ...envelope, retry_attempt: 1, retry_reason: 'timeout' });
    await fake.waitFor(() => acksOf('env-mention').length === 2);
    const posts = () => fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0SOCKET');
    const [post] = await fake.waitFor(() => posts().length > 0 && posts());
    expect(post!.args.thread_ts).toBe('1764400600.000100');
    expect(JSON.stringify(post!.args.blocks)).toContain('[C] 36 (a): not implemented.');
    // A later command is answered after the redelivery would have been.
    const url = fake.responseUrl();
    socket.send({ envelope_id: 'env-after', type: 'slash_commands', payload: slashCommand('help', { responseUrl: url }).payload, accepts_response_payload: true });
    await fake.waitFor(() => fake.responsesTo(url).length > 0);
    expect(posts()).toHaveLength(1);
  });

  it('disconnects when the door stops', async () => {
    await h.door.stop();
    await fake.waitFor(() => socket.connections === 0);
  });
});
