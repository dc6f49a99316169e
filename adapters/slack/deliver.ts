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

/** Posts as the bot (chat.postMessage); the id of the first message posted. */
export async function postMessage(client: webApi.WebClient, where: { channel: string; threadTs?: string }, reply: Reply, options: RenderOptions = {}): Promise<string | null> {
  let first: string | null = null;
  for (const message of renderMessages(reply, { remindIn: where.channel, ...options })) {
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
