import type { webApi } from '@slack/bolt';
import type { Reply } from '../../src/core/reply.js';
import type { SendOptions, Sender, Sent } from '../../src/delivery.js';
import type { Destination } from '../../src/domain/conversations.js';
import { findOutboxParts, postMessage } from './deliver.js';
import { toDeliveryError } from './errors.js';
import { slackTraits } from './traits.js';

/**
 * How jobs post into Slack unprompted (reminders, digests): chat.postMessage with the outbox
 * id in each message's metadata, failures as DeliveryError. A message an earlier attempt may
 * have posted is looked for first (conversations.history), and only its missing parts are posted.
 */
export function slackSender(client: webApi.WebClient): Sender {
  return {
    traits: slackTraits,
    findsOwnMessages: true,
    async send(destination: Destination, reply: Reply, options: SendOptions = {}): Promise<Sent> {
      const where = { channel: destination.channelId, ...(destination.threadId ? { threadTs: destination.threadId } : {}) };
      try {
        const { outboxId, uncertain } = options;
        const posted = outboxId !== undefined && uncertain ? await findOutboxParts(client, where, outboxId) : undefined;
        const messageId = await postMessage(client, where, reply, {}, outboxId !== undefined ? { id: outboxId, ...(posted ? { posted } : {}) } : undefined);
        return { messageId };
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
  };
}
