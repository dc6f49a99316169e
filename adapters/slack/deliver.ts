import { RespondError, type RespondFn, type webApi } from '@slack/bolt';
import type { Reply } from '../../src/core/reply.js';
import { renderMessages, type RenderOptions, type SlackMessage } from './blockKit.js';

/** Slack takes at most five messages through one response_url. */
const MESSAGES_PER_RESPONSE_URL = 5;

function withinResponseLimit(messages: SlackMessage[]): SlackMessage[] {
  if (messages.length <= MESSAGES_PER_RESPONSE_URL) return messages;
  const kept = messages.slice(0, MESSAGES_PER_RESPONSE_URL - 1);
  const left = messages.length - kept.length;
  const text = `This answer goes on for ${left} more messages, more than Slack lets me send in reply. Ask about one paragraph, meeting or country at a time to see the rest.`;
  return [...kept, { blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text }] }], text }];
}

async function respondPrivately(respond: RespondFn, reply: Reply, options: RenderOptions): Promise<void> {
  for (const message of withinResponseLimit(renderMessages(reply, options))) {
    await respond({ response_type: 'ephemeral', replace_original: false, blocks: message.blocks, text: message.text });
  }
}

/** The metadata event type of messages posted from the outbox; its payload names the row and the part. */
export const OUTBOX_EVENT = 'rapporteur_outbox';

/** Which message of an outbox row this is, for finding it again. */
export interface OutboxPart {
  /** The outbox row's id. */
  id: number;
  /** Parts already posted (by index), with their ts: not posted again. */
  posted?: ReadonlyMap<number, string>;
}

/** Renderings of a reply the outbox posts to many conversations (a reminder burst): one per reply, and per conversation only for a form's button. */
const rendered = new WeakMap<Reply, Map<string, SlackMessage[]>>();

function renderFor(reply: Reply, channel: string, options: RenderOptions): SlackMessage[] {
  if (Object.keys(options).length > 0) return renderMessages(reply, { remindIn: channel, ...options });
  let byChannel = rendered.get(reply);
  if (!byChannel) rendered.set(reply, (byChannel = new Map()));
  const key = reply.form ? channel : '';
  let messages = byChannel.get(key);
  if (!messages) byChannel.set(key, (messages = renderMessages(reply, { remindIn: channel })));
  return messages;
}

/** Posts as the bot (chat.postMessage); the id of the first message posted. */
export async function postMessage(client: webApi.WebClient, where: { channel: string; threadTs?: string }, reply: Reply, options: RenderOptions = {}, outbox?: OutboxPart): Promise<string | null> {
  let first: string | null = outbox?.posted?.get(0) ?? null;
  for (const [part, message] of renderFor(reply, where.channel, options).entries()) {
    if (outbox?.posted?.has(part)) continue;
    const posted = await client.chat.postMessage({
      channel: where.channel,
      ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
      blocks: message.blocks,
      text: message.text,
      unfurl_links: false,
      unfurl_media: false,
      ...(outbox ? { metadata: { event_type: OUTBOX_EVENT, event_payload: { outbox_id: outbox.id, part } } } : {}),
    });
    first ??= posted.ts ?? null;
  }
  return first;
}

/**
 * How many pages of history a look-up reads at most: the conversation's recent messages, not
 * all of it (an uncertain message is minutes old; Slack's clock is not ours, so no `oldest`).
 */
const HISTORY_PAGES = 3;

/** The parts of an outbox row already in the conversation, found by the metadata each carries. */
export async function findOutboxParts(client: webApi.WebClient, where: { channel: string; threadTs?: string }, outboxId: number): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  let cursor: string | undefined;
  for (let page = 0; page < HISTORY_PAGES; page++) {
    const args = { channel: where.channel, limit: 200, include_all_metadata: true, ...(cursor ? { cursor } : {}) };
    const result = where.threadTs ? await client.conversations.replies({ ...args, ts: where.threadTs }) : await client.conversations.history(args);
    for (const m of result.messages ?? []) {
      const meta = (m as { metadata?: { event_type?: string; event_payload?: { outbox_id?: unknown; part?: unknown } } }).metadata;
      if (meta?.event_type !== OUTBOX_EVENT || Number(meta.event_payload?.outbox_id) !== outboxId || !m.ts) continue;
      found.set(Number(meta.event_payload?.part ?? 0), m.ts);
    }
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!result.has_more || !cursor) break;
  }
  return found;
}

/**
 * Answers one person privately: through response_url when there is one, otherwise (a button
 * in the App Home) or once it has expired (30 minutes, five uses), in their direct message with the bot.
 */
export async function answerPrivately(client: webApi.WebClient, respond: RespondFn | null, userId: string, reply: Reply, share?: string): Promise<void> {
  if (respond) {
    try {
      await respondPrivately(respond, reply, share ? { share } : {});
      return;
    } catch (error) {
      if (!(error instanceof RespondError)) throw error;
    }
  }
  await postMessage(client, { channel: userId }, reply);
}
