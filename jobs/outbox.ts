import { DelayedError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { deliveryFailureNotice } from '../src/core/notices.js';
import { Reply } from '../src/core/reply.js';
import { conversationOf, type Destination, type Platform } from '../src/domain/conversations.js';
import { DeliveryError, type Sender } from '../src/delivery.js';
import type { OutboxMessage } from '../src/store/conversations.js';
import type { Store } from '../src/store/store.js';
import { channelHash } from './names.js';

/**
 * The outbox worker: sends each stored message once, paced per conversation, retried
 * with backoff, honouring a platform's Retry-After, and giving up at once on permanent
 * failures, which it reports to whoever set up the conversation's subscriptions.
 */

export interface OutboxOptions {
  store: Store;
  redis: Redis;
  prefix: string;
  senders: ReadonlyMap<Platform, Sender>;
  /** Least time between two messages to one conversation, instead of each sender's own pace. */
  paceMs: Readonly<Partial<Record<Platform, number>>>;
  logger: Logger;
  /** Stores and queues a message (used to report a failure to admins). */
  enqueue(key: string, destination: Destination, content: Reply): Promise<void>;
}

export type OutboxResult = 'sent' | 'already-sent' | 'failed' | 'busy';

/** What one attempt came to: done, or to be tried again at a time (pacing, Retry-After), or failed for now. */
export type Attempt = { done: OutboxResult } | { retryAt: number } | { error: Error };

/**
 * One delivery attempt of a stored message, with no queue job around it: the outbox worker
 * runs it for queued messages, and jobs run it at once for new ones, queueing only those
 * that must wait or be retried (one queue round trip less for the usual case).
 */
export function createDeliveryAttempt(o: OutboxOptions) {
  const sentKey = (id: number) => `${o.prefix}:sent:${id}`;
  const lockKey = (id: number) => `${o.prefix}:sending:${id}`;

  return async function attempt(id: number, known?: OutboxMessage): Promise<Attempt> {
    const message = known ?? (await o.store.conversations.outboxMessage(id));
    if (!message || message.status === 'sent') return { done: 'already-sent' };
    if (message.status === 'failed') return { done: 'failed' };
    const { platform, channelId } = message.destination;
    const pace = o.paceMs[platform] ?? o.senders.get(platform)?.traits.paceMs ?? 0;
    const paceKey = `${o.prefix}:pace:${channelHash({ platform, channelId })}`;
    // One round trip: hold the message (one sender at a time, whichever way it came), see
    // whether it was sent already, and take the conversation's turn.
    const checks = o.redis.pipeline().set(lockKey(id), '1', 'PX', 60_000, 'NX').get(sentKey(id));
    if (pace > 0) checks.set(paceKey, '1', 'PX', pace, 'NX').pttl(paceKey);
    const replies = ((await checks.exec()) ?? []).map(([error, value]) => {
      if (error) throw error;
      return value;
    });
    const [locked, sentBefore, paced, left] = replies;
    if (locked === null) return { done: 'busy' };
    try {
      // A success recorded in Redis but not in the store (the store write failed) is not sent again.
      if (sentBefore !== null) {
        await o.store.conversations.markSent(message.id, (sentBefore as string) || null);
        return { done: 'already-sent' };
      }
      if (pace > 0 && paced === null) return { retryAt: Date.now() + Math.max(Number(left ?? 1), 1) };
      return await send(message);
    } finally {
      await o.redis.del(lockKey(id));
    }
  };

  async function send(message: OutboxMessage): Promise<Attempt> {
    const { platform, channelId } = message.destination;
    const sender = o.senders.get(platform);
    if (!sender) {
      await o.store.conversations.markAttempt(message.id, `no ${platform} door is configured in this process`, true);
      o.logger.error({ outbox: message.id, platform }, 'no sender for platform');
      return { done: 'failed' };
    }
    const content = Reply.safeParse(message.payload);
    if (!content.success) {
      // Nothing a retry could mend: the row was written by another version or damaged.
      await o.store.conversations.markAttempt(message.id, `the stored message is not a Reply: ${content.error.issues[0]?.message ?? 'invalid'}`, true);
      o.logger.error({ outbox: message.id, platform }, 'stored outbox message is not a Reply');
      return { done: 'failed' };
    }
    try {
      const sent = await sender.send(message.destination, content.data);
      await o.redis.set(sentKey(message.id), sent.messageId ?? '', 'EX', 7 * 24 * 3600);
      await o.store.conversations.markSent(message.id, sent.messageId);
      return { done: 'sent' };
    } catch (error) {
      if (error instanceof DeliveryError && error.retryAfterMs !== null) {
        // The platform asked us to wait: not a failed attempt.
        await o.store.conversations.markAttempt(message.id, error.message, false);
        return { retryAt: Date.now() + error.retryAfterMs };
      }
      const permanent = error instanceof DeliveryError && error.permanent;
      await o.store.conversations.markAttempt(message.id, (error as Error).message, permanent);
      if (!permanent) return { error: error as Error };
      o.logger.error({ outbox: message.id, platform, channelId, err: error }, 'message cannot be delivered');
      if (!message.key.startsWith('failure:')) await reportFailure(o, message.key, message.destination, (error as Error).message);
      return { done: 'failed' };
    }
  }
}

/** The outbox worker: a queued message's attempt, waiting (not counted) or retried with backoff as it says. */
export function createOutboxProcessor(attempt: ReturnType<typeof createDeliveryAttempt>) {
  return async function processOutbox(job: Job<{ id: number }>, token?: string): Promise<OutboxResult> {
    const result = await attempt(job.data.id);
    if ('done' in result) {
      // Another attempt holds the message: look again shortly rather than drop it.
      if (result.done === 'busy') {
        await job.moveToDelayed(Date.now() + 1000, token);
        throw new DelayedError();
      }
      return result.done;
    }
    if ('retryAt' in result) {
      await job.moveToDelayed(result.retryAt, token);
      throw new DelayedError();
    }
    throw result.error;
  };
}

/** Tells whoever set up the conversation's subscriptions that messages there cannot be delivered. */
async function reportFailure(o: OutboxOptions, key: string, destination: Destination, why: string): Promise<void> {
  const { platform, channelId } = destination;
  const subs = await o.store.conversations.subscriptions(conversationOf(destination));
  const admins = [...new Set(subs.map((s) => s.createdBy))];
  // The report goes to each admin in person, where the platform lets a person's id be a conversation.
  if (!o.senders.get(platform)?.traits.capabilities.directMessageByUserId) return;
  for (const admin of admins) await o.enqueue(`failure:${key}:${admin}`, { ...conversationOf(destination), channelId: admin }, deliveryFailureNotice(channelId, why));
}
