import type { RespondFn, webApi } from '@slack/bolt';
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

/** Answers through a command's or a button's response_url: ephemeral, or in the channel for all. */
export async function respondWith(respond: RespondFn, reply: Reply, how: { visibility: 'ephemeral' | 'in_channel' } & RenderOptions): Promise<void> {
  const { visibility, ...options } = how;
  for (const message of withinResponseLimit(renderMessages(reply, options))) {
    await respond({ response_type: visibility, replace_original: false, blocks: message.blocks, text: message.text });
  }
}

/** Posts as the bot (chat.postMessage); the id of the first message posted. */
export async function postReply(client: webApi.WebClient, where: { channel: string; threadTs?: string }, reply: Reply, options: RenderOptions = {}): Promise<string | null> {
  let first: string | null = null;
  for (const message of renderMessages(reply, options)) {
    const posted = await client.chat.postMessage({
      channel: where.channel,
      ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
      blocks: message.blocks,
      text: message.text,
      unfurl_links: false,
      unfurl_media: false,
    });
    first ??= posted.ts ?? null;
  }
  return first;
}
