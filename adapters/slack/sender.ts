import type { webApi } from '@slack/bolt';
import type { Reply } from '../../src/core/reply.js';
import type { Sender, Sent } from '../../src/delivery.js';
import type { Destination } from '../../src/domain/conversations.js';
import { postMessage } from './deliver.js';
import { toDeliveryError } from './errors.js';
import { slackTraits } from './traits.js';

/** How jobs post into Slack unprompted (reminders, digests): chat.postMessage, failures as DeliveryError. */
export function slackSender(client: webApi.WebClient): Sender {
  return {
    traits: slackTraits,
    async send(destination: Destination, reply: Reply): Promise<Sent> {
      try {
        const messageId = await postMessage(client, { channel: destination.channelId, ...(destination.threadId ? { threadTs: destination.threadId } : {}) }, reply);
        return { messageId };
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
  };
}
