import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDeliveryError } from '../adapters/slack/errors.js';
import { clientOptions } from '../adapters/slack/transport.js';
import { startFakeSlack, type FakeSlack } from './support/fakeSlack.js';

process.env.NO_PROXY = '127.0.0.1,localhost';

/** Slack's Web API client over Rapporteur's transport: what the outbox sees of each kind of answer. */
describe('the Slack transport', () => {
  let slack: FakeSlack;
  let client: webApi.WebClient;

  beforeAll(async () => {
    slack = await startFakeSlack();
    client = new webApi.WebClient('xoxb-transport', clientOptions(slack.apiUrl, { retries: 0 }, 2000));
  });
  afterAll(() => slack.close());

  it('posts a message with its blocks and metadata, and gives back its ts', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*CCPR/C/AZE/CO/5*, para. 36: due 1 March 2027' } }];
    const posted = await client.chat.postMessage({ channel: 'C0TRANSPORT', text: 'due 1 March 2027', blocks, metadata: { event_type: 'rapporteur_outbox', event_payload: { outbox_id: 7, part: 0 } } });
    expect(posted.ok).toBe(true);
    const [message] = slack.postedIn('C0TRANSPORT');
    expect(message?.ts).toBe(posted.ts);
    expect(message?.metadata).toEqual({ event_type: 'rapporteur_outbox', event_payload: { outbox_id: 7, part: 0 } });
    expect(slack.callsTo('chat.postMessage').at(-1)?.token).toBe('xoxb-transport');
    expect(slack.callsTo('chat.postMessage').at(-1)?.args.blocks).toEqual(blocks);
  });

  it('a refusal is Slack’s error code, permanent where it cannot mend', async () => {
    slack.failNext('chat.postMessage', { error: 'channel_not_found' });
    const error = await client.chat.postMessage({ channel: 'C0GONE', text: 'x' }).catch((e: unknown) => e);
    const failure = toDeliveryError(error);
    expect(failure.message).toContain('channel_not_found');
    expect(failure.permanent).toBe(true);
  });

  it('a 429 carries Slack’s Retry-After, read from the answer’s headers', async () => {
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const failure = toDeliveryError(await client.chat.postMessage({ channel: 'C0BUSY', text: 'x' }).catch((e: unknown) => e));
    expect(failure.retryAfterMs).toBe(7000);
    expect(failure.permanent).toBe(false);
  });

  it('a 500 after posting is uncertain: the next attempt looks for the message first', async () => {
    slack.failNext('chat.postMessage', { status: 500, afterPosting: true });
    const failure = toDeliveryError(await client.chat.postMessage({ channel: 'C0HALF', text: 'x' }).catch((e: unknown) => e));
    expect(failure.uncertain).toBe(true);
    expect(slack.postedIn('C0HALF')).toHaveLength(1);
  });

  describe('a Slack that takes the request and never answers', () => {
    let silent: Server;
    beforeAll(async () => {
      silent = createServer(() => undefined);
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    });
    afterAll(() => {
      silent.closeAllConnections();
      silent.close();
    });

    it('gives up at the client’s timeout, as uncertain (the post may have gone through)', async () => {
      const { port } = silent.address() as AddressInfo;
      const slow = new webApi.WebClient('xoxb-transport', clientOptions(`http://127.0.0.1:${port}/api/`, { retries: 0 }, 300));
      const started = Date.now();
      const failure = toDeliveryError(await slow.chat.postMessage({ channel: 'C0SLOW', text: 'x' }).catch((e: unknown) => e));
      expect(Date.now() - started).toBeLessThan(2000);
      expect(failure.uncertain).toBe(true);
    });
  });
});
