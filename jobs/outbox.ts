import { DelayedError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { reply } from '../src/core/reply.js';
import type { Platform } from '../src/core/request.js';
import { DeliveryError, type Sender } from '../src/delivery.js';
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
  /** Least time between two messages to one conversation, per platform (Slack: about one a second). */
  paceMs: Readonly<Record<Platform, number>>;
  logger: Logger;
  /** Queues a message (used to report a failure to admins). */
  enqueue(key: string, platform: Platform, channelId: string, text: string): Promise<void>;
}

export type OutboxResult = 'sent' | 'already-sent' | 'failed';

export function createOutboxProcessor(o: OutboxOptions) {
  const sentKey = (id: number) => `${o.prefix}:sent:${id}`;

  return async function processOutbox(job: Job<{ id: number }>, token?: string): Promise<OutboxResult> {
    const message = await o.store.schedules.outboxMessage(job.data.id);
    if (!message || message.status === 'sent') return 'already-sent';
    if (message.status === 'failed') return 'failed';
    // A success recorded in Redis but not in the store (the store write failed) is not sent again.
    const sentBefore = await o.redis.get(sentKey(message.id));
    if (sentBefore !== null) {
      await o.store.schedules.markSent(message.id, sentBefore || null);
      return 'already-sent';
    }
    const { platform, channelId } = message.destination;
    const pace = o.paceMs[platform] ?? 0;
    if (pace > 0) {
      const key = `${o.prefix}:pace:${channelHash({ platform, channelId })}`;
      const free = await o.redis.set(key, '1', 'PX', pace, 'NX');
      if (free === null) {
        const wait = Math.max(await o.redis.pttl(key), 1);
        await job.moveToDelayed(Date.now() + wait, token);
        throw new DelayedError();
      }
    }
    const sender = o.senders.get(platform);
    if (!sender) {
      await o.store.schedules.markAttempt(message.id, `no ${platform} door is configured in this process`, true);
      o.logger.error({ outbox: message.id, platform }, 'no sender for platform');
      return 'failed';
    }
    try {
      const sent = await sender.send(message.destination, message.reply);
      await o.redis.set(sentKey(message.id), sent.messageId ?? '', 'EX', 7 * 24 * 3600);
      await o.store.schedules.markSent(message.id, sent.messageId);
      return 'sent';
    } catch (error) {
      if (error instanceof DeliveryError && error.retryAfterMs !== null) {
        // The platform asked us to wait: not a failed attempt.
        await o.store.schedules.markAttempt(message.id, error.message, false);
        await job.moveToDelayed(Date.now() + error.retryAfterMs, token);
        throw new DelayedError();
      }
      const permanent = error instanceof DeliveryError && error.permanent;
      await o.store.schedules.markAttempt(message.id, (error as Error).message, permanent);
      if (!permanent) throw error;
      o.logger.error({ outbox: message.id, platform, channelId, err: error }, 'message cannot be delivered');
      if (!message.key.startsWith('failure:')) await reportFailure(o, message.key, platform, channelId, (error as Error).message);
      return 'failed';
    }
  };
}

/** Tells whoever set up the conversation's subscriptions that messages there cannot be delivered. */
async function reportFailure(o: OutboxOptions, key: string, platform: Platform, channelId: string, why: string): Promise<void> {
  const subs = await o.store.schedules.subscriptions({ platform, channelId });
  const admins = [...new Set(subs.map((s) => s.createdBy))];
  for (const admin of admins) {
    if (platform !== 'slack') continue;
    const text = `Rapporteur cannot post in channel ${channelId}: ${why}. Reminders and digests there stop until this is fixed (for example by inviting the app back to the channel).`;
    await o.enqueue(`failure:${key}:${admin}`, platform, admin, text);
  }
}

export const failureReply = (text: string) => reply('error', [{ type: 'text', text }], 'DELIVERY_FAILED');
