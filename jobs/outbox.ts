import { DelayedError, type Job } from 'bullmq';
import type { ChainableCommander, Redis } from 'ioredis';
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
 * with capped backoff for as long as the store owes it, honouring a platform's Retry-After,
 * and giving up only on permanent failures, which it reports to whoever set up the
 * conversation's subscriptions.
 *
 * Exactly once, under crashes: a message is marked "sending" in the store just before the one
 * platform call and "sent" with the platform's id just after it, so a crash leaves only the
 * calls in flight uncertain. An uncertain message is resolved before it is sent again: a
 * sender that can find its own messages (Slack, by the outbox id in the metadata) posts only
 * what is not there; one that cannot (Teams) posts again, a rare double rather than a loss.
 */

export interface OutboxOptions {
  store: Store;
  redis: Redis;
  prefix: string;
  senders: ReadonlyMap<Platform, Sender>;
  /** Least time between two messages to one conversation, instead of each sender's own pace. */
  paceMs: Readonly<Partial<Record<Platform, number>>>;
  /** How long one attempt holds a message against others: longer than a platform call can take. */
  lockMs: number;
  logger: Logger;
  /** Stores and queues a message (used to report a failure to admins). */
  enqueue(key: string, destination: Destination, content: Reply): Promise<void>;
}

export type OutboxResult = 'sent' | 'already-sent' | 'failed' | 'busy';

/**
 * What one attempt came to: done; to be tried again at a time (pacing, Retry-After); or failed
 * for now, after `attempts` failed attempts in all (the backoff grows with them).
 */
export type Attempt = { done: OutboxResult } | { retryAt: number } | { error: Error; attempts: number };

/**
 * One delivery attempt of a stored message, with no queue job around it: the outbox worker
 * runs it for queued messages, and jobs run it at once for new ones, queueing only those
 * that must wait or be retried (one queue round trip less for the usual case).
 */
export function createDeliveryAttempt(o: OutboxOptions) {
  const sentKey = (id: number) => `${o.prefix}:sent:${id}`;
  const lockKey = (id: number) => `${o.prefix}:sending:${id}`;
  // A burst's marks go to the store together: one statement or transaction per turn of the event loop;
  // and its Redis commands to Redis together, one pipeline per turn.
  const markSending = coalesce<number, void>((ids) => o.store.conversations.markSending(ids));
  const markSent = coalesce<{ id: number; messageId: string | null }, void>((sent) => o.store.conversations.markSentMany(sent));
  const batched = coalesce<Commands, unknown[] | Error>((each) => inOnePipeline(o.redis, each));
  const pipelined = async (commands: Commands) => {
    const replies = await batched(commands);
    if (replies instanceof Error) throw replies;
    return replies;
  };

  return async function attempt(id: number, known?: OutboxMessage): Promise<Attempt> {
    const stored = known ?? (await o.store.conversations.outboxMessage(id));
    if (!stored || stored.status === 'sent') return { done: 'already-sent' };
    if (stored.status === 'failed') return { done: 'failed' };
    const message = await underParent(o, stored);
    if (!('key' in message)) return message;
    const { platform } = message.destination;
    const pace = o.paceMs[platform] ?? o.senders.get(platform)?.traits.paceMs ?? 0;
    // Each conversation at its pace: the same channel id in two workspaces is two conversations.
    const paceKey = `${o.prefix}:pace:${channelHash(conversationOf(message.destination))}`;
    // One round trip: hold the message (one sender at a time, whichever way it came), see
    // whether it was sent already, and take the conversation's turn.
    const [locked, sentBefore, paced, left] = await pipelined((p) => {
      p.set(lockKey(id), '1', 'PX', o.lockMs, 'NX').get(sentKey(id));
      if (pace > 0) p.set(paceKey, '1', 'PX', pace, 'NX').pttl(paceKey);
    });
    if (locked === null) return { done: 'busy' };
    let result: Attempt | null = null;
    try {
      // A success recorded in Redis but not in the store (the store write failed) is not sent again.
      if (sentBefore !== null) {
        await o.store.conversations.markSent(message.id, (sentBefore as string) || null);
        return { done: 'already-sent' };
      }
      if (pace > 0 && paced === null) return { retryAt: Date.now() + Math.max(Number(left ?? 1), 1) };
      // Read again under the lock when it came from a queued job: another attempt may have finished it.
      const current = known ? message : await o.store.conversations.outboxMessage(id);
      if (!current || current.status === 'sent') return { done: 'already-sent' };
      if (current.status === 'failed') return { done: 'failed' };
      // A thread reply keeps the parent's thread found above.
      result = await send(current === message ? current : { ...current, destination: message.destination });
      return result;
    } finally {
      // A message sent has let go of its lock with the same round trip that recorded it.
      if (!(result && 'done' in result && result.done === 'sent')) await o.redis.del(lockKey(id));
    }
  };

  async function send(message: OutboxMessage): Promise<Attempt> {
    const { platform, channelId } = message.destination;
    const sender = o.senders.get(platform);
    if (!sender) {
      await o.store.conversations.markAttempt(message.id, `no ${platform} door is configured in this process`, 'failed');
      o.logger.error({ outbox: message.id, platform }, 'no sender for platform');
      return { done: 'failed' };
    }
    const content = checkedReply(message.payload);
    if (!content.success) {
      // Nothing a retry could mend: the row was written by another version or damaged.
      await o.store.conversations.markAttempt(message.id, `the stored message is not a Reply: ${content.error.issues[0]?.message ?? 'invalid'}`, 'failed');
      o.logger.error({ outbox: message.id, platform }, 'stored outbox message is not a Reply');
      return { done: 'failed' };
    }
    // "sending" already: an earlier attempt was cut off mid-call, or its answer was unclear.
    const uncertain = message.status === 'sending';
    if (uncertain) o.logger.info({ outbox: message.id, platform, lookUp: Boolean(sender.findsOwnMessages) }, 'resolving a message that may have been posted');
    await markSending(message.id);
    try {
      const sent = await sender.send(message.destination, content.data, { outboxId: message.id, uncertain });
      // Redis first: should the store write fail, the next attempt finds it sent there.
      await pipelined((p) => p.set(sentKey(message.id), sent.messageId ?? '', 'EX', 7 * 24 * 3600).del(lockKey(message.id)));
      await markSent({ id: message.id, messageId: sent.messageId });
      return { done: 'sent' };
    } catch (error) {
      const failure = error instanceof DeliveryError ? error : null;
      // Once it may have been posted it stays uncertain until a look-up or a post settles it.
      const outcome = failure?.permanent ? 'failed' : uncertain || failure?.uncertain || !failure ? 'uncertain' : 'retry';
      await o.store.conversations.markAttempt(message.id, (error as Error).message, outcome);
      if (failure && failure.retryAfterMs !== null && !failure.permanent) return { retryAt: Date.now() + failure.retryAfterMs };
      if (outcome !== 'failed') return { error: error as Error, attempts: message.attempts + 1 };
      o.logger.error({ outbox: message.id, platform, channelId, err: error }, 'message cannot be delivered');
      if (!message.key.startsWith('failure:')) await reportFailure(o, message.key, message.destination, (error as Error).message);
      return { done: 'failed' };
    }
  }
}

