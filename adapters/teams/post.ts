import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Reply } from '../../src/core/reply.js';
import { DeliveryError, type Sent } from '../../src/delivery.js';
import { renderReply } from './adaptiveCard.js';

/** Posts a reply in the turn it answers: one message per card, in order; the id of the first. */
export async function sendReply(context: TurnContext, reply: Reply): Promise<Sent> {
  let messageId: string | null = null;
  for (const activity of renderReply(reply)) {
    const sent = await context.sendActivity(activity);
    messageId ??= sent?.id ?? null;
  }
  return { messageId };
}

/**
 * Posts a reply unprompted into a conversation the bot has been in, from its stored reference:
 * as a reply to the reference's activity when it names one, otherwise as a new message.
 * (botbuilder would reply to the random id it gives its continuation event.) The adapter hands
 * errors inside the callback to its onTurnError, which would hide them from the caller: they
 * are caught there and thrown here.
 */
export async function postToConversation(adapter: CloudAdapter, appId: string, reference: Partial<ConversationReference>, reply: Reply): Promise<Sent> {
  let failure: unknown = null;
  let sent: Sent = { messageId: null };
  try {
    await adapter.continueConversationAsync(appId, reference, async (context) => {
      context.onSendActivities(async (_context, activities, next) => {
        for (const activity of activities) {
          if (reference.activityId) activity.replyToId = reference.activityId;
          else delete activity.replyToId;
        }
        return next();
      });
      try {
        sent = await sendReply(context, reply);
      } catch (error) {
        failure = error;
      }
    });
  } catch (error) {
    failure = error;
  }
  if (failure !== null) throw deliveryError(failure);
  return sent;
}

interface HttpFailure {
  statusCode?: number;
  response?: { headers?: { get?(name: string): string | undefined } };
}

/** The wait a 429 asks for: Retry-After in seconds or as a date, or the Azure SDK's millisecond headers. */
export function retryAfterMs(error: unknown, now = Date.now()): number | null {
  const headers = (error as HttpFailure).response?.headers;
  const header = (name: string) => headers?.get?.(name)?.trim() || undefined;
  const seconds = header('retry-after');
  if (seconds !== undefined) {
    const n = Number(seconds);
    if (Number.isFinite(n)) return Math.max(0, Math.round(n * 1000));
    const date = Date.parse(seconds);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const ms = Number(header('retry-after-ms') ?? header('x-ms-retry-after-ms'));
  return Number.isFinite(ms) ? ms : null;
}

/** A failed post as the outbox understands it: what waiting can fix, and what it cannot. */
export function deliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const status = (error as HttpFailure).statusCode;
  const cause = { cause: error };
  switch (status) {
    case 429:
      return new DeliveryError('Teams asked Rapporteur to post more slowly (HTTP 429)', false, retryAfterMs(error), cause);
    case 403:
      return new DeliveryError('Teams refused the post (HTTP 403): the bot was removed from the conversation, or blocked there', true, null, cause);
    case 404:
      return new DeliveryError('Teams no longer knows the conversation (HTTP 404): it was deleted, or the bot was uninstalled', true, null, cause);
    default:
      return new DeliveryError(`posting to Teams failed${status ? ` (HTTP ${status})` : ''}: ${(error as Error).message}`, false, null, cause);
  }
}
