import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Reply } from '../../src/core/reply.js';
import { DeliveryError, type Sender, type Sent } from '../../src/delivery.js';
import type { Destination } from '../../src/domain/conversations.js';
import type { Store } from '../../src/store/store.js';
import { postToConversation } from './post.js';
import { teamsTraits } from './traits.js';

/**
 * Where a proactive post goes: the stored conversation as a new message (not a reply to the
 * last message the bot saw), or, when the destination names a message, as a reply to that
 * activity in its thread.
 */
export function referenceFor(stored: Partial<ConversationReference>, threadId?: string): Partial<ConversationReference> {
  const { activityId: _lastSeen, ...reference } = stored;
  if (!threadId || !reference.conversation) return reference;
  const channel = reference.conversation.id.split(';messageid=')[0];
  return { ...reference, activityId: threadId, conversation: { ...reference.conversation, id: `${channel};messageid=${threadId}` } };
}

/** How jobs post reminders and digests into Teams: through the conversation reference saved when someone last wrote there. */
export function teamsSender(adapter: CloudAdapter, appId: string, store: Store): Sender {
  return {
    traits: teamsTraits,
    async send(destination: Destination, reply: Reply): Promise<Sent> {
      const stored = await store.conversation('teams', destination.channelId);
      if (!stored) {
        throw new DeliveryError(
          `Rapporteur cannot post in Teams conversation ${destination.channelId}: the bot must be messaged or installed there first (Teams lets a bot post only where it has a conversation reference)`,
          true,
        );
      }
      return postToConversation(adapter, appId, referenceFor(stored.reference as Partial<ConversationReference>, destination.threadId), reply);
    },
  };
}
