import type { webApi } from '@slack/bolt';
import type { Reply } from '../../src/core/reply.js';
import { DeliveryError, type SendOptions, type Sender, type Sent } from '../../src/delivery.js';
import type { Destination } from '../../src/domain/conversations.js';
import { findOutboxParts, postMessage } from './deliver.js';
import { toDeliveryError } from './errors.js';
import { slackTraits } from './traits.js';

/** The Web API client that posts into a conversation's workspace: the one bot token, or the workspace's installation. */
export type ClientFor = (destination: Destination) => Promise<webApi.WebClient>;

/**
 * How jobs post into Slack unprompted (reminders, digests): chat.postMessage with the outbox
 * id in each message's metadata, failures as DeliveryError. A message an earlier attempt may
 * have posted is looked for first (conversations.history, with the same workspace's client),
 * and only its missing parts are posted.
 */
export function slackSender(clients: webApi.WebClient | ClientFor): Sender {
  // One workspace has one client; a distributed app has one per workspace.
  const clientFor: ClientFor = typeof clients === 'function' ? clients : async () => clients;
  return {
    traits: slackTraits,
    findsOwnMessages: true,
    async send(destination: Destination, reply: Reply, options: SendOptions = {}): Promise<Sent> {
      const client = await clientFor(destination);
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

/** A workspace with no installation (never installed, uninstalled, its bot token revoked) gets nothing: permanently, until it installs again. */
export function notInstalled(destination: Destination): DeliveryError {
  const where = destination.workspace ? `Slack workspace ${destination.workspace}` : 'a Slack conversation that names no workspace';
  return new DeliveryError(`Rapporteur is not installed in ${where} (uninstalled, or its token revoked)`, true);
}