/**
 * A reply in another message's thread (a digest's details under its counts) goes out once that
 * message is posted, under the platform's id for it; if that message can never be posted, neither can the reply.
 */
async function underParent(o: OutboxOptions, message: OutboxMessage): Promise<OutboxMessage | Attempt> {
  if (message.parentId === null) return message;
  const parent = await o.store.conversations.outboxMessage(message.parentId);
  if (!parent || parent.status === 'failed') {
    await o.store.conversations.markAttempt(message.id, 'the message it replies to could not be posted', 'failed');
    return { done: 'failed' };
  }
  if (parent.status !== 'sent') return { retryAt: Date.now() + 1000 };
  return parent.messageId ? { ...message, destination: { ...message.destination, threadId: parent.messageId } } : message;
}

/** Calls made in one turn of the event loop, run as one: each caller gets its own item's result of the batch it went in. */
function coalesce<T, R>(flush: (items: T[]) => Promise<R[] | void>): (item: T) => Promise<R> {
  let batch: Array<{ item: T; resolve: (result: R) => void; reject: (error: unknown) => void }> = [];
  return (item) =>
    new Promise<R>((resolve, reject) => {
      batch.push({ item, resolve, reject });
      if (batch.length > 1) return;
      setImmediate(() => {
        const taken = batch;
        batch = [];
        flush(taken.map((t) => t.item)).then(
          (results) => taken.forEach((t, i) => t.resolve(results?.[i] as R)),
          (error: unknown) => taken.forEach((t) => t.reject(error)),
        );
      });
    });
}

/** Stored payloads checked as replies, once per payload object: a burst hands one object to every message. */
const checked = new WeakMap<object, ReturnType<typeof Reply.safeParse>>();
function checkedReply(payload: unknown): ReturnType<typeof Reply.safeParse> {
  if (typeof payload !== 'object' || payload === null) return Reply.safeParse(payload);
  let result = checked.get(payload);
  if (!result) checked.set(payload, (result = Reply.safeParse(payload)));
  return result;
}

/** Commands for one caller's share of a pipeline. */
type Commands = (pipeline: ChainableCommander) => unknown;

/** Several callers' commands in one pipeline (one round trip): each gets its own replies, or its first error. */
async function inOnePipeline(redis: Redis, each: readonly Commands[]): Promise<Array<unknown[] | Error>> {
  const pipeline = redis.pipeline();
  const counts = each.map((commands) => {
    const before = pipeline.length;
    commands(pipeline);
    return pipeline.length - before;
  });
  const replies = (await pipeline.exec()) ?? [];
  let at = 0;
  return counts.map((count) => {
    const mine = replies.slice(at, (at += count));
    const failed = mine.find(([error]) => error);
    return failed ? failed[0]! : mine.map(([, value]) => value);
  });
}

/** Capped exponential backoff with jitter: the n-th retry (1-based) of a message. */
export function retryDelay(attempts: number, baseMs: number, capMs: number, random = Math.random): number {
  const raw = Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(raw * (0.5 + random() / 2));
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

/**
 * The outbox worker: a queued message's attempt, waiting (not counted) as the platform or the
 * pacing says, or queued again under its next attempt's id after a failure, so that a message
 * the store still owes is never stuck behind a failed job that keeps its id.
 */
export function createOutboxProcessor(attempt: ReturnType<typeof createDeliveryAttempt>, retry: (id: number, attempts: number) => Promise<void>) {
  return async function processOutbox(job: Job<{ id: number }>, token?: string): Promise<OutboxResult | 'retrying'> {
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
    await retry(job.data.id, result.attempts);
    return 'retrying';
  };
}
